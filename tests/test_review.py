"""The organiser's review of an action: page fit at maximum input, and similarity."""

from dataclasses import asdict
from datetime import date

from campaign import review
from campaign.compose import check_answers
from campaign.compose.checker import Report, Violation
from campaign.content.rules import FIELD_LIMITS
from campaign.review import (
    SIMILARITY_TARGET,
    maximal_answers,
    measure_similarity,
    simulated_supporters,
    supporter_bodies,
)

DAY = date(2026, 11, 21)


def test_measure_similarity_counts_identical_pairs():
    result = measure_similarity([["a", "b"], ["a", "b"], ["c", "d"]])
    assert (result.pairs, result.identical_pairs, result.maximum) == (3, 1, 1.0)
    assert result.median == 0.0
    assert not result.ok


def test_simulated_supporters_are_distinct_and_choose_the_same_points(action):
    supporters = simulated_supporters(action)
    assert len({s.name for s in supporters}) == 40
    assert {s.points for s in supporters} == {("investigate", "justice", "safety")}


def test_bodies_leave_out_the_supporters_own_words(action):
    supporter = simulated_supporters(action)[0]
    body = " ".join(next(supporter_bodies(action, DAY)))
    assert supporter.about not in body
    assert supporter.message
    assert supporter.message not in body
    assert supporter.name not in body
    assert len(body.split()) > 100


def test_shipped_wording_keeps_letters_apart(action):
    result = measure_similarity(supporter_bodies(action, DAY))
    assert result.identical_pairs == 0
    assert result.median <= SIMILARITY_TARGET
    assert result.ok


def test_maximal_answers_fill_every_limit(action):
    answers = maximal_answers(action)
    for name, limit in FIELD_LIMITS.items():
        value = getattr(answers, name)
        assert len(value) >= limit.max_chars - 1, name
        assert len(value.split("\n")) <= limit.max_lines
    assert answers.recipients == tuple(r.id for r in action.recipients)
    assert len(answers.points) == 3


def test_maximal_answers_are_accepted_for_a_printed_letter(action):
    # The review measures what a supporter can send: every check of the form passes them.
    checked = check_answers(asdict(maximal_answers(action)), action, printing=True)
    assert checked.mistakes == ()


def test_letter_checker_finding_counts_letters_and_lists_violations(action, monkeypatch):
    answers = simulated_supporters(action)[0]
    broken = Violation(1, 9, answers, ("Please ensure that anyone found guilty",), "x")
    monkeypatch.setattr(review, "check_letters", lambda a, t: Report(5, (broken,) * 25))
    finding = review._letter_checker(action, DAY)
    assert not finding.ok
    assert finding.summary == "letter checker: 5 letters, 25 violations"
    assert len(finding.problems) == 21
    assert "rule 1, points in the action's order (x): seed 9" in str(finding.problems[0])
    assert "'Please ensure that anyone found…'" in str(finding.problems[0])
    assert str(finding.problems[-1]).endswith("and 5 more")
