"""A French letter as printed and as text: its dates and fixed words are French, it keeps to
one page at maximum input on both papers, and its PDF declares French (/Lang fr)."""

from datetime import date
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from campaign.compose import LongestVariation, compose_letters
from campaign.config import PROJECT_DIR
from campaign.documents import PAPERS, LetterDocuments, render_letters_text
from campaign.kit import KitOptions, compose_kit, make_kit
from campaign.review import maximal_answers
from campaign.services import shared_renderer
from tests.compose.test_french import AMBASSADOR, PRESIDENT, answers
from tests.support.reading import pdf_pages

TODAY = date(2026, 11, 21)
# The English letter's own words, none of which a French letter may hold.
ENGLISH_FURNITURE = (
    "Copy for",
    "cc:",
    "Yours sincerely",
    "Dear ",
    "November",
    "RUSSIAN FEDERATION",
    "President of the",
    "Ambassador for",
    "His Excellency",
    "Chair of the",
)


@pytest.fixture(scope="module")
def documents():
    return LetterDocuments(PROJECT_DIR / "templates")


def _french_pack(action, **changes):
    options = KitOptions(paper="letter", guide=False, envelopes=False)
    return compose_kit(action, answers(**changes), options, TODAY, language="fr")


def _letters_text(page: BeautifulSoup) -> list[str]:
    return [" ".join(letter.get_text(" ").split()) for letter in page.select(".letter")]


def test_a_printed_french_letter_has_french_dates_and_fixed_words(documents, action):
    pack = _french_pack(action)
    html = documents.render_html(pack, title="Lettre", language="fr")
    page = BeautifulSoup(html, "html.parser")
    to_kremlin, to_embassy, to_committee = _letters_text(page)
    assert [" ".join(p.get_text(" ").split()) for p in page.select(".letter .date")] == [
        "Montréal, Québec, 21 novembre 2026"
    ] * 3
    assert "Copie pour" not in to_kremlin
    assert "Copie pour Son Excellence Monsieur Alexander Darchiev, Ambassadeur" in to_embassy
    assert "Copie pour Monsieur Aleksandr Bastrykin, Président du Comité d'enquête" in to_committee
    for text in (to_kremlin, to_embassy, to_committee):
        assert "Monsieur le Président," in text
        assert PRESIDENT in text
        assert "c. c. Son Excellence Monsieur Alexander Darchiev" in text
        assert [word for word in ENGLISH_FURNITURE if word in text] == []
    assert {letter["lang"] for letter in page.select(".letter")} == {"fr"}


def test_a_french_letter_as_text_has_french_fixed_words(action):
    letters = compose_letters(action, answers(), TODAY, language="fr")
    text = render_letters_text(letters)
    assert "Montréal, Québec, 21 novembre 2026" in text
    assert "FÉDÉRATION DE RUSSIE" in text
    assert [word for word in ENGLISH_FURNITURE if word in text] == []
    (alone,) = compose_letters(action, answers(recipients=("embassy",)), TODAY, language="fr")
    assert render_letters_text([alone]).count(AMBASSADOR) == 1


@pytest.mark.parametrize("paper", list(PAPERS))
def test_a_french_letter_at_maximum_input_keeps_to_one_page(documents, action, paper):
    everyone = maximal_answers(action.in_language("fr"))
    options = KitOptions(paper=paper, guide=True, envelopes=True)
    pack = compose_kit(action, everyone, options, TODAY, LongestVariation(), language="fr")
    pdf = make_kit(
        action,
        everyone,
        options,
        today=TODAY,
        documents=documents,
        renderer=shared_renderer(),
        variation=LongestVariation(),
        language="fr",
    )
    pages = pdf_pages(pdf)
    assert len(pages) == pack.pages
    letters = pages[1 : 1 + len(pack.letters)]  # after the guide, before the envelopes
    for text in letters:
        # Each letter's page holds it whole: salutation, then closing formula and signature.
        assert text.index("Monsieur le Président,") < text.index(PRESIDENT)
        assert everyone.name.split()[0] in text[text.index(PRESIDENT) :]
    assert PdfReader(BytesIO(pdf)).trailer["/Root"]["/Lang"] == "fr"


def test_an_english_kit_still_declares_english(documents, action):
    options = KitOptions(paper="letter", guide=False, envelopes=False)
    pdf = make_kit(
        action,
        answers(),
        options,
        today=TODAY,
        documents=documents,
        renderer=shared_renderer(),
    )
    assert PdfReader(BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en"
