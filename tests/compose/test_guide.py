"""compose_guide: what the sending guide tells a first-time letter writer."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from campaign.compose.guide import compose_guide, format_postage


@pytest.mark.parametrize(
    ("amount", "written"),
    [(Decimal("2.65"), "$2.65"), (Decimal("0.9"), "$0.90"), (Decimal(1), "$1.00")],
)
def test_format_postage(amount, written):
    assert format_postage(amount) == written


def test_guide_lists_each_official_with_postage_fax_and_accounts(action):
    guide = compose_guide(action, action.recipients)
    kremlin, embassy, committee = guide.entries
    assert kremlin.address[0] == "Vladimir Putin"
    assert (kremlin.postage, kremlin.recipient.fax) == ("$2.65", "011 7 495 910 2134")
    assert kremlin.handles == ("@KremlinRussia_E", "@KremlinRussia")
    assert (embassy.postage, embassy.handles) == ("$0.90", ())
    assert embassy.recipient.phones == ("613 235 4341", "613 236 1413")
    assert committee.recipient.fax == "011 7 495 966 9776"
    assert guide.total_postage == "$6.20"
    assert guide.note == "Please send a tweet, fax or letter without delay."
    assert guide.deadline is None


def test_guide_gives_the_deadline_when_the_action_has_one(action):
    action = replace(action, deadline=date(2026, 12, 31))
    assert compose_guide(action, action.recipients[:1]).deadline == "31 December 2026"
