"""The supporter's form: the fields, wrapped around the one check of a supporter's answers."""

from datetime import date

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from campaign.compose import Answers, check_answers, draft_answers
from campaign.compose.answers import TEXT_FIELDS, UNPRINTABLE
from campaign.content import Action
from campaign.documents.paper import PAPERS
from campaign.kit import KitOptions
from campaign.pdf import GlyphCoverage

FORMATS = (
    SelectChoice("pdf", "Printable letters (PDF)"),
    SelectChoice("tweet", "Tweets"),
    SelectChoice("text", "The letter as plain text, to paste into an online form or an email"),
)
PAPER_CHOICES = tuple(SelectChoice(paper.id, paper.label) for paper in PAPERS.values())

# Fields that may be chosen from a link; personal fields are never read from a URL.
PRESELECTABLE = ("points", "recipients", "format", "paper")

CSRF_MESSAGE = "Your form timed out for your security. Check your answers and send it again"


class CheckboxesField(SelectMultipleField):
    """A group of checkboxes; an unticked group posts nothing and means none."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LetterForm(FlaskForm):
    """What a supporter tells us to make their letter or tweet.

    The text fields, points and officials are checked by `check_answers` (the same check the
    batch of an evening's letters uses); the form adds CSRF and how the result is delivered.
    """

    name = StringField("Your name")
    about = TextAreaField("A sentence about yourself")
    location = StringField("Where you live (optional)")
    return_address = RadioField(
        "What to sign your letter with", default="own", validate_choice=False
    )
    address = TextAreaField("Your postal address (optional)")
    country = StringField("Your country")
    message = TextAreaField("A few words of your own (optional)")
    points = CheckboxesField("Choose 2 or 3 points for your letter", validate_choice=False)
    recipients = CheckboxesField("Who to write to", validate_choice=False)
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
    # The supporter's own date (YYYY-MM-DD), filled in by the page's script.
    client_date = HiddenField()

    def __init__(self, action: Action, coverage: GlyphCoverage | None = None, **kwargs):
        super().__init__(**kwargs)
        self._action = action
        self._coverage = coverage
        self.points.choices = [
            SelectChoice(p.id, p.wording[:1].upper() + p.wording[1:]) for p in action.points
        ]
        self.recipients.choices = [
            SelectChoice(r.id, f"{r.full_name}, {r.title}") for r in action.recipients
        ]
        self.return_address.choices = [
            SelectChoice("own", "My own address"),
            *([SelectChoice("group", "Our local group's address")] if action.group_address else []),
            SelectChoice("none", "No address, only my name"),
        ]
        if not self.is_submitted():
            if self.recipients.data is None:
                self.recipients.data = [r.id for r in action.recipients]
            if not self.country.data:
                self.country.data = action.country or ""

    @classmethod
    def preselected(cls, action: Action, query: MultiDict[str, str]) -> "LetterForm":
        """Return an unsubmitted form with the boxes a link asks for ticked, and only those."""
        known = {
            "points": {p.id for p in action.points},
            "recipients": {r.id for r in action.recipients},
            "format": {c.value for c in FORMATS},
            "paper": set(PAPERS),
        }
        data: dict[str, object] = {}
        for name in PRESELECTABLE:
            values = [v for v in query.getlist(name) if v in known[name]]
            if values:
                data[name] = values if name in ("points", "recipients") else values[0]
        return cls(action, data=data)

    def _sent(self) -> dict[str, object]:
        names = (*TEXT_FIELDS, "points", "recipients", "return_address")
        return {name: getattr(self, name).data for name in names}

    def validate(self, extra_validators=None) -> bool:
        """Check CSRF and the delivery choices, then the answers themselves.

        Text is shown again as it was cleaned; for printed letters, every character must be
        printable with the bundled fonts, and the texts must use few enough different ones.
        """
        valid = super().validate(extra_validators)
        printing = self.format.data == "pdf"
        coverage = self._coverage if printing else None
        checked = check_answers(
            self._sent(),
            self._action,
            printing=printing,
            missing_glyphs=coverage.missing if coverage is not None else None,
        )
        for name in TEXT_FIELDS:
            getattr(self, name).data = getattr(checked.answers, name)
        self.return_address.data = checked.answers.return_address
        for mistake in checked.mistakes:
            getattr(self, mistake.field).errors.append(str(mistake))
        self._answers = checked.answers
        return valid and checked.valid

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

    def draft(self) -> Answers:
        """Return answers for a preview of an unfinished form: within limits, gaps shown."""
        return draft_answers(self._sent(), self._action)

    def leaves_out_primary(self) -> bool:
        """Say whether officials are ticked, but not the one the action's letter is addressed to."""
        return self._action.leaves_out_primary(self.recipients.data or ())

    def unprintable(self) -> list[str]:
        """Return, for a printed letter, what the fonts cannot print yet, said as the form will."""
        if self.format.data != "pdf" or self._coverage is None:
            return []
        checked = check_answers(
            self._sent(), self._action, printing=True, missing_glyphs=self._coverage.missing
        )
        return [str(m) for m in checked.mistakes if m.template == UNPRINTABLE]

    def answers(self) -> Answers:
        """Return the cleaned answers of a validated form."""
        return self._answers

    def kit_options(self) -> KitOptions:
        """Return how the supporter asked for the kit to be printed."""
        return KitOptions(
            paper=self.paper.data, guide=self.guide.data, envelopes=self.envelopes.data
        )

    def sent_date(self) -> date | None:
        """Return the date the supporter's browser gave, if it gave a well-formed one."""
        try:
            return date.fromisoformat(self.client_date.data or "")
        except ValueError:
            return None


def first_input_id(field: Field) -> str:
    """Return the id of the control a summary link should move to."""
    if isinstance(field, (CheckboxesField, RadioField)):
        return f"{field.id}-0"
    return field.id
