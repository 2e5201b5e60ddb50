"""Render HTML to PDF with shared fonts and a stylesheet parsed once per process."""

import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from campaign.pdf.coverage import GlyphCoverage
from campaign.pdf.fetcher import AssetFetcher

ASSETS_DIR = Path(__file__).parent / "assets"


class RenderError(Exception):
    """WeasyPrint could not make the PDF."""


class PdfRenderer:
    """Holds what every render shares: the fetcher, the fonts and the parsed stylesheets."""

    def __init__(self, page_styles: Mapping[str, str], assets_dir: Path = ASSETS_DIR):
        """Parse the bundled stylesheet once, plus the page rules of each paper size."""
        self._base_url = assets_dir.resolve().as_uri() + "/"
        self._fetcher = AssetFetcher(assets_dir)
        self._fonts = FontConfiguration()
        letter_css = CSS(
            filename=str(assets_dir / "letter.css"),
            url_fetcher=self._fetcher,
            font_config=self._fonts,
        )
        self._stylesheets = {
            paper: [letter_css, CSS(string=css, url_fetcher=self._fetcher, font_config=self._fonts)]
            for paper, css in page_styles.items()
        }
        self.coverage = GlyphCoverage(sorted((assets_dir / "fonts").glob("*.ttf")))
        # A FontConfiguration is not documented as thread-safe; renders take turns.
        self._lock = threading.Lock()

    def render_pdf(self, layouts: Iterable[str], paper: str, *, pages: int) -> bytes:
        """Return the tagged PDF of the first layout that fits in this many pages, else the last.

        Layouts are HTML documents in order of preference; later ones are only made and
        rendered when the earlier ones overflow.
        """
        try:
            with self._lock:
                for html in layouts:
                    document = HTML(
                        string=html, base_url=self._base_url, url_fetcher=self._fetcher
                    ).render(
                        stylesheets=self._stylesheets[paper], font_config=self._fonts, pdf_tags=True
                    )
                    if len(document.pages) <= pages:
                        break
                return document.write_pdf(pdf_tags=True)
        except Exception as error:  # WeasyPrint raises many kinds; the caller needs one.
            raise RenderError("the letter could not be rendered") from error
