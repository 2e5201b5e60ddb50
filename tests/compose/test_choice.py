"""choose_phrasings / phrasings_combine: lead-ins that fit their points, each fact said once."""

import re
from dataclasses import replace
from datetime import date
from itertools import combinations

import pytest

from campaign.compose import Answers, LongestVariation, Variation, compose_letters
from campaign.compose.choice import (
    choose_letter_phrasings,
    choose_phrasings,
    paragraph_slots,
    phrasings_combine,
)
from campaign.content import ContentError
from campaign.content.checks import check_content
from campaign.content.models import Phrasing

TODAY = date(2026, 11, 21)
POINT_IDS = ("investigate", "justice", "safety", "condemn")
CHOICES = [c for n in (2, 3) for c in combinations(POINT_IDS, n)]
SUPPORTERS = 200  # × 10 choices of points: 2,000 letters
# The legal duty, in every wording the action gives it.
LEGAL_DUTY = re.compile(r"international (?:human rights )?law", re.IGNORECASE)


def _supporter(number: int, chosen) -> Answers:
    return Answers(
        name=f"Supporter {number}",
        about=f"I have written {number} letters",
        location="Halifax, Nova Scotia",
        address="12 Example Street\nHalifax, NS",
        message=f"Thought {number}.",
        points=chosen,
        recipients=("kremlin",),
    )


@pytest.fixture(scope="module")
def letters(action):
    """Return 2,000 letters: every choice of 2 or 3 points, written by 200 supporters each."""
    return [
        compose_letters(action, _supporter(number, chosen), TODAY)[0]
        for chosen in CHOICES
        for number in range(SUPPORTERS)
    ]


def _by_text(phrasings):
    return {str(p): p for p in phrasings}


def test_the_lead_in_fits_every_point_that_follows_it(action, letters):
    calls = _by_text(action.letter.calls)
    points = _by_text(p for point in action.points for p in point.phrasings)
    for letter in letters:
        call = calls[letter.call]
        assert all(call.leads_into(points[text]) for text in letter.points), letter.paragraphs


@pytest.mark.parametrize(
    ("lead_in", "clashing", "description"),
    [
        ("I respectfully ask the following", re.compile(r"^I ask\b"), "an 'I ask …' point"),
        ("Here is what I hope to see happen now", re.compile(r"\?$"), "a question"),
    ],
)
def test_the_measured_clashes_never_happen(letters, lead_in, clashing, description):
    after = [letter for letter in letters if letter.call.startswith(lead_in)]
    assert after, f"no letter uses the lead-in {lead_in!r}: the test proves nothing"
    clashes = [x.points for x in after if any(clashing.search(p) for p in x.points)]
    assert clashes == [], f"{lead_in!r} is followed by {description}"


def test_the_legal_duty_is_stated_at_most_once_a_letter(letters):
    counts = [len(LEGAL_DUTY.findall(" ".join(letter.paragraphs))) for letter in letters]
    assert max(counts) == 1
    assert sum(counts) > len(letters) // 10  # still said, in some letters


def test_no_fact_is_stated_twice_in_a_letter(action, letters):
    every = _by_text(
        [*action.letter.concerns, *action.letter.closes, *action.letter.calls]
        + [p for point in action.points for p in point.phrasings]
    )
    for letter in letters:
        stated = [
            fact for text in letter.paragraphs if text in every for fact in every[text].states
        ]
        assert len(stated) == len(set(stated)), letter.paragraphs


def test_every_phrasing_of_the_clashing_lead_ins_is_still_used(letters):
    used_calls = {letter.call for letter in letters}
    assert any(call.startswith("Here is what I hope") for call in used_calls)
    assert len(used_calls) == 6


def test_without_a_clash_every_paragraph_keeps_its_own_pick(action):
    plain = replace(
        action,
        letter=replace(action.letter, calls=tuple(Phrasing(str(c)) for c in action.letter.calls)),
        points=tuple(
            replace(p, phrasings=tuple(Phrasing(str(t)) for t in p.phrasings))
            for p in action.points
        ),
    )
    plain = replace(
        plain,
        letter=replace(
            plain.letter,
            concerns=tuple(Phrasing(str(c)) for c in plain.letter.concerns),
            closes=tuple(Phrasing(str(c)) for c in plain.letter.closes),
        ),
    )
    variation = Variation(b"seed")
    chosen = choose_letter_phrasings(
        plain, ["justice", "safety"], plain.letter.openings, variation.order
    )
    for slot, options in paragraph_slots(plain, ["justice", "safety"]):
        assert chosen[slot] == variation.pick(slot, options)


