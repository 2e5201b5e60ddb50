"""The organisers' page, /organisers/: each action's counts, behind a password.

No public page links here, and every answer tells caches and search engines to keep nothing.
Who may see it is decided in organiser_access.py; the chart is drawn by chart.py.
"""

from dataclasses import dataclass
from datetime import date
from io import StringIO

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from flask import Blueprint, Response, current_app, redirect, render_template, session, url_for
from flask_babel import lazy_gettext, ngettext
from flask_wtf import FlaskForm
from wtforms import PasswordField

from campaign.content import Action
from campaign.counts import CHANNELS, ActionFigures, CountsUnavailable, counts
from campaign.services import services
from campaign.web import ratelimit
from campaign.web.chart import Chart, draw_chart
from campaign.web.current import in_page_language
from campaign.web.forms import CSRF_MESSAGE
from campaign.web.locale import page_language
from campaign.web.organiser_access import (
    Access,
    access,
    password_file,
    password_matches,
    read_password_hash,
    sign_in,
    sign_out,
)

bp = Blueprint("organisers", __name__, url_prefix="/organisers")

PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
WRONG_PASSWORD = lazy_gettext(
    "That password is not right. Check it and try again, or ask the organiser who set it"
)
EXPIRED = lazy_gettext(
    "You have been signed out, as sessions end after a while and when the password changes. "
    "Sign in again"
)
# How the page names each way letters are made, in the legend, the table and the chart.
CHANNEL_NAMES = {
    "pdf": lazy_gettext("Printed letters (PDF)"),
    "tweet": lazy_gettext("Tweets"),
    "text": lazy_gettext("Letters as text"),
    "batch": lazy_gettext("Letter-writing evenings"),
}


class SignInForm(FlaskForm):
    """The shared password; a wrong one is never shown back."""

    password = PasswordField(lazy_gettext("Password"))


class SignOutForm(FlaskForm):
    """Nothing but the form's token: signing out is a POST a page elsewhere cannot send."""


@dataclass(frozen=True)
class ActionReport:
    """One action's figures as the page shows them, in the page's language."""

    slug: str
    title: str
    language: str | None  # the title's and points' language, when the action offers its own
    figures: ActionFigures
    chart: Chart
    point_sets: tuple[tuple[tuple[str, ...], int], ...]  # the points' wording, requests
    languages: tuple[tuple[str, int], ...]  # a language's name, letters


@bp.app_template_filter("short_day")
def short_day(day: date) -> str:
    """Return a day as the chart names it, without its year: "Nov 21", "21 nov."."""
    return format_skeleton("MMMd", day, locale=page_language())


@bp.app_template_filter("medium_day")
def medium_day(day: date) -> str:
    """Return a day as the table names it: "Nov 21, 2026", "21 nov. 2026"."""
    return format_skeleton("yMMMd", day, locale=page_language())


@bp.context_processor
def channel_names() -> dict:
    return {"channel_names": CHANNEL_NAMES}


@bp.after_request
def keep_private(response: Response) -> Response:
    """Let no cache keep an answer, nor any search engine list it."""
    response.headers.update(PRIVATE)
    return response


def _stored_hash() -> str | None:
    return read_password_hash(password_file(current_app))


def _access(stored_hash: str) -> Access:
    return access(
        session,
        now=services().clock(),
        stored_hash=stored_hash,
        secret_key=current_app.config["SECRET_KEY"],
        minutes=current_app.config["ORGANISERS_SESSION_MINUTES"],
    )


def render_sign_in(form: SignInForm, status: int = 200, *, problem=None, retry_after=None):
    """Show the sign-in form, with what went wrong if anything did."""
    page = render_template("organisers/sign_in.html", form=form, problem=problem)
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    return page, status, headers


@bp.get("/")
def index():
    stored_hash = _stored_hash()
    if stored_hash is None:
        return render_template("organisers/no_password.html")
    state = _access(stored_hash)
    if state is not Access.SIGNED_IN:
        return render_sign_in(SignInForm(), problem=EXPIRED if state is Access.EXPIRED else None)
    try:
        reports = action_reports()
    except CountsUnavailable:
        return render_template("organisers/index.html", reports=None, form=SignOutForm()), 503
    return render_template("organisers/index.html", reports=reports, form=SignOutForm())


