"""Compose the sending guide: everything the action says about getting letters delivered."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from campaign.compose.dates import format_long_date
from campaign.content.models import Action, Recipient


@dataclass(frozen=True)
class GuideEntry:
    """How to reach one official: envelope address, postage, fax, phone, accounts."""

    recipient: Recipient
    postage: str
    handles: tuple[str, ...]

    @property
    def address(self) -> tuple[str, ...]:
        return self.recipient.address_block


@dataclass(frozen=True)
class SendingGuide:
    """The first page of the kit: one entry per official written to, and any deadline."""

    reference: str
    entries: tuple[GuideEntry, ...]
    deadline: str | None
    note: str | None

    @property
    def total_postage(self) -> str:
        return format_postage(sum((e.recipient.postage_cad for e in self.entries), Decimal(0)))


def format_postage(amount: Decimal) -> str:
    """Return a Canadian amount as it is written on a price: $2.65, $0.90."""
    return f"${amount:.2f}"


def compose_guide(action: Action, recipients: Sequence[Recipient]) -> SendingGuide:
    """Return the sending guide for the officials chosen, in the action's order."""
    entries = tuple(
        GuideEntry(
            recipient=recipient,
            postage=format_postage(recipient.postage_cad),
            handles=tuple(t.handle for t in recipient.twitter),
        )
        for recipient in recipients
    )
    deadline = format_long_date(action.deadline) if action.deadline else None
    return SendingGuide(
        reference=action.reference, entries=entries, deadline=deadline, note=action.sending_note
    )
