"""axe-core finds nothing on any state of any page, in light and dark, at 360 and 1280 px;
nothing scrolls sideways; every control is big enough. Screenshots are kept as artefacts."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.browser import screenshot

AXE = Axe()

# The interface's words the states look for, in each language they are reached in.
ENGLISH = {
    "home": "Write for rights",
    "actions": "Urgent actions",
    "copy": "Copy",
    "copied": "Copied",
}
FRENCH = {
    "home": "Écrire pour les droits",
    "actions": "Actions urgentes",
    "copy": "Copier",
    "copied": "Copié",
}


def _home(page, words=ENGLISH):
    page.get_by_role("link", name=words["home"]).click()
    expect(page.locator("h1")).to_have_text(words["actions"])


def _closed(page, words=ENGLISH):
    _home(page, words)
    page.locator("#past-actions + ul a").first.click()
    expect(page.locator(".closed-note")).to_be_visible()


def _form(page):
    expect(page.locator("form.letter-form")).to_be_visible()


def _errors(page):
    page.fill("#location", "Halifax")
    page.check("input[name=points][value=justice]")
    page.click("button[type=submit]")
    expect(page.locator("div.error-summary")).to_be_focused()


def _preview(page):
    toggle = page.locator(".preview-toggle")
    if toggle.is_visible():
        toggle.click()
    page.fill("#name", "Ann Example")
    page.check("input[name=points][value=justice]")
    expect(page.locator(".preview-panel .letter")).to_be_visible()
    expect(page.locator(".preview-panel")).to_contain_text("Ann Example")


def _ask_for(page, fmt, *, untick=()):
    """Fill the form in, choose what to make, and send it."""
    page.fill("#name", "Ann Example")
    page.fill("#about", "I am a nurse.")
    page.check("input[name=points][value=justice]")
    page.check("input[name=points][value=safety]")
    for recipient in untick:
        page.uncheck(f"input[name=recipients][value={recipient}]")
    page.check(f"input[name=format][value={fmt}]")
    page.click("form.letter-form button[type=submit]")
    # The copy buttons work once the page's deferred script has run.
    page.wait_for_load_state()


def _tweets(page, words=ENGLISH):
    _ask_for(page, "tweet")
    page.get_by_role("button", name=words["copy"]).first.click()
    expect(page.locator(".copy-status").first).to_have_text(words["copied"])


def _no_account(page):
    _ask_for(page, "tweet", untick=["kremlin"])
    expect(page.locator("section.no-account")).to_be_visible()


def _next_steps(page):
    with page.expect_download():
        _ask_for(page, "pdf")
    expect(page.locator("section.next-steps--done")).to_be_visible()


def _text(page, words=ENGLISH):
    _ask_for(page, "text")
    page.get_by_role("button", name=words["copy"]).first.click()
    expect(page.locator(".copy-status").first).to_have_text(words["copied"])


def _not_found(page):
    page.goto(page.url.rstrip("/") + "/no-such-page")
    expect(page.locator("h1")).to_have_text("Page not found")


def _home_fr(page):
    _home(page)
    page.get_by_role("link", name="Français").click()
    expect(page.locator("h1")).to_have_text("Actions urgentes")


def _not_found_fr(page):
    _not_found(page)
    page.get_by_role("link", name="Français").click()
    expect(page.locator("h1")).to_have_text("Page introuvable")


def _in_french(state, *words):
    """Reach the English state's French twin: the action page switched to French first."""

    def reach(page):
        page.get_by_role("link", name="Français").click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        state(page, *words)

    return reach


STATES = {
    "home": _home,
    "closed": _closed,
    "form": _form,
    "errors": _errors,
    "preview": _preview,
    "tweets": _tweets,
    "no-account": _no_account,
    "next-steps": _next_steps,
    "posted": lambda page: _posted(page),
    "text": _text,
    "not-found": _not_found,
    "home-fr": _home_fr,
    "not-found-fr": _not_found_fr,
    "form-fr": lambda page: _form_fr(page),
    "tweets-fr": lambda page: _tweets_fr(page),
    "closed-fr": _in_french(_closed, FRENCH),
    "errors-fr": _in_french(_errors),
    "preview-fr": _in_french(_preview),
    "no-account-fr": _in_french(_no_account),
    "next-steps-fr": _in_french(_next_steps),
    "text-fr": _in_french(_text, FRENCH),
}


def _form_fr(page):
    """The form in French, its scripts' wording too (the counts follow every key)."""
    page.get_by_role("link", name="Français").click()
    expect(page.locator("#write")).to_have_text("Écrivez votre lettre")
    expect(page.locator("#name-count")).to_have_text("Il vous reste 100 caractères")


def _tweets_fr(page):
    _form_fr(page)
    _ask_for(page, "tweet")
    expect(page.locator(".tweet-length").first).to_contain_text("caractères sur 280")
    page.get_by_role("button", name="Copier").first.click()
    expect(page.locator(".copy-status").first).to_have_text("Copié")


def _posted(page):
    """After the PDF, "I have posted my letters" pressed: the thank-you in the button's place."""
    _next_steps(page)
    page.get_by_role("button", name="I have posted my letters").click()
    expect(page.locator(".next-steps--done .posted-thanks")).to_be_focused()


def _reach(page, state):
    """Bring the page to the state, then let it finish loading (styles, scripts) to be measured."""
    STATES[state](page)
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", STATES)
def test_no_accessibility_violations(open_page, state, scheme, width):
    page = open_page(width=width, scheme=scheme)
    _reach(page, state)
    results = AXE.run(page)
    screenshot(page, f"{state}-{scheme}-{width}")
    assert results.violations_count == 0, results.generate_report()


def _and_in_french(states: list[str]) -> list[str]:
    """The states, then their French twins: French's longer words wrap and widen otherwise."""
    return [*states, *(f"{state}-fr" for state in states)]


@pytest.mark.parametrize("width", [320, 360, 640])
@pytest.mark.parametrize(
    "state",
    _and_in_french(["home", "closed", "form", "errors", "preview", "tweets", "next-steps", "text"]),
)
def test_nothing_scrolls_sideways(open_page, state, width):
    page = open_page(width=width, height=800)
    _reach(page, state)
    overflow = page.evaluate(
        "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )
    assert overflow <= 0


TARGETS = """
[...document.querySelectorAll(
    'input:not([type=hidden]), textarea, button, select, a.button, summary, .skip-link'
)].filter(e => e.offsetParent !== null).map(e => {
    const box = e.getBoundingClientRect();
    return {id: e.id || e.textContent.trim().slice(0, 30), width: box.width, height: box.height};
}).filter(b => b.width < 24 || b.height < 24)
"""


@pytest.mark.parametrize(
    "state", _and_in_french(["form", "preview", "tweets", "next-steps", "text"])
)
def test_every_control_is_at_least_24_pixels(open_page, state):
    page = open_page(width=360, height=800)
    _reach(page, state)
    assert page.evaluate(TARGETS) == []


def test_zoomed_to_200_percent_the_form_still_works(open_page):
    # 200% zoom of a 1280 px window leaves 640 CSS pixels.
    page = open_page(width=640, height=450)
    _errors(page)
    page.locator("div.error-summary a").first.click()
    expect(page.locator("#name")).to_be_focused()
    assert page.evaluate(
        "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
    )
