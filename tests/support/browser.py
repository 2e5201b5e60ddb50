"""The real-browser tests' pages, each in a context of its own, and what they leave behind:
screenshots of every state they check."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from campaign.config import PROJECT_DIR
from tests.support.shipped import ACTION_URL

SCREENSHOTS = PROJECT_DIR / "artifacts" / "screenshots"


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@contextmanager
def page_opener(browser, base_url: str) -> Iterator:
    """Yield a function opening a page of the server at `base_url` (the shipped action's
    unless told) in a new browser context; every context is closed on leaving."""
    contexts = []

    def open_(
        path=ACTION_URL, *, width=1280, height=900, scheme="light", javascript=True, locale=None
    ):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,
            java_script_enabled=javascript,
            accept_downloads=True,
            locale=locale,
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
        contexts.append(context)
        page = context.new_page()
        page.goto(base_url + path)
        return page

    try:
        yield open_
    finally:
        for context in contexts:
            context.close()
