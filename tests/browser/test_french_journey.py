"""A francophone supporter in a real browser: from the French page (chosen by the address or by
the browser's language) to French letters with a French sending guide, the what-next panel, the
tweets and the text page, without meeting a word of the interface's English on any of them; and
a francophone who writes to the officials in English keeps a French guide."""

import re
from io import BytesIO

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from campaign.documents import translations
from tests.support.browser import screenshot
from tests.support.reading import pdf_pages
from tests.support.shipped import ACTION_URL
from tests.support.wording import english_left, english_pieces, extracted_messages

# What a francophone types: their own words are in the letter's language, as the form asks.
SUPPORTER = {
    "#name": "Anne Exemple",
    "#about": "Je suis infirmière à la retraite, à Halifax.",
    "#location": "Halifax (Nouvelle-Écosse)",
}
POINTS = ("investigate", "safety")
SALUTATION = "Monsieur le Président,"
# Common English words that are no French words: English that no catalogue message holds
# (wording left out of the catalogue), which the scan for messages cannot see, shows by them.
ENGLISH_WORDS = {"the", "and", "your", "each", "with", "to", "of", "for", "it", "at", "in", "by"}

# The page's wording as a supporter meets it: the text shown, read aloud (visually hidden text,
# labels of controls) and the tab's title. Left out: what is written in another language and
# marked so (the switch's "English", a letter in English), and the boxes holding the letters
# and tweets, whose words are the action's and the supporter's, not the interface's.
WORDING = """() => {
  const own = [...document.querySelectorAll("textarea, [lang]:not(html):not([lang|=fr])")];
  const display = own.map((element) => element.style.display);
  own.forEach((element) => { element.style.display = "none"; });
  const names = ["aria-label", "title", "placeholder", "alt"];
  const labels = [...document.querySelectorAll(names.map((n) => `[${n}]`).join(","))]
    .flatMap((element) => names.map((name) => element.getAttribute(name) || ""));
  const text = [document.title, document.body.innerText, ...labels].join("\\n");
  own.forEach((element, i) => { element.style.display = display[i]; });
  return text;
}"""
# Anything marked as written in another language, but the switch to the English page and
# the letter's languages, each named in itself.
NOT_FRENCH = "[lang]:not(html):not([lang|=fr]):not(.language-switch):not([for^=letter_language-])"


@pytest.fixture(scope="module")
def pieces():
    found = english_pieces(extracted_messages())
    assert "Download again" in found  # the scan knows the what-next panel's wording
    return found


@pytest.fixture(scope="module")
def french():
    """The interface's French for an English message, as the site's catalogue gives it."""
    catalogue = translations("fr")

    def translate(message: str) -> str:
        translated = catalogue.gettext(message)
        assert translated != message, f"no French for {message!r}"
        return translated

    return translate


def _flat(text: str) -> str:
    """Return the text with its spaces, French's narrow and no-break ones too, made plain."""
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def _assert_french_wording(page, pieces, step: str):
    """The page is French, and none of the interface's English shows on it."""
    assert page.evaluate("document.documentElement.lang") == "fr", step
    assert english_left(_flat(page.evaluate(WORDING)), pieces) == [], step
    screenshot(page, f"french-journey-{step}")


def _fill(page, letter_language="fr"):
    for field, value in SUPPORTER.items():
        page.fill(field, value)
    for point in POINTS:
        page.check(f"input[name=points][value={point}]")
    page.check(f"input[name=letter_language][value={letter_language}]")


def _make_letters(page) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("button", name="Préparer ma lettre").click()
    return download.value.path().read_bytes()


def _guide_and_letters(pdf: bytes, salutation: str) -> tuple[str, list[str]]:
    """Return the sending guide's text (its pages before the first letter), and the letters."""
    pages = [_flat(page) for page in pdf_pages(pdf)]
    first = next(i for i, page in enumerate(pages) if page.startswith(salutation))
    assert first > 0, "the guide, ticked by default, comes first"
    return " ".join(pages[:first]), pages[first:]


def _english_words(text: str) -> list[str]:
    return sorted({word for word in re.findall(r"[a-z]+", text.lower()) if word in ENGLISH_WORDS})


def _assert_french_guide(guide: str, pieces, french):
    assert guide.startswith(french("How to send your letters")), guide[:80]
    assert "15 janvier 2019" in guide
    assert "2,65 $" in guide
    assert english_left(guide, pieces) == []
    assert _english_words(guide) == []


def _pdf_language(pdf: bytes) -> str:
    return PdfReader(BytesIO(pdf)).trailer["/Root"]["/Lang"]


