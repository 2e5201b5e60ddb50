"""The kit pipeline: laid out in parts, it prints exactly what the whole layout prints."""

from dataclasses import replace
from datetime import date

import pytest

from campaign.compose import LongestVariation, check_answers, compose_letters, every_phrasing
from campaign.config import PROJECT_DIR
from campaign.content import GroupAddress
from campaign.documents import LetterDocuments
from campaign.kit import KitOptions, compose_kit, lay_out_kit, make_kit
from campaign.services import shared_renderer
from tests.support.forms import VALID_FORM, form_with, wide_answers

TODAY = date(2026, 11, 21)
ALL = ["kremlin", "embassy", "investigation-committee"]


@pytest.fixture(scope="module")
def documents():
    return LetterDocuments(PROJECT_DIR / "templates")


def _whole_and_parts(action, form, options, documents, variation=None):
    answers = check_answers(form, action).answers
    renderer = shared_renderer()
    pack = compose_kit(action, answers, options, TODAY, variation)
    parts = make_kit(
        action, answers, options, today=TODAY, documents=documents, renderer=renderer,
        variation=variation,
    )  # fmt: skip
    wholes = [layout.whole() for layout in lay_out_kit(documents, action, pack)]
    whole = renderer.render_pdf(wholes, options.paper, pages=pack.pages)
    return whole, parts


@pytest.mark.parametrize(
    ("paper", "guide", "envelopes", "recipients"),
    [
        ("letter", True, False, ALL),  # what the form sends unless changed
        ("letter", False, False, ["kremlin"]),
        ("a4", True, True, ALL),
        ("letter", False, True, ["embassy", "investigation-committee"]),
        ("a4", False, False, ["investigation-committee", "kremlin"]),
        ("a4", True, True, ["embassy"]),  # a letter to the embassy alone, passed on
        ("letter", True, False, ["embassy", "investigation-committee"]),
    ],
)
def test_the_kit_in_parts_is_the_kit_laid_out_whole(
    action, documents, paper, guide, envelopes, recipients
):
    form = form_with(recipients=recipients)
    options = KitOptions(paper=paper, guide=guide, envelopes=envelopes)
    whole, parts = _whole_and_parts(action, form, options, documents)
    # Byte for byte: the same boxes in the same places, tags in the same reading order.
    assert parts == whole


def test_the_compact_kit_in_parts_is_the_compact_kit_laid_out_whole(action, documents):
    options = KitOptions(paper="letter", guide=True, envelopes=True)
    whole, parts = _whole_and_parts(
        action, wide_answers(action), options, documents, LongestVariation()
    )
    assert parts == whole


def test_a_salutation_of_two_lines_gets_a_supporters_page_of_its_own(action, documents):
    long = replace(
        action.recipient("embassy"),
        salutation="Your Excellency, " + "most honourable and distinguished Ambassador, " * 3,
    )
    changed = replace(
        action,
        recipients=tuple(long if r.id == "embassy" else r for r in action.recipients),
    )
    options = KitOptions(paper="letter", guide=False, envelopes=False)
    whole, parts = _whole_and_parts(changed, dict(VALID_FORM, recipients=ALL), options, documents)
    assert parts == whole


@pytest.mark.parametrize(
    ("paper", "sent"),
    [
        ("letter", {"return_address": "none"}),  # no address under the name
        ("a4", {"return_address": "none", "country": "France"}),
        ("letter", {"return_address": "group"}),
        ("a4", {"return_address": "own", "country": "France"}),  # Ottawa gets CANADA
    ],
)
def test_the_kit_in_parts_is_whole_whatever_the_letter_is_signed_with(
    action, documents, paper, sent
):
    group = GroupAddress(name="Amnesty Example Group", lines=("1 Group Street", "Halifax, NS"))
    action = replace(action, group_address=group)
    options = KitOptions(paper=paper, guide=True, envelopes=True)
    whole, parts = _whole_and_parts(action, form_with(**sent), options, documents)
    assert parts == whole


def test_copies_and_requests_to_pass_the_appeal_on_are_officials_parts(action, documents):
    # Copies of one letter and letters without the primary: every official's part (copy
    # mark, request to pass on) is in its slot on its own page, at maximum length too.
    options = KitOptions(paper="letter", guide=False, envelopes=False)
    for recipients in (ALL, ["embassy", "investigation-committee"]):
        form = dict(wide_answers(action), recipients=recipients)
        whole, parts = _whole_and_parts(action, form, options, documents, LongestVariation())
        assert parts == whole


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_phrasing_of_the_actions_words_is_in_some_copy_of_a_letter(action, language):
    answers = check_answers(form_with(), action).answers
    (letter, *_) = compose_letters(action, answers, TODAY, language=language)
    copies = every_phrasing(action, letter)
    written = action.in_language(language)
    wording = written.letter
    assert {c.concern for c in copies} == set(wording.concerns)
    assert {c.call for c in copies} == set(wording.calls)
    assert {c.close for c in copies} == set(wording.closes)
    assert {c.valediction for c in copies} == {
        r.valediction or wording.valediction for r in written.recipients
    }
    every_point = {phrasing for point in written.points for phrasing in point.phrasings}
    assert {p for c in copies for p in c.points} == every_point
    # Each point both as a point and as the last one, set apart by the stylesheet.
    assert all(len(c.points) == 2 and c.points[0] == c.points[1] for c in copies)
    # The supporter's own words and the officials are the letter's.
    assert {(c.opening, c.message, c.sender, c.recipient) for c in copies} == {
        (letter.opening, letter.message, letter.sender, letter.recipient)
    }
