"""LetterDocuments: the kit's HTML, in the layouts to try, written for the action's language."""

import re
from dataclasses import replace
from datetime import date

import pytest
from bs4 import BeautifulSoup

from campaign.compose import Answers
from campaign.config import PROJECT_DIR
from campaign.documents import PAPERS, LetterDocuments
from campaign.kit import KitOptions, compose_kit
from tests.support.forms import answers_with

TODAY = date(2026, 11, 21)
ALL = ("kremlin", "embassy", "investigation-committee")


@pytest.fixture(scope="module")
def documents():
    return LetterDocuments(PROJECT_DIR / "templates")


def answers(**changes) -> Answers:
    return answers_with(**changes)


def _pack(action, guide=True, envelopes=False, language=None, **changes):
    options = KitOptions(paper="letter", guide=guide, envelopes=envelopes)
    return compose_kit(action, answers(**changes), options, TODAY, language=language)


def _html(documents, action, language="en", compact=False, **changes) -> BeautifulSoup:
    pack = _pack(action, **changes)
    html = documents.render_html(pack, title="Letter — UA 2/19", language=language, compact=compact)
    return BeautifulSoup(html, "html.parser")


def _text(element) -> str:
    """Return the element's text, its spacing collapsed but its no-break spaces kept."""
    return re.sub(r"[ \t\r\n]+", " ", element.get_text(" ")).strip()


def test_layouts_are_the_normal_one_then_the_compact_one(documents, action):
    pack = _pack(action)
    layouts = [
        BeautifulSoup(layout.whole(), "html.parser")
        for layout in documents.layouts(pack, title="Letter — UA 2/19", language="en")
    ]
    # The compact layout tightens the letters, never the guide.
    assert [[letter["class"] for letter in page.select(".letter")] for page in layouts] == [
        [["letter"]] * 3,
        [["letter", "compact"]] * 3,
    ]
    # The compact layout tightens spacing only: every word is the same.
    normal, compact = (_text(page.body) for page in layouts)
    assert normal == compact


def test_layouts_are_made_only_when_asked_for(documents, action, monkeypatch):
    made = []
    original = documents._render

    def recording(pack, **kwargs):
        made.append((kwargs["compact"], kwargs["part"]))
        return original(pack, **kwargs)

    monkeypatch.setattr(documents, "_render", recording)
    layout = next(documents.layouts(_pack(action), title="t", language="en"))
    assert made == []
    layout.shared()
    assert made == [(False, "shared")]  # the compact layout costs nothing when this one fits


def test_the_document_has_the_language_and_title_given(documents, action):
    page = _html(documents, action, language="fr")
    assert page.html["lang"] == "fr"
    assert page.title.get_text() == "Letter — UA 2/19"


@pytest.mark.parametrize(
    ("language", "dateline", "postage", "total", "deadline"),
    [
        (
            "en",
            "Halifax, Nova Scotia, 21 November 2026",
            "Postage from Canada $2.65",
            "($6.20 for all 3)",
            "31 December 2026",
        ),
        # The guide follows the page's language; the English letters keep their own.
        (
            "fr",
            "Halifax, Nova Scotia, 21 November 2026",
            "Affranchissement 2,65\xa0$",
            "(6,20\xa0$ pour les 3)",
            "31 décembre 2026",
        ),
    ],
)
def test_dates_and_amounts_are_written_for_the_language(
    documents, action, language, dateline, postage, total, deadline
):
    action = replace(action, deadline=date(2026, 12, 31))
    page = _html(documents, action, language=language)
    guide = _text(page.select_one(".guide"))
    assert _text(page.select_one(".guide-intro strong")) == deadline
    assert postage in guide
    assert total in guide
    assert [_text(p) for p in page.select(".letter .date")] == [dateline] * 3


def test_a_letter_without_a_location_is_dated_only(documents, action):
    page = _html(documents, action, location="")
    assert [_text(p) for p in page.select(".letter .date")] == ["21 November 2026"] * 3


def test_the_preview_is_the_printed_letter_in_the_letters_language(documents, action):
    letter = _pack(action, language="fr").letters[0]
    preview = BeautifulSoup(documents.render_preview(letter), "html.parser")
    assert _text(preview.select_one(".date")) == "Halifax, Nova Scotia, 21 novembre 2026"
    assert _text(preview.select_one(".salutation")) == "Monsieur le Président,"
    assert preview.select(".fold-mark") == []  # no folds on the page