@bp.post("/")
def sign_in_with_password():
    stored_hash = _stored_hash()
    if stored_hash is None:
        return render_template("organisers/no_password.html")
    form = SignInForm()
    if form.meta.csrf and not form.csrf_token.validate(form):
        return render_sign_in(form, 400, problem=CSRF_MESSAGE)
    if not password_matches(stored_hash, form.password.data or ""):
        return render_sign_in(form, 400, problem=WRONG_PASSWORD)
    session.clear()  # nothing from before the sign-in carries over
    sign_in(
        session,
        now=services().clock(),
        stored_hash=stored_hash,
        secret_key=current_app.config["SECRET_KEY"],
    )
    return redirect(url_for(".index"), 303)


@bp.post("/sign-out")
def sign_out_view():
    if SignOutForm().validate_on_submit():
        sign_out(session)
    return redirect(url_for(".index"), 303)


@bp.get("/counts.csv")
def counts_csv():
    """Send every action's figures as `flask --app campaign stats --csv` writes them."""
    stored_hash = _stored_hash()
    if stored_hash is None or _access(stored_hash) is not Access.SIGNED_IN:
        return redirect(url_for(".index"), 303)
    body = StringIO()
    try:
        counts().write_csv(body)
    except CountsUnavailable:
        return redirect(url_for(".index"), 303)
    return Response(
        body.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="counts.csv"'},
    )


@bp.errorhandler(429)
def too_many_tries(error):
    """Show the form again, saying how long to wait, when tries at the password run out."""
    wait = ratelimit.retry_after_seconds() or 60
    return render_sign_in(SignInForm(), 429, problem=_wait_before_trying(wait), retry_after=wait)


def _wait_before_trying(seconds: int) -> str:
    """Say, as a person would, how long to wait: "in 45 seconds", "in 2 minutes"."""
    if seconds < 60:
        return ngettext(
            "You have tried the password several times. Try again in %(num)s second",
            "You have tried the password several times. Try again in %(num)s seconds",
            seconds,
        )
    return ngettext(
        "You have tried the password several times. Try again in %(num)s minute",
        "You have tried the password several times. Try again in %(num)s minutes",
        max(1, (seconds + 30) // 60),
    )


def action_reports() -> list[ActionReport]:
    """Return every action's report: those loaded (open, then past), then any other counted.

    A counted action whose file has gone is shown by its slug, its points by their ids.
    """
    content, today = services().content, services().today()
    actions = [*content.open_actions(today), *content.past_actions(today)]
    counted = {figures.action: figures for figures in counts().figures()}
    reports = [_report(action, counted.pop(action.slug, None)) for action in actions]
    return reports + [_report(None, figures) for figures in counted.values()]


def _report(action: Action | None, figures: ActionFigures | None) -> ActionReport:
    if figures is None:
        figures = ActionFigures(action.slug, days=(), point_sets=(), languages=(), posted=0)
    channels = [c for c in CHANNELS if any(day.channel == c for day in figures.days)]
    shown = in_page_language(action) if action else None
    wording = {point.id: point.wording for point in shown.points} if shown else {}
    until = services().today()
    if action and action.closed:
        until = min(until, action.closed.date)
    return ActionReport(
        slug=figures.action,
        title=shown.title if shown else figures.action,
        language=shown.language if shown and shown.language != page_language() else None,
        figures=figures,
        chart=draw_chart(figures.days, channels, until=until),
        point_sets=tuple(
            (tuple(wording.get(point, point) for point in points), requests)
            for points, requests in figures.point_sets
        ),
        languages=tuple((_language_name(code), n) for code, n in figures.languages),
    )


def _language_name(code: str) -> str:
    """Return a language's name in the page's language ("French", "français")."""
    try:
        return Locale.parse(code).get_display_name(page_language()) or code
    except (ValueError, UnknownLocaleError):
        return code
