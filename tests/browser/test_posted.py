"""'I have posted my letters', in a real browser: after the PDF, the button in the panel is
pressed and the thank-you takes its place, focused; without script, the button under the
form's sends the small form and the thank-you is a page. Either way the server counts the
supporter once, and remembers it for the session."""

from collections.abc import Callable
from datetime import date

from playwright.sync_api import expect
from sqlalchemy import make_url

from campaign.counts import Counts
from campaign.counts.database import Database
from tests.support.browser import screenshot
from tests.support.shipped import ACTION_URL

THANKS = "Thank you: you are counted among the supporters who have posted their letters."


def _posted_so_far(database) -> Callable[[], int]:
    """Return a function reading how many supporters the server has counted as posting."""
    counts = Counts(Database(make_url(f"sqlite:///{database}"), 5.0), date.today)

    def read() -> int:
        return counts.figures("ua-2-19")[0].posted

    return read


def _make_letters(page):
    page.fill("#name", "Ann Example")
    page.fill("#about", "I am a retired nurse from Halifax.")
    page.fill("#location", "Halifax, Nova Scotia")
    page.check("input[name=points][value=investigate]")
    page.check("input[name=points][value=safety]")
    with page.expect_download():
        page.get_by_role("button", name="Make my letter").click()


def test_after_the_pdf_posted_is_pressed_and_thanked_in_place(open_page, counts_database):
    posted = _posted_so_far(counts_database)
    before = posted()
    page = open_page()
    _make_letters(page)
    panel = page.locator("section.next-steps--done")
    expect(panel).to_be_visible()
    panel.get_by_role("button", name="I have posted my letters").click()
    thanks = panel.locator(".next-steps-posted .posted-thanks")
    expect(thanks).to_have_text(THANKS)
    expect(thanks).to_be_focused()
    expect(panel.locator(".next-steps-posted")).to_have_attribute("aria-live", "polite")
    expect(panel.get_by_role("button", name="I have posted my letters")).to_have_count(0)
    expect(page.locator("h1")).not_to_have_text("Thank you for posting your letters")
    screenshot(page, "posted-1280")
    assert posted() == before + 1
    # The session remembers: the page, opened again, thanks rather than asks.
    page.goto(page.url)
    form_steps = page.locator("form.letter-form .next-steps-posted")
    expect(form_steps.locator(".posted-thanks")).to_have_text(THANKS)
    expect(form_steps.get_by_role("button")).to_have_count(0)
    assert posted() == before + 1


def test_without_script_posted_is_a_form_and_its_thank_you_a_page(open_page, counts_database):
    posted = _posted_so_far(counts_database)
    before = posted()
    page = open_page(javascript=False)
    _make_letters(page)
    # The download leaves the page as it was: the steps, and the button, under the form's.
    page.locator("form.letter-form").get_by_role("button", name="I have posted my letters").click()
    expect(page.locator("h1")).to_have_text("Thank you for posting your letters")
    expect(page.locator(".posted-thanks")).to_have_text(THANKS)
    assert posted() == before + 1
    page.get_by_role("link", name="Back to the action").click()
    assert page.url.endswith(ACTION_URL)
    expect(page.locator("form.letter-form .posted-thanks")).to_have_text(THANKS)
    assert posted() == before + 1
