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


FONT = ASSETS_DIR / "fonts" / "NotoSerifHebrew-Regular.ttf"
# What a deploy can leave where a font should be: a Git LFS pointer, say, not the font.
LFS_POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 31172\n"


def _cut_short(path):
    path.write_bytes(FONT.read_bytes()[:-100])  # a download that stopped just short


def _reads_fail(path):
    # Reading this fails even for root, as a font without read permission does for others.
    path.symlink_to("/proc/self/mem")


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda path: None, "missing"),
        (_cut_short, "not a valid font (unexpected end of '"),
        (lambda path: path.write_text(LFS_POINTER), "not a valid font (Not a TrueType or "),
        (lambda path: path.write_bytes(b""), "not a valid font ("),
        (lambda path: path.mkdir(), "unreadable (Is a directory)"),
        (_reads_fail, "unreadable (Input/output error)"),
    ],
    ids=["missing", "cut short", "not a font", "empty", "a folder", "reads fail"],
)
def test_an_unusable_font_is_left_out_and_says_why_in_one_line(tmp_path, damage, reason):
    bad = tmp_path / "Bad.ttf"
    damage(bad)
    coverage = GlyphCoverage([bad, FONT])
    assert list(coverage.problems) == [bad]
    assert coverage.problems[bad].startswith(reason)
    assert "\n" not in coverage.problems[bad]
    # The other font still counts.
    assert coverage.missing(SAMPLE_NAMES["hebrew"]) == []
    assert coverage.missing(SAMPLE_NAMES["arabic"]) == ["م", "ح", "د", "ع", "ب", "ا", "ل", "ه"]


def test_the_bundled_fonts_have_no_problems(coverage):
    assert coverage.problems == {}
