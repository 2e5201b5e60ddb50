"""check_answers and draft_answers: the one check of a supporter's answers, without a request."""

from dataclasses import replace

import pytest

from campaign.compose import Answers, Mistake, check_answers, draft_answers
from campaign.compose.answers import TOO_MANY_CHARACTERS, distinct_characters
from campaign.content import GroupAddress
from campaign.content.rules import (
    FIELD_LIMITS,
    MAX_DISTINCT_CHARACTERS,
    MAX_POINTS,
    MIN_POINTS,
)
from tests.support.forms import LENGTH_LIMITS, VALID_FORM

ALL = ("kremlin", "embassy", "investigation-committee")

# What the form sends for the letter itself (the delivery choices are the form's own).
SENT = {name: value for name, value in VALID_FORM.items() if name not in ("format", "paper")}


def sent(**changes) -> dict:
    """Return the valid answers with some fields changed (None removes a field)."""
    data = {**SENT, **changes}
    return {name: value for name, value in data.items() if value is not None}


def mistakes(data, action, **options) -> list[tuple[str, str]]:
    """Return each mistake as (field, message)."""
    return [(m.field, str(m)) for m in check_answers(data, action, **options).mistakes]


def test_valid_answers_come_back_cleaned_and_typed(action):
    checked = check_answers(sent(), action)
    assert checked.valid
    assert checked.mistakes == ()
    assert checked.answers == Answers(
        name="Ann Example",
        about="I am a retired nurse from Halifax.",
        location="Halifax, Nova Scotia",
        address="12 Example Street\nHalifax, NS B3H 1A1",
        message="Please act now.",
        points=("investigate", "justice"),
        recipients=ALL,
    )


def test_every_limited_field_is_in_the_table():
    assert [field for field, _ in LENGTH_LIMITS] == list(FIELD_LIMITS)


@pytest.mark.parametrize(("field", "message"), LENGTH_LIMITS)
@pytest.mark.parametrize("over", [0, 1])
def test_length_limit_boundaries(action, field, message, over):
    limit = FIELD_LIMITS[field].max_chars
    value = "é" * (limit + over)
    checked = check_answers(sent(**{field: value}), action)
    assert [(m.field, str(m)) for m in checked.mistakes] == ([(field, message)] if over else [])
    assert getattr(checked.answers, field) == value  # shown again as typed, even when too long


@pytest.mark.parametrize(("field", "message"), LENGTH_LIMITS)
def test_a_too_long_mistake_has_a_template_and_named_placeholders(action, field, message):
    (mistake,) = check_answers(sent(**{field: "x" * 1000}), action).mistakes
    assert mistake.template == "{label} must be {limit} characters or fewer"
    assert mistake.params["limit"] == FIELD_LIMITS[field].max_chars
    assert mistake.template.format(**mistake.params) == message


def lines(count: int) -> str:
    return "\n".join(f"Line {n}" for n in range(1, count + 1))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("address", lines(6), None),
        ("address", lines(7), "Your address must be 6 lines or fewer"),
        ("message", lines(6), None),
        ("message", lines(7), "Your message must be 6 lines or fewer"),
        # A blank line between paragraphs is a line.
        ("message", "One\nTwo\n\nThree\nFour\n\nFive", "Your message must be 6 lines or fewer"),
        # Only one blank line is kept between paragraphs, so extra ones do not count.
        ("message", "One\n\n\n\nTwo\n\n\n\nThree", None),
    ],
)
def test_line_limits(action, field, value, message):
    assert FIELD_LIMITS[field].max_lines == 6
    expected = [(field, message)] if message else []
    assert mistakes(sent(**{field: value}), action) == expected


