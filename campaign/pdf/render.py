"""Render HTML to PDF with shared fonts and a stylesheet parsed once per process."""

import logging
import re
import signal
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol
from xml.etree.ElementTree import Element

from weasyprint import CSS
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from campaign.pdf.common import CommonParts
from campaign.pdf.coverage import GlyphCoverage
from campaign.pdf.fetcher import AssetFetcher
from campaign.pdf.parsing import html_document, read_tree
from campaign.pdf.slots import fill_slots, group_pages, put_common, slot_key

ASSETS_DIR = Path(__file__).parent / "assets"
STYLESHEET = "letter.css"
# How many laid-out shared documents (sending guides, officials' parts of letters) a process
# keeps: two per paper, layout and set of officials of the actions in use is a few dozen;
# each is a few hundred kilobytes.
SHARED_KEPT = 64

log = logging.getLogger(__name__)


class RenderError(Exception):
    """The PDF could not be made: WeasyPrint failed, a font is unusable, or it took too long."""


class RenderTimeout(RenderError):
    """The render ran past its time limit and was stopped."""


class DoesNotFit(RenderError):
    """Even the tightest layout takes more pages than it may: the text is too long to print."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after so many seconds, where the process can be signalled.

    Production workers render on their main thread, where an alarm can stop WeasyPrint
    mid-layout; elsewhere (a threaded development server) the server's own timeout applies.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise RenderTimeout(f"the render took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class SplitLayout(Protocol):
    """A layout in parts: what many supporters share, laid out once, and what is theirs.

    `front()` is pages printed first (or None), `shared()` the parts of each following page
    marked as slots, `personal(pages)` a page for each page numbered, with a placeholder
    of the same height for each slot; `whole()` is all of it as one document.
    """

    def front(self) -> str | None: ...

    def shared(self) -> str: ...

    def personal(self, pages: Sequence[int]) -> str: ...

    def whole(self) -> str: ...


# A layout is an HTML document, or one in parts.
Layout = str | SplitLayout


class PdfRenderer:
    """Holds what every render shares: the fetcher, the fonts and the parsed stylesheets."""

    def __init__(self, page_styles: Mapping[str, str], assets_dir: Path = ASSETS_DIR):
        """Check the bundled fonts, then parse the stylesheet once, and each paper's page rules.

        A font that is missing, unreadable or not a font leaves PDFs refused (tweets and text
        still work) and is named in `font_problems`, and once in the log; WeasyPrint is then
        not set up at all, so nothing of it can trip over the file.
        """
        stylesheet = assets_dir / STYLESHEET
        self.coverage = GlyphCoverage(assets_dir / name for name in _font_names(stylesheet))
        self.font_problems = [
            f"{path.relative_to(assets_dir).as_posix()}: {reason}"
            for path, reason in self.coverage.problems.items()
        ]
        self.warm = False  # set once a first render has loaded fonts and layout code
        # A FontConfiguration is not documented as thread-safe; renders take turns.
        self._lock = threading.Lock()
        # Shared documents laid out already, by paper and HTML, oldest first.
        self._kept: dict[tuple[str, str], Document] = {}
        # The blocks of the action's words in supporters' documents, laid out once each.
        self._common = CommonParts(self._document)
        if self.font_problems:
            # Without its fonts a letter would borrow the machine's, or print empty boxes.
            log.error(
                "Bundled fonts cannot be used, so PDFs are refused (tweets and text work): %s",
                "; ".join(self.font_problems),
            )
            return
        self._base_url = assets_dir.resolve().as_uri() + "/"
        self._fetcher = AssetFetcher(assets_dir)
        self._fonts = FontConfiguration()
        letter_css = CSS(
            filename=str(stylesheet), url_fetcher=self._fetcher, font_config=self._fonts
        )
        self._stylesheets = {
            paper: [letter_css, CSS(string=css, url_fetcher=self._fetcher, font_config=self._fonts)]
            for paper, css in page_styles.items()
        }

    def render_pdf(
        self,
        layouts: Iterable[Layout],
        paper: str,
        *,
        pages: int,
        timeout: float | None = None,
    ) -> bytes:
        """Return the tagged PDF of the first layout that fits in this many pages.

        Layouts are in order of preference; later ones are only made and rendered when the
        earlier ones overflow. Raises DoesNotFit when none fits, and RenderTimeout when the
        whole render runs past `timeout` seconds.
        """

        def write(laid_out: Document | None, _) -> bytes:
            if laid_out is None:
                raise DoesNotFit(f"no layout fits the {pages} pages allowed")
            return laid_out.write_pdf(pdf_tags=True)

        return self._laid_out(layouts, paper, pages, timeout, write)

    def count_pages(self, layouts: Iterable[Layout], paper: str, *, pages: int) -> int:
        """Return how many pages the layout that render_pdf would choose takes.

        When none fits, the last one's count, laid out whole.
        """

        def count(laid_out: Document | None, last: Layout) -> int:
            if laid_out is None:
                whole = last if isinstance(last, str) else last.whole()
                return len(self._document(whole, paper).pages)
            return len(laid_out.pages)

        return self._laid_out(layouts, paper, pages, None, count)

    def _laid_out(self, layouts, paper, pages, timeout, finish):
        """Lay out each layout in turn until one fits, then return `finish` of it.

        `finish` gets the laid-out document (None when no layout fits) and the last layout.
        """
        if self.font_problems:
            raise RenderError(f"bundled fonts cannot be used: {'; '.join(self.font_problems)}")
        try:
            with self._lock, _time_limit(timeout):
                laid_out, layout = None, None
                for layout in layouts:
                    if isinstance(layout, str):
                        document = self._document(layout, paper)
                        laid_out = document if len(document.pages) <= pages else None
                    else:
                        laid_out = self._put_together(layout, paper, pages)
                    if laid_out is not None:
                        break
                return finish(laid_out, layout)
        except RenderError:
            raise
        except Exception as error:  # WeasyPrint raises many kinds; the caller needs one.
            raise RenderError("the letter could not be rendered") from error

    def learn(self, html: str, paper: str) -> None:
        """Lay out and keep, before any supporter asks, the common blocks in a document.

        The document is a supporter's part of a split layout (see common.py); nothing else
        of it is laid out.
        """
        if self.font_problems:
            return
        with self._lock:
            self._with_common(html, paper)

    def _put_together(self, layout: "SplitLayout", paper: str, pages: int) -> Document | None:
        """Return the layout's pages made from its parts, or None when they overflow.

        The front and shared parts come from the cache when they were laid out before. The
        supporter's document has one page for each group of shared pages with the same slot
        heights (usually one for the letters, one for the envelopes): each page of the group
        is that page with the group's own parts in its slots.
        """
        front = layout.front()
        front_pages = self._shared(front, paper).pages if front is not None else []
        shared = self._shared(layout.shared(), paper).pages
        if len(front_pages) + len(shared) > pages:
            return None
        groups = group_pages([slot_key(page) for page in shared])
        source, common = self._with_common(layout.personal([group[0] for group in groups]), paper)
        personal = self._document(source, paper)
        if len(personal.pages) != len(groups):
            return None  # a supporter's page ran onto another
        own_pages = [put_common(page, common) for page in personal.pages]
        filled = {
            number: fill_slots(own_page, shared[number])
            for own_page, group in zip(own_pages, groups, strict=True)
            for number in group
        }
        return personal.copy([*front_pages, *(filled[n] for n in range(len(shared)))])

    def _with_common(self, html: str, paper: str) -> tuple[str | Element, dict]:
        """Return a supporter's document with its common blocks emptied, and their boxes.

        The document comes back as its tree, or as its HTML when that is not XML (then
        nothing is kept from it, see parsing.py).
        """
        own = read_tree(html)
        if own is None:
            return html, {}
        return own, self._common.hollow(own, paper)

    def _shared(self, html: str, paper: str) -> Document:
        """Return a document that holds nothing of any supporter's, laid out once and kept."""
        key = (paper, html)
        document = self._kept.get(key)
        if document is None:
            document = self._document(html, paper)
            if len(self._kept) >= SHARED_KEPT:
                self._kept.pop(next(iter(self._kept)))  # the oldest
        else:
            del self._kept[key]
        self._kept[key] = document
        return document

    def _document(self, source: str | Element, paper: str) -> Document:
        """Lay out a document given as HTML or as its tree."""
        return html_document(source, self._base_url, self._fetcher).render(
            stylesheets=self._stylesheets[paper], font_config=self._fonts, pdf_tags=True
        )


def _font_names(stylesheet: Path) -> list[str]:
    """Return the fonts the stylesheet names and those in the fonts folder, relative to it."""
    named = re.findall(r"url\((fonts/[^)]+)\)", stylesheet.read_text(encoding="utf-8"))
    bundled = [f"fonts/{path.name}" for path in (stylesheet.parent / "fonts").glob("*.ttf")]
    return sorted({*named, *bundled})
