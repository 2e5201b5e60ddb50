"""The bundled fonts print every supported script; others are named, never boxes."""

import pytest

from campaign.pdf import ASSETS_DIR, GlyphCoverage
from tests.support.names import SAMPLE_NAMES


@pytest.fixture(scope="module")
def coverage():
    return GlyphCoverage(sorted((ASSETS_DIR / "fonts").glob("*.ttf")))


@pytest.mark.parametrize("script", SAMPLE_NAMES)
def test_every_supported_script_has_glyphs(coverage, script):
    assert coverage.missing(SAMPLE_NAMES[script]) == []


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("ქართული", ["ქ", "ა", "რ", "თ", "უ", "ლ", "ი"]),
        ("Ann ትግ", ["ት", "ግ"]),
        ("ไทย ไทย", ["ไ", "ท", "ย"]),
    ],
)
def test_unsupported_characters_are_named_once_each(coverage, text, missing):
    assert coverage.missing(text) == missing


def test_spaces_joiners_and_selectors_need_no_glyph(coverage):
    assert coverage.missing("a\u00a0b\u200dc\ufe0fd\u200ee\n") == []
