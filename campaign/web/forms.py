"""The supporter's form: the fields, wrapped around the one check of a supporter's answers."""

from datetime import date
from functools import cache

from babel import Locale
from babel.support import Translations
from flask_babel import force_locale, get_locale, gettext, lazy_gettext
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
from wtforms.i18n import messages_path
from wtforms.widgets import CheckboxInput, ListWidget

from campaign.compose import Answers, check_answers, draft_answers
from campaign.compose.answers import GAPS, TEXT_FIELDS, UNPRINTABLE, Mistake
from campaign.content import Action
from campaign.documents.paper import PAPERS
from campaign.kit import KitOptions
from campaign.pdf import GlyphCoverage
from campaign.web.current import in_page_language

FORMATS = (
    SelectChoice("pdf", lazy_gettext("Printable letters (PDF)")),
    SelectChoice("tweet", lazy_gettext("Tweets")),
    SelectChoice(
        "text",
        lazy_gettext("The letter as plain text, to paste into an online form or an email"),
    ),
)
# The papers' names as the form shows them, in the page's language (PAPERS names them once,
# in English, for the printed guide).
PAPER_LABELS = {
    "letter": lazy_gettext("Letter (8.5 × 11 in), for a #10 window envelope"),
    "a4": lazy_gettext("A4 (210 × 297 mm), for a DL window envelope"),
}
PAPER_CHOICES = tuple(SelectChoice(paper.id, PAPER_LABELS[paper.id]) for paper in PAPERS.values())

# Fields that may be chosen from a link; personal fields are never read from a URL.
PRESELECTABLE = ("points", "recipients", "format", "paper", "letter_language")

CSRF_MESSAGE = lazy_gettext(
    "Your form timed out for your security. Check your answers and send it again"
)


class CheckboxesField(SelectMultipleField):
    """A group of checkboxes; an unticked group posts nothing and means none."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


@cache
def _wtforms_messages(locale: str) -> Translations:
    """Return WTForms' own messages in a language, read once (Flask-WTF reads them per form)."""
    return Translations.load(messages_path(), [locale], domain="wtforms")


