"""Compose the sending guide: everything the action says about getting letters delivered."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from campaign.content.models import Action, Recipient


@dataclass(frozen=True)
class GuideEntry:
    """How to reach one official: envelope address, postage, fax, phone, accounts."""

    recipient: Recipient
    handles: tuple[str, ...]

    @property
    def address(self) -> tuple[str, ...]:
        return self.recipient.address_block

    @property
    def postage(self) -> Decimal:
        """Return the postage from Canada, in Canadian dollars."""
        return self.recipient.postage_cad


@dataclass(frozen=True)
class SendingGuide:
    """The first page of the kit: one entry per official written to, and any deadline."""

    reference: str
    entries: tuple[GuideEntry, ...]
    deadline: date | None
    note: str | None

    @property
    def total_postage(self) -> Decimal:
        """Return the postage for every letter, in Canadian dollars."""
        return sum((entry.postage for entry in self.entries), Decimal(0))


def compose_guide(action: Action, recipients: Sequence[Recipient]) -> SendingGuide:
    """Return the sending guide for the officials chosen, in the action's order."""
    entries = tuple(
        GuideEntry(recipient=recipient, handles=tuple(t.handle for t in recipient.twitter))
        for recipient in recipients
    )
    return SendingGuide(
        reference=action.reference,
        entries=entries,
        deadline=action.deadline,
        note=action.sending_note,
    )
