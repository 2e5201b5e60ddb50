"""Compose the sending guide: everything the action says about getting letters delivered."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from campaign.content.models import Action, OnlineChannel, Recipient

# Calls out of Canada start with the international prefix; calls within North America
# outside the local area with the long-distance prefix, before ten digits.
INTERNATIONAL_PREFIX = "011"
LONG_DISTANCE_PREFIX = "1"


def dial_from_canada(number: str) -> str:
    """Return a number as dialled from elsewhere in Canada: '1 613 235 4341'.

    Numbers abroad are given with the international prefix already ('011 7 495 910 2134');
    a ten-digit North American number needs the long-distance prefix from outside its
    local calling area.
    """
    digits = number.replace(" ", "")
    if digits.isdigit() and len(digits) == 10:
        return f"{LONG_DISTANCE_PREFIX} {number}"
    return number


def _as_typed(address: str) -> str:
    """Return an address without its scheme: what a browser's address bar needs, no more."""
    return address.split("://", 1)[-1].rstrip("/")


@dataclass(frozen=True)
class GuideEntry:
    """How to reach one official: envelope address, postage, fax, phone, accounts."""

    recipient: Recipient
    handles: tuple[str, ...]
    # Sent a copy of the letter to the primary official (who is written to as well).
    is_copy: bool = False

    @property
    def address(self) -> tuple[str, ...]:
        return self.recipient.address_block

    @property
    def fax(self) -> str | None:
        """Return the fax number as dialled from Canada, if the official has one."""
        return dial_from_canada(self.recipient.fax) if self.recipient.fax else None

    @property
    def phones(self) -> tuple[str, ...]:
        """Return the phone numbers as dialled from Canada."""
        return tuple(dial_from_canada(phone) for phone in self.recipient.phones)

    @property
    def postage(self) -> Decimal:
        """Return the postage from Canada, in Canadian dollars."""
        return self.recipient.postage_cad

    @property
    def online(self) -> tuple[OnlineChannel, ...]:
        """Return where the letter can also be sent online: web forms and email addresses."""
        return self.recipient.online

    @property
    def online_addresses(self) -> tuple[str, ...]:
        """Return the online addresses as a reader types them: a web address without 'http://'."""
        return tuple(_as_typed(channel.address) for channel in self.online)


@dataclass(frozen=True)
class SendingGuide:
    """The first page of the kit: one entry per official written to, and any deadline.

    `issued` is when the action was written, which dates its postage.
    """

    reference: str
    issued: date
    entries: tuple[GuideEntry, ...]
    deadline: date | None
    note: str | None

    @property
    def total_postage(self) -> Decimal:
        """Return the postage for every letter, in Canadian dollars."""
        return sum((entry.postage for entry in self.entries), Decimal(0))

    @property
    def tweeted(self) -> tuple[GuideEntry, ...]:
        """Return the officials a supporter can also tweet to: those with an account."""
        return tuple(entry for entry in self.entries if entry.handles)

    @property
    def online(self) -> tuple[GuideEntry, ...]:
        """Return the officials the letter can also be sent to online."""
        return tuple(entry for entry in self.entries if entry.online)


def compose_guide(action: Action, recipients: Sequence[Recipient]) -> SendingGuide:
    """Return the sending guide for the officials chosen, in the action's order."""
    with_primary = any(recipient.role == "primary" for recipient in recipients)
    entries = tuple(
        GuideEntry(
            recipient=recipient,
            handles=tuple(t.handle for t in recipient.twitter),
            is_copy=with_primary and recipient.role == "copy",
        )
        for recipient in recipients
    )
    return SendingGuide(
        reference=action.reference,
        issued=action.issued,
        entries=entries,
        deadline=action.deadline,
        note=action.sending_note,
    )


@dataclass(frozen=True)
class NextSteps:
    """What a supporter does once their letters are made: send them, add their voice in
    other ways, and ask friends to write too.

    `share` holds the query of the link to the action that ticks the same boxes for a
    friend: the points and, when not all of them, the officials. Only ticked boxes, never
    anything typed, go into a link.
    """

    guide: SendingGuide
    share: tuple[tuple[str, str], ...]


def compose_next_steps(
    action: Action, recipients: Sequence[Recipient], point_ids: Collection[str]
) -> NextSteps:
    """Return the next steps after letters to these officials, on these points."""
    chosen = {recipient.id for recipient in recipients}
    points = [("points", point.id) for point in action.points if point.id in point_ids]
    officials = (
        []
        if chosen >= {recipient.id for recipient in action.recipients}
        else [("recipients", r.id) for r in action.recipients if r.id in chosen]
    )
    return NextSteps(guide=compose_guide(action, recipients), share=(*points, *officials))
