"""A supporter's answers, and the one check of them that the form and the batch share.

The check is pure (no request, no CSRF): it cleans each text, applies the limits, checks the
choices against the action and, for printed letters, that the fonts can print every
character and that the texts together use few enough different characters. Its messages
are whole sentences with named placeholders, in one plain voice, in English: each is marked
with `N_` for the catalogues, and the web edge shows it in the page's language.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from campaign.compose.text import clean_text, count_lines
from campaign.content.models import Action
from campaign.content.rules import (
    FIELD_LIMITS,
    MAX_DISTINCT_CHARACTERS,
    MAX_POINTS,
    MIN_POINTS,
    RETURN_ADDRESSES,
)

TEXT_FIELDS = tuple(FIELD_LIMITS)


def N_(message: str) -> str:
    """Mark a message for the translation catalogues, leaving it as it is: this layer is pure,
    and the page that shows a mistake translates it (campaign.web.forms.mistake_message)."""
    return message


# How messages name each free-text field ("Your name must be 100 characters or fewer").
FIELD_LABELS = {
    "name": N_("Your name"),
    "about": N_("The sentence about yourself"),
    "location": N_("Where you live"),
    "address": N_("Your address"),
    "country": N_("Your country"),
    "message": N_("Your message"),
}
# How a sentence names them in its middle ("shorten your message").
FIELD_NAMES = {
    "name": N_("your name"),
    "about": N_("the sentence about yourself"),
    "location": N_("where you live"),
    "address": N_("your address"),
    "country": N_("your country"),
    "message": N_("your message"),
}

# What a preview shows in place of a required field not filled in yet, as the letter reads.
GAPS = {
    "name": N_("Your name"),
    "about": N_("A sentence about yourself."),
}

REQUIRED = {
    "name": N_("Enter your name"),
    "about": N_("Enter a sentence about yourself"),
}
TOO_LONG = N_("{label} must be {limit} characters or fewer")
TOO_MANY_LINES = N_("{label} must be {limit} lines or fewer")
UNPRINTABLE = N_(
    "{label} has characters we cannot print yet ({characters}): "
    "write it in Latin letters, or choose tweets or plain text"
)
TOO_MANY_CHARACTERS = N_(
    "Your letter uses {count} different characters, more than the {limit} we can print: "
    "shorten {label}, or choose tweets or plain text"
)
UNKNOWN_RETURN_ADDRESS = N_("Choose what to sign your letter with")
NO_GROUP_ADDRESS = N_(
    "This action has no group address to sign with: choose your own address or none"
)
UNKNOWN_POINT = N_("Choose points from the list")
POINT_COUNT = N_("Choose {min} or {max} points")
UNKNOWN_RECIPIENT = N_("Choose officials from the list")
NO_RECIPIENT = N_("Choose at least one official to write to")


@dataclass(frozen=True)
class Answers:
    """A supporter's answers: who they are, what they say, which points, to whom."""

    name: str
    about: str
    location: str = ""
    address: str = ""
    country: str = ""
    message: str = ""
    points: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    # What the letter is signed with: one of RETURN_ADDRESSES.
    return_address: str = "own"


@dataclass(frozen=True)
class Mistake:
    """Something to put right in one field, said as a sentence with named placeholders."""

    field: str
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template.format(**self.params)


@dataclass(frozen=True)
class Checked:
    """The cleaned answers (as they will be re-shown), and what is wrong with them, if anything."""

    answers: Answers
    mistakes: tuple[Mistake, ...]

    @property
    def valid(self) -> bool:
        return not self.mistakes


