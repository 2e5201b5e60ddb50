"""The letter as plain text: same parts and wording as the PDF, wrapped at 72 characters."""

from datetime import date

import pytest

from campaign.compose import Answers, compose_letters
from campaign.documents.text import SEPARATOR, WIDTH, render_letter_text, render_letters_text


def _letters(action, **changes):
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
    return compose_letters(action, answers, date(2026, 11, 21))


def test_text_has_every_part_in_order(action):
    letter = _letters(action)[0]
    text = render_letter_text(letter, "en")
    flat = " ".join(text.split())
    parts = [
        "Ann Example 12 Example Street Halifax, NS B3H 1A1",
        "Halifax, Nova Scotia, 21 November 2026",
        "Vladimir Putin President of the Russian Federation Ul. Ilyinka, 23",
        "Dear President Putin,",
        "I am a retired nurse from Halifax.",
        " ".join(letter.concern.split()),
        letter.call,
        *(f"- {' '.join(point.split())}" for point in letter.points),
        "First line second line.",
        "A new paragraph.",
        " ".join(letter.close.split()),
        "Yours sincerely, Ann Example",
        "cc: His Excellency Alexander Darchiev, Ambassador for the Russian Federation;",
    ]
    positions = [flat.index(part) for part in parts]
    assert positions == sorted(positions)


def test_a_copy_in_text_is_the_letter_marked_for_its_official(action):
    letter, copy, _ = _letters(action)
    original, copied = render_letter_text(letter, "en"), render_letter_text(copy, "en")
    assert "Copy for" not in original
    assert "RUSSIAN FEDERATION\n\nDear President Putin," in original
    assert (
        "Ottawa, Ontario K1N 8L5 Copy for His Excellency Alexander Darchiev, Ambassador for "
        "the Russian Federation Dear President Putin,"
    ) in " ".join(copied.split())
    assert copied.split("Dear President Putin,")[1] == original.split("Dear President Putin,")[1]


def test_a_letter_to_the_embassy_alone_in_text_asks_it_to_pass_the_appeal_on(action):
    (letter,) = _letters(action, recipients=("embassy",))
    flat = " ".join(render_letter_text(letter, "en").split())
    assert "Copy" not in flat
    assert "cc:" not in flat
    assert "Ottawa, Ontario K1N 8L5 Your Excellency," in flat
    convey = " ".join(letter.convey.split())
    assert convey in action.recipient("embassy").convey
    concern, call = " ".join(letter.concern.split()), letter.call
    assert flat.index(concern) < flat.index(convey) < flat.index(call)


def test_lines_are_wrapped_at_72_and_the_supporters_line_breaks_kept(action):
    text = render_letter_text(_letters(action, about="word " * 60)[0], "en")
    assert max(len(line) for line in text.splitlines()) <= WIDTH
    assert "First line\nsecond line.\n\nA new paragraph." in text


def test_long_words_are_broken_rather_than_overflowing(action):
    text = render_letter_text(_letters(action, about="x" * 300)[0], "en")
    assert max(len(line) for line in text.splitlines()) <= WIDTH


def test_several_letters_are_separated(action):
    text = render_letters_text(_letters(action), "en")
    assert text.count(SEPARATOR) == 2
    assert text.count("Dear President Putin,") == 3  # the letter and its two copies
    assert text.count("Copy for") == 2


@pytest.mark.parametrize(
    ("location", "language", "dateline"),
    [
        ("Halifax, Nova Scotia", "en", "Halifax, Nova Scotia, 21 November 2026"),
        ("Montréal", "fr", "Montréal, 21 novembre 2026"),
        ("", "en", "21 November 2026"),
    ],
)
def test_the_dateline_is_written_in_the_letters_language(action, location, language, dateline):
    text = render_letter_text(_letters(action, location=location)[0], language)
    assert text.split("\n\n")[1] == dateline
