"""The phone journey, in a real browser at 360 and 1280 px: the preview before the button,
a button that says what it makes, a page whose header and footer line up with it, an icon,
and a preview laid out in the printed letter's order."""

import pdfplumber
import pytest
from playwright.sync_api import expect

from tests.support.shipped import ACTION_URL

PHONE = {"width": 360, "height": 740}
BUTTON = "form.letter-form button[type=submit]"


def _fill(page, points=("justice", "safety")):
    page.fill("#name", "Ann Example")
    page.fill("#about", "I am a retired nurse from Halifax.")
    page.fill("#location", "Halifax, Nova Scotia")
    page.fill("#address", "1 Main Street\nHalifax NS")
    page.fill("#message", "Please act now.")
    for point in points:
        page.check(f"input[name=points][value={point}]")


def _open_preview(page):
    """Open the preview where it sits behind its button (narrow screens); wait for the letter."""
    toggle = page.locator(".preview-toggle")
    if toggle.is_visible():
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".preview-panel .letter")).to_be_visible()


def test_on_a_phone_the_preview_comes_before_the_button(open_page):
    page = open_page(**PHONE)
    precedes = page.evaluate(
        "document.querySelector('section.preview').compareDocumentPosition("
        f"document.querySelector('{BUTTON}')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert precedes
    toggle = page.locator(".preview-toggle")
    expect(toggle).to_be_visible()
    assert toggle.bounding_box()["y"] < page.locator(BUTTON).bounding_box()["y"]
    # From the last field, the keyboard meets the preview's button before the form's.
    page.focus("#envelopes")
    reached = []
    while page.evaluate("document.activeElement.type") != "submit" and len(reached) < 10:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.className"))
    assert "button button--secondary preview-toggle" in reached[:-1]
    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".preview-panel .letter")).to_be_visible()
    # Measured in one go: the panel's letter is replaced whenever a fresh preview arrives.
    letter_bottom, button_top = page.evaluate(
        "button => [document.querySelector('.preview-panel .letter').getBoundingClientRect()"
        ".bottom, document.querySelector(button).getBoundingClientRect().top]",
        BUTTON,
    )
    assert letter_bottom <= button_top


def test_on_a_wide_screen_the_preview_stays_beside_the_form(open_page):
    page = open_page()
    expect(page.locator(".preview-toggle")).to_be_hidden()
    expect(page.locator(".preview-panel .letter")).to_be_visible()
    fields = page.locator(".letter-form-fields").bounding_box()
    assert page.locator("section.preview").bounding_box()["x"] >= fields["x"] + fields["width"]
    # Halfway down the form, the preview is still at the top of the window.
    page.locator("input[name=format]").first.scroll_into_view_if_needed()
    assert 0 <= page.locator("section.preview").bounding_box()["y"] <= 20


def test_the_button_follows_the_format_chosen(open_page):
    page = open_page(**PHONE)
    button = page.locator(BUTTON)
    expect(button).to_have_text("Make my letter")
    for choice, label in [
        ("tweet", "Show my tweets"),
        ("text", "Show my letter as text"),
        ("pdf", "Make my letter"),
    ]:
        page.check(f"input[name=format][value={choice}]")
        expect(button).to_have_text(label)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_link_that_chooses_tweets_names_the_button_so(open_page, javascript):
    page = open_page(f"{ACTION_URL}?format=tweet", javascript=javascript, **PHONE)
    expect(page.locator(BUTTON)).to_have_text("Show my tweets")


def _action(page):
    pass


def _tweets(page):
    _fill(page)
    page.check("input[name=format][value=tweet]")
    page.click(BUTTON)


def _text(page):
    _fill(page)
    page.check("input[name=format][value=text]")
    page.click(BUTTON)


PAGES = {"home": ("/", _action), "action": (ACTION_URL, _action), "tweets": (ACTION_URL, _tweets)}
PAGES |= {"text": (ACTION_URL, _text), "not-found": ("/no-such-page", _action)}


@pytest.mark.parametrize("name", PAGES)
def test_the_header_and_footer_line_up_with_the_page(open_page, name):
    path, reach = PAGES[name]
    page = open_page(path)
    reach(page)
    page.wait_for_load_state()
    edges = {
        selector: page.locator(selector).first.bounding_box()["x"]
        for selector in (".site-name", "main h1", ".site-footer p")
    }
    assert len(set(edges.values())) == 1, edges


def test_the_site_icon_is_served(open_page, server_url):
    page = open_page()
    href = page.locator("link[rel=icon]").get_attribute("href")
    for path in (href, "/favicon.ico"):
        response = page.request.get(server_url + path)
        assert response.status == 200, path
        assert response.headers["content-type"].startswith("image/"), path


# The blocks of a letter, as the preview and the PDF are built from the same template.
BLOCK_NAMES = [
    "copy-for",
    "sender",
    "date",
    "recipient",
    "salutation",
    "opening",
    "concern",
    "convey",
    "call",
    "point",
    "message",
    "close",
    "valediction",
    "signer",
    "copies",
]
BLOCKS = """names => [...document.querySelectorAll('.preview-panel .letter *')]
  .filter(e => names.includes(e.classList[0]))
  .map(e => {
    const box = e.getBoundingClientRect();
    return {name: e.classList[0], text: e.innerText, top: box.top, left: box.left};
  })"""
PRINTED_ORDER = [
    "sender",
    "date",
    "recipient",
    "salutation",
    "opening",
    "concern",
    "call",
    "point",
    "point",
    "message",
    "close",
    "valediction",
    "signer",
    "copies",
]


def _reading_order(blocks):
    """Return the blocks as a reader meets them: top to bottom, then left to right."""
    return sorted(blocks, key=lambda block: (round(block["top"]), block["left"]))


def _first_words(text, count=3):
    """Return the first words of a block's first line (a line the PDF keeps whole)."""
    return " ".join(text.strip().splitlines()[0].split()[:count])


def _printed_lines(pdf_path):
    """Return the lines of the first letter's page (after the guide), top to bottom."""
    with pdfplumber.open(pdf_path) as pdf:
        lines = [
            {"text": line["text"], "top": line["top"], "left": line["x0"]}
            for line in pdf.pages[1].extract_text_lines()
        ]
    return [" ".join(line["text"].split()) for line in _reading_order(lines)]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_preview_is_laid_out_in_the_printed_order(open_page, width):
    page = open_page(width=width, height=800)
    _open_preview(page)
    _fill(page)
    expect(page.locator(".preview-panel")).to_contain_text("Please act now.")
    expect(page.locator(".preview-panel .point")).to_have_count(2)
    shown = _reading_order(page.evaluate(BLOCKS, BLOCK_NAMES))
    assert [block["name"] for block in shown] == PRINTED_ORDER
    with page.expect_download() as download:
        page.click(BUTTON)
    # Each block's first words are found in the letter's page in the same order.
    lines = iter(_printed_lines(download.value.path()))
    for block in shown:
        words = _first_words(block["text"])
        assert any(words in line for line in lines), (block["name"], words)
