"""Reading the kit's documents: by expat where they are well-formed XML, the same PDF either way."""

import shutil
import subprocess
from datetime import date

import pytest

import campaign.pdf.parsing
from campaign.compose import check_answers
from campaign.config import PROJECT_DIR
from campaign.documents import LetterDocuments
from campaign.kit import KitOptions, compose_kit, lay_out_kit, make_kit
from campaign.pdf.parsing import read_tree
from campaign.services import shared_renderer
from tests.support.forms import form_with

TODAY = date(2026, 11, 21)
ALL = ["kremlin", "embassy", "investigation-committee"]
# Characters that mean something to a markup parser, in every field a supporter fills in.
MARKUP = {
    "name": "Ann & Bo <Smith> \"the 'elder'\"",
    "about": "I read <b>this</b> & that; &amp; is how & is written.",
    "location": "Saint-Jean-sur-Richelieu <QC>",
    "address": "12 Example St. & Co. <rear>\nHalifax, NS B3H 1A1",
    "message": "Ten < eleven > nine & \"quotes\" 'too' ]]> <!-- not a comment -->",
}


@pytest.fixture(scope="module")
def documents():
    return LetterDocuments(PROJECT_DIR / "templates")


def _layouts(action, documents, *, language, recipients, paper, extras, typed=None):
    answers = check_answers(form_with(recipients=recipients, **(typed or {})), action).answers
    options = KitOptions(paper=paper, guide=extras, envelopes=extras)
    pack = compose_kit(action, answers, options, TODAY, language=language)
    return list(lay_out_kit(documents, action, pack))


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    ("recipients", "paper", "extras"),
    [(ALL, "letter", True), (["kremlin"], "a4", False), (["embassy"], "letter", True)],
)
def test_every_document_of_a_kit_is_well_formed_xml(
    action, documents, language, recipients, paper, extras
):
    for layout in _layouts(
        action, documents, language=language, recipients=recipients, paper=paper,
        extras=extras, typed=MARKUP,
    ):  # fmt: skip
        pages = range(len(layout.pack.letters) + len(layout.pack.envelope_pages))
        parts = [layout.whole(), layout.shared(), layout.personal(list(pages))]
        parts += [layout.front()] if extras else []
        for html in parts:
            assert read_tree(html) is not None, html


def test_the_poster_is_well_formed_xml_and_prints_as_read_by_weasyprints_parser(
    action, documents, monkeypatch
):
    renderer = shared_renderer()
    for language in action.languages:
        html = documents.render_poster(action, "https://example.org/a?b=1&c=<2>", language)
        assert read_tree(html) is not None
        by_expat = renderer.render_pdf([html], "letter", pages=1)
        with monkeypatch.context() as patched:
            patched.setattr(campaign.pdf.parsing, "read_tree", lambda html: None)
            # Its code drawn, its stylesheet fetched: the same as any HTML reading prints.
            assert renderer.render_pdf([html], "letter", pages=1) == by_expat


@pytest.mark.parametrize(
    ("language", "recipients", "paper"),
    [("en", ALL, "letter"), ("fr", ["embassy", "investigation-committee"], "a4")],
)
def test_a_document_read_by_expat_prints_as_read_by_weasyprints_parser(
    action, documents, monkeypatch, language, recipients, paper
):
    renderer = shared_renderer()
    (layout, _) = _layouts(
        action, documents, language=language, recipients=recipients, paper=paper,
        extras=True, typed=MARKUP,
    )  # fmt: skip
    html = layout.whole()
    by_expat = renderer.render_pdf([html], paper, pages=99)
    monkeypatch.setattr(campaign.pdf.parsing, "read_tree", lambda html: None)
    assert renderer.render_pdf([html], paper, pages=99) == by_expat


def test_a_letter_xml_cannot_read_is_read_as_html_and_printed(action, documents):
    # U+FFFF is a character XML forbids; HTML reads it.
    answers = check_answers(form_with(message="Odd \uffff character"), action).answers
    assert "\uffff" in answers.message
    options = KitOptions(paper="letter", guide=False, envelopes=False)
    pack = compose_kit(action, answers, options, TODAY)
    (layout, _) = lay_out_kit(documents, action, pack)
    assert read_tree(layout.personal([0])) is None
    pdf = make_kit(
        action, answers, options, today=TODAY, documents=documents, renderer=shared_renderer()
    )
    # pypdf reads this PDF's text as two bytes a character; poppler reads it as printed.
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "make test installs poppler-utils, which provides pdftotext"
    text = subprocess.run(
        [pdftotext, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Odd \ufffd character" in text  # shown as the replacement character
    assert "Dear President Putin," in text
