"""compose_letters: the letter's parts, its recipients and copies, and its wording."""

from dataclasses import replace
from datetime import date
from itertools import combinations

import pytest

from campaign.compose import Answers, LongestVariation, Variation, compose_letters
from campaign.compose.letter import about_sentence, repeats_first_words
from campaign.compose.text import isolate_bidi
from campaign.content import GroupAddress
from campaign.documents.words import copy_mark

TODAY = date(2026, 11, 21)
ALL = ("kremlin", "embassy", "investigation-committee")


def answers(**changes) -> Answers:
    base = {
        "name": "Ann Example",
        "about": "I am a retired nurse from Halifax",
        "location": "Halifax, Nova Scotia",
        "address": "12 Example Street\nHalifax, NS B3H 1A1",
        "message": "First thought.\n\nSecond thought.",
        "points": ("investigate", "safety"),
        "recipients": ALL,
    }
    return Answers(**{**base, **changes})


def test_one_letter_per_chosen_recipient_in_the_actions_order(action):
    letters = compose_letters(action, answers(recipients=("embassy", "kremlin")), TODAY)
    assert [letter.recipient.id for letter in letters] == ["kremlin", "embassy"]


def test_only_the_actions_officials_are_written_to_in_their_role(action):
    letters = compose_letters(action, answers(recipients=("pope", "embassy", "kremlin")), TODAY)
    assert [(letter.recipient.id, letter.recipient.role) for letter in letters] == [
        ("kremlin", "primary"),
        ("embassy", "copy"),
    ]


@pytest.mark.parametrize(
    ("chosen", "recipient", "copied"),
    [
        # With the primary: every page is the letter to them, listing the same copies.
        (ALL, "kremlin", ["embassy", "investigation-committee"]),
        (ALL, "embassy", ["embassy", "investigation-committee"]),
        (("kremlin", "embassy"), "embassy", ["embassy"]),
        (("kremlin",), "kremlin", []),
        # Without: each official is written to, and the others listed.
        (("embassy", "investigation-committee"), "investigation-committee", ["embassy"]),
        (("embassy",), "embassy", []),
    ],
)
def test_the_copies_listed_on_each_page(action, chosen, recipient, copied):
    letters = compose_letters(action, answers(recipients=chosen), TODAY)
    letter = next(letter for letter in letters if letter.recipient.id == recipient)
    assert [copy.id for copy in letter.copies] == copied


@pytest.mark.parametrize(
    "chosen", [ALL, ("kremlin", "embassy"), ("investigation-committee", "kremlin")]
)
def test_with_the_primary_each_other_page_is_a_copy_of_the_letter_to_them(action, chosen):
    primary, *copies = compose_letters(action, answers(recipients=chosen), TODAY)
    assert (primary.recipient.id, primary.is_copy, copy_mark(primary)) == ("kremlin", False, None)
    assert primary.convey is None
    assert copies
    for copy in copies:
        assert copy.is_copy
        assert copy.addressee == primary.recipient
        assert copy_mark(copy) == f"Copy for {copy.recipient.full_name}, {copy.recipient.title}"
        # The letter to the primary, word for word.
        assert copy.salutation == primary.salutation == "Dear President Putin,"
        assert copy.paragraphs == primary.paragraphs
        assert copy.copies == primary.copies


@pytest.mark.parametrize(
    "chosen", [("embassy",), ("investigation-committee",), ("embassy", "investigation-committee")]
)
def test_without_the_primary_each_official_is_asked_to_pass_the_appeal_on(action, chosen):
    letters = compose_letters(action, answers(recipients=chosen), TODAY)
    assert [letter.recipient.id for letter in letters] == list(chosen)
    for letter in letters:
        assert not letter.is_copy
        assert copy_mark(letter) is None
        assert letter.addressee == letter.recipient
        assert letter.salutation == letter.recipient.salutation
        # In a phrasing given for this official, after the facts and before the requests.
        assert letter.convey in action.recipient(letter.recipient.id).convey
        assert letter.paragraphs.index(letter.convey) == 2
        assert letter.paragraphs[3] == letter.call


