"""After the PDF, in a real browser: the letters download, and what to do next takes the form's
place, with the postage for the officials ticked, the file again without a new request, and a
link for friends that holds the points and nothing typed. Without script, the same steps are
beside the button."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from tests.support.browser import screenshot
from tests.support.reading import pdf_pages
from tests.support.shipped import ACTION_URL, LETTER_URL

NAME = "Ann Example"
SIDEWAYS = "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"


def _fill(page, points=("investigate", "safety")):
    page.fill("#name", NAME)
    page.fill("#about", "I am a retired nurse from Halifax.")
    page.fill("#location", "Halifax, Nova Scotia")
    for point in points:
        page.check(f"input[name=points][value={point}]")


def _count_letters(page) -> list[str]:
    """Return a list that fills with every request for letters the page makes."""
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.url.endswith(LETTER_URL) else None)
    return posts


def _make_letters(page):
    """Send the form and return the download it starts."""
    with page.expect_download() as download:
        page.get_by_role("button", name="Make my letter").click()
    return download.value


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(
    ("untick", "total"), [((), "$6.20 for your 3 letters"), (("embassy",), "$5.30 for your 2")]
)
def test_after_the_download_what_next_takes_the_forms_place(open_page, width, untick, total):
    page = open_page(width=width)
    posts = _count_letters(page)
    _fill(page)
    for official in untick:
        page.uncheck(f"input[name=recipients][value={official}]")
    first = _make_letters(page)
    assert first.suggested_filename == "letters-ua-2-19.pdf"
    data = first.path().read_bytes()
    assert NAME in pdf_pages(data)[1]

    panel = page.locator("section.next-steps--done")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading", name="Your letters are ready: what next")).to_be_focused()
    expect(page.locator("form.letter-form")).to_be_hidden()
    expect(panel.locator(".next-steps-postage")).to_have_text(total.split()[0])
    expect(panel).to_contain_text(f"Postage from Canada: {total}")
    screenshot(page, f"next-steps-{'-'.join(untick) or 'all'}-{width}")
    assert page.evaluate(SIDEWAYS) <= 0

    with page.expect_download() as again:
        panel.get_by_role("button", name="Download again").click()
    assert again.value.path().read_bytes() == data
    assert len(posts) == 1  # the same file, kept by the page: no second letter is made

    link = panel.locator("input.next-steps-share-link").input_value()
    assert urlsplit(link).path == ACTION_URL
    shared = parse_qsl(urlsplit(link).query)
    expected = [("points", "investigate"), ("points", "safety")]
    if untick:  # all officials are the page's default: a link names them only when not all
        expected += [("recipients", "kremlin"), ("recipients", "investigation-committee")]
    assert shared == expected
    for typed in ("Ann", "nurse", "Halifax"):
        assert typed not in link


def test_the_share_link_opens_the_action_with_the_same_points(open_page, server_url):
    page = open_page()
    _fill(page, points=("justice", "condemn"))
    page.uncheck("input[name=recipients][value=embassy]")
    _make_letters(page)
    panel = page.locator("section.next-steps--done")
    panel.get_by_role("button", name="Copy link").click()
    expect(panel.locator(".copy-status")).to_have_text("Copied")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == panel.locator("input.next-steps-share-link").input_value()
    friend = open_page(link.removeprefix(server_url))
    ticked = friend.locator("input[name=points]:checked, input[name=recipients]:checked")
    assert sorted(ticked.evaluate_all("boxes => boxes.map(b => b.value)")) == sorted(
        ["justice", "condemn", "kremlin", "investigation-committee"]
    )
    assert friend.input_value("#name") == ""


def test_the_other_ways_send_the_kept_answers(open_page):
    page = open_page(width=360)
    _fill(page)
    _make_letters(page)
    page.get_by_role("button", name="Show my tweets").click()
    expect(page.locator("h1")).to_have_text("Your tweets")
    page.go_back()
    page = open_page(width=360)
    _fill(page)
    _make_letters(page)
    page.get_by_role("button", name="Change my answers").click()
    expect(page.locator("form.letter-form")).to_be_visible()
    expect(page.locator("section.next-steps--done")).to_have_count(0)
    assert page.input_value("#name") == NAME


@pytest.mark.parametrize("width", [360, 1280])
def test_a_refused_form_shows_the_summary_with_the_answers_kept(open_page, width):
    page = open_page(width=width)
    _fill(page)
    page.fill("#name", "")
    page.fill("#message", "Line one\nLine two")
    page.get_by_role("button", name="Make my letter").click()
    summary = page.locator("div.error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("a")).to_have_text(["Enter your name"])
    assert page.input_value("#about") == "I am a retired nurse from Halifax."
    assert page.input_value("#message") == "Line one\nLine two"
    assert page.is_checked("input[name=points][value=safety]")
    # The page's script works on the page shown: its links still move to the field.
    summary.locator("a").click()
    expect(page.locator("#name")).to_be_focused()


def test_when_the_site_cannot_be_reached_the_form_is_sent_as_usual(open_page):
    page = open_page()
    failures = []

    def fail_once(route):
        if failures:
            route.continue_()
        else:
            failures.append(route.request.url)
            route.abort()

    page.route("**" + LETTER_URL, fail_once)
    _fill(page)
    download = _make_letters(page)
    assert len(failures) == 1
    assert NAME in pdf_pages(download.path().read_bytes())[1]


@pytest.mark.parametrize("width", [360, 1280])
def test_without_script_the_next_steps_are_beside_the_button(open_page, width):
    page = open_page(width=width, javascript=False)
    steps = page.locator("form.letter-form section.next-steps")
    expect(steps).to_be_visible()
    expect(steps).to_contain_text("Postage from Canada: $6.20 for your 3 letters")
    expect(steps).to_contain_text("@KremlinRussia_E")
    expect(steps.get_by_role("link", name="en.letters.kremlin.ru")).to_be_visible()
    _fill(page)
    download = _make_letters(page)
    assert NAME in pdf_pages(download.path().read_bytes())[1]
    expect(steps).to_be_visible()
    screenshot(page, f"next-steps-no-script-{width}")
