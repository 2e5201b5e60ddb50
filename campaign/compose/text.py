"""Clean free text typed by a supporter before it is checked or used."""

import re
import unicodedata

# First-strong isolate and pop directional isolate: a right-to-left name inside an
# English sentence keeps its own direction without reordering the words around it.
FSI, PDI = "\u2068", "\u2069"

# Control characters (C0, DEL, C1; tab and line breaks are handled apart) and the bidi
# embeddings, overrides and isolates that could reorder the letter's own text around a name.
_UNWANTED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[^\S\n]+")


def clean_text(value: str | None, *, multiline: bool) -> str:
    """Return the text NFC-normalised, without control characters, trimmed line by line.

    Line breaks survive only where the field allows several lines; elsewhere they become
    spaces. Blank lines are kept singly so a message's paragraphs stay apart.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", value))
    text = _UNWANTED.sub("", text)
    if not multiline:
        return _SPACES.sub(" ", text.replace("\n", " ")).strip()
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def count_lines(text: str) -> int:
    """Return how many lines the text occupies (0 for empty text)."""
    return len(text.split("\n")) if text else 0


def isolate_bidi(text: str) -> str:
    """Wrap text holding right-to-left letters in a bidi isolate; leave other text as it is."""
    if any(unicodedata.bidirectional(char) in ("R", "AL") for char in text):
        return f"{FSI}{text}{PDI}"
    return text
