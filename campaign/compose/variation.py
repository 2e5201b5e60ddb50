"""Choose a letter's phrasings deterministically from the supporter's answers.

Officials discard identical letters as bulk mail, so each supporter's letter picks its own
phrasing of every paragraph (the points keep the action's order). The choice is a hash of the
answers: the same answers always give the same letter, and nothing needs to be stored.
"""

import hashlib
from collections.abc import Sequence
from typing import TypeVar

from campaign.compose.answers import Answers

T = TypeVar("T", bound=str)


class Variation:
    """Picks among phrasings, the same way every time for one seed."""

    def __init__(self, seed: bytes):
        self._seed = seed

    @classmethod
    def from_answers(cls, answers: Answers) -> "Variation":
        """Seed from the answers that make up the letter's text (not format or paper)."""
        parts = [answers.name, answers.about, answers.location, answers.address, answers.message]
        parts.extend(sorted(answers.points))
        return cls("\x1f".join(parts).encode("utf-8"))

    def _number(self, slot: str) -> int:
        digest = hashlib.sha256(self._seed + b"\x1e" + slot.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big")

    def pick(self, slot: str, options: Sequence[str]) -> str:
        """Return one of the options for this slot of the letter."""
        return options[self._number(slot) % len(options)]

    def order(self, slot: str, options: Sequence[T]) -> list[T]:
        """Return the options in the order to try them for this slot: its pick first.

        The others follow round from it, so a letter that must pass over its pick (it does
        not fit the rest of the letter) still varies with the answers.
        """
        start = self._number(slot) % len(options)
        return [*options[start:], *options[:start]]


class LongestVariation(Variation):
    """Picks the longest phrasing everywhere: the worst case for fitting a page."""

    def __init__(self) -> None:
        super().__init__(b"")

    def pick(self, slot: str, options: Sequence[str]) -> str:
        return max(options, key=len)

    def order(self, slot: str, options: Sequence[T]) -> list[T]:
        return sorted(options, key=len, reverse=True)
