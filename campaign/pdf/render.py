"""Render HTML to PDF with shared fonts and a stylesheet parsed once per process."""

import logging
import re
import signal
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from campaign.pdf.coverage import GlyphCoverage
from campaign.pdf.fetcher import AssetFetcher

ASSETS_DIR = Path(__file__).parent / "assets"
STYLESHEET = "letter.css"
# How many laid-out guides a process keeps: one per paper and set of officials of the actions
# in use is a few dozen; each is a few hundred kilobytes.
FRONTS_KEPT = 64

log = logging.getLogger(__name__)


class RenderError(Exception):
    """The PDF could not be made: WeasyPrint failed, a font is missing, or it took too long."""


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


class PdfRenderer:
    """Holds what every render shares: the fetcher, the fonts and the parsed stylesheets."""

    def __init__(self, page_styles: Mapping[str, str], assets_dir: Path = ASSETS_DIR):
        """Parse the bundled stylesheet once, plus the page rules of each paper size."""
        self._base_url = assets_dir.resolve().as_uri() + "/"
        self._fetcher = AssetFetcher(assets_dir)
        self._fonts = FontConfiguration()
        stylesheet = assets_dir / STYLESHEET
        self.missing_fonts = _missing_fonts(stylesheet)
        if self.missing_fonts:
            # Without its fonts a letter would borrow the machine's, or print empty boxes:
            # refuse PDFs (tweets and text still work) and say why at start-up.
            log.error("Bundled fonts are missing, PDFs are disabled: %s", self.missing_fonts)
        letter_css = CSS(
            filename=str(stylesheet), url_fetcher=self._fetcher, font_config=self._fonts
        )
        self._stylesheets = {
            paper: [letter_css, CSS(string=css, url_fetcher=self._fetcher, font_config=self._fonts)]
            for paper, css in page_styles.items()
        }
        self.coverage = GlyphCoverage(sorted((assets_dir / "fonts").glob("*.ttf")))
        self.warm = False  # set once a first render has loaded fonts and layout code
        # A FontConfiguration is not documented as thread-safe; renders take turns.
        self._lock = threading.Lock()
        # Front documents (sending guides) laid out already, by paper and HTML, oldest first.
        self._fronts: dict[tuple[str, str], Document] = {}

    def render_pdf(
        self,
        layouts: Iterable[str],
        paper: str,
        *,
        pages: int,
        front: str | None = None,
        timeout: float | None = None,
    ) -> bytes:
        """Return the tagged PDF of the first layout that fits in this many pages.

        Layouts are HTML documents in order of preference; later ones are only made and
        rendered when the earlier ones overflow. Raises DoesNotFit when none fits, and
        RenderTimeout when the whole render runs past `timeout` seconds.

        `front` is a document the same for many supporters (it must hold nothing of theirs):
        its pages are laid out once, kept, and put before the chosen layout's pages.
        """

        def write(document) -> bytes:
            if len(document.pages) > pages:
                raise DoesNotFit(f"{len(document.pages)} pages where {pages} were allowed")
            if front is not None:
                document = document.copy([*self._front(front, paper).pages, *document.pages])
            return document.write_pdf(pdf_tags=True)

        return self._laid_out(layouts, paper, pages, timeout, write)

    def _front(self, html: str, paper: str) -> Document:
        """Return the laid-out front document, from the cache when it was made before."""
        key = (paper, html)
        document = self._fronts.get(key)
        if document is None:
            document = self._document(html, paper)
            if len(self._fronts) >= FRONTS_KEPT:
                self._fronts.pop(next(iter(self._fronts)))  # the oldest
        else:
            del self._fronts[key]
        self._fronts[key] = document
        return document

    def _document(self, html: str, paper: str) -> Document:
        return HTML(string=html, base_url=self._base_url, url_fetcher=self._fetcher).render(
            stylesheets=self._stylesheets[paper], font_config=self._fonts, pdf_tags=True
        )

    def count_pages(self, layouts: Iterable[str], paper: str, *, pages: int) -> int:
        """Return how many pages the layout that render_pdf would choose takes."""
        return self._laid_out(layouts, paper, pages, None, lambda document: len(document.pages))

    def _laid_out(self, layouts, paper, pages, timeout, finish):
        if self.missing_fonts:
            raise RenderError(f"bundled fonts are missing: {self.missing_fonts}")
        try:
            with self._lock, _time_limit(timeout):
                for html in layouts:
                    document = self._document(html, paper)
                    if len(document.pages) <= pages:
                        break
                return finish(document)
        except RenderError:
            raise
        except Exception as error:  # WeasyPrint raises many kinds; the caller needs one.
            raise RenderError("the letter could not be rendered") from error


def _missing_fonts(stylesheet: Path) -> list[str]:
    """Return the fonts the stylesheet names that are not in the bundle."""
    names = re.findall(r"url\((fonts/[^)]+)\)", stylesheet.read_text(encoding="utf-8"))
    return [name for name in names if not (stylesheet.parent / name).is_file()]