@pytest.mark.parametrize("recipient", ["embassy", "investigation-committee"])
def test_every_phrasing_of_the_request_to_pass_the_appeal_on_can_be_chosen(action, recipient):
    seen = {
        compose_letters(action, answers(name=f"Supporter {n}", recipients=(recipient,)), TODAY)[
            0
        ].convey
        for n in range(60)
    }
    assert seen == set(action.recipient(recipient).convey)


@pytest.mark.parametrize(
    ("recipient", "salutation"),
    [
        ("kremlin", "Dear President Putin,"),
        ("embassy", "Your Excellency,"),
        ("investigation-committee", "Dear Mr. Bastrykin,"),
    ],
)
def test_salutation_of_a_letter_to_one_official_comes_from_them(action, recipient, salutation):
    letters = compose_letters(action, answers(recipients=(recipient,)), TODAY)
    assert letters[0].salutation == salutation


def test_the_supporters_sentence_opens_the_letter_as_a_sentence(action):
    letter = compose_letters(action, answers(), TODAY)[0]
    assert letter.opening.startswith("I am a retired nurse from Halifax. ")
    assert letter.paragraphs[0] == letter.opening


def test_a_sentence_already_ending_in_punctuation_is_left_alone(action):
    letter = compose_letters(action, answers(about="Do I care? Yes!"), TODAY)[0]
    assert letter.opening.startswith("Do I care? Yes! ")


@pytest.mark.parametrize(
    ("about", "shown"),
    [
        ("i am a nurse", "I am a nurse."),
        ("i'm a nurse from Halifax", "I'm a nurse from Halifax."),
        ("retired teacher", "Retired teacher."),
        ("I teach.", "I teach."),
        ("Retired!", "Retired!"),
        ("Why write? Because I care?", "Why write? Because I care?"),
        ("I wait…", "I wait…"),
        ('"i am not afraid," I say', '"I am not afraid," I say.'),
        ('I said "never again."', 'I said "never again."'),
        ("I am (still) a nurse (retired.)", "I am (still) a nurse (retired.)"),
        ('I love "Hamlet"', 'I love "Hamlet".'),
        ("40 years a nurse", "40 years a nurse."),
        ("élève infirmière", "Élève infirmière."),
        ("", ""),
        ("ich bin Ärztin", "Ich bin Ärztin."),
        # Other scripts keep their letters as written, and their own full stops.
        ("я медсестра", "я медсестра."),
        ("εγώ είμαι νοσοκόμα", "εγώ είμαι νοσοκόμα."),
        ("أنا ممرضة", "أنا ممرضة."),
        ("هل أنا ممرضة؟", "هل أنا ممرضة؟"),
        ("我是护士。", "我是护士。"),
        ("मैं नर्स हूँ।", "मैं नर्स हूँ।"),
    ],
)
def test_the_sentence_about_yourself_gets_a_capital_and_a_full_stop(action, about, shown):
    assert about_sentence(about) == shown
    letter = compose_letters(action, answers(about=about), TODAY)[0]
    before = f"{isolate_bidi(shown)} " if shown else ""
    assert letter.opening.startswith(before)
    assert letter.opening.removeprefix(before) in action.letter.openings


def test_what_the_supporter_typed_is_kept_as_they_typed_it(action):
    supporter = answers(about="i am a nurse")
    compose_letters(action, supporter, TODAY)
    assert supporter.about == "i am a nurse"


def _first_words(text, count=3):
    return " ".join(text.split()[:count]).rstrip(",.:;?")


@pytest.mark.parametrize("index", range(8))
def test_an_opening_that_repeats_the_supporters_first_words_is_not_chosen(action, index):
    opening = action.letter.openings[index]
    # Built to clash: the opening's first three words, in other case and punctuation.
    about = f"{_first_words(opening).upper()}! and so I write"
    assert repeats_first_words(about, opening)
    for number in range(80):
        letter = compose_letters(action, answers(name=f"Supporter {number}", about=about), TODAY)[0]
        assert not letter.opening.endswith(opening), number


def test_an_opening_repeating_the_supporters_words_further_on_is_not_chosen(action):
    # The case: "I am deeply worried" inside an opening, after "I am deeply ...".
    worried = next(o for o in action.letter.openings if "I am deeply worried" in o)
    about = "I am deeply concerned for my friends"
    for number in range(80):
        letter = compose_letters(action, answers(name=f"Supporter {number}", about=about), TODAY)[0]
        assert not letter.opening.endswith(worried), number


