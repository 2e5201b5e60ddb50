"""clean_text: what survives of typed text."""

import pytest

from campaign.compose.text import clean_text, count_lines


@pytest.mark.parametrize(
    ("raw", "multiline", "cleaned"),
    [
        (None, False, ""),
        ("  Ann  ", False, "Ann"),
        ("Ann\r\nExample", False, "Ann Example"),
        ("Ann\tExample", False, "Ann Example"),
        ("Ann\x00\x07Example", False, "AnnExample"),
        ("e\u0301", False, "\u00e9"),  # NFC
        ("Ann \u202eelpmaxE", False, "Ann elpmaxE"),
        ("\u2066Ann\u2069", False, "Ann"),
        ("👩\u200d👩\u200d👧", False, "👩\u200d👩\u200d👧"),  # a ZWJ sequence survives
        ("line one\r\nline two\rline three", True, "line one\nline two\nline three"),
        ("  one  \n\n\n\n  two  ", True, "one\n\ntwo"),
        ("\n\none\n\n", True, "one"),
    ],
)
def test_clean_text(raw, multiline, cleaned):
    assert clean_text(raw, multiline=multiline) == cleaned


@pytest.mark.parametrize(("text", "lines"), [("", 0), ("a", 1), ("a\nb", 2), ("a\n\nb", 3)])
def test_count_lines(text, lines):
    assert count_lines(text) == lines