def test_a_francophone_goes_from_the_french_page_to_letters_tweets_and_text_in_french(
    open_page, pieces, french
):
    page = open_page(f"{ACTION_URL}?lang=fr", width=360)
    title = page.locator("h1").inner_text()
    expect(page.locator("#write")).to_have_text("Écrivez votre lettre")
    expect(page.locator("input[name=letter_language][value=fr]")).to_be_checked()
    _fill(page)
    page.locator(".preview-toggle").click()
    expect(page.locator(".preview-panel .letter")).to_contain_text(SALUTATION)
    expect(page.locator(NOT_FRENCH)).to_have_count(0)
    _assert_french_wording(page, pieces, "form")

    # (a) The letters, French from the salutation to the closing, after a French guide.
    pdf = _make_letters(page)
    assert _pdf_language(pdf) == "fr"
    guide, letters = _guide_and_letters(pdf, SALUTATION)
    assert len(letters) == 3
    for letter in letters:
        assert SUPPORTER["#about"] in letter
        assert "très haute considération" in letter
        assert english_left(letter, pieces) == []
        assert _english_words(letter) == []
    _assert_french_guide(guide, pieces, french)

    # (b) What to do next, in the form's place.
    panel = page.locator("section.next-steps--done")
    heading = panel.locator("h2.next-steps-title")
    expect(heading).to_be_focused()
    expect(heading).to_have_text("Vos lettres sont prêtes\xa0: et maintenant")
    assert "Affranchissement depuis le Canada : 6,20 $ pour vos 3 lettres" in _flat(
        panel.inner_text()
    )
    expect(page.locator(NOT_FRENCH)).to_have_count(0)
    _assert_french_wording(page, pieces, "next-steps")

    # (c) The tweets, in the page's language, under the action's French title.
    panel.get_by_role("button", name="Afficher mes tweets").click()
    expect(page.locator("h1")).to_have_text("Vos tweets")
    page.wait_for_load_state()  # the copy buttons work once the deferred script has run
    tweets = " ".join(
        page.locator("textarea.tweet").evaluate_all("boxes => boxes.map(b => b.value)")
    )
    assert "Tchétchénie" in tweets
    assert "Chechnya" not in tweets
    page.get_by_role("button", name="Copier").first.click()
    expect(page.locator(".copy-status").first).to_have_text("Copié")
    expect(page.locator("main")).to_contain_text(title)
    expect(page.locator(NOT_FRENCH)).to_have_count(0)
    _assert_french_wording(page, pieces, "tweets")

    # (d) The letters as text, to send online.
    page.get_by_role("button", name="Afficher ma lettre en texte, pour l’envoyer en ligne").click()
    expect(page.locator("h1")).to_have_text("Votre lettre en texte")
    page.wait_for_load_state()
    box = page.locator("textarea.text-letter-box").first
    assert box.input_value().startswith(f"{SALUTATION}\n\n{SUPPORTER['#about']}")
    page.locator("section.text-letter").first.get_by_role("button", name="Copier").click()
    expect(page.locator(".copy-status").first).to_have_text("Copié")
    expect(page.locator("main")).to_contain_text(title)
    expect(page.locator(NOT_FRENCH)).to_have_count(0)
    _assert_french_wording(page, pieces, "text")


def test_a_browser_set_to_french_gets_the_french_page_and_guide(open_page, pieces, french):
    # Canadian French says so in Accept-Language.
    page = open_page(locale="fr-CA")
    expect(page.locator("#write")).to_have_text("Écrivez votre lettre")
    # Chosen by the browser, the language stays out of the page's addresses.
    assert "lang=" not in page.url
    _assert_french_wording(page, pieces, "browser-form")
    _fill(page)
    pdf = _make_letters(page)
    guide, letters = _guide_and_letters(pdf, SALUTATION)
    assert len(letters) == 3
    _assert_french_guide(guide, pieces, french)
    _assert_french_wording(page, pieces, "browser-next-steps")


def test_a_francophone_may_write_in_english_and_keep_a_french_guide(open_page, pieces, french):
    page = open_page(f"{ACTION_URL}?lang=fr")
    _fill(page, letter_language="en")
    page.fill("#about", "I am a retired nurse from Halifax.")
    _assert_french_wording(page, pieces, "english-letter-form")
    pdf = _make_letters(page)
    assert _pdf_language(pdf) == "en"
    guide, letters = _guide_and_letters(pdf, "Dear President Putin,")
    assert len(letters) == 3
    assert all("Yours sincerely," in letter for letter in letters)
    assert not any(SALUTATION in letter for letter in letters)
    _assert_french_guide(guide, pieces, french)
    _assert_french_wording(page, pieces, "english-letter-next-steps")