def _strings(value: Any) -> list[str]:
    """Return what was sent for a field as a list of texts, ignoring anything that is not text."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [item for item in value if isinstance(item, str)]
    return []


def _cleaned_texts(data: Mapping[str, Any]) -> dict[str, str]:
    """Return each free-text field as sent (its first value), cleaned for its kind of field."""
    return {
        name: clean_text(next(iter(_strings(data.get(name))), ""), multiline=limit.multiline)
        for name, limit in FIELD_LIMITS.items()
    }


def _text_mistake(name: str, text: str, missing: Callable[[str], list[str]] | None):
    limit, label = FIELD_LIMITS[name], FIELD_LABELS[name]
    if not text:
        return Mistake(name, REQUIRED[name]) if name in REQUIRED else None
    if len(text) > limit.max_chars:
        return Mistake(name, TOO_LONG, {"label": label, "limit": limit.max_chars})
    if count_lines(text) > limit.max_lines:
        return Mistake(name, TOO_MANY_LINES, {"label": label, "limit": limit.max_lines})
    characters = missing(text) if missing else []
    if characters:
        shown = " ".join(characters[:5])
        return Mistake(name, UNPRINTABLE, {"label": label, "characters": shown})
    return None


def distinct_characters(texts: Iterable[str]) -> int:
    """Return how many different characters the texts print, each counted once."""
    return len({char for text in texts for char in text if not char.isspace()})


def _distinct_characters_mistake(text: Mapping[str, str]) -> Mistake | None:
    """Return a mistake when the texts together use more different characters than we print.

    It is put on the text to shorten: the longest (the later one in the form when two are
    as long), which is never a one-line field, their limits being far below this one.
    """
    count = distinct_characters(text.values())
    if count <= MAX_DISTINCT_CHARACTERS:
        return None
    name = max(reversed(TEXT_FIELDS), key=lambda field: len(text[field]))
    params = {"count": count, "limit": MAX_DISTINCT_CHARACTERS, "label": FIELD_NAMES[name]}
    return Mistake(name, TOO_MANY_CHARACTERS, params)


def _return_address(action: Action, data: Mapping[str, Any]) -> tuple[str, Mistake | None]:
    """Return what the supporter signs with (own when nothing was sent), and any mistake."""
    choice = next(iter(_strings(data.get("return_address"))), "") or "own"
    if choice not in RETURN_ADDRESSES:
        return "own", Mistake("return_address", UNKNOWN_RETURN_ADDRESS)
    if choice == "group" and action.group_address is None:
        return "own", Mistake("return_address", NO_GROUP_ADDRESS)
    return choice, None


def _choice_mistakes(action: Action, points: list[str], recipients: list[str]) -> Iterable[Mistake]:
    point_ids = {point.id for point in action.points}
    if any(point not in point_ids for point in points):
        yield Mistake("points", UNKNOWN_POINT)
    elif not MIN_POINTS <= len(set(points)) <= MAX_POINTS:
        yield Mistake("points", POINT_COUNT, {"min": MIN_POINTS, "max": MAX_POINTS})
    recipient_ids = {recipient.id for recipient in action.recipients}
    if any(recipient not in recipient_ids for recipient in recipients):
        yield Mistake("recipients", UNKNOWN_RECIPIENT)
    elif not recipients:
        yield Mistake("recipients", NO_RECIPIENT)


def check_answers(
    data: Mapping[str, Any],
    action: Action,
    *,
    printing: bool = False,
    missing_glyphs: Callable[[str], list[str]] | None = None,
) -> Checked:
    """Clean and check what a supporter sent for this action.

    `data` maps the form's field names to what was sent (text, or lists for points and
    recipients). For printed letters (`printing`), the texts within their limits may use
    at most MAX_DISTINCT_CHARACTERS different characters together, the cost of a PDF
    growing with them; `missing_glyphs`, given for printed letters, returns the characters
    of a text that no bundled font can print. Mistakes come in the order of the fields, at
    most one per field.
    """
    text = _cleaned_texts(data)
    points = list(dict.fromkeys(_strings(data.get("points"))))
    recipients = list(dict.fromkeys(_strings(data.get("recipients"))))
    return_address, return_mistake = _return_address(action, data)
    mistakes = [
        mistake
        for name in TEXT_FIELDS
        if (mistake := _text_mistake(name, text[name], missing_glyphs)) is not None
    ]
    if printing and not mistakes and (mistake := _distinct_characters_mistake(text)) is not None:
        mistakes.append(mistake)
    if return_mistake is not None:
        mistakes.append(return_mistake)
    mistakes += _choice_mistakes(action, points, recipients)
    answers = Answers(
        **text,
        points=tuple(points),
        recipients=tuple(recipients),
        return_address=return_address,
    )
    return Checked(answers=answers, mistakes=tuple(mistakes))


def draft_answers(
    data: Mapping[str, Any], action: Action, gaps: Mapping[str, str] = GAPS
) -> Answers:
    """Return answers for a preview of an unfinished form: cut to the limits, gaps filled in.

    `gaps` holds what stands in for a required field left blank, in the letter's language
    (GAPS, translated by the page that shows the preview).
    """
    text = {}
    for name, value in _cleaned_texts(data).items():
        limit = FIELD_LIMITS[name]
        text[name] = "\n".join(value[: limit.max_chars].split("\n")[: limit.max_lines])
    sent = set(_strings(data.get("points")))
    chosen = set(_strings(data.get("recipients")))
    points = [p.id for p in action.points if p.id in sent]
    recipients = [r.id for r in action.recipients if r.id in chosen]
    return Answers(
        name=text["name"] or gaps["name"],
        about=text["about"] or gaps["about"],
        location=text["location"],
        address=text["address"],
        country=text["country"],
        message=text["message"],
        points=tuple(points[:MAX_POINTS]),
        recipients=tuple(recipients or [action.primary.id]),
        return_address=_return_address(action, data)[0],
    )