@pytest.mark.parametrize(
    ("about", "opening", "repeats"),
    [
        ("I am writing from Halifax", "I am writing because of reports", True),
        ("i AM, writing", "I am writing because of reports", True),
        ("I am a nurse", "I am writing because of reports", False),
        ("I am", "I am writing because of reports", False),  # too few words to clash
        ("I am deeply concerned", "As someone who cares, I am deeply worried", True),
        ("Deeply, I am", "I am deeply worried", False),
    ],
)
def test_repeating_the_first_words_is_three_words_in_a_row(about, opening, repeats):
    assert repeats_first_words(about, opening) is repeats


def test_when_every_opening_repeats_the_supporter_one_is_still_chosen(action):
    clashing = replace(
        action,
        letter=replace(
            action.letter, openings=("I am here to write.", "Oh, I am here again, writing.")
        ),
    )
    seen = {
        compose_letters(clashing, answers(name=f"S{n}", about="I am here"), TODAY)[0].opening
        for n in range(20)
    }
    assert seen == {"I am here. I am here to write.", "I am here. Oh, I am here again, writing."}


def test_every_letter_carries_the_day_it_was_written(action):
    # Written out in words by the documents (tests/documents/test_formatting.py), not here.
    letters = compose_letters(action, answers(), TODAY)
    assert [letter.date for letter in letters] == [TODAY, TODAY, TODAY]


def test_sender_block_and_message_paragraphs(action):
    letter = compose_letters(action, answers(), TODAY)[0]
    assert letter.sender.name == "Ann Example"
    assert letter.sender.address == ("12 Example Street", "Halifax, NS B3H 1A1", "Canada")
    assert letter.sender.location == "Halifax, Nova Scotia"
    assert letter.message == ("First thought.", "Second thought.")


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("Halifax, Nova Scotia", "Halifax, Nova Scotia"),
        ("", ""),
        ("حيفا", "\u2068حيفا\u2069"),
        ("תל אביב, Israel", "\u2068תל אביב, Israel\u2069"),
    ],
)
def test_a_right_to_left_location_is_isolated_from_the_date_after_it(action, location, shown):
    letter = compose_letters(action, answers(location=location), TODAY)[0]
    assert letter.sender.location == shown


def test_optional_parts_may_be_empty(action):
    letter = compose_letters(action, answers(location="", address="", message=""), TODAY)[0]
    assert letter.sender.address == ()
    assert letter.message == ()


POINT_IDS = ("investigate", "justice", "safety", "condemn")


@pytest.mark.parametrize(
    "chosen", [c for n in (2, 3) for c in combinations(POINT_IDS, n)], ids=lambda c: "+".join(c)
)
def test_letter_holds_a_phrasing_of_each_chosen_point_and_none_of_the_others(action, chosen):
    letter = compose_letters(action, answers(points=chosen), TODAY)[0]
    body = " ".join(letter.paragraphs)
    for point in action.points:
        present = [phrasing for phrasing in point.phrasings if phrasing in body]
        if point.id in chosen:
            assert len(present) == 1, point.id
        else:
            assert present == [], point.id
    assert len(letter.points) == len(chosen)


@pytest.mark.parametrize("slot", ["openings", "concerns", "calls", "closes"])
def test_every_phrasing_of_every_paragraph_can_be_chosen(action, slot):
    seen = set()
    for number in range(300):
        letter = compose_letters(action, answers(name=f"Supporter {number}"), TODAY)[0]
        body = " ".join(letter.paragraphs)
        seen.update(p for p in getattr(action.letter, slot) if p in body)
    assert seen == set(getattr(action.letter, slot))


def test_same_answers_give_the_same_letter(action):
    first = compose_letters(action, answers(), TODAY)
    again = compose_letters(action, answers(), TODAY)
    assert [letter.paragraphs for letter in first] == [letter.paragraphs for letter in again]


def test_format_and_recipients_do_not_change_the_wording(action):
    one = compose_letters(action, answers(recipients=ALL), TODAY)
    two = compose_letters(action, answers(recipients=("kremlin",)), TODAY)
    assert one[0].paragraphs == two[0].paragraphs
    assert len({letter.paragraphs for letter in one}) == 1  # the copies say the same


