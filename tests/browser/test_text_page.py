"""The letter as text in a real browser: a box per official that shows the whole letter, Copy,
the ways to send it online, the .txt file, at 360 and 1280 px, with and without JavaScript."""

import shutil

import pytest
import yaml
from playwright.sync_api import expect

from campaign.documents.online import MAILTO_MAX_CHARS
from tests.support.browser import page_opener
from tests.support.files import write_file
from tests.support.live_server import live_server
from tests.support.shipped import ACTION_FILE, RECIPIENTS_FILE

EMBASSY_EMAIL = "letters@embassy.example.org"
WIDTHS = [360, 1280]


def _ask_for_text(page, *, recipients=None, sign_with=None, **typed):
    page.fill("#name", "Ann Example")
    page.fill("#about", "I am a retired nurse from Halifax.")
    for field, value in typed.items():
        page.fill(f"#{field}", value)
    if sign_with:
        page.check(f"input[name=return_address][value={sign_with}]")
    for point in ("investigate", "justice"):
        page.check(f"input[name=points][value={point}]")
    if recipients is not None:
        for box in page.locator("input[name=recipients]").all():
            box.set_checked(box.get_attribute("value") in recipients)
    page.check("input[name=format][value=text]")
    page.click("form.letter-form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Your letter as text")
    # The copy buttons work once the page's deferred script has run.
    page.wait_for_load_state()


def _sideways(page):
    return page.evaluate(
        "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


def _scrolls_inside(box):
    return box.evaluate("e => e.scrollHeight - e.clientHeight > 1")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_text_page_and_copy(open_page, width):
    page = open_page(width=width, height=800)
    _ask_for_text(page)
    boxes = page.locator("section.text-letter")
    expect(boxes).to_have_count(3)
    first = boxes.first
    letter = first.locator("textarea").input_value()
    assert letter.startswith("Dear President Putin,\n\nI am a retired nurse from Halifax.")
    first.get_by_role("button", name="Copy").click()
    expect(first.locator(".copy-status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == letter
    for box in page.locator("textarea.text-letter-box").all():
        assert not _scrolls_inside(box)  # the whole letter shows
    site = first.get_by_role("link", name="Open Vladimir Putin's online letters site")
    expect(site).to_have_attribute("href", "http://en.letters.kremlin.ru")
    expect(site).to_have_attribute("target", "_blank")
    assert _sideways(page) <= 0


@pytest.mark.parametrize("width", WIDTHS)
def test_the_text_page_without_javascript(open_page, width):
    page = open_page(width=width, height=800, javascript=False)
    _ask_for_text(page, recipients=["kremlin", "embassy"])
    expect(page.locator("section.text-letter")).to_have_count(2)
    # A Copy button could do nothing without a script: the box's text is there to select.
    expect(page.get_by_role("button", name="Copy")).to_have_count(0)
    expect(page.locator("textarea.text-letter-box").first).to_be_visible()
    embassy = page.locator("section.text-letter").nth(1)
    expect(embassy.locator(".text-letter-none")).to_contain_text("1 613 236 6342")
    assert _sideways(page) <= 0
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as .txt").click()
    assert download.value.suggested_filename == "letters-ua-2-19.txt"
    text = download.value.path().read_text(encoding="utf-8")
    assert text.count("Dear President Putin,") == 2
    assert "Ann Example" in text


def test_download_as_txt_with_javascript(open_page):
    page = open_page(width=360, height=800)
    _ask_for_text(page, recipients=["kremlin"])
    letter = page.locator("textarea.text-letter-box").input_value()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as .txt").click()
    assert download.value.suggested_filename == "letters-ua-2-19.txt"
    text = download.value.path().read_text(encoding="utf-8")
    assert letter[: letter.index("Yours sincerely,")] in text
    expect(page.locator("h1")).to_have_text("Your letter as text")  # the page stays


@pytest.fixture(scope="module")
def email_server(tmp_path_factory):
    """Serve the action with a directory that gives the embassy an email (no source does)."""
    folder = tmp_path_factory.mktemp("email-server")
    actions = folder / "actions"
    actions.mkdir()
    shutil.copy(ACTION_FILE, actions / ACTION_FILE.name)
    recipients = yaml.safe_load(RECIPIENTS_FILE.read_text(encoding="utf-8"))
    recipients["recipients"][1]["online"] = [{"email": EMBASSY_EMAIL}]
    env = {
        "CAMPAIGN_SECRET_KEY": "browser-tests",
        "CAMPAIGN_RATELIMIT_ENABLED": "false",
        "CAMPAIGN_ACTIONS_DIR": str(actions),
        "CAMPAIGN_RECIPIENTS_FILE": str(
            write_file(folder, "recipients.yaml", yaml.safe_dump(recipients))
        ),
    }
    with live_server(folder / "server.log", **env) as base:
        yield base


@pytest.fixture
def open_email_page(browser, email_server):
    with page_opener(browser, email_server) as open_:
        yield lambda width: open_(width=width, height=800)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_short_letter_opens_in_the_mail_program_with_its_text(open_email_page, width):
    page = open_email_page(width)
    # Two points and nothing else of one's own: the shortest letter, about 1,900 characters.
    _ask_for_text(page, recipients=["embassy"], sign_with="none", about="I am a nurse.")
    box = page.locator("section.text-letter")
    letter = box.locator("textarea").input_value()
    link = box.locator("a[href^='mailto:']")
    expect(link).to_contain_text(f"Write an email to {EMBASSY_EMAIL} with your letter")
    href = link.get_attribute("href")
    assert len(href) < MAILTO_MAX_CHARS
    # As the mail program reads it.
    body = page.evaluate("h => new URL(h).searchParams.get('body')", href)
    assert body == letter.replace("\n", "\r\n")
    expect(box.locator(".text-letter-paste")).to_have_count(0)
    assert _sideways(page) <= 0


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_letter_asks_to_paste_the_copied_text(open_email_page, width):
    page = open_email_page(width)
    _ask_for_text(
        page, recipients=["embassy"], message="I have followed these reports for years. " * 12
    )
    box = page.locator("section.text-letter")
    paste = box.locator(".text-letter-paste")
    expect(paste).to_be_visible()
    expect(paste).to_contain_text("too long to open in an email by itself")
    href = box.locator("a[href^='mailto:']").get_attribute("href")
    assert page.evaluate("h => new URL(h).searchParams.get('body')", href) is None
    assert page.evaluate("h => new URL(h).searchParams.get('subject')", href)
    assert _sideways(page) <= 0
