"""The supporter's form: fields, limits and messages in one plain voice."""

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    Field,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from campaign.compose.answers import Answers
from campaign.compose.rules import FIELD_LIMITS, MAX_POINTS, MIN_POINTS
from campaign.compose.text import clean_text, count_lines
from campaign.content.models import Content
from campaign.documents.paper import PAPERS
from campaign.pdf import GlyphCoverage

FORMATS = (
    SelectChoice("pdf", "Printable letters (PDF)"),
    SelectChoice("tweet", "Tweets"),
    SelectChoice("text", "The letter as plain text, to paste into an online form or an email"),
)
PAPER_CHOICES = tuple(SelectChoice(paper.id, paper.label) for paper in PAPERS.values())

# Fields that may be chosen from a link; personal fields are never read from a URL.
PRESELECTABLE = ("points", "recipients", "format", "paper")

# How messages name each free-text field ("Your name must be 100 characters or fewer").
FIELD_LABELS = {
    "name": "Your name",
    "about": "The sentence about yourself",
    "location": "Where you live",
    "address": "Your address",
    "message": "Your message",
}

CSRF_MESSAGE = "Your form timed out for your security. Check your answers and send it again"


class CheckboxesField(SelectMultipleField):
    """A group of checkboxes; an unticked group posts nothing and means none."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LimitedText:
    """Require (or allow) text within a field's limit, with a message naming the field."""

    def __init__(self, *, required_message: str | None = None):
        self.required_message = required_message

    def __call__(self, form: FlaskForm, field: Field) -> None:
        limit = FIELD_LIMITS[field.name]
        if not field.data:
            if self.required_message:
                raise ValidationError(self.required_message)
            return
        label = FIELD_LABELS[field.name]
        if len(field.data) > limit.max_chars:
            raise ValidationError(f"{label} must be {limit.max_chars} characters or fewer")
        if count_lines(field.data) > limit.max_lines:
            raise ValidationError(f"{label} must be {limit.max_lines} lines or fewer")


def _cleaner(name: str):
    multiline = FIELD_LIMITS[name].multiline
    return lambda value: clean_text(value, multiline=multiline)


