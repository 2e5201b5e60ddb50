"""The PDF step fetches only bundled assets: no network, no other file."""

from io import BytesIO
from pathlib import Path
from urllib.request import urlopen

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from campaign.pdf import ASSETS_DIR
from campaign.pdf.fetcher import AssetFetcher, RefusedURL
from campaign.services import shared_renderer
from tests.support.forms import form_with
from tests.support.reading import pdf_pages
from tests.support.shipped import LETTER_URL


@pytest.fixture(scope="module")
def fetcher():
    return AssetFetcher(ASSETS_DIR)


def test_serves_bundled_fonts_and_stylesheet(fetcher):
    font = fetcher.fetch((ASSETS_DIR / "fonts" / "LiberationSerif-Regular.ttf").as_uri())
    assert font.read()[:4] == b"\x00\x01\x00\x00"
    css = fetcher.fetch((ASSETS_DIR / "letter.css").as_uri())
    assert b"@font-face" in css.read()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///dev/zero",
        (ASSETS_DIR / ".." / "render.py").as_uri(),
        (ASSETS_DIR / "fonts" / "LICENSE-Liberation.txt").as_uri(),
        "http://127.0.0.1:9/x",
        "https://example.org/font.ttf",
        "data:text/css,body{}",
        "ftp://127.0.0.1/x",
    ],
)
def test_refuses_everything_else(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_a_letter_full_of_references_fetches_nothing(client, listener):
    base, hits = listener
    hostile = (
        f'<img src="{base}/img"> <link rel=attachment href="file:///etc/passwd">'
        f'<style>@import url({base}/css);</style> <object data="{base}/obj"></object>'
    )
    response = client.post(LETTER_URL, data=form_with(about=hostile, message=hostile))
    assert response.mimetype == "application/pdf"
    text = pdf_pages(response.data)[0]
    assert f'<img src="{base}/img">' in text  # shown literally, not fetched
    assert "root:" not in text
    assert hits == []


def _raw_document(base: str, picture: Path, secret: Path) -> str:
    """Return HTML that asks for the network and local files in every way WeasyPrint fetches.

    It goes to the PDF step as it is, not through the templates, so nothing is escaped.
    """
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Hostile</title>
<link rel="stylesheet" href="{base}/sheet.css">
<link rel="attachment" href="{base}/x">
<link rel="attachment" href="file:///etc/passwd">
<link rel="attachment" href="{secret.as_uri()}">
<link rel="attachment" href="../render.py">
<style>
@import url({base}/i.css);
@font-face {{ font-family: X; src: url({base}/f.ttf) }}
body {{ font-family: X; background: url({base}/bg.png) }}
p::after {{ content: url({base}/after.png) }}
</style>
</head>
<body>
<p>Hostile document</p>
<img src="{base}/img" alt="">
<img src="{base}/redirect" alt="">
<img src="file:///etc/passwd" alt="">
<img src="{picture.as_uri()}" alt="">
<object data="{base}/obj"></object>
<svg width="10" height="10"><image href="{base}/svg.png" width="10" height="10"/></svg>
</body>
</html>"""


def _objects(reader: PdfReader) -> list[DictionaryObject]:
    """Return every dictionary (and stream) in the PDF, however deeply it is nested."""
    found = []
    for number in range(1, reader.trailer["/Size"]):
        obj = reader.get_object(number)
        if isinstance(obj, DictionaryObject):
            found.append(obj)
    return found


def _embedded_files(reader: PdfReader) -> list[str]:
    """Name every attached or embedded file, whether listed in the catalogue or not."""
    kinds = {"/EmbeddedFile", "/Filespec", "/FileAttachment"}
    found = [
        str(kind)
        for o in _objects(reader)
        for kind in (o.get("/Type"), o.get("/Subtype"))
        if kind in kinds
    ]
    return found + list(reader.attachments)


def _images(reader: PdfReader) -> list[str]:
    """Name every image in the PDF, drawn on a page or not."""
    found = [str(o["/Subtype"]) for o in _objects(reader) if o.get("/Subtype") == "/Image"]
    return found + [image.name for page in reader.pages for image in page.images]


def test_the_listener_records_what_is_fetched(listener):
    # The test below relies on the listener hearing any request that reaches it.
    base, hits = listener
    with urlopen(f"{base}/probe", timeout=5) as response:
        assert response.status == 200
    assert hits == ["/probe"]


def test_raw_html_given_to_the_pdf_step_fetches_nothing(listener, tmp_path):
    base, hits = listener
    picture = tmp_path / "picture.png"
    Image.new("RGB", (40, 40), "red").save(picture)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-7f3a: not for the PDF\n", encoding="utf-8")

    html = _raw_document(base, picture, secret)
    pdf = shared_renderer().render_pdf([html], "letter", pages=1)

    assert hits == []
    reader = PdfReader(BytesIO(pdf))
    assert _embedded_files(reader) == []
    assert _images(reader) == []
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Hostile document" in text  # the document itself was laid out
    for leaked in ("root:", "SECRET-7f3a", "RenderError"):
        assert leaked not in text
    assert b"SECRET-7f3a" not in pdf
    assert b"root:x:" not in pdf
