"""Real-browser fixtures: the production server on 127.0.0.1 and Debian's Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from campaign.config import PROJECT_DIR
from scripts.live_server import live_server

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
SCREENSHOTS = PROJECT_DIR / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    log = tmp_path_factory.mktemp("server") / "server.log"
    env = {"CAMPAIGN_SECRET_KEY": "browser-tests", "CAMPAIGN_RATELIMIT_ENABLED": "false"}
    with live_server(log, **env) as base:
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
    """Return a function opening a page of the app in a fresh browser context."""
    contexts = []

    def open_(path="/", *, width=1280, height=900, scheme="light", javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,
            java_script_enabled=javascript,
            accept_downloads=True,
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
        contexts.append(context)
        page = context.new_page()
        page.goto(server_url + path)
        return page

    yield open_
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
