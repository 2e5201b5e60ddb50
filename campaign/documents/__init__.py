"""Lay composed letters out as documents: HTML for the PDF step, or plain text."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from campaign.compose.guide import SendingGuide
from campaign.compose.letter import Letter
from campaign.content import Action
from campaign.documents.catalogues import template_callables, translations
from campaign.documents.formatting import Formatter
from campaign.documents.paper import PAPERS, Paper
from campaign.documents.poster import inline_svg
from campaign.documents.text import render_letters_text
from campaign.documents.words import copy_mark, letter_words, named

__all__ = [
    "PAPERS",
    "Formatter",
    "KitLayout",
    "LetterDocuments",
    "LetterPack",
    "Paper",
    "render_letters_text",
    "translations",
]


@dataclass(frozen=True)
class LetterPack:
    """What goes into one PDF: an optional sending guide, the letters, optional envelopes."""

    letters: Sequence[Letter]
    paper: Paper
    guide: SendingGuide | None = None
    envelopes: bool = False
    # The guide's language, the page's: not necessarily the letters' (None: the letters').
    guide_language: str | None = None

    @property
    def pages(self) -> int:
        """Return how many pages the PDF has when every letter fits its page."""
        return (1 if self.guide else 0) + self.letter_pages

    @property
    def letter_pages(self) -> int:
        """Return how many pages the letters and envelopes take when every letter fits."""
        return (2 if self.envelopes else 1) * len(self.letters)

    @property
    def envelope_pages(self) -> range:
        """Return the envelopes' page numbers (from 1), after the guide and the letters."""
        if not self.envelopes:
            return range(0)
        first = self.pages - len(self.letters) + 1
        return range(first, self.pages + 1)

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
            # The guide's wording is the catalogues': each render brings its language's
            # gettext and ngettext (see catalogues.py), which the extension calls newstyle.
            extensions=["jinja2.ext.i18n"],
        )
        self._env.newstyle_gettext = True  # type: ignore[attr-defined]
        # A letter's dates and fixed words are in the letter's language, not the page's.
        self._env.globals.update(
            letter_formatter=Formatter, copy_mark=copy_mark, letter_words=letter_words, named=named
        )
        self._template = self._env.get_template("documents/letters.html")
        self._preview = self._env.get_template("documents/preview.html")
        self._poster = self._env.get_template("documents/poster.html")

    def render_html(
        self, pack: LetterPack, *, title: str, language: str, compact: bool = False
    ) -> str:
        """Return one HTML document: the guide, then each letter and envelope on its own page.

        The compact layout tightens the spacing (never the type size) for letters whose
        every field is at its longest.
        """
        layout = KitLayout(self, pack, title=title, language=language, compact=compact)
        return layout.whole()

    def _render(
        self,
        pack: LetterPack,
        *,
        title: str,
        language: str,
        compact: bool,
        part: str,
        letters: Sequence[Letter],
        envelopes: Sequence[Letter],
    ) -> str:
        """Return the template's HTML: the pack's guide, if any, then these pages."""
        guide_language = pack.guide_language or language
        return self._template.render(
            pack=pack,
            letters=letters,
            envelopes=envelopes,
            part=part,
            title=title,
            language=language,
            compact=compact,
            # The guide's wording, dates and amounts: each letter sets its own (see
            # _letter.html).
            fmt=Formatter(guide_language),
            **template_callables(guide_language),
        )

    def render_preview(self, letter: Letter) -> str:
        """Return one letter as an HTML fragment for the page, from the PDF's own template."""
        return self._preview.render(letter=letter, folds=())

    def render_poster(self, action: Action, link: str, language: str) -> str:
        """Return a share kit's poster: the action in `language` (one it offers), its link in
        print, and the link's QR code drawn inline (see poster.py)."""
        return self._poster.render(
            action=action.in_language(language),
            language=language,
            link=link,
            code=inline_svg(link),
            **template_callables(language),
        )

    def layouts(self, pack: LetterPack, *, title: str, language: str) -> Iterator["KitLayout"]:
        """Yield the pack's layouts to try, the preferred one first; each is made when asked."""
        for compact in (False, True):
            yield KitLayout(self, pack, title=title, language=language, compact=compact)


@dataclass(frozen=True)
class KitLayout:
    """One layout of a pack, as one HTML document or as parts the PDF step puts together.

    The parts: the sending guide in `front`; the officials' parts of every letter and
    envelope page (address, copy mark, salutation, copies list, and the request to pass the
    appeal on, in one of a few phrasings) in `shared`; and the supporter's own text in
    `personal`, with a page only for the pages asked for. The first two hold nothing of the
    supporter's and are the same for everyone who writes to the same officials (or one of a
    few): the PDF step lays them out once, and puts the shared parts in the places kept for
    them.
    """

    documents: LetterDocuments = field(repr=False)
    pack: LetterPack = field(repr=False)
    title: str
    language: str
    compact: bool

    def whole(self) -> str:
        """Return the layout as one document: what its parts make together."""
        return self._render(self.pack, "whole", self.pack.letters, self._envelopes)

    def front(self) -> str | None:
        """Return the sending guide alone, or None when the pack has none."""
        if self.pack.guide is None:
            return None
        # The same HTML in every layout (compact marks letters only): laid out once.
        return self._render(self.pack, "whole", (), ())

    def shared(self) -> str:
        """Return the officials' parts of the letter and envelope pages, one page each."""
        return self._render(self._pages, "shared", self.pack.letters, self._envelopes)

    def personal(self, pages: Sequence[int]) -> str:
        """Return the supporter's text for the letter and envelope pages numbered (from 0).

        Pages count the letters first, then the envelopes, and come in that order. Each keeps
        a placeholder the height of the officials' part that will take its place.
        """
        count = len(self.pack.letters)
        letters = [self.pack.letters[page] for page in pages if page < count]
        envelopes = [self._envelopes[page - count] for page in pages if page >= count]
        return self._render(self._pages, "personal", letters, envelopes)

    @property
    def _pages(self) -> LetterPack:
        return self.pack.without_guide()

    @property
    def _envelopes(self) -> Sequence[Letter]:
        return self.pack.letters if self.pack.envelopes else ()

    def _render(
        self, pack: LetterPack, part: str, letters: Sequence[Letter], envelopes: Sequence[Letter]
    ) -> str:
        return self.documents._render(
            pack,
            title=self.title,
            language=self.language,
            compact=self.compact,
            part=part,
            letters=letters,
            envelopes=envelopes,
        )
