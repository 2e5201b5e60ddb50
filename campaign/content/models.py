"""Typed content of an action and its recipients, as validated from YAML."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Point:
    """One talking point of the call to action."""

    id: str
    wording: str
    phrasings: tuple[str, ...]
    tweet: str


@dataclass(frozen=True)
class LetterWording:
    """The letter's own paragraphs, each given in several phrasings."""

    openings: tuple[str, ...]
    concerns: tuple[str, ...]
    calls: tuple[str, ...]
    closes: tuple[str, ...]
    valediction: str


@dataclass(frozen=True)
class TweetSettings:
    """What every tweet of the action ends with."""

    hashtags: tuple[str, ...]
    link: str | None


@dataclass(frozen=True)
class Action:
    """An urgent action: what is happening, what to ask for, and how to say it."""

    reference: str
    title: str
    issued: date
    deadline: date | None
    sending_note: str | None
    language: str
    summary: str
    why_it_matters: str
    background: tuple[str, ...]
    letter: LetterWording
    points: tuple[Point, ...]
    tweet: TweetSettings

    def point(self, point_id: str) -> Point:
        """Return the point with this id."""
        return next(point for point in self.points if point.id == point_id)


@dataclass(frozen=True)
class TwitterHandle:
    """An official's account, with the language it posts in."""

    handle: str
    language: str


@dataclass(frozen=True)
class Recipient:
    """An official the action asks supporters to write to."""

    id: str
    name: str
    honorific: str | None
    title: str
    organisation: str | None
    address: tuple[str, ...]
    country: str
    salutation: str
    role: str
    fax: str | None
    phones: tuple[str, ...]
    twitter: tuple[TwitterHandle, ...]
    postage_cad: Decimal

    @property
    def full_name(self) -> str:
        """Return the name as written on an envelope, with any honorific."""
        return f"{self.honorific} {self.name}" if self.honorific else self.name

    @property
    def address_block(self) -> tuple[str, ...]:
        """Return every line of the postal address, starting with the name."""
        lines = [self.full_name, self.title]
        if self.organisation:
            lines.append(self.organisation)
        return (*lines, *self.address)

    def handle_for(self, language: str) -> str | None:
        """Return the account posting in this language, if the action gives one."""
        return next((t.handle for t in self.twitter if t.language == language), None)


@dataclass(frozen=True)
class Content:
    """Everything loaded at start-up: the action and the officials to write to."""

    action: Action
    recipients: tuple[Recipient, ...]

    def recipient(self, recipient_id: str) -> Recipient:
        """Return the recipient with this id."""
        return next(r for r in self.recipients if r.id == recipient_id)