class LetterForm(FlaskForm):
    """What a supporter tells us to make their letter or tweet.

    The text fields, points and officials are checked by `check_answers` (the same check the
    batch of an evening's letters uses); the form adds CSRF and how the result is delivered.
    """

    class Meta:
        def get_translations(self, form):
            return _wtforms_messages(str(get_locale()))

    name = StringField(lazy_gettext("Your name"))
    about = TextAreaField(lazy_gettext("A sentence about yourself"))
    location = StringField(lazy_gettext("Where you live (optional)"))
    return_address = RadioField(
        lazy_gettext("What to sign your letter with"), default="own", validate_choice=False
    )
    address = TextAreaField(lazy_gettext("Your postal address (optional)"))
    country = StringField(lazy_gettext("Your country"))
    message = TextAreaField(lazy_gettext("A few words of your own (optional)"))
    points = CheckboxesField(
        lazy_gettext("Choose 2 or 3 points for your letter"), validate_choice=False
    )
    recipients = CheckboxesField(lazy_gettext("Who to write to"), validate_choice=False)
    format = RadioField(
        lazy_gettext("What would you like to make?"),
        choices=FORMATS,
        default="pdf",
        invalid_choice_message=lazy_gettext("Choose printable letters, tweets or plain text"),
    )
    paper = RadioField(
        lazy_gettext("Paper size"),
        choices=PAPER_CHOICES,
        default="letter",
        invalid_choice_message=lazy_gettext("Choose Letter or A4 paper"),
    )
    # A checkbox posts nothing when unticked, so only the page's own default ticks it.
    guide = BooleanField(lazy_gettext("Add a first page: how to send your letters"), default=True)
    envelopes = BooleanField(
        lazy_gettext("Add envelope pages, for plain envelopes without a window")
    )
    # The letter's language, independent of the page's: shown when the action offers several.
    letter_language = RadioField(
        lazy_gettext("Language of your letter"),
        invalid_choice_message=lazy_gettext("Choose one of the languages offered for your letter"),
    )
    # The supporter's own date (YYYY-MM-DD), filled in by the page's script.
    client_date = HiddenField()

    def __init__(self, action: Action, coverage: GlyphCoverage | None = None, **kwargs):
        super().__init__(**kwargs)
        self._action = action
        self._coverage = coverage
        # Labelled in the page's language: the ids, all the form sends, are the same in each.
        shown = in_page_language(action)
        self.points.choices = [
            SelectChoice(p.id, p.wording[:1].upper() + p.wording[1:]) for p in shown.points
        ]
        self.recipients.choices = [
            SelectChoice(r.id, f"{r.full_name}, {r.title}") for r in shown.recipients
        ]
        self.return_address.choices = [
            SelectChoice("own", gettext("My own address")),
            *(
                [SelectChoice("group", gettext("Our local group's address"))]
                if action.group_address
                else []
            ),
            SelectChoice("none", gettext("No address, only my name")),
        ]
        self.letter_language.choices = [
            SelectChoice(code, language_name(code)) for code in action.languages
        ]
        # Unsent (one language, no choice shown) or unasked: the page's language if offered.
        if not self.letter_language.data:
            self.letter_language.data = default_letter_language(action)
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
            "letter_language": set(action.languages),
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
            getattr(self, mistake.field).errors.append(mistake_message(mistake))
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
        """Return answers for a preview of an unfinished form: within limits, gaps shown.

        The gaps are words of the letter, so they are in the letter's language.
        """
        with force_locale(self.chosen_language()):
            gaps = {name: gettext(gap) for name, gap in GAPS.items()}
        return draft_answers(self._sent(), self._action, gaps)

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
        return [mistake_message(m) for m in checked.mistakes if m.template == UNPRINTABLE]

    def answers(self) -> Answers:
        """Return the cleaned answers of a validated form."""
        return self._answers

    def kit_options(self) -> KitOptions:
        """Return how the supporter asked for the kit to be printed."""
        return KitOptions(
            paper=self.paper.data, guide=self.guide.data, envelopes=self.envelopes.data
        )

    def chosen_language(self) -> str:
        """Return the letter's language: the one chosen if the action offers it, else its default.

        A form refused for an unknown language is still previewed, in the default one.
        """
        chosen = self.letter_language.data
        return chosen if chosen in self._action.languages else default_letter_language(self._action)

    def tweet_language(self) -> str:
        """Return the tweets' language: the page's when the action offers it, else the letter's."""
        page = page_language_code()
        return page if page in self._action.languages else self.chosen_language()

    def sent_date(self) -> date | None:
        """Return the date the supporter's browser gave, if it gave a well-formed one."""
        try:
            return date.fromisoformat(self.client_date.data or "")
        except ValueError:
            return None


def page_language_code() -> str:
    """Return the language of the page being made (English outside a request)."""
    return str(get_locale() or "en")


def default_letter_language(action: Action) -> str:
    """Return the language a letter is offered in first: the page's, if the action offers it."""
    page = page_language_code()
    return page if page in action.languages else action.languages[0]


@cache
def language_name(code: str) -> str:
    """Return a language's name in itself, as a speaker looks for it: "English", "Français"."""
    return Locale.parse(code).get_display_name(code).capitalize()


def mistake_message(mistake: Mistake) -> str:
    """Return a mistake of the answers' check said in the page's language.

    The check is pure and writes in English; its templates and the field names they hold
    are in the catalogues, so here both are looked up, then the placeholders filled in.
    """
    params = {
        name: gettext(value) if name == "label" else value for name, value in mistake.params.items()
    }
    return gettext(mistake.template).format(**params)


def first_input_id(field: Field) -> str:
    """Return the id of the control a summary link should move to."""
    if isinstance(field, (CheckboxesField, RadioField)):
        return f"{field.id}-0"
    return field.id
