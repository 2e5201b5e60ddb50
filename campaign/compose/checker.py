"""Check composed letters against the rules every letter keeps, on what the letters say.

The composer keeps most of these rules by construction; the checker does not trust it. It
composes a fixed, reproducible sample of letters (every choice of two or three points, for
varied supporters with and without the primary official, some writing sentences made to
clash with the openings), finds which of the action's phrasings each paragraph is, and
reports every broken rule with the seed, the answers and the phrasings involved.
"""

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from campaign.compose.answers import Answers
from campaign.compose.choice import quote_start
from campaign.compose.letter import (
    Letter,
    compose_letters,
    ends_as_sentence,
    opens_lowercase_latin,
    repeats_first_words,
)
from campaign.content.models import Action, Phrasing
from campaign.content.rules import MAX_POINTS, MIN_POINTS

# Supporters per choice of points; with and without the primary, about 21,000 letters.
SUPPORTERS_PER_CHOICE = 1400
RULES = {
    1: "points in the action's order",
    2: "lead-in fits every point",
    3: "each fact stated once",
    4: "says who is targeted and why",
    5: "supporter's sentence opens with a capital and ends as a sentence",
    6: "opening does not repeat the supporter's first words",
}


@dataclass(frozen=True)
class Violation:
    """One broken rule in one letter: which rule, whose letter, which phrasings."""

    rule: int
    seed: int
    answers: Answers
    phrasings: tuple[str, ...]
    detail: str = ""

    def __str__(self) -> str:
        to = ", ".join(self.answers.recipients)
        quoted = ", ".join(quote_start(p, 5) for p in self.phrasings)
        detail = f" ({self.detail})" if self.detail else ""
        return (
            f"rule {self.rule}, {RULES[self.rule]}{detail}: seed {self.seed}, points "
            f"{', '.join(self.answers.points)}, to {to}, about {self.answers.about!r}: {quoted}"
        )


@dataclass(frozen=True)
class Report:
    """How many letters the checker read, and what they break."""

    letters: int
    violations: tuple[Violation, ...]


@dataclass(frozen=True)
class Read:
    """A letter as the checker reads it: each paragraph's phrasing, found by its text."""

    letter: Letter
    answers: Answers
    seed: int
    opening: Phrasing | None
    about: str  # what comes before the opening phrasing: the supporter's sentence
    call: Phrasing | None
    points: tuple[tuple[str | None, Phrasing | None], ...]  # (point id, phrasing)
    paragraphs: tuple[Phrasing, ...]  # every phrasing of the action the letter uses

    def violation(self, rule: int, phrasings: Iterable[str], detail: str = "") -> Violation:
        return Violation(rule, self.seed, self.answers, tuple(phrasings), detail)


def read_letter(action: Action, letter: Letter, answers: Answers, seed: int) -> Read:
    """Find the action's phrasing behind every paragraph of the letter."""
    wording = action.letter
    by_text = {str(p): p for p in (*wording.concerns, *wording.closes, *wording.calls)}
    point_of = {str(p): (point.id, p) for point in action.points for p in point.phrasings}
    opening = next((p for p in wording.openings if letter.opening.endswith(p)), None)
    about = letter.opening[: len(letter.opening) - len(opening)].strip() if opening else ""
    points = tuple(point_of.get(text, (None, None)) for text in letter.points)
    found = (
        opening,
        by_text.get(letter.concern),
        by_text.get(letter.call),
        *(p for _, p in points),
        by_text.get(letter.close),
    )
    return Read(
        letter=letter,
        answers=answers,
        seed=seed,
        opening=opening,
        about=about,
        call=by_text.get(letter.call),
        points=points,
        paragraphs=tuple(p for p in found if p is not None),
    )


def points_in_order(action: Action, read: Read) -> Iterator[Violation]:
    """Rule 1: the points appear in the action's order (and are the ones chosen)."""
    ids = [pid for pid, _ in read.points]
    wanted = [p.id for p in action.points if p.id in read.answers.points]
    if ids != wanted:
        yield read.violation(
            1, read.letter.points, f"points {', '.join(map(str, ids))}, not {', '.join(wanted)}"
        )


def lead_in_fits(action: Action, read: Read) -> Iterator[Violation]:
    """Rule 2: the lead-in fits the kind of every point phrasing after it."""
    call = read.call
    if call is None or call.fits is None:
        return
    for _, phrasing in read.points:
        if phrasing is not None and phrasing.kind is not None and phrasing.kind not in call.fits:
            yield read.violation(
                2,
                (call, phrasing),
                f"a {phrasing.kind} after a lead-in for {', '.join(sorted(call.fits))}",
            )


