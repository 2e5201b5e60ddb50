"""The limits a supporter's answers must respect, defined once for forms, pages and letters."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TextLimit:
    """How long a free-text answer may be, and whether it may span lines."""

    max_chars: int
    max_lines: int = 1

    @property
    def multiline(self) -> bool:
        return self.max_lines > 1


FIELD_LIMITS: dict[str, TextLimit] = {
    "name": TextLimit(100),
    "about": TextLimit(300),
    "location": TextLimit(100),
    "address": TextLimit(300, max_lines=6),
    "message": TextLimit(600, max_lines=6),
}

MIN_POINTS = 2
MAX_POINTS = 3

TWEET_MAX_WEIGHT = 280
