"""A letter-writing evening in a real browser: a room shares one address; its event link lifts
the limit, an expired link does not, and the refusal keeps every answer."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from campaign.web.events import event_link, sign_event
from tests.support.live_server import live_server
from tests.support.shipped import ACTION_URL

SECRET = "browser-event-tests"
SLUG = "ua-2-19"


@pytest.fixture(scope="module")
def limited_server(tmp_path_factory):
    """The production server with a room's worth of tiny limits: two letters a minute."""
    folder = tmp_path_factory.mktemp("event-server")
    env = {
        "CAMPAIGN_SECRET_KEY": SECRET,
        "CAMPAIGN_LETTER_RATE_LIMIT": "2 per minute",
        "CAMPAIGN_EVENT_RATE_LIMIT": "20 per minute",
        "CAMPAIGN_RATELIMIT_STORAGE_URI": f"sqlite://{folder / 'counters.sqlite3'}",
    }
    with live_server(folder / "server.log", **env) as base:
        yield base


@pytest.fixture
def visitor(browser):
    """A new browser context per test: one person's session cookie."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    yield context.new_page()
    context.close()


def _write_tweets(page, name):
    page.fill("#name", name)
    page.fill("#about", "I am writing at our group's evening.")
    page.check("input[name=points][value=investigate]")
    page.check("input[name=points][value=justice]")
    page.check("input[name=format][value=tweet]")
    page.locator("form.letter-form button[type=submit]").click()


def _link(base: str, expires: datetime) -> str:
    return event_link(base, SLUG, sign_event(SECRET, SLUG, expires))


def test_an_event_link_lets_a_room_write_past_the_usual_limit(limited_server, visitor):
    link = _link(limited_server, datetime.now(UTC) + timedelta(hours=4))
    visitor.goto(link)
    for number in range(4):
        visitor.goto(limited_server + ACTION_URL)  # the link is kept for the visit
        _write_tweets(visitor, f"Writer {number}")
        expect(visitor.locator("h1")).to_have_text("Your tweets")


def test_an_expired_link_is_ignored_and_the_refusal_keeps_the_answers(limited_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    link = _link(limited_server, datetime.now(UTC) - timedelta(minutes=5))
    page.goto(link)
    expect(page.locator("h1")).not_to_have_text("Page not found")
    expect(page.locator("form.letter-form")).to_be_visible()
    statuses = []
    page.on("response", lambda r: statuses.append(r.status) if r.request.method == "POST" else 0)
    for number in range(3):
        page.goto(link)
        _write_tweets(page, f"Late writer {number}")
    assert statuses[-1] == 429
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("You have made many letters in a short time")
    expect(page.locator("#name")).to_have_value("Late writer 2")
    expect(page.locator("#about")).to_have_value("I am writing at our group's evening.")
    expect(page.locator("input[name=points][value=justice]")).to_be_checked()
    context.close()
