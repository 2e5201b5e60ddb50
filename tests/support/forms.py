"""The shipped action's form as a supporter fills it in, and variations on it."""

from dataclasses import replace

from campaign.compose import Answers
from campaign.content.rules import FIELD_LIMITS

VALID_FORM = {
    "name": "Ann Example",
    "about": "I am a retired nurse from Halifax.",
    "location": "Halifax, Nova Scotia",
    "address": "12 Example Street\nHalifax, NS B3H 1A1",
    "message": "Please act now.",
    "points": ["investigate", "justice"],
    "recipients": ["kremlin", "embassy", "investigation-committee"],
    "format": "pdf",
    "paper": "letter",
}


def form_with(**changes) -> dict:
    """Return the valid form with some fields changed (None removes a field)."""
    data = dict(VALID_FORM)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def answers_with(**changes) -> Answers:
    """Return the valid form's answers as the check gives them back, some of them changed."""
    text = {name: VALID_FORM[name] for name in ("name", "about", "location", "address", "message")}
    answers = Answers(
        **text, points=tuple(VALID_FORM["points"]), recipients=tuple(VALID_FORM["recipients"])
    )
    return replace(answers, **changes)


# What the form says when a field is over its limit, field by field.
LENGTH_LIMITS = [
    ("name", "Your name must be 100 characters or fewer"),
    ("about", "The sentence about yourself must be 300 characters or fewer"),
    ("location", "Where you live must be 100 characters or fewer"),
    ("address", "Your address must be 300 characters or fewer"),
    ("country", "Your country must be 60 characters or fewer"),
    ("message", "Your message must be 600 characters or fewer"),
]


# The compact layout's reason to exist: answers within every limit whose letter the normal
# layout cannot fit on one page. Wide capitals in short words fill lines with few characters.
WIDE_WORD = "Mum "


def _wide(field: str) -> str:
    limit = FIELD_LIMITS[field].max_chars
    return (WIDE_WORD * limit)[:limit].strip()


def wide_answers(action) -> dict:
    """Return what a supporter could send: every field at its limit, in wide letters."""
    address_line = _wide("address")[: FIELD_LIMITS["address"].max_chars // 6 - 1].strip()
    return {
        "name": _wide("name"),
        "about": _wide("about"),
        "location": _wide("location"),
        "address": "\n".join([address_line] * FIELD_LIMITS["address"].max_lines),
        "message": _wide("message"),
        "points": [point.id for point in action.points[:3]],
        "recipients": [recipient.id for recipient in action.recipients],
    }
