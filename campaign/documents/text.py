"""Lay composed letters out as plain text, for an online letter form or an email."""

import textwrap
from collections.abc import Sequence

from campaign.compose.letter import Letter
from campaign.documents.formatting import Formatter

WIDTH = 72
SEPARATOR = "-" * WIDTH


def _wrap(paragraph: str, indent: str = "") -> list[str]:
    lines: list[str] = []
    for line in paragraph.split("\n"):  # a supporter's own line breaks are kept
        lines += textwrap.wrap(
            line,
            WIDTH,
            initial_indent=indent,
            subsequent_indent=" " * len(indent),
            break_long_words=True,
            break_on_hyphens=False,
        ) or [""]
    return lines


def render_letter_text(letter: Letter, language: str) -> str:
    """Return one letter as plain text, wrapped at 72 characters, in the PDF's order."""
    blocks: list[list[str]] = [
        [letter.sender.name, *letter.sender.address],
        [Formatter(language).dateline(letter.sender.location, letter.date)],
        list(letter.recipient.address_block),
        *([_wrap(letter.copy_mark)] if letter.copy_mark else []),
        [letter.salutation],
        _wrap(letter.opening),
        _wrap(letter.concern),
        *([_wrap(letter.convey)] if letter.convey else []),
        _wrap(letter.call),
        [line for point in letter.points for line in _wrap(point, "- ")],
        *(_wrap(paragraph) for paragraph in letter.message),
        _wrap(letter.close),
        [letter.valediction, "", "", letter.sender.name],
    ]
    if letter.copies:
        blocks.append(
            _wrap("cc: " + "; ".join(f"{c.full_name}, {c.title}" for c in letter.copies), "")
        )
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def render_letters_text(letters: Sequence[Letter], language: str) -> str:
    """Return every letter as plain text, separated by a line of dashes."""
    return f"\n{SEPARATOR}\n\n".join(render_letter_text(letter, language) for letter in letters)
