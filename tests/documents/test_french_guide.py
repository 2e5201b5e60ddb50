"""The printed kit's own wording in the page's language: the sending guide (French for a
French page, whatever the letters' language), the PDF's title in the letters' language, and
French kits that keep the guide to one page on both papers."""

import re
import threading
from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from bs4 import BeautifulSoup
from pypdf import PdfReader

from campaign.config import PROJECT_DIR
from campaign.documents import PAPERS, LetterDocuments
from campaign.kit import KitOptions, compose_kit, make_kit
from campaign.services import shared_renderer
from tests.compose.test_french import answers as french_answers
from tests.support.forms import answers_with
from tests.support.reading import pdf_pages

TODAY = date(2026, 11, 21)
DEADLINE = date(2026, 12, 31)


@pytest.fixture(scope="module")
def documents():
    return LetterDocuments(PROJECT_DIR / "templates")


@pytest.fixture
def dated(action):
    """The action with a deadline, so the guide says every sentence it can."""
    return replace(action, deadline=DEADLINE)


def _kit(action, documents, *, language, guide_language, paper="letter", **changes) -> bytes:
    written = french_answers(**changes) if language == "fr" else answers_with(**changes)
    options = KitOptions(paper=paper, guide=True, envelopes=True)
    return make_kit(
        action, written, options, today=TODAY, documents=documents,
        renderer=shared_renderer(), language=language, guide_language=guide_language,
    )  # fmt: skip


def _guide_messages() -> set[str]:
    """Every form of every message of the guide's templates, in English, as written."""
    method_map = [("**.html", "jinja2"), ("**.svg", "jinja2")]
    found = extract_from_dir(
        PROJECT_DIR / "templates" / "documents", method_map, keywords=DEFAULT_KEYWORDS
    )
    messages = set()
    for _filename, _line, message, _comments, _context in found:
        messages.update(message if isinstance(message, tuple) else (message,))
    return messages


def _english_pieces(messages: set[str]) -> set[str]:
    """The English wording of the messages, cut at placeholders and markup, of two words or more."""
    pieces = set()
    for message in messages:
        for piece in re.split(r"%\(\w+\)[sd]|<[^>]*>", message):
            words = " ".join(piece.split()).strip(" :;,.()")
            if " " in words:
                pieces.add(words)
    return pieces


@pytest.fixture(scope="module")
def english_pieces():
    pieces = _english_pieces(_guide_messages())
    # The scan knows the guide's wording, the note's and the diagram's too.
    assert "How to send your letters" in pieces
    for wording in ("as dialled from Canada", "The sheet folded in a Z", "window envelope"):
        assert any(wording in piece for piece in pieces), wording
    return pieces


@pytest.mark.parametrize("paper", list(PAPERS))
def test_a_french_kit_has_a_french_guide_on_one_page(dated, documents, english_pieces, paper):
    pdf = _kit(dated, documents, language="fr", guide_language="fr", paper=paper)
    pages = pdf_pages(pdf)
    assert len(pages) == 1 + 3 + 3  # the guide, the letters, their envelopes
    guide = pages[0]
    size = "nᵒ 10" if paper == "letter" else "DL"
    for said in (
        "Comment envoyer vos lettres",
        "Action urgente AU 2/19.",
        "Les lettres doivent arriver d’ici le 31 décembre 2026.",
        "Signez chaque lettre dans l’espace au-dessus de votre nom imprimé",
        "Pliez chaque lettre en Z",
        "pliez le tiers inférieur vers le haut par-dessus le texte, à la marque du bas, puis le "
        "tiers supérieur vers l’arrière, à la marque du haut",
        f"Glissez-la dans une enveloppe {size} à fenêtre",
        f"Les pages 5 à 7 sont des enveloppes {size} ordinaires, une par lettre",
        "(6,20 $ pour les 3), selon l’action au 15 janvier 2019",
        "vérifiez les tarifs auprès de Postes Canada.",
        "Tweetez aux comptes ci-dessous.",
        "Affranchissement 2,65 $ Télécopieur 011 7 495 910 2134",
        "Téléphone 1 613 235 4341 ou 1 613 236 1413",
        "Sur X (Twitter) @KremlinRussia_E ou @KremlinRussia",
        "Ambassadeur de la Fédération de Russie (copie)",
        "tels qu’on les compose depuis le Canada",
    ):
        assert said in guide, said
    assert sorted(piece for piece in english_pieces if piece in guide) == []
    reader = PdfReader(BytesIO(pdf))
    assert reader.metadata.title == "Lettre — AU 2/19"
    assert reader.root_object["/Lang"] == "fr"


