"""The letter as plain text: the PDF's words, never wrapped at a width, in two layouts.

The text to copy into an online form or an email holds what the official reads; the
downloadable file holds every letter as printed, in the PDF's order.
"""

from datetime import date

import pytest

from campaign.compose import Answers, compose_letters
from campaign.documents.text import (
    SEPARATOR,
    render_letter_text,
    render_letters_text,
    render_online_text,
)


def _letters(action, language=None, **changes):
    answers = Answers(
        **{
            "name": "Ann Example",
            "about": "I am a retired nurse from Halifax.",
            "location": "Halifax, Nova Scotia",
            "address": "12 Example Street\nHalifax, NS B3H 1A1",
            "message": "First line\nsecond line.\n\nA new paragraph.",
            "points": ("investigate", "justice", "safety"),
            "recipients": ("kremlin", "embassy", "investigation-committee"),
            **changes,
        }
    )
    return compose_letters(action, answers, date(2026, 11, 21), language=language)


def _in_order(text, parts):
    flat = " ".join(text.split())
    positions = [flat.index(" ".join(part.split())) for part in parts]
    return positions == sorted(positions)


def test_the_printed_text_has_every_part_in_the_pdfs_order(action):
    letter = _letters(action)[0]
    assert _in_order(
        render_letter_text(letter),
        [
            "Ann Example 12 Example Street Halifax, NS B3H 1A1",
            "Halifax, Nova Scotia, 21 November 2026",
            "Vladimir Putin President of the Russian Federation Ul. Ilyinka, 23",
            "Dear President Putin,",
            "I am a retired nurse from Halifax.",
            letter.concern,
            letter.call,
            *(f"- {point}" for point in letter.points),
            "First line second line.",
            "A new paragraph.",
            letter.close,
            "Yours sincerely, Ann Example",
            "cc: His Excellency Alexander Darchiev, Ambassador for the Russian Federation;",
        ],
    )


def test_the_text_to_copy_runs_from_the_salutation_to_the_signature_and_address(action):
    letter = _letters(action)[0]
    text = render_online_text(letter)
    assert text.startswith("Dear President Putin,\n\n")
    assert _in_order(
        text,
        [
            letter.opening,
            letter.concern,
            letter.call,
            letter.close,
            "Yours sincerely,\nAnn Example\n12 Example Street\nHalifax, NS B3H 1A1\nCanada",
            "cc: His Excellency Alexander Darchiev",
        ],
    )
    # A website and an email carry the recipient and the date themselves.
    assert "Ul. Ilyinka" not in text
    assert "November 2026" not in text


def test_the_text_to_copy_ends_with_the_name_when_no_address_is_given(action):
    (letter,) = _letters(action, recipients=("kremlin",), return_address="none")
    assert render_online_text(letter).endswith("\n\nYours sincerely,\nAnn Example\n")


def test_paragraphs_are_never_wrapped_and_the_supporters_line_breaks_kept(action):
    about = "I am a nurse " + "who writes every week " * 20 + "."
    letter = _letters(action, about=about)[0]
    for text in (render_online_text(letter), render_letter_text(letter)):
        assert f"\n\n{letter.opening}\n\n" in text  # one line, however long
        assert len(letter.opening) > 300
        assert "\n\nFirst line\nsecond line.\n\nA new paragraph.\n\n" in text
        assert "\n".join(f"- {point}" for point in letter.points) in text


def test_a_long_word_is_kept_whole(action):
    letter = _letters(action, about="x" * 300)[0]
    for text in (render_online_text(letter), render_letter_text(letter)):
        assert "\nX" + "x" * 299 + "." in text


def test_a_copy_is_the_letter_marked_for_its_official(action):
    letter, copy, _ = _letters(action)
    original, copied = render_letter_text(letter), render_letter_text(copy)
    assert "Copy for" not in original
    assert "RUSSIAN FEDERATION\n\nDear President Putin," in original
    mark = "Copy for His Excellency Alexander Darchiev, Ambassador for the Russian Federation"
    assert f"Ottawa, Ontario K1N 8L5\n\n{mark}\n\nDear President Putin," in copied
    assert copied.split("Dear President Putin,")[1] == original.split("Dear President Putin,")[1]
    # Online too: the official sees why a letter to the President comes to them.
    assert render_online_text(copy).startswith(f"{mark}\n\nDear President Putin,\n\n")


def test_a_letter_to_the_embassy_alone_asks_it_to_pass_the_appeal_on(action):
    (letter,) = _letters(action, recipients=("embassy",))
    for text in (render_letter_text(letter), render_online_text(letter)):
        assert "Copy" not in text
        assert "cc:" not in text
        assert letter.convey in action.recipient("embassy").convey
        assert _in_order(text, ["Your Excellency,", letter.concern, letter.convey, letter.call])


def test_the_file_holds_every_letter_as_printed_one_after_another(action):
    letters = _letters(action)
    text = render_letters_text(letters)
    assert text == f"\n{SEPARATOR}\n\n".join(render_letter_text(lt) for lt in letters)
    assert text.count(SEPARATOR) == 2
    assert text.count("Dear President Putin,") == 3  # the letter and its two copies
    assert _in_order(text, ["Ul. Ilyinka", "285 Charlotte Street", "Tekhnicheskii pereulok"])


@pytest.mark.parametrize(
    ("location", "language", "dateline"),
    [
        ("Halifax, Nova Scotia", "en", "Halifax, Nova Scotia, 21 November 2026"),
        ("Montréal", "fr", "Montréal, 21 novembre 2026"),
        ("", "en", "21 November 2026"),
    ],
)
def test_the_dateline_is_written_in_the_letters_language(action, location, language, dateline):
    text = render_letter_text(_letters(action, language, location=location)[0])
    assert text.split("\n\n")[1] == dateline
