"""The similarity measurement, and the shipped wording meeting its target."""

from datetime import date

import pytest

from campaign.compose import Answers, compose_letters
from scripts.similarity import (
    POINTS,
    TARGET_MEDIAN,
    _without,
    letter_body,
    measure_similarity,
    simulated_supporters,
)


@pytest.mark.parametrize(
    ("words", "removed", "left"),
    [
        (["a", "b", "c", "d"], ["b", "c"], ["a", "d"]),
        (["a", "b", "c", "d"], ["c", "b"], ["a", "b", "c", "d"]),
        (["a", "b"], [], ["a", "b"]),
    ],
)
def test_without_removes_one_run_of_words(words, removed, left):
    assert _without(words, removed) == left


def test_measure_similarity_counts_identical_pairs():
    result = measure_similarity([["a", "b"], ["a", "b"], ["c", "d"]])
    assert (result.pairs, result.identical_pairs, result.maximum) == (3, 1, 1.0)
    assert result.median == 0.0


def test_simulated_supporters_are_distinct():
    supporters = simulated_supporters()
    assert len({s.name for s in supporters}) == 40


def test_letter_body_leaves_out_the_supporters_own_words(client):
    supporter = simulated_supporters()[0]
    body = " ".join(letter_body(client.post("/letter", data=supporter.form).data, supporter))
    assert supporter.about not in body
    assert supporter.message not in body
    assert "Dear" not in body
    assert "Yours sincerely" not in body
    assert len(body.split()) > 100


def test_shipped_wording_keeps_letters_apart(content):
    """The same measure over composed letters (without PDFs): the action's target holds."""
    bodies = []
    for supporter in simulated_supporters():
        answers = Answers(
            name=supporter.name,
            about=supporter.about,
            location=supporter.location,
            message=supporter.message,
            points=tuple(POINTS),
            recipients=("kremlin",),
        )
        letter = compose_letters(content.action, content.recipients, answers, date(2026, 11, 21))[0]
        opening = letter.opening.removeprefix(supporter.about)
        wording = [opening, letter.concern, letter.call, *letter.points, letter.close]
        bodies.append(" ".join(wording).split())
    result = measure_similarity(bodies)
    assert result.identical_pairs == 0
    assert result.median <= TARGET_MEDIAN