def test_length_counts_characters_after_cleaning(action):
    # Windows line breaks count once; spaces around the text are not counted.
    address = "\r\n".join(["x" * 49] * 6)  # 6 * 49 + 5 = 299 characters once cleaned
    name = "  " + "n" * 100 + "  "
    checked = check_answers(sent(address=address, name=name), action)
    assert checked.valid
    assert len(checked.answers.address) == 299
    assert checked.answers.name == "n" * 100


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": ""}, [("name", "Enter your name")]),
        ({"name": "   \t "}, [("name", "Enter your name")]),
        ({"name": "\x00\u202e"}, [("name", "Enter your name")]),  # nothing left once cleaned
        ({"name": None}, [("name", "Enter your name")]),
        ({"about": None}, [("about", "Enter a sentence about yourself")]),
        ({"about": "\n\n"}, [("about", "Enter a sentence about yourself")]),
        ({"location": None, "address": None, "message": None}, []),  # optional
        ({"location": "  ", "address": "\n \n", "message": "\r\n"}, []),
    ],
)
def test_name_and_about_are_required_and_the_rest_optional(action, changes, expected):
    assert mistakes(sent(**changes), action) == expected


POINTS = ("investigate", "justice", "safety", "condemn")
POINT_COUNT = "Choose 2 or 3 points"


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([], POINT_COUNT),
        (None, POINT_COUNT),
        (["investigate"], POINT_COUNT),
        (["investigate", "investigate"], POINT_COUNT),  # one point, sent twice
        (list(POINTS[:2]), None),
        (list(POINTS[:3]), None),
        (list(POINTS), POINT_COUNT),
        (["investigate", "pardon"], "Choose points from the list"),
        (["investigate", "justice", "Investigate"], "Choose points from the list"),
        (["pardon"], "Choose points from the list"),  # unknown wins over the count
    ],
)
def test_points_are_two_or_three_from_the_action(action, points, expected):
    assert (MIN_POINTS, MAX_POINTS) == (2, 3)
    assert mistakes(sent(points=points), action) == ([("points", expected)] if expected else [])


def test_points_sent_twice_are_kept_once_in_the_order_sent(action):
    checked = check_answers(sent(points=["safety", "investigate", "safety"]), action)
    assert checked.valid
    assert checked.answers.points == ("safety", "investigate")


@pytest.mark.parametrize(
    ("recipients", "expected"),
    [
        (None, "Choose at least one official to write to"),
        ([], "Choose at least one official to write to"),
        (["kremlin"], None),
        (["embassy", "investigation-committee"], None),
        (list(ALL), None),
        (["kremlin", "pope"], "Choose officials from the list"),
        (["pope"], "Choose officials from the list"),
        # In the directory of officials is not enough: the action must write to them.
        (["KREMLIN"], "Choose officials from the list"),
    ],
)
def test_recipients_are_the_actions_officials(action, recipients, expected):
    assert mistakes(sent(recipients=recipients), action) == (
        [("recipients", expected)] if expected else []
    )


def test_a_single_string_counts_as_one_choice(action):
    checked = check_answers(sent(recipients="embassy", points="safety"), action)
    assert checked.answers.recipients == ("embassy",)
    assert [(m.field, str(m)) for m in checked.mistakes] == [("points", POINT_COUNT)]


def test_mistakes_come_in_the_order_of_the_fields_one_per_field(action):
    data = sent(
        name="",
        about="x" * 301,
        location="\n".join(["y"] * 200),
        address="\n".join(["z"] * 7),
        message="m" * 601,
        points=["safety"],
        recipients=["pope"],
    )
    assert mistakes(data, action) == [
        ("name", "Enter your name"),
        ("about", "The sentence about yourself must be 300 characters or fewer"),
        ("location", "Where you live must be 100 characters or fewer"),
        ("address", "Your address must be 6 lines or fewer"),
        ("message", "Your message must be 600 characters or fewer"),
        ("points", "Choose 2 or 3 points"),
        ("recipients", "Choose officials from the list"),
    ]


class Glyphs:
    """A stand-in for the fonts' coverage: reports the letters it is told are missing."""

    def __init__(self, missing: str = ""):
        self.missing = missing
        self.asked: list[str] = []

    def __call__(self, text: str) -> list[str]:
        self.asked.append(text)
        return list(dict.fromkeys(char for char in text if char in self.missing))


