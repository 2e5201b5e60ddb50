"""The letter checker: every rule holds over the sample, and each broken rule is reported."""

from dataclasses import replace
from datetime import date

import pytest

from campaign.compose import Answers, checker, compose_letters
from campaign.compose.checker import check_letter, check_letters, sample_answers

DAY = date(2026, 11, 21)


def _answers(action, about="I teach history.", points=("investigate", "justice", "safety")):
    return Answers(name="Ann Lee", about=about, points=points, recipients=(action.primary.id,))


def _letter(action, answers):
    return compose_letters(action, answers, DAY)[0]


def _rules(violations):
    return [v.rule for v in violations]


def test_every_shipped_letter_in_the_sample_keeps_every_rule(action):
    report = check_letters(action, DAY)
    assert report.letters >= 20_000
    assert report.violations == ()


def test_the_sample_is_the_same_on_every_run_and_covers_every_choice(action):
    first, again = list(sample_answers(action)), list(sample_answers(action))
    assert first == again
    assert {a.points for _, a in first} == {
        ("investigate", "justice"), ("investigate", "safety"), ("investigate", "condemn"),
        ("justice", "safety"), ("justice", "condemn"), ("safety", "condemn"),
        ("investigate", "justice", "safety"), ("investigate", "justice", "condemn"),
        ("investigate", "safety", "condemn"), ("justice", "safety", "condemn"),
    }  # fmt: skip
    assert {action.primary.id in a.recipients for _, a in first} == {True, False}
    # Some supporters write sentences that begin as an opening does.
    starts = {" ".join(o.split()[:3]).lower() for o in action.letter.openings}
    assert any(" ".join(a.about.split()[:3]) in starts for _, a in first)


def test_a_composed_letter_keeps_every_rule(action):
    answers = _answers(action)
    assert check_letter(action, _letter(action, answers), answers, 7) == []


def test_points_out_of_order_are_reported_with_their_phrasings(action):
    answers = _answers(action)
    letter = _letter(action, answers)
    broken = replace(letter, points=letter.points[::-1])
    [violation] = check_letter(action, broken, answers, 7)
    assert violation.rule == 1
    assert violation.phrasings == broken.points
    assert "rule 1, points in the action's order" in str(violation)
    assert "seed 7" in str(violation)
    assert " ".join(broken.points[0].split()[:5]) in str(violation)


def test_a_lead_in_before_a_point_it_does_not_fit_is_reported(action):
    call = next(c for c in action.letter.calls if c.fits is not None)
    point, phrasing = next(
        (point, p)
        for point in action.points
        for p in point.phrasings
        if p.kind is not None and p.kind not in call.fits
    )
    answers = _answers(action, points=(point.id,))
    letter = replace(_letter(action, answers), call=call, points=(phrasing,))
    violations = check_letter(action, letter, answers, 7)
    assert _rules(violations) == [2]
    assert violations[0].phrasings == (call, phrasing)
    assert f"a {phrasing.kind} after a lead-in" in str(violations[0])


def test_a_fact_stated_twice_is_reported_with_both_phrasings(action):
    concern = next(c for c in action.letter.concerns if "legal-duty" in c.states)
    close = next(c for c in action.letter.closes if "legal-duty" in c.states)
    answers = _answers(action, points=("safety", "condemn"))
    letter = replace(_letter(action, answers), concern=concern, close=close)
    violations = [v for v in check_letter(action, letter, answers, 7) if v.rule == 3]
    assert len(violations) == 1
    assert set(violations[0].phrasings) >= {concern, close}
    assert "'legal-duty' stated" in str(violations[0])


def test_a_letter_that_does_not_say_who_is_targeted_is_reported(action):
    answers = _answers(action)
    letter = _letter(action, answers)
    unsaid = replace(action, targeted_for=("for their religion",))
    [violation] = check_letter(unsaid, letter, answers, 7)
    assert violation.rule == 4
    assert "none of 'for their religion'" in str(violation)
    assert letter.concern in violation.phrasings


@pytest.mark.parametrize(
    "written", ["i teach history.", "I teach history", "(i teach history.)", "I teach history,"]
)
def test_a_supporters_sentence_not_written_as_a_sentence_is_reported(action, written):
    answers = _answers(action, about="i teach history")
    letter = _letter(action, answers)
    phrasing = next(o for o in action.letter.openings if letter.opening.endswith(o))
    broken = replace(letter, opening=f"{written} {phrasing}")
    [violation] = check_letter(action, broken, answers, 7)
    assert violation.rule == 5
    assert violation.phrasings == (broken.opening,)
    assert repr(written) in str(violation)


def test_an_opening_repeating_the_supporters_first_words_is_reported(action):
    opening = action.letter.openings[0]
    about = " ".join(opening.split()[:3]) + " as a nurse."
    answers = _answers(action, about=about)
    letter = replace(_letter(action, answers), opening=f"{about} {opening}")
    [violation] = check_letter(action, letter, answers, 7)
    assert violation.rule == 6
    assert violation.phrasings == (opening,)


def test_check_letters_reports_a_composer_that_breaks_a_rule(action, monkeypatch):
    def reversing(action, answers, today):
        return [replace(letter, points=letter.points[::-1]) for letter in compose_letters(
            action, answers, today
        )]  # fmt: skip

    monkeypatch.setattr(checker, "compose_letters", reversing)
    sample = [(3, _answers(action)), (4, _answers(action, points=("safety", "condemn")))]
    report = check_letters(action, DAY, sample)
    assert report.letters == 2
    assert [(v.rule, v.seed) for v in report.violations] == [(1, 3), (1, 4)]
