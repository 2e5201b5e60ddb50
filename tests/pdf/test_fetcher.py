"""The PDF step fetches only bundled assets: no network, no other file."""

import pytest

from campaign.pdf import ASSETS_DIR
from campaign.pdf.fetcher import AssetFetcher, RefusedURL
from tests.conftest import LETTER_URL, form_with, pdf_pages


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
