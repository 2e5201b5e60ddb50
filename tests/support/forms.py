"""The shipped action's form as a supporter fills it in, and variations on it."""

from dataclasses import replace

from campaign.compose import Answers

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
