"""A share kit's parts: the QR code of an action's link, and a poster to print around it.

The poster is HTML for the PDF step, like the letters, made by LetterDocuments.render_poster:
the action's title and one-line summary in one of its languages, the code drawn inline
(nothing is fetched for it), the link in print, and a call to act in the catalogue's wording
for that language.
"""

from io import BytesIO

import segno
from markupsafe import Markup

# Q restores a quarter of the code's modules: a poster on a table gets creased, stained and
# taped over, and the link still fits in a small code.
ERROR_CORRECTION = "q"
# The empty margin around the code, in modules, that the QR standard asks for: without it
# a scanner can take the edge of whatever surrounds the code for part of it.
QUIET_ZONE = 4


def qr_code(link: str) -> segno.QRCode:
    """Return the QR code of a link, at the error correction a printed code needs."""
    return segno.make(link, error=ERROR_CORRECTION, micro=False, boost_error=False)


def inline_svg(link: str) -> Markup:
    """Return the link's QR code as an SVG element for an HTML page, sized by its stylesheet.

    One unit of its viewBox is one module, quiet zone included; the light modules are
    painted, so the code reads on any background. Its title, what a screen reader says of
    it, is the link.
    """
    svg = BytesIO()
    # With its namespace declared: the poster is read as XML too (see campaign/pdf/parsing.py).
    qr_code(link).save(
        svg, kind="svg", xmldecl=False, svgns=True, nl=False,
        border=QUIET_ZONE, omitsize=True, light="#fff", svgclass=None, title=link,
    )  # fmt: skip
    return Markup(svg.getvalue().decode())  # noqa: S704  (segno escapes the title)