def test_a_french_page_gets_a_french_guide_with_english_letters(dated, documents, english_pieces):
    pdf = _kit(dated, documents, language="en", guide_language="fr")
    guide, *letters = pdf_pages(pdf)[:4]
    assert guide.startswith("Comment envoyer vos lettres Action urgente AU 2/19.")
    assert sorted(piece for piece in english_pieces if piece in guide) == []
    assert all(letter.startswith("Dear President Putin,") for letter in letters[:1])
    assert "21 November 2026" in letters[0]
    reader = PdfReader(BytesIO(pdf))
    assert reader.metadata.title == "Letter — UA 2/19"  # the letters' language
    assert reader.root_object["/Lang"] == "en"


def test_an_english_guide_says_what_it_always_said(dated, documents):
    pdf = _kit(dated, documents, language="en", guide_language="en")
    guide = pdf_pages(pdf)[0]
    for said in (
        "How to send your letters Urgent Action UA 2/19. Please send a tweet, fax or letter "
        "without delay. Letters should arrive by 31 December 2026.",
        "Sign each letter in the space above your printed name, and check the date.",
        "Fold each letter in a Z, face up, at the two small marks in its left margin: fold the "
        "bottom third up over the writing at the lower mark, then fold the top third back, "
        "behind the letter, at the upper mark. The top third, with the official's address, "
        "now faces out.",
        "Put it in a #10 window envelope with that third facing the front",
        "No window envelopes? Pages 5 to 7 of this file are plain #10 envelopes, one for each "
        "letter: feed them one at a time through the printer's envelope or manual feed slot",
        "Stamp and post it. Postage from Canada is given below for each letter ($6.20 for all "
        "3), as the action gave it on 15 January 2019: check current rates with Canada Post.",
        "Add your voice online. Tweet to the accounts below. Write to Vladimir Putin at "
        "en.letters.kremlin.ru.",
        "Ambassador for the Russian Federation (copy) Envelope",
        "Postage from Canada $0.90 Fax 1 613 236 6342 Phone 1 613 235 4341 or 1 613 236 1413",
        "On X (Twitter) @KremlinRussia_E or @KremlinRussia",
        "Fax and phone numbers are written as dialled from Canada",
    ):
        assert said in guide, said
    assert PdfReader(BytesIO(pdf)).metadata.title == "Letter — UA 2/19"


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "Page 3 of this file is a plain #10 envelope: feed it through the printer's envelope "
            "or manual feed slot",
        ),
        ("fr", "La page 3 est une enveloppe nᵒ 10 ordinaire : passez-la"),
    ],
)
def test_one_letter_gets_the_guide_in_the_singular(documents, action, language, said):
    options = KitOptions(paper="letter", guide=True, envelopes=True)
    written = answers_with(recipients=("embassy",))
    pack = compose_kit(action, written, options, TODAY, guide_language=language)
    html = documents.render_html(pack, title="t", language="en")
    guide = " ".join(BeautifulSoup(html, "html.parser").select_one(".guide").get_text().split())
    assert said in guide
    assert "Tweet" not in guide  # the embassy has no account


def _guide_heading(documents, pack) -> str:
    html = documents.render_html(pack, title="t", language="en")
    return BeautifulSoup(html, "html.parser").select_one(".guide h1").get_text()


def test_kits_rendered_at_once_in_two_languages_keep_their_own(documents, action):
    """Threads render at once (gunicorn's gthread workers): no language leaks into another."""
    options = KitOptions(paper="letter", guide=True, envelopes=False)
    packs = {
        language: compose_kit(action, answers_with(), options, TODAY, guide_language=language)
        for language in ("en", "fr")
    }
    expected = {"en": "How to send your letters", "fr": "Comment envoyer vos lettres"}
    start = threading.Barrier(2)
    seen = {language: [] for language in packs}

    def render(language):
        start.wait()
        for _ in range(25):
            seen[language].append(_guide_heading(documents, packs[language]))

    threads = [threading.Thread(target=render, args=(language,)) for language in packs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {language: [expected[language]] * 25 for language in packs}
