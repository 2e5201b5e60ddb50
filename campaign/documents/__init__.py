"""Lay composed letters out as documents: HTML for the PDF step, or plain text."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from campaign.compose.guide import SendingGuide
from campaign.compose.letter import Letter
from campaign.documents.formatting import Formatter
from campaign.documents.paper import PAPERS, Paper
from campaign.documents.text import render_letters_text

__all__ = ["PAPERS", "Formatter", "LetterDocuments", "LetterPack", "Paper", "render_letters_text"]


@dataclass(frozen=True)
class LetterPack:
    """What goes into one PDF: an optional sending guide, the letters, optional envelopes."""

    letters: Sequence[Letter]
    paper: Paper
    guide: SendingGuide | None = None
    envelopes: bool = False

    @property
    def pages(self) -> int:
        """Return how many pages the PDF has when every letter fits its page."""
        return (1 if self.guide else 0) + self.letter_pages

    @property
    def letter_pages(self) -> int:
        """Return how many pages the letters and envelopes take when every letter fits."""
        return (2 if self.envelopes else 1) * len(self.letters)

    def guide_only(self) -> "LetterPack":
        """Return the pack without its letters: the guide, which holds no supporter's data."""
        return replace(self, letters=())

    def without_guide(self) -> "LetterPack":
        """Return the pack without its guide: the letters and envelopes."""
        return replace(self, guide=None)


class LetterDocuments:
    """Renders letters with a Jinja environment of its own: autoescaped, strict about blanks."""

    def __init__(self, templates_dir: Path):
        self._env = Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # Templates are part of the release: read once, not checked on disk per letter.
            auto_reload=False,
        )
        self._template = self._env.get_template("documents/letters.html")
        self._preview = self._env.get_template("documents/preview.html")

    def render_html(
        self, pack: LetterPack, *, title: str, language: str, compact: bool = False
    ) -> str:
        """Return one HTML document: the guide, then each letter and envelope on its own page.

        The compact layout tightens the spacing (never the type size) for letters whose
        every field is at its longest.
        """
        return self._template.render(
            pack=pack,
            title=title,
            language=language,
            compact=compact,
            fmt=Formatter(language),
        )

    def render_preview(self, letter: Letter, *, language: str) -> str:
        """Return one letter as an HTML fragment for the page, from the PDF's own template."""
        return self._preview.render(letter=letter, folds=(), fmt=Formatter(language))

    def layouts(self, pack: LetterPack, *, title: str, language: str) -> Iterator[str]:
        """Yield the pack's HTML in the layouts to try, the preferred one first."""
        for compact in (False, True):
            yield self.render_html(pack, title=title, language=language, compact=compact)