def facts_once(action: Action, read: Read) -> Iterator[Violation]:
    """Rule 3: no fact is stated twice in one letter."""
    stating: dict[str, list[Phrasing]] = {}
    for phrasing in read.paragraphs:
        for fact in phrasing.states:
            stating.setdefault(fact, []).append(phrasing)
    for fact, phrasings in sorted(stating.items()):
        if len(phrasings) > 1:
            yield read.violation(3, phrasings, f"'{fact}' stated {len(phrasings)} times")


def says_who_is_targeted(action: Action, read: Read) -> Iterator[Violation]:
    """Rule 4: the action's own wording in the letter says who is targeted and why."""
    if not action.targeted_for:
        return
    text = " ".join(" ".join(read.paragraphs).split()).casefold()
    if not any(" ".join(w.split()).casefold() in text for w in action.targeted_for):
        yield read.violation(
            4, read.paragraphs, f"none of {', '.join(map(repr, action.targeted_for))}"
        )


def opens_as_sentence(action: Action, read: Read) -> Iterator[Violation]:
    """Rule 5: the supporter's sentence opens with a capital and ends as a sentence."""
    if not read.answers.about:
        return
    about = read.about.strip("\u2068\u2069")
    if not about or opens_lowercase_latin(about) or not ends_as_sentence(about):
        yield read.violation(5, (read.letter.opening,), f"written as {about!r}")


def opening_does_not_repeat(action: Action, read: Read) -> Iterator[Violation]:
    """Rule 6: the opening does not repeat the supporter's first three words."""
    if read.opening is not None and repeats_first_words(read.answers.about, read.opening):
        yield read.violation(6, (read.opening,))


RULE_CHECKS = (
    points_in_order,
    lead_in_fits,
    facts_once,
    says_who_is_targeted,
    opens_as_sentence,
    opening_does_not_repeat,
)


def check_letter(action: Action, letter: Letter, answers: Answers, seed: int) -> list[Violation]:
    """Return every rule the letter breaks."""
    read = read_letter(action, letter, answers, seed)
    return [violation for rule in RULE_CHECKS for violation in rule(action, read)]


_NAMES = ["Ann Lee", "Bashir Okafor", "Chloé Tremblay", "Dmitri Nguyen", "Elena MacLeod"]
_TOWNS = ["Halifax, Nova Scotia", "Montréal, Québec", "Winnipeg, Manitoba", "Victoria, BC"]
_ABOUT = [
    "i am a retired nurse",
    "I teach history at a secondary school.",
    '"i run a small bakery"',
    "(i am a student of international law)",
    "Je suis enseignante à Québec",
    "Я живу в Торонто",
    "أنا طالب في مونتريال",
    "I am a father of three!",
    "",
]


def _clashing_sentences(action: Action) -> list[str]:
    """Return sentences that start with each opening's first three words, lower-cased."""
    sentences = []
    for opening in action.letter.openings:
        words = opening.split()[:3]
        if len(words) == 3:
            sentences.append(" ".join(words).lower() + " and I live in Canada")
    return sentences


def sample_answers(action: Action) -> Iterator[tuple[int, Answers]]:
    """Yield (seed, answers): the same sample on every run, about 21,000 letters' worth."""
    abouts = _ABOUT + _clashing_sentences(action)
    everyone = tuple(r.id for r in action.recipients)
    copies_only = tuple(r.id for r in action.recipients if r.role != "primary")
    ids = [point.id for point in action.points]
    seed = 0
    for size in range(MIN_POINTS, min(MAX_POINTS, len(ids)) + 1):
        for point_ids in combinations(ids, size):
            for n in range(SUPPORTERS_PER_CHOICE):
                rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
                yield (
                    seed,
                    Answers(
                        name=f"{rng.choice(_NAMES)} {n}",
                        about=rng.choice(abouts),
                        location=rng.choice(_TOWNS),
                        message=rng.choice(["", "I will follow this case closely."]),
                        points=point_ids,
                        recipients=everyone if n % 2 or not copies_only else copies_only,
                    ),
                )
                seed += 1


def check_letters(
    action: Action, today: date, sample: Sequence[tuple[int, Answers]] | None = None
) -> Report:
    """Compose the sample's letters (copies of one letter count once) and check each."""
    letters, violations = 0, []
    for seed, answers in sample_answers(action) if sample is None else sample:
        composed = compose_letters(action, answers, today)
        # With the primary chosen, every page is the one letter to them.
        distinct = composed[:1] if action.primary.id in answers.recipients else composed
        for letter in distinct:
            letters += 1
            violations.extend(check_letter(action, letter, answers, seed))
    return Report(letters, tuple(violations))
