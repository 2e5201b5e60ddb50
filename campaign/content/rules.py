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
    "country": TextLimit(60),
    "message": TextLimit(600, max_lines=6),
}

# What a supporter may sign their letter with: their own address, the action's group
# address (only when it gives one), or no address at all.
RETURN_ADDRESSES = ("own", "group", "none")

MIN_POINTS = 2
MAX_POINTS = 3

TWEET_MAX_WEIGHT = 280

# Every different character of a printed letter is a glyph its font must carry into the PDF.
# WeasyPrint subsets each font with HarfBuzz, which (6.0, as shipped by Debian 12) fails once
# about 760 scattered glyphs of one font are used; WeasyPrint then embeds the whole font.
# Measured with the sending guide, three letters and their envelopes: 760 different
# ideographs made a 121 KB kit in 0.14 s, 800 a 2.1 MB kit in 0.63 s. At 600 every font stays
# a fifth below that (101 KB, 0.12 s), while a real letter in Chinese or Japanese that fills
# its page uses about half as many (714 characters, 302 different; 689, 248 different).
# Spaces and line breaks print nothing and are not counted.
MAX_DISTINCT_CHARACTERS = 600

# The heaviest kit the limits let through is about 270 KB (600 different symbols, whose glyphs
# are the largest, with the guide and envelopes); one whole embedded font is 1.4 to 2.1 MB.
# A kit past this is refused rather than sent.
MAX_PDF_BYTES = 1024 * 1024
