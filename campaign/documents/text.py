"""Lay composed letters out as plain text: to paste into an online form or an email, or to keep.

Text is never wrapped at a width: each paragraph is one line, and paragraphs are separated by
a blank line, so that a paste into a web form or an email reflows to its width instead of
keeping ragged breaks. Only a supporter's own line breaks in their message are kept, as
they typed them, and the points are one line each, after a dash.
"""

from collections.abc import Sequence

from campaign.compose.letter import Letter
from campaign.documents.formatting import Formatter
from campaign.documents.words import copies_line, copy_mark

# Between two letters of a downloaded file: a line no letter holds.
SEPARATOR = "-" * 40


def _paragraphs(letter: Letter) -> list[str]:
    """Return the body of the letter, from the salutation to the closing paragraph."""
    convey = [letter.convey] if letter.convey else []
    return [
        letter.salutation,
        letter.opening,
        letter.concern,
        *convey,
        letter.call,
        "\n".join(f"- {point}" for point in letter.points),
        *letter.message,
        letter.close,
    ]


def _copies(letter: Letter) -> list[str]:
    """Return the "cc:" line naming the officials sent a copy, if there are any."""
    line = copies_line(letter, "; ")
    return [line] if line else []


def _mark(letter: Letter) -> list[str]:
    """Return a copy's "Copy for …" line, if the letter is a copy."""
    mark = copy_mark(letter)
    return [mark] if mark else []


def _join(blocks: Sequence[str]) -> str:
    return "\n\n".join(blocks) + "\n"


def render_online_text(letter: Letter) -> str:
    """Return the text a supporter copies into an official's online form or an email.

    It holds what the official reads: a copy's "Copy for …" line (the letter is written to
    another official), the salutation to the closing paragraph, then the signature (the
    valediction, the supporter's name and, if they gave one, their address under it), and the
    letter to the primary official ends with its "cc:" line. The envelope address block and
    the dateline are left out: an online form and an email carry the recipient and the date
    themselves.
    """
    signature = "\n".join([letter.valediction, letter.sender.name, *letter.sender.address])
    return _join([*_mark(letter), *_paragraphs(letter), signature, *_copies(letter)])


def render_letter_text(letter: Letter) -> str:
    """Return one letter as printed, in the PDF's order, as plain text.

    The sender's name and address, the dateline, the official's address block, a copy's
    mark, the body, the valediction with room for a signature above the name, and the "cc:"
    line: what the supporter keeps, prints or sends by another way, all in the letter's
    language.
    """
    blocks = [
        "\n".join([letter.sender.name, *letter.sender.address]),
        Formatter(letter.language).dateline(letter.sender.location, letter.date),
        "\n".join(letter.recipient.address_block),
        *_mark(letter),
        *_paragraphs(letter),
        "\n".join([letter.valediction, "", "", letter.sender.name]),
        *_copies(letter),
    ]
    return _join(blocks)


def render_letters_text(letters: Sequence[Letter]) -> str:
    """Return the downloadable file: every letter as printed, one after another.

    Letters come in the PDF's order, separated by a line of dashes.
    """
    return f"\n{SEPARATOR}\n\n".join(render_letter_text(letter) for letter in letters)
