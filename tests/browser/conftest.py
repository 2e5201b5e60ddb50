"""Real-browser fixtures: the production server on 127.0.0.1 and Debian's Chromium."""

import shutil
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.support.browser import page_opener
from tests.support.files import write_actions
from tests.support.live_server import live_server
from tests.support.shipped import ACTION_FILE, shipped_action

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking switches Chromium keeps trying hosts this machine
# cannot reach; the sandbox needs privileges a test run does not have.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """Mark every test in this folder `browser` (a conftest's hook sees the whole session)."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def counts_database(tmp_path_factory) -> Path:
    """The SQLite file the server counts into: the session's own, never the instance's."""
    return tmp_path_factory.mktemp("counts") / "counts.sqlite3"


# Made once per session, that is once per xdist worker that runs a browser test.
@pytest.fixture(scope="session")
def server_url(tmp_path_factory, counts_database):
    """Serve the shipped action, and a closed copy of it for the pages of a past action."""
    folder = tmp_path_factory.mktemp("server")
    actions = folder / "actions"
    actions.mkdir()
    shutil.copy(ACTION_FILE, actions / ACTION_FILE.name)
    closed = shipped_action() | {
        "reference": "UA 1/19",
        "title": "An earlier action, now closed",
        "closed": {"date": date(2019, 6, 30), "note": "Thank you: this action has ended."},
    }
    write_actions(actions, {"closed-example": closed})
    env = {
        "CAMPAIGN_SECRET_KEY": "browser-tests",
        "CAMPAIGN_RATELIMIT_ENABLED": "false",
        "CAMPAIGN_ACTIONS_DIR": str(actions),
        "CAMPAIGN_COUNTS_ENABLED": "true",
        "CAMPAIGN_DATABASE_URL": f"sqlite:///{counts_database}",
    }
    with live_server(folder / "server.log", **env) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "make test installs Debian's chromium package"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, server_url):
    """Return a function opening a page (the shipped action's unless told) in a new context."""
    with page_opener(browser, server_url) as open_:
        yield open_
