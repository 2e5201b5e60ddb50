"""The shipped action and directory of officials: their files, which tests read but never
rewrite, and the action's pages."""

import copy

import yaml

from campaign.config import PROJECT_DIR

ACTIONS_DIR = PROJECT_DIR / "actions"
ACTION_FILE = ACTIONS_DIR / "ua-2-19.yaml"
RECIPIENTS_FILE = PROJECT_DIR / "recipients.yaml"

ACTION_URL = "/actions/ua-2-19/"
LETTER_URL = ACTION_URL + "letter"
PREVIEW_URL = ACTION_URL + "preview"


def shipped_action() -> dict:
    """Return a fresh copy of the shipped action's data, to change for another action."""
    return copy.deepcopy(yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8")))
