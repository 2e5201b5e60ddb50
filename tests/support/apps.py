"""Apps to test: the shipped content with test settings, and the same with a clock that stands
still."""

from datetime import UTC, datetime
from pathlib import Path

from flask import Flask

from campaign import create_app

# CSRF, rate limits and counts are switched on by the tests about them (counts into a
# temporary database: nothing is ever written under instance/).
TEST_CONFIG = {
    "TESTING": True,
    "WTF_CSRF_ENABLED": False,
    "SECRET_KEY": "test",
    "RATELIMIT_ENABLED": False,
    "COUNTS_ENABLED": False,
}

# 01:00 UTC on 22 November 2026 is still 21 November where the actions are run (Toronto,
# 20:00) and for a supporter in Halifax (21:00).
NOW = datetime(2026, 11, 22, 1, 0, tzinfo=UTC)
TODAY = "21 November 2026"


def make_app(**config) -> Flask:
    """Return an app with the test settings, some of them changed."""
    return create_app({**TEST_CONFIG, **config})


def frozen_app(now: datetime = NOW, **config) -> Flask:
    """Return a test app whose clock stands still at `now`."""
    return make_app(CLOCK=lambda: now, **config)


def counting_app(store: Path | str, **config) -> Flask:
    """Return an app whose rate limits count (3 letters a minute) in the given store.

    `store` is a storage URI (memory://, redis://…) or the path of a SQLite file of counters.
    """
    uri = store if isinstance(store, str) else f"sqlite://{store}"
    return create_app(
        {
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "WARM_UP": False,
            "LETTER_RATE_LIMIT": "3 per minute",
            "RATELIMIT_STORAGE_URI": uri,
            "COUNTS_ENABLED": False,
            **config,
        }
    )
