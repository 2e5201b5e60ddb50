"""Which characters the bundled fonts can print, so no letter shows empty boxes."""

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError

# Characters that need no glyph of their own: spaces, line breaks, joiners, marks of
# direction, variation selectors (they choose a form of the character before them).
_NO_GLYPH_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf"}


def _needs_glyph(char: str) -> bool:
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return False
    return unicodedata.category(char) not in _NO_GLYPH_CATEGORIES


def _read_characters(path: Path) -> set[int]:
    """Return the characters a font has glyphs for, having read every one of its tables.

    Reading each table whole catches a file cut short; fontTools raises TTLibError (or a
    lower-level error) for one that is not a font.
    """
    # Opened here, so that the file is closed even when fontTools refuses it.
    with path.open("rb") as file, TTFont(file, lazy=True) as font:
        for tag in font.reader.keys():  # noqa: SIM118 (a font's reader has no __iter__)
            font.getTableData(tag)
        cmap = font.getBestCmap() if "cmap" in font else None
    if not cmap:
        raise TTLibError("no Unicode character map")
    return set(cmap)


def _reason(error: Exception) -> str:
    """Say in one line why a font cannot be used."""
    if isinstance(error, FileNotFoundError):
        return "missing"
    if isinstance(error, OSError):
        return f"unreadable ({error.strerror or error})"
    detail = " ".join(str(error).split()) or type(error).__name__
    return f"not a valid font ({detail})"


class GlyphCoverage:
    """The union of the characters the given fonts have glyphs for.

    A font that is missing, cannot be read or is not a font is left out, and why is kept in
    `problems`, by path: the others still count.
    """

    def __init__(self, font_paths: Iterable[Path]):
        self._codepoints: set[int] = set()
        self.problems: dict[Path, str] = {}
        for path in font_paths:
            try:
                self._codepoints |= _read_characters(path)
            except Exception as error:  # fontTools raises many kinds on a damaged file
                self.problems[path] = _reason(error)

    def missing(self, text: str) -> list[str]:
        """Return, in order of appearance and once each, the characters no font can print."""
        return [
            char
            for char in dict.fromkeys(text)
            if ord(char) not in self._codepoints and _needs_glyph(char)
        ]
