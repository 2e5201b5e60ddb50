"""compose_guide: what the sending guide tells a first-time letter writer.

The guide holds amounts and dates as values; how they are written for a language is the
documents' job (tests/documents/test_formatting.py).
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from campaign.compose.guide import compose_guide, compose_next_steps, dial_from_canada


def test_guide_lists_each_official_with_postage_fax_and_accounts(action):
    guide = compose_guide(action, action.recipients)
    kremlin, embassy, committee = guide.entries
    assert kremlin.address[0] == "Vladimir Putin"
    assert (kremlin.postage, kremlin.recipient.fax) == (Decimal("2.65"), "011 7 495 910 2134")
    assert kremlin.handles == ("@KremlinRussia_E", "@KremlinRussia")
    assert (embassy.postage, embassy.handles) == (Decimal("0.90"), ())
    assert embassy.recipient.phones == ("613 235 4341", "613 236 1413")
    # Ottawa from elsewhere in Canada is long distance; Moscow's numbers say so already.
    assert embassy.phones == ("1 613 235 4341", "1 613 236 1413")
    assert (kremlin.fax, embassy.fax) == ("011 7 495 910 2134", "1 613 236 6342")
    assert committee.phones == ()
    assert committee.recipient.fax == "011 7 495 966 9776"
    assert guide.total_postage == Decimal("6.20")
    assert guide.reference == "UA 2/19"
    assert guide.note == "Please send a tweet, fax or letter without delay."
    assert guide.deadline is None
    assert guide.issued == date(2019, 1, 15)  # the action's date, which dates its postage


@pytest.mark.parametrize(
    ("chosen", "total"),
    [
        (("kremlin",), Decimal("2.65")),
        (("embassy",), Decimal("0.90")),
        (("embassy", "investigation-committee"), Decimal("3.55")),
        (("kremlin", "embassy", "investigation-committee"), Decimal("6.20")),
    ],
)
def test_total_postage_adds_up_the_officials_chosen(action, chosen, total):
    guide = compose_guide(action, [action.recipient(official) for official in chosen])
    assert [entry.recipient.id for entry in guide.entries] == list(chosen)
    assert guide.total_postage == total
    assert isinstance(guide.total_postage, Decimal)


def test_guide_gives_the_deadline_when_the_action_has_one(action):
    action = replace(action, deadline=date(2026, 12, 31))
    assert compose_guide(action, action.recipients[:1]).deadline == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("number", "dialled"),
    [
        ("613 235 4341", "1 613 235 4341"),
        ("1 613 235 4341", "1 613 235 4341"),
        ("011 7 495 910 2134", "011 7 495 910 2134"),
        ("011 7 495 966 9776", "011 7 495 966 9776"),
        ("235 4341", "235 4341"),
    ],
)
def test_numbers_are_given_as_dialled_from_elsewhere_in_canada(number, dialled):
    assert dial_from_canada(number) == dialled


def test_guide_names_the_other_ways_for_the_officials_chosen(action):
    guide = compose_guide(action, action.recipients)
    assert [entry.recipient.id for entry in guide.tweeted] == ["kremlin"]
    assert [entry.recipient.id for entry in guide.online] == ["kremlin"]
    (kremlin,) = guide.online
    assert [(c.kind, c.address) for c in kremlin.online] == [
        ("web", "http://en.letters.kremlin.ru")
    ]
    assert kremlin.online_addresses == ("en.letters.kremlin.ru",)  # as typed, and printed
    copies = compose_guide(action, [action.recipient("embassy")])
    assert (copies.tweeted, copies.online) == ((), ())


def test_next_steps_share_the_points_in_the_actions_order(action):
    steps = compose_next_steps(action, action.recipients, {"safety", "justice"})
    assert steps.share == (("points", "justice"), ("points", "safety"))
    assert steps.guide.total_postage == Decimal("6.20")


def test_next_steps_share_the_officials_only_when_some_are_left_out(action):
    chosen = [action.recipient("investigation-committee"), action.recipient("kremlin")]
    steps = compose_next_steps(action, chosen, {"investigate"})
    assert steps.share == (
        ("points", "investigate"),
        ("recipients", "kremlin"),
        ("recipients", "investigation-committee"),
    )
    assert steps.guide.total_postage == Decimal("5.30")


def test_next_steps_share_nothing_but_known_points_and_officials(action):
    steps = compose_next_steps(action, action.recipients, {"no-such-point", "Ann Example"})
    assert steps.share == ()
