"""Turn letter HTML into PDF: the only part of the app that uses WeasyPrint."""

from campaign.pdf.coverage import GlyphCoverage
from campaign.pdf.render import ASSETS_DIR, DoesNotFit, PdfRenderer, RenderError

__all__ = ["ASSETS_DIR", "DoesNotFit", "GlyphCoverage", "PdfRenderer", "RenderError"]
