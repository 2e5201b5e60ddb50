"""What a supporter does, in a real browser: choosing an action, letters, tweets, mistakes,
keyboard, no script."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.support.reading import pdf_pages
from tests.support.shipped import ACTION_URL


def _fill_valid(page, points=("investigate", "safety")):
    page.fill("#name", "Ann Example")
    page.fill("#about", "I am a retired nurse from Halifax.")
    page.fill("#location", "Halifax, Nova Scotia")
    for point in points:
        page.check(f"input[name=points][value={point}]")


def test_choose_an_action_from_the_list(open_page, action):
    page = open_page("/")
    page.get_by_role("link", name=action.title).click()
    expect(page).to_have_url(re.compile(re.escape(ACTION_URL) + "$"))
    expect(page.locator("h1")).to_have_text(action.title)
    expect(page.locator("form.letter-form")).to_be_visible()


def test_fill_the_form_and_download_the_letters(open_page):
    page = open_page()
    _fill_valid(page)
    with page.expect_download() as download:
        page.click("button[type=submit]")
    pdf = download.value
    assert pdf.suggested_filename == "letters-ua-2-19.pdf"
    pages = pdf_pages(pdf.path().read_bytes())
    assert len(pages) == 4  # the sending guide, ticked by default, then three letters
    assert "How to send your letters" in pages[0]
    assert "Dear President Putin," in pages[1]
    assert "I am a retired nurse from Halifax." in pages[1]
    # The page made the file itself, and now says what to do with it in the form's place.
    expect(page.locator("section.next-steps--done")).to_be_visible()
    expect(page.locator("form.letter-form")).to_be_hidden()


def _ask_for_tweets(page):
    _fill_valid(page)
    page.check("input[name=format][value=tweet]")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Your tweets")
    # The copy buttons work once the page's deferred script has run.
    page.wait_for_load_state()


def test_copy_a_tweet_and_open_it_in_x(open_page):
    page = open_page()
    _ask_for_tweets(page)
    card = page.locator(".tweet-card").first
    text = card.locator("textarea.tweet").input_value()
    card.get_by_role("button", name="Copy").click()
    expect(card.locator(".copy-status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == text
    href = card.get_by_role("link", name="Open in X").get_attribute("href")
    assert urlsplit(href).netloc == "x.com"
    assert parse_qs(urlsplit(href).query)["text"] == [text]


def test_from_the_tweets_to_the_letter_as_text(open_page):
    page = open_page()
    _ask_for_tweets(page)
    page.get_by_role("button", name="Show my letter as text, to send online").click()
    expect(page.locator("body")).to_contain_text("Dear President Putin,")
    expect(page.locator("body")).to_contain_text("Ann Example")


def test_mistakes_are_summarised_focused_and_linked(open_page):
    page = open_page()
    page.fill("#location", "Halifax, Nova Scotia")
    page.fill("#message", "Line one\nLine two")
    page.check("input[name=points][value=justice]")
    page.click("button[type=submit]")
    summary = page.locator("div.error-summary")
    expect(summary).to_be_focused()
    first_in_main = page.evaluate("document.querySelector('main').firstElementChild.className")
    assert "error-summary" in first_in_main
    links = summary.locator("a")
    assert links.all_inner_texts() == [
        "Enter your name",
        "Enter a sentence about yourself",
        "Choose 2 or 3 points",
    ]
    for link, target in zip(links.all(), ["name", "about", "points-0"], strict=True):
        link.click()
        expect(page.locator(f"#{target}")).to_be_focused()
    assert page.input_value("#location") == "Halifax, Nova Scotia"
    assert page.input_value("#message") == "Line one\nLine two"
    assert page.is_checked("input[name=points][value=justice]")


def _tab_to(page, element_id, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_the_whole_journey_with_the_keyboard_only(open_page):
    page = open_page()
    _tab_to(page, "name")
    page.keyboard.type("Kim Keyboard")
    _tab_to(page, "about")
    page.keyboard.type("I only use a keyboard.")
    _tab_to(page, "points-0")
    page.keyboard.press("Space")
    _tab_to(page, "points-2")
    page.keyboard.press("Space")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    pages = pdf_pages(download.value.path().read_bytes())
    assert "Kim Keyboard" in pages[1]


def test_the_journey_without_javascript(open_page):
    page = open_page(javascript=False)
    assert page.locator("section.preview").is_hidden()
    page.click("button[type=submit]")  # mistakes first: the summary is there without script
    expect(page.locator("div.error-summary")).to_be_visible()
    _fill_valid(page)
    with page.expect_download() as download:
        page.click("button[type=submit]")
    assert "Ann Example" in pdf_pages(download.value.path().read_bytes())[1]
    page = open_page(javascript=False)
    _fill_valid(page)
    page.check("input[name=format][value=tweet]")
    page.click("button[type=submit]")
    expect(page.locator("textarea.tweet").first).to_be_visible()


def test_the_preview_follows_what_is_typed_and_ticked(open_page, action):
    page = open_page()
    preview = page.locator(".preview-panel")
    expect(preview.locator(".letter")).to_be_visible()
    page.fill("#about", "I write from a small island.")
    expect(preview).to_contain_text("I write from a small island.")
    before = preview.inner_text()
    page.check("input[name=points][value=condemn]")
    expect(preview.locator(".points li")).to_have_count(1)
    phrasings = action.point("condemn").phrasings
    assert any(" ".join(p.split()) in " ".join(preview.inner_text().split()) for p in phrasings)
    assert preview.inner_text() != before
    page.check("input[name=format][value=tweet]")
    expect(preview.locator(".tweet-length").first).to_have_text(re.compile(r"\d+ of 280"))


def test_narrow_screens_open_the_preview_in_place_before_sending(open_page):
    page = open_page(width=360, height=740)
    toggle = page.locator(".preview-toggle")
    expect(toggle).to_be_visible()
    expect(page.locator(".preview-panel")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_have_text("Hide preview")
    letter = page.locator(".preview-panel .letter")
    expect(letter).to_be_visible()
    # Measured in one go: the panel's letter is replaced whenever a fresh preview arrives.
    letter_bottom, button_top = page.evaluate(
        "() => [document.querySelector('.preview-panel .letter').getBoundingClientRect().bottom,"
        " document.querySelector('button[type=submit]').getBoundingClientRect().top]"
    )
    assert letter_bottom <= button_top


def test_counters_follow_typing(open_page):
    page = open_page()
    count = page.locator("#name-count")
    expect(count).to_have_text("You have 100 characters remaining")
    page.fill("#name", "Ann")
    expect(count).to_have_text("You have 97 characters remaining")
    page.fill("#name", "x" * 101)
    expect(count).to_have_text("You have 1 character too many")
    expect(page.locator("#name-count-status")).to_have_text(
        "You have 1 character too many", timeout=3000
    )


def test_choosing_too_many_points_is_explained_without_blocking(open_page):
    page = open_page()
    status = page.locator(".choice-count")
    for point in ("investigate", "justice", "safety"):
        page.check(f"input[name=points][value={point}]")
    expect(status).to_be_empty()
    page.check("input[name=points][value=condemn]")
    expect(status).to_have_text("You have chosen 4 points. Untick 1 to keep 2 or 3.")
    page.focus("input[name=points][value=investigate]")
    page.keyboard.press("Space")
    expect(status).to_be_empty()