def test_unprintable_characters_are_checked_only_when_a_check_is_given(action):
    georgian = "ნინო ბერიძე"
    assert mistakes(sent(name=georgian), action) == []
    glyphs = Glyphs(missing=georgian.replace(" ", ""))
    assert mistakes(sent(name=georgian), action, missing_glyphs=glyphs) == [
        (
            "name",
            "Your name has characters we cannot print yet (ნ ი ო ბ ე): "
            "write it in Latin letters, or choose tweets or plain text",
        )
    ]


def test_the_glyph_check_sees_each_cleaned_text_once(action):
    glyphs = Glyphs()
    data = sent(name="  Zoe\u0308 ", location="", message="One\r\nTwo")
    assert check_answers(data, action, missing_glyphs=glyphs).valid
    assert glyphs.asked == [
        "Zo\u00eb",
        "I am a retired nurse from Halifax.",
        "12 Example Street\nHalifax, NS B3H 1A1",
        "One\nTwo",
    ]  # the empty location is not asked about


def test_a_too_long_field_is_not_also_checked_for_glyphs(action):
    glyphs = Glyphs(missing="§")
    assert mistakes(sent(about="§" * 301), action, missing_glyphs=glyphs) == [
        ("about", "The sentence about yourself must be 300 characters or fewer")
    ]
    assert "§" * 301 not in glyphs.asked


@pytest.mark.parametrize(
    ("field", "raw", "cleaned"),
    [
        ("name", "Zoe\u0308", "Zo\u00eb"),  # NFC: one character, as the fonts and limits see it
        ("name", "Ann\x00\x07 Example\x7f", "Ann Example"),
        ("name", "Ann\r\nExample", "Ann Example"),  # line breaks folded in one-line fields
        ("about", "I am\na nurse.\u2028Really.", "I am a nurse. Really."),
        ("location", "  Halifax,\t\tNova   Scotia  ", "Halifax, Nova Scotia"),
        ("location", "Halifax \u202eaicsoN", "Halifax aicsoN"),  # no bidi overrides
        ("address", "12 Example St\r\nHalifax\rNS", "12 Example St\nHalifax\nNS"),
        ("message", "One.\n\n\n\n\nTwo.", "One.\n\nTwo."),
    ],
)
def test_text_is_cleaned_before_it_is_checked_and_kept(action, field, raw, cleaned):
    checked = check_answers(sent(**{field: raw}), action)
    assert checked.valid
    assert getattr(checked.answers, field) == cleaned


def test_nfc_lets_a_decomposed_name_at_the_limit_through(action):
    decomposed = "e\u0301" * 100  # 200 code points, 100 characters once composed
    checked = check_answers(sent(name=decomposed), action)
    assert checked.valid
    assert checked.answers.name == "\u00e9" * 100


def test_a_mistake_is_a_sentence_with_named_placeholders():
    mistake = Mistake(
        "name", "{label} must be {limit} characters or fewer", {"label": "X", "limit": 3}
    )
    assert str(mistake) == "X must be 3 characters or fewer"
    assert str(Mistake("name", "Enter your name")) == "Enter your name"


# draft_answers: a preview of an unfinished form, never refused.


def test_a_draft_of_an_empty_form_fills_the_gaps(action):
    assert draft_answers({}, action) == Answers(
        name="Your name",
        about="A sentence about yourself.",
        points=(),
        recipients=("kremlin",),  # the action's primary official
    )


def test_a_draft_of_valid_answers_is_the_answers(action):
    assert draft_answers(sent(), action) == check_answers(sent(), action).answers


@pytest.mark.parametrize("field", list(FIELD_LIMITS))
def test_a_draft_is_cut_to_each_fields_length(action, field):
    limit = FIELD_LIMITS[field].max_chars
    draft = draft_answers(sent(**{field: "é" * (limit + 50)}), action)
    assert getattr(draft, field) == "é" * limit


