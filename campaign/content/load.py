"""Load the action and recipients from YAML into typed objects, or say exactly what is wrong."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from campaign.compose.rules import MIN_POINTS
from campaign.content.models import (
    Action,
    Content,
    LetterWording,
    Point,
    Recipient,
    TweetSettings,
    TwitterHandle,
)
from campaign.content.yaml_reader import ContentError, read_yaml

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HANDLE = re.compile(r"@\w{1,15}", re.ASCII)
_ROLES = ("primary", "copy")


class _Entry:
    """A mapping read from YAML, whose every complaint names where it sits."""

    def __init__(self, data: Any, where: str):
        if not isinstance(data, dict):
            raise ContentError(f"{where}: must be a mapping of fields")
        self.data = data
        self.where = where
        self.used: set[str] = set()

    def fail(self, key: str, problem: str) -> ContentError:
        return ContentError(f"{self.where}: field '{key}': {problem}")

    def _get(self, key: str, optional: bool) -> Any:
        self.used.add(key)
        value = self.data.get(key)
        if value is None and not optional:
            raise self.fail(key, "is missing")
        return value

    def text(self, key: str, *, optional: bool = False) -> str | None:
        value = self._get(key, optional)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be non-empty text")
        return " ".join(value.split())

    def texts(self, key: str, *, optional: bool = False) -> tuple[str, ...]:
        value = self._get(key, optional)
        if value is None:
            return ()
        if not isinstance(value, list) or (not value and not optional):
            raise self.fail(key, "must be a list of text")
        for number, item in enumerate(value, start=1):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(key, f"item {number} must be non-empty text")
        return tuple(" ".join(item.split()) for item in value)

    def identifier(self, key: str) -> str:
        value = self.text(key)
        if not _ID.fullmatch(value):
            raise self.fail(key, "must be lower-case letters, digits and hyphens")
        return value

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise self.fail(key, f"must be one of {', '.join(allowed)}")
        return value

    def date(self, key: str, *, optional: bool = False) -> date | None:
        value = self._get(key, optional)
        if value is None:
            return None
        if not isinstance(value, date):
            raise self.fail(key, "must be a date written YYYY-MM-DD")
        return value

    def amount(self, key: str) -> Decimal:
        value = self._get(key, optional=False)
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            amount = Decimal(-1)
        if isinstance(value, bool) or not amount.is_finite() or amount < 0:
            raise self.fail(key, "must be an amount such as 2.65")
        return amount.quantize(Decimal("0.01"))

    def entry(self, key: str) -> "_Entry":
        return _Entry(self._get(key, optional=False), f"{self.where}: field '{key}'")

    def entries(self, key: str, *, optional: bool = False) -> list["_Entry"]:
        value = self._get(key, optional)
        if value is None:
            return []
        if not isinstance(value, list) or not value:
            raise self.fail(key, "must be a non-empty list")
        return [
            _Entry(item, _entry_where(self.where, key, n, item)) for n, item in enumerate(value, 1)
        ]

    def finish(self) -> None:
        unknown = sorted(str(key) for key in self.data if key not in self.used)
        if unknown:
            raise ContentError(f"{self.where}: unknown field '{unknown[0]}'")


def _entry_where(where: str, key: str, number: int, item: Any) -> str:
    label = item.get("id") if isinstance(item, dict) else None
    suffix = f" ({label})" if isinstance(label, str) else ""
    return f"{where}: {key} entry {number}{suffix}"


def _unique_ids(items: list, where: str, kind: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ContentError(f"{where}: {kind} id '{item.id}' is used twice")
        seen.add(item.id)


def load_action(path: Path) -> Action:
    """Read the action file: its wording, points and tweet settings."""
    root = _Entry(read_yaml(path), path.name)
    letter = root.entry("letter")
    wording = LetterWording(
        openings=letter.texts("openings"),
        concerns=letter.texts("concerns"),
        calls=letter.texts("calls"),
        closes=letter.texts("closes"),
        valediction=letter.text("valediction", optional=True) or "Yours sincerely,",
    )
    letter.finish()
    points = tuple(_load_point(entry) for entry in root.entries("points"))
    _unique_ids(points, path.name, "point")
    if len(points) < MIN_POINTS:
        raise root.fail("points", f"must list at least {MIN_POINTS} points")
    tweet = root.entry("tweet") if root.data.get("tweet") is not None else None
    settings = TweetSettings(
        hashtags=tweet.texts("hashtags", optional=True) if tweet else (),
        link=tweet.text("link", optional=True) if tweet else None,
    )
    if tweet:
        tweet.finish()
    root.used.add("tweet")
    action = Action(
        reference=root.text("reference"),
        title=root.text("title"),
        issued=root.date("issued"),
        deadline=root.date("deadline", optional=True),
        sending_note=root.text("sending_note", optional=True),
        language=root.identifier("language"),
        summary=root.text("summary"),
        why_it_matters=root.text("why_it_matters"),
        background=root.texts("background"),
        letter=wording,
        points=points,
        tweet=settings,
    )
    root.finish()
    return action


def _load_point(entry: _Entry) -> Point:
    point = Point(
        id=entry.identifier("id"),
        wording=entry.text("wording"),
        phrasings=entry.texts("phrasings"),
        tweet=entry.text("tweet"),
    )
    entry.finish()
    return point


def load_recipients(path: Path) -> tuple[Recipient, ...]:
    """Read the officials to write to, with their addresses and contact details."""
    root = _Entry(read_yaml(path), path.name)
    recipients = tuple(_load_recipient(entry) for entry in root.entries("recipients"))
    root.finish()
    _unique_ids(list(recipients), path.name, "recipient")
    if not any(r.role == "primary" for r in recipients):
        raise root.fail("recipients", "must include one recipient whose role is primary")
    return recipients


def _load_recipient(entry: _Entry) -> Recipient:
    handles = []
    for item in entry.entries("twitter", optional=True):
        handle = item.text("handle")
        if not _HANDLE.fullmatch(handle):
            raise item.fail("handle", "must be an @name of at most 15 letters, digits or _")
        handles.append(TwitterHandle(handle=handle, language=item.identifier("language")))
        item.finish()
    recipient = Recipient(
        id=entry.identifier("id"),
        name=entry.text("name"),
        honorific=entry.text("honorific", optional=True),
        title=entry.text("title"),
        organisation=entry.text("organisation", optional=True),
        address=entry.texts("address"),
        country=entry.text("country"),
        salutation=entry.text("salutation"),
        role=entry.choice("role", _ROLES),
        fax=entry.text("fax", optional=True),
        phones=entry.texts("phones", optional=True),
        twitter=tuple(handles),
        postage_cad=entry.amount("postage_cad"),
    )
    entry.finish()
    return recipient


def load_content(action_path: Path, recipients_path: Path) -> Content:
    """Load both files; raise ContentError naming the first mistake found."""
    return Content(action=load_action(action_path), recipients=load_recipients(recipients_path))
