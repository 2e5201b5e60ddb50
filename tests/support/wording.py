"""The interface's English wording, as `make translations` extracts it, to look for on pages
and in files shown in another language: whatever is found there was left untranslated."""

import re

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from campaign.config import PROJECT_DIR


def extracted_messages() -> dict[str, tuple[str, ...]]:
    """Return every message a page may show, by babel.cfg: its file, then its forms."""
    with (PROJECT_DIR / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = {}
    keywords = {**DEFAULT_KEYWORDS, "lazy_gettext": None}
    for filename, _line, message, _comments, _context in extract_from_dir(
        PROJECT_DIR, method_map, options_map, keywords=keywords
    ):
        forms = message if isinstance(message, tuple) else (message,)
        found[forms[0]] = (filename, *forms)
    return found


def english_pieces(extracted: dict[str, tuple[str, ...]]) -> set[str]:
    """The English wording of every message, cut at its placeholders, in pieces of words."""
    pieces = set()
    for _filename, *forms in extracted.values():
        for form in forms:
            words = re.sub(r"<[^>]*>", "|", form)  # markup is not wording
            for piece in re.split(r"%\(\w+\)[sd]|\{\w+\}|\|", words):
                words = piece.strip(" :·.,;")
                # A word alone may be French too ("minutes", ", on" cut from a sentence).
                if len(re.findall(r"[A-Za-z]{2,}", words)) >= 2:
                    pieces.add(words)
    return pieces


def english_left(text: str, pieces: set[str]) -> list[str]:
    """Return the pieces of English wording the text holds, whitespace aside, sorted."""
    text = " ".join(text.split())
    return sorted(piece for piece in pieces if " ".join(piece.split()) in text)