def test_what_a_supporter_types_is_escaped(documents, action):
    typed = '<img src="http://example.org/x"> & <b>bold</b>'
    page = _html(documents, action, name=typed, about=typed, message=typed, location=typed)
    assert page.select("img, b") == []
    assert typed in _text(page.select_one(".letter .signer"))
    assert typed in _text(page.select_one(".letter .message"))


@pytest.mark.parametrize("envelopes", [False, True])
def test_the_parts_laid_out_once_for_everyone_hold_nothing_of_the_supporters(
    documents, action, envelopes
):
    supporter = {
        "name": "Zorya Canary",
        "address": "7 Canary Lane\nCanarytown",
        "location": "Canaryville",
        "about": "I keep canaries",
        "message": "Canary message",
    }
    pack = _pack(action, envelopes=envelopes, **supporter)
    layout = next(documents.layouts(pack, title="t", language="en"))
    kept = layout.front() + layout.shared()
    for words in supporter.values():
        for line in words.split("\n"):
            assert line not in kept
            assert line in layout.whole()
    # The officials' parts are all there, marked as the slots the supporter's pages keep.
    shared = BeautifulSoup(layout.shared(), "html.parser")
    letter = pack.letters[0]
    assert [_text(slot) for slot in shared.select("[data-slot]")][:3] == [
        " ".join(letter.recipient.address_block),
        letter.salutation,
        _text(BeautifulSoup(layout.whole(), "html.parser").select_one(".copies")),
    ]


def _address_panel(paper) -> str:
    """Return the third of the sheet that holds the window's address, from the folds."""
    upper, lower = paper.folds
    if paper.address.bottom <= upper:
        return "top"
    return "bottom" if paper.address.top >= lower else "middle"


@pytest.mark.parametrize("paper", PAPERS.values(), ids=lambda p: p.id)
def test_folding_step_turns_the_address_third_out(documents, action, paper):
    options = KitOptions(paper=paper.id, guide=True, envelopes=False)
    pack = compose_kit(action, answers(), options, TODAY)
    page = BeautifulSoup(documents.render_html(pack, title="t", language="en"), "html.parser")
    step = _text(page.select_one(".guide-steps .fold-step"))
    facing_out = _address_panel(paper)
    other = {"top": "bottom", "bottom": "top"}[facing_out]
    mark = {"top": "upper", "bottom": "lower"}
    over = f"fold the {other} third {'up' if other == 'bottom' else 'down'} over the writing"
    back = f"fold the {facing_out} third back, behind the letter, at the {mark[facing_out]} mark"
    assert "Fold each letter in a Z" in step
    assert f"{over} at the {mark[other]} mark" in step
    assert back in step
    assert step.index(over) < step.index(back)
    assert f"The {facing_out} third, with the official's address, now faces out." in step
    assert "in three" not in step
    # The diagram is drawn in the page: nothing to fetch.
    diagram = page.select_one(".fold-step svg.fold-diagram")
    assert diagram["aria-label"]
    assert not page.select("img, image, use, [href], [src]")


@pytest.mark.parametrize(
    ("envelopes", "said"),
    [
        (True, "Pages 5 to 7 of this file are plain #10 envelopes"),
        (False, 'Tick "envelope pages" on the form'),
    ],
)
def test_guide_says_which_pages_are_envelopes_and_how_to_feed_them(
    documents, action, envelopes, said
):
    page = _html(documents, action, envelopes=envelopes)
    guide = _text(page.select_one(".guide-steps"))
    assert said in guide
    assert ("printer's envelope or manual feed slot" in guide) is envelopes


def test_guide_dates_the_postage_and_gives_numbers_as_dialled(documents, action):
    guide = _text(_html(documents, action).select_one(".guide"))
    assert "as the action gave it on 15 January 2019: check current rates with Canada Post" in guide
    assert "Fax 1 613 236 6342 Phone 1 613 235 4341 or 1 613 236 1413" in guide
    assert "Fax 011 7 495 910 2134" in guide
    assert "from the number's own local calling area you dial the ten digits without the 1" in guide