def test_different_supporters_get_differently_worded_letters(action):
    bodies = {
        compose_letters(
            action,
            answers(name=name, about="I write from Canada", points=("investigate", "justice")),
            TODAY,
        )[0].paragraphs[1:]
        for name in ("Ann", "Bob", "Chloé", "Dmitri", "Eve", "Farid", "Grace", "Hiro")
    }
    assert len(bodies) == 8


def _point_ids(action, letter):
    return [next(p.id for p in action.points if s in p.phrasings) for s in letter.points]


@pytest.mark.parametrize(
    "chosen", [c for n in (2, 3) for c in combinations(POINT_IDS, n)], ids=lambda c: "+".join(c)
)
def test_points_keep_the_actions_order_whatever_the_phrasing(action, chosen):
    phrasings = set()
    for number in range(40):
        # Sent in reverse, and by supporters whose answers differ in every text.
        supporter = answers(
            name=f"Supporter {number}",
            about=f"I have written {number} letters",
            message=f"Thought {number}.",
            points=tuple(reversed(chosen)),
        )
        letter = compose_letters(action, supporter, TODAY)[0]
        assert _point_ids(action, letter) == list(chosen)
        phrasings.add(letter.points)
    assert len(phrasings) > 20  # the wording still varies


def test_longest_variation_picks_the_longest_phrasing(action):
    letter = compose_letters(action, answers(), TODAY, variation=LongestVariation())[0]
    assert letter.concern == max(action.letter.concerns, key=len)


def test_variation_is_stable_for_a_seed():
    assert Variation(b"seed").pick("x", ["a", "b", "c"]) == Variation(b"seed").pick(
        "x", ["a", "b", "c"]
    )


GROUP = GroupAddress(name="Amnesty Example Group", lines=("1 Group Street", "Halifax, NS"))


@pytest.mark.parametrize(
    ("changes", "address"),
    [
        ({}, ("12 Example Street", "Halifax, NS B3H 1A1", "Canada")),
        (
            {"return_address": "own", "country": "France"},
            ("12 Example Street", "Halifax, NS B3H 1A1", "France"),
        ),
        ({"return_address": "own", "address": ""}, ()),  # a country alone is no address
        (
            {"return_address": "group"},
            ("Amnesty Example Group", "1 Group Street", "Halifax, NS", "Canada"),
        ),
        (
            {"return_address": "group", "country": "France"},
            ("Amnesty Example Group", "1 Group Street", "Halifax, NS", "Canada"),
        ),
        ({"return_address": "none"}, ()),
        ({"return_address": "none", "country": "France"}, ()),
    ],
)
def test_the_return_address_is_what_the_supporter_signs_with_country_last(action, changes, address):
    letter = compose_letters(replace(action, group_address=GROUP), answers(**changes), TODAY)[0]
    assert letter.sender.address == address
    assert letter.sender.name == "Ann Example"


@pytest.mark.parametrize(
    ("country", "last_lines"),
    [
        # Posted from Canada: Moscow gets its country in capitals, Ottawa none.
        (
            "",
            {
                "kremlin": "RUSSIAN FEDERATION",
                "embassy": "Ottawa, Ontario K1N 8L5",
                "investigation-committee": "RUSSIAN FEDERATION",
            },
        ),
        (
            "Canada",
            {
                "kremlin": "RUSSIAN FEDERATION",
                "embassy": "Ottawa, Ontario K1N 8L5",
                "investigation-committee": "RUSSIAN FEDERATION",
            },
        ),
        # Posted from France, the embassy in Ottawa is abroad too.
        (
            "France",
            {
                "kremlin": "RUSSIAN FEDERATION",
                "embassy": "CANADA",
                "investigation-committee": "RUSSIAN FEDERATION",
            },
        ),
    ],
)
def test_an_officials_country_is_the_last_line_in_capitals_when_posted_abroad(
    action, country, last_lines
):
    letters = compose_letters(action, answers(country=country), TODAY)
    assert {
        letter.recipient.id: letter.recipient.address_block[-1] for letter in letters
    } == last_lines
    for letter in letters:
        assert letter.recipient.address_block.count(letter.recipient.country.upper()) <= 1