@pytest.mark.parametrize("field", ["address", "message"])
def test_a_draft_is_cut_to_each_fields_lines(action, field):
    draft = draft_answers(sent(**{field: "\n".join(f"L{n}" for n in range(1, 10))}), action)
    assert getattr(draft, field) == "L1\nL2\nL3\nL4\nL5\nL6"


def test_a_draft_is_cleaned_like_the_answers(action):
    draft = draft_answers(sent(name=" Zoe\u0308\r\nO'Brien\x00 ", address="A\r\nB"), action)
    assert (draft.name, draft.address) == ("Zo\u00eb O'Brien", "A\nB")


@pytest.mark.parametrize(
    ("points", "drafted"),
    [
        (["condemn", "investigate"], ("investigate", "condemn")),  # the action's order
        (["investigate", "pardon"], ("investigate",)),  # unknown ids dropped
        (list(reversed(POINTS)), POINTS[:MAX_POINTS]),  # at most three
        ([], ()),
    ],
)
def test_a_draft_keeps_known_points_in_the_actions_order(action, points, drafted):
    assert draft_answers(sent(points=points), action).points == drafted


@pytest.mark.parametrize(
    ("recipients", "drafted"),
    [
        (["investigation-committee", "embassy"], ("embassy", "investigation-committee")),
        (["pope", "embassy"], ("embassy",)),
        (["pope"], ("kremlin",)),
        (None, ("kremlin",)),
    ],
)
def test_a_draft_writes_to_known_officials_or_the_primary_one(action, recipients, drafted):
    assert draft_answers(sent(recipients=recipients), action).recipients == drafted


# Different characters: a printed letter may use at most MAX_DISTINCT_CHARACTERS, counted once
# over all its texts (each is a glyph the PDF carries). Ideographs make the count plain.
IDEOGRAPHS = "".join(chr(0x4E00 + n) for n in range(700))


def ideographs(start: int, stop: int) -> str:
    return IDEOGRAPHS[start:stop]


def spaced(start: int, stop: int) -> str:
    """Return the ideographs in threes, a space between, 75 to a line."""
    lines = [IDEOGRAPHS[line : min(line + 75, stop)] for line in range(start, stop, 75)]
    return "\n".join(" ".join(text[n : n + 3] for n in range(0, len(text), 3)) for text in lines)


def too_many(count: int, label: str) -> str:
    return (
        f"Your letter uses {count} different characters, more than the 600 we can print: "
        f"shorten {label}, or choose tweets or plain text"
    )


# Name and location are one ideograph already used elsewhere, so only about and message count.
PRINTED = {"name": IDEOGRAPHS[0], "location": IDEOGRAPHS[1], "address": None}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # At the limit, and one over: the mistake is on the longest text.
        ({"about": ideographs(0, 300), "message": ideographs(300, 600)}, []),
        (
            {"about": ideographs(0, 300), "message": ideographs(300, 601)},
            [("message", too_many(601, "your message"))],
        ),
        (
            {"about": ideographs(0, 300), "message": ideographs(300, 301) * 5},
            [],  # a character used again is not a different one
        ),
        (
            {
                "about": ideographs(0, 300),
                "address": ideographs(0, 300),
                "message": ideographs(300, 600),
            },
            [],  # nor one used in another text
        ),
        (
            {"about": ideographs(0, 300), "message": ideographs(0, 601)},
            [("message", "Your message must be 600 characters or fewer")],  # lengths first
        ),
        # Spaces and line breaks print nothing: not counted.
        (
            {"about": " ".join(ideographs(0, 150)), "message": spaced(150, 600)},
            [],
        ),
        # Every text counts, Latin letters and punctuation as much as ideographs.
        (
            {"name": "Ann", "about": ideographs(0, 250), "message": ideographs(250, 599)},
            [("message", too_many(601, "your message"))],
        ),
        (
            {"address": "1\n2", "about": ideographs(0, 250), "message": ideographs(250, 599)},
            [("message", too_many(601, "your message"))],
        ),
        # The longest text is the one to shorten.
        (
            {
                "about": ideographs(0, 300),
                "message": ideographs(300, 400) * 2 + ideographs(400, 601),
            },
            [("message", too_many(601, "your message"))],
        ),
        (
            {
                "about": ideographs(0, 300),
                "address": ideographs(300, 551),
                "message": ideographs(551, 601),
            },
            [("about", too_many(601, "the sentence about yourself"))],
        ),
        (
            {
                "about": ideographs(0, 300),
                "address": ideographs(300, 600),
                "message": ideographs(600, 601) * 300,
            },
            [("message", too_many(601, "your message"))],  # as long as another: the later one
        ),
    ],
)
def test_different_characters_of_a_printed_letter(action, changes, expected):
    assert MAX_DISTINCT_CHARACTERS == 600
    assert mistakes(sent(**PRINTED | changes), action, printing=True) == expected


