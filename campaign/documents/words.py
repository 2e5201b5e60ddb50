"""The letter's own fixed words, in the language the letter is written in.

A letter's words follow the letter's language, not the page's: a francophone may write to
an official in English. Dates are Babel's (see formatting.py); the few words a letter adds
to its composed text are here, one table for every language letters are written in.
"""

from dataclasses import dataclass

from campaign.compose.letter import Letter
from campaign.content.models import Official


@dataclass(frozen=True)
class LetterWords:
    """What a letter adds to its composed text: the copy mark and the list of copies."""

    copy_for: str  # with {official}: the official's name and office
    copies: str  # before the officials sent a copy


LETTER_WORDS = {
    "en": LetterWords(copy_for="Copy for {official}", copies="cc:"),
    # "c. c." (copie conforme) as the Translation Bureau and the OQLF write it.
    "fr": LetterWords(copy_for="Copie pour {official}", copies="c. c."),
}


def letter_words(language: str) -> LetterWords:
    """Return the fixed words of letters in this language, or in English when it has none."""
    return LETTER_WORDS.get(language, LETTER_WORDS["en"])


def named(official: Official) -> str:
    """Return how a letter names an official: 'Aleksandr Bastrykin, Chair of the …'."""
    return f"{official.full_name}, {official.title}"


def copy_mark(letter: Letter) -> str | None:
    """Return the line that marks a copy as the recipient's, or None for the letter itself."""
    if not letter.is_copy:
        return None
    return letter_words(letter.language).copy_for.format(official=named(letter.recipient))


def copies_line(letter: Letter, separator: str) -> str | None:
    """Return the line naming the officials sent a copy (`cc: …`), or None without copies."""
    if not letter.copies:
        return None
    names = separator.join(named(copy) for copy in letter.copies)
    return f"{letter_words(letter.language).copies} {names}"
