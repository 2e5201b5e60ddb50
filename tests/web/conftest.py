"""Apps for the page tests that need more than the shipped action: other actions, a set clock."""

import copy
from datetime import UTC, datetime
from pathlib import Path

import yaml

from campaign import create_app
from tests.conftest import ACTION_FILE

# As the shared `app` fixture: CSRF and rate limits are switched on by the tests about them.
TEST_CONFIG = {
    "TESTING": True,
    "WTF_CSRF_ENABLED": False,
    "SECRET_KEY": "test",
    "RATELIMIT_ENABLED": False,
}

# 01:00 UTC on 22 November 2026 is still 21 November where the actions are run (Toronto,
# 20:00) and for a supporter in Halifax (21:00).
NOW = datetime(2026, 11, 22, 1, 0, tzinfo=UTC)
TODAY = "21 November 2026"


def frozen_app(now: datetime = NOW, **config):
    """Return a test app whose clock stands still at `now`."""
    return create_app({**TEST_CONFIG, "CLOCK": lambda: now, **config})


def shipped_action() -> dict:
    """Return a fresh copy of the shipped action's data, to change for another action."""
    return copy.deepcopy(yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8")))


def write_actions(folder: Path, actions: dict[str, dict]) -> Path:
    """Write an actions folder: each action's data in <slug>.yaml. Return the folder."""
    folder.mkdir(exist_ok=True)
    for slug, data in actions.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return folder