class LetterForm(FlaskForm):
    """What a supporter tells us to make their letter or tweet."""

    name = StringField(
        "Your name",
        filters=[_cleaner("name")],
        validators=[LimitedText(required_message="Enter your name")],
    )
    about = TextAreaField(
        "A sentence about yourself",
        filters=[_cleaner("about")],
        validators=[LimitedText(required_message="Enter a sentence about yourself")],
    )
    location = StringField(
        "Where you live (optional)",
        filters=[_cleaner("location")],
        validators=[LimitedText()],
    )
    address = TextAreaField(
        "Your postal address (optional)",
        filters=[_cleaner("address")],
        validators=[LimitedText()],
    )
    message = TextAreaField(
        "A few words of your own (optional)",
        filters=[_cleaner("message")],
        validators=[LimitedText()],
    )
    points = CheckboxesField(
        "Choose 2 or 3 points for your letter",
        invalid_choice_message="Choose points from the list",
    )
    recipients = CheckboxesField(
        "Who to write to",
        invalid_choice_message="Choose officials from the list",
    )
    format = RadioField(
        "What would you like to make?",
        choices=FORMATS,
        default="pdf",
        invalid_choice_message="Choose printable letters, tweets or plain text",
    )
    paper = RadioField(
        "Paper size",
        choices=PAPER_CHOICES,
        default="letter",
        invalid_choice_message="Choose Letter or A4 paper",
    )
    # A checkbox posts nothing when unticked, so only the page's own default ticks it.
    guide = BooleanField("Add a first page: how to send your letters", default=True)
    envelopes = BooleanField("Add envelope pages, for plain envelopes without a window")

    def __init__(self, content: Content, coverage: GlyphCoverage | None = None, **kwargs):
        super().__init__(**kwargs)
        self._coverage = coverage
        self.points.choices = [
            SelectChoice(p.id, p.wording[:1].upper() + p.wording[1:]) for p in content.action.points
        ]
        self.recipients.choices = [
            SelectChoice(r.id, f"{r.full_name}, {r.title}") for r in content.recipients
        ]
        if not self.is_submitted() and self.recipients.data is None:
            self.recipients.data = [r.id for r in content.recipients]

    @classmethod
    def preselected(cls, content: Content, query: MultiDict[str, str]) -> "LetterForm":
        """Return an unsubmitted form with the boxes a link asks for ticked, and only those."""
        known = {
            "points": {p.id for p in content.action.points},
            "recipients": {r.id for r in content.recipients},
            "format": {c.value for c in FORMATS},
            "paper": set(PAPERS),
        }
        data: dict[str, object] = {}
        for name in PRESELECTABLE:
            values = [v for v in query.getlist(name) if v in known[name]]
            if values:
                data[name] = values if name in ("points", "recipients") else values[0]
        return cls(content, data=data)

    def validate_points(self, field: Field) -> None:
        if not field.errors and not MIN_POINTS <= len(set(field.data)) <= MAX_POINTS:
            raise ValidationError(f"Choose {MIN_POINTS} or {MAX_POINTS} points")

    def validate_recipients(self, field: Field) -> None:
        if not field.errors and not field.data:
            raise ValidationError("Choose at least one official to write to")

    def validate(self, extra_validators=None) -> bool:
        """Check every field; for printed letters, also that every character can be printed."""
        valid = super().validate(extra_validators)
        if self._coverage is None or self.format.data != "pdf":
            return valid
        for field in (getattr(self, name) for name in FIELD_LIMITS):
            missing = self._coverage.missing(field.data or "")
            if missing and not field.errors:
                shown = " ".join(missing[:5])
                field.errors.append(
                    f"{FIELD_LABELS[field.name]} has characters we cannot print yet ({shown}): "
                    "remove them, or choose tweets or plain text"
                )
                valid = False
        return valid

    @property
    def error_summary(self) -> list[tuple[str, str]]:
        """Return (anchor id, message) for each mistake, in the order of the fields."""
        summary = []
        for field in self:
            for message in field.errors:
                if field.name == "csrf_token":
                    summary.insert(0, ("name", CSRF_MESSAGE))
                else:
                    summary.append((first_input_id(field), message))
        return summary

    def draft(self, content: Content) -> Answers:
        """Return answers for a preview of an unfinished form: within limits, gaps shown."""
        text = {}
        for name, limit in FIELD_LIMITS.items():
            value = (getattr(self, name).data or "")[: limit.max_chars]
            text[name] = "\n".join(value.split("\n")[: limit.max_lines])
        points = [p.id for p in content.action.points if p.id in (self.points.data or [])]
        chosen = [r.id for r in content.recipients if r.id in (self.recipients.data or [])]
        primary = next(r.id for r in content.recipients if r.role == "primary")
        return Answers(
            name=text["name"] or "Your name",
            about=text["about"] or "A sentence about yourself.",
            location=text["location"],
            address=text["address"],
            message=text["message"],
            points=tuple(points[:MAX_POINTS]),
            recipients=tuple(chosen or [primary]),
        )

    def answers(self) -> Answers:
        """Return the cleaned answers of a valid form."""
        return Answers(
            name=self.name.data,
            about=self.about.data,
            location=self.location.data,
            address=self.address.data,
            message=self.message.data,
            points=tuple(dict.fromkeys(self.points.data)),
            recipients=tuple(dict.fromkeys(self.recipients.data)),
        )


def first_input_id(field: Field) -> str:
    """Return the id of the control a summary link should move to."""
    if isinstance(field, (CheckboxesField, RadioField)):
        return f"{field.id}-0"
    return field.id
