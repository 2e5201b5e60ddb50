"""The shipped action's letter wording: whom it says are targeted, and numbers as stated.

The facts come from the action's background ("Additional information" in
seeds/003_2c2a5f68fb7a1480.txt): "over a hundred men believed to be gay had been abducted"
in 2017, and information verified "about at least three men who had been killed".
"""

import re
from datetime import date
from itertools import combinations

import pytest

from campaign.compose import Answers, compose_letters

# How a letter may say who is targeted and why; every letter must use one.
TARGETED_FOR = ("gay or lesbian", "sexual orientation")
SAMPLE_SIZE = 2000

# A count of people: a number other than a year, or a number word.
_COUNT = re.compile(
    r"\b(?!(?:19|20)\d\d\b)\d+\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|hundred|dozen)s?\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _says_who_is_targeted(text: str) -> bool:
    return any(wording in text for wording in TARGETED_FOR)


def _phrasings(action) -> list[str]:
    """Return every phrasing a letter of the action can hold."""
    letter = action.letter
    return [
        *letter.openings,
        *letter.concerns,
        *letter.calls,
        *letter.closes,
        *(phrasing for point in action.points for phrasing in point.phrasings),
        *(phrasing for recipient in action.recipients for phrasing in recipient.convey),
    ]


def _sentences(action) -> list[str]:
    return [s for phrasing in _phrasings(action) for s in _SENTENCE_END.split(phrasing)]


def test_every_concern_says_who_is_targeted_and_why(action):
    # Every letter holds exactly one concern, so each must say it.
    missing = [c for c in action.letter.concerns if not _says_who_is_targeted(c)]
    assert missing == []


def test_every_letter_says_who_is_targeted_and_why(action):
    point_ids = [point.id for point in action.points]
    choices = [c for size in (2, 3) for c in combinations(point_ids, size)]
    everyone = tuple(recipient.id for recipient in action.recipients)
    # With the primary official, and without (each official then written to in their name).
    recipient_choices = (everyone, everyone[1:])
    missing = []
    for n in range(SAMPLE_SIZE):
        answers = Answers(
            name=f"Supporter {n}",
            about="I write from Halifax",
            points=choices[n % len(choices)],
            recipients=recipient_choices[n // len(choices) % 2],
        )
        for letter in compose_letters(action, answers, date(2019, 1, 15)):
            if not _says_who_is_targeted(" ".join(letter.paragraphs)):
                missing.append(n)
    assert missing == []


@pytest.mark.parametrize(
    "claim",
    [
        # The action's summary line reads as a hundred killed; its background does not say so.
        "killing of 100",
        "killing of over",
        "killing of more than",
        "gay men and women",
    ],
)
def test_no_phrasing_makes_a_claim_the_background_does_not_support(action, claim):
    assert [p for p in _phrasings(action) if claim in p.casefold()] == []


def test_the_hundred_were_abducted_and_not_said_to_be_killed(action):
    hundred = [s for s in _sentences(action) if re.search(r"\b100\b|hundred", s)]
    assert hundred, "the 2017 abductions are no longer mentioned: drop or update this test"
    for sentence in hundred:
        assert re.search(r"abduct|detain", sentence), sentence
        if "kill" in sentence:
            assert "at least three" in sentence, sentence


def test_a_count_of_killings_says_at_least_three(action):
    counted = [s for s in _sentences(action) if "kill" in s and _COUNT.search(s)]
    for sentence in counted:
        assert "at least three" in sentence, sentence
