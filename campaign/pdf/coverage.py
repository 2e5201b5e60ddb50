"""Which characters the bundled fonts can print, so no letter shows empty boxes."""

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from fontTools.ttLib import TTFont

# Characters that need no glyph of their own: spaces, line breaks, joiners, marks of
# direction, variation selectors (they choose a form of the character before them).
_NO_GLYPH_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf"}


def _needs_glyph(char: str) -> bool:
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return False
    return unicodedata.category(char) not in _NO_GLYPH_CATEGORIES


class GlyphCoverage:
    """The union of the characters the given fonts have glyphs for."""

    def __init__(self, font_paths: Iterable[Path]):
        self._codepoints: set[int] = set()
        for path in font_paths:
            with TTFont(path, lazy=True) as font:
                self._codepoints.update(font.getBestCmap())

    def missing(self, text: str) -> list[str]:
        """Return, in order of appearance and once each, the characters no font can print."""
        return [
            char
            for char in dict.fromkeys(text)
            if ord(char) not in self._codepoints and _needs_glyph(char)
        ]