def test_the_longest_variation_still_fits(action):
    chosen = choose_letter_phrasings(
        action, list(POINT_IDS[:3]), action.letter.openings, LongestVariation().order
    )
    assert not any(chosen["call"].states & chosen[s].states for s in chosen if s != "call")
    assert all(chosen["call"].leads_into(chosen[f"point:{pid}"]) for pid in POINT_IDS[:3])


# Actions built to break each rule: the content check refuses them, naming the phrasings

HOPE = Phrasing("Here is what I hope to see happen now:", fits=frozenset({"request"}))
DUTY = frozenset({"legal-duty"})


def _questions_only(action):
    """Only one lead-in, which no question fits; the justice point only asks questions."""
    justice = replace(
        action.point("justice"),
        phrasings=(
            Phrasing("Will you bring them to justice?", kind="question"),
            Phrasing("Could you see that they are tried?", kind="question"),
        ),
    )
    return replace(
        action,
        letter=replace(action.letter, calls=(HOPE,)),
        points=tuple(justice if p.id == "justice" else p for p in action.points),
    )


def _duty_everywhere(action):
    """Every concern and every close states the legal duty."""
    letter = action.letter
    return replace(
        action,
        letter=replace(
            letter,
            concerns=tuple(Phrasing(str(c), states=DUTY) for c in letter.concerns),
            closes=tuple(Phrasing(str(c), states=DUTY) for c in letter.closes),
        ),
    )


def test_the_shipped_action_combines_for_every_choice_of_points(action):
    assert list(phrasings_combine(action)) == []


def test_points_no_lead_in_fits_are_refused_naming_the_phrasings(action):
    problems = [str(p) for p in phrasings_combine(_questions_only(action))]
    # Every choice with justice, and none without it.
    assert len(problems) == sum("justice" in c for c in CHOICES)
    assert problems[0] == (
        "actions/ua-2-19.yaml: field 'letter': with the points investigate, justice, no lead-in "
        "(calls) fits a phrasing of each point: lead-in 'Here is what I hope to…' fits "
        "none of the phrasings of point 'justice' (question)"
    )


def test_a_fact_every_combination_states_twice_is_refused_naming_the_phrasings(action):
    problems = [str(p) for p in phrasings_combine(_duty_everywhere(action))]
    assert len(problems) == len(CHOICES)
    assert problems[0].startswith(
        "actions/ua-2-19.yaml: field 'letter': with the points investigate, justice, every "
        "combination of phrasings states a fact twice: 'legal-duty' by concern 'Since the end "
        "of December 2018,…', concern 'On 20 December 2018 a report…'"
    )
    assert "close 'Thank you for considering my letter.…'" in problems[0]


@pytest.mark.parametrize("broken", [_questions_only, _duty_everywhere])
def test_start_up_refuses_an_action_whose_phrasings_do_not_combine(content, action, broken):
    with pytest.raises(ContentError, match="field 'letter': with the points"):
        check_content(replace(content, actions=(broken(action),)), [phrasings_combine])


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        # The facts rule gives way: a clash-free lead-in, a fact said twice.
        (_duty_everywhere, lambda chosen: chosen["concern"].states == chosen["close"].states),
        # Then the kinds: every paragraph keeps its own pick.
        (_questions_only, lambda chosen: chosen["call"] == HOPE),
    ],
)
def test_an_action_that_slipped_through_still_gets_a_predictable_letter(action, broken, expected):
    broken_action = broken(action)
    variation = Variation(b"seed")
    first = choose_letter_phrasings(
        broken_action, ["investigate", "justice"], broken_action.letter.openings, variation.order
    )
    again = choose_letter_phrasings(
        broken_action, ["investigate", "justice"], broken_action.letter.openings, variation.order
    )
    assert first == again
    assert expected(first)


def test_choose_phrasings_returns_none_when_nothing_fits():
    slots = [
        ("call", [HOPE]),
        ("point:x", [Phrasing("Will you?", kind="question")]),
    ]
    assert choose_phrasings(slots) is None
    assert choose_phrasings(slots, facts_once=False) is None