def test_a_mistake_about_different_characters_is_a_sentence_with_named_placeholders(action):
    data = sent(**PRINTED, about=ideographs(0, 300), message=ideographs(300, 650))
    (mistake,) = check_answers(data, action, printing=True).mistakes
    assert mistake.template == TOO_MANY_CHARACTERS
    assert mistake.params == {"count": 650, "limit": 600, "label": "your message"}


def test_different_characters_are_counted_only_for_printed_letters(action):
    # Tweets and plain text cost the same whatever the characters: a long text in Chinese
    # may use more different ones than a letter can print, and is taken as usual.
    data = sent(**PRINTED, about=ideographs(0, 300), message=ideographs(300, 700))
    assert mistakes(data, action) == []
    assert mistakes(data, action, printing=True) == [("message", too_many(700, "your message"))]


def test_different_characters_are_counted_once_cleaned(action):
    # Composed (NFC) as the fonts see them: e + combining acute is one character, é.
    about = ideographs(0, 300)
    message = ideographs(300, 599) + "e\u0301\u00e9"  # 299 ideographs and é, written twice
    data = sent(**PRINTED, about=about, message=message)
    assert mistakes(data, action, printing=True) == []  # 600
    assert distinct_characters([about, message]) == 602  # before cleaning: e, ◌́ and é


# What the letter is signed with: own address (the default), the group's, or none.

GROUP = GroupAddress(name="Amnesty Example Group", lines=("1 Group Street", "Halifax, NS"))
NO_GROUP = "This action has no group address to sign with: choose your own address or none"


@pytest.mark.parametrize(
    ("group", "chosen", "kept", "refused"),
    [
        (None, None, "own", []),
        (None, "", "own", []),
        (None, "own", "own", []),
        (None, "none", "none", []),
        (GROUP, "group", "group", []),
        (GROUP, "none", "none", []),
        # Not offered when the action sets no group address, and refused if posted anyway.
        (None, "group", "own", [("return_address", NO_GROUP)]),
        (None, "embassy", "own", [("return_address", "Choose what to sign your letter with")]),
        (None, ["none", "own"], "none", []),
    ],
)
def test_the_return_address_is_one_the_action_offers(action, group, chosen, kept, refused):
    checked = check_answers(sent(return_address=chosen), replace(action, group_address=group))
    assert [(m.field, str(m)) for m in checked.mistakes] == refused
    assert checked.answers.return_address == kept
    assert (
        draft_answers(
            sent(return_address=chosen), replace(action, group_address=group)
        ).return_address
        == kept
    )


@pytest.mark.parametrize("country", ["", "Canada", "France", "Côte d’Ivoire"])
def test_the_country_is_kept_as_typed(action, country):
    checked = check_answers(sent(country=f"  {country} "), action)
    assert checked.valid
    assert checked.answers.country == country
