"""The action page and what it makes: a printable letter or tweets."""

import re
from datetime import date
from io import BytesIO

from flask import Blueprint, render_template, request, send_file

from campaign.compose import compose_letters, compose_tweets
from campaign.compose.rules import FIELD_LIMITS, MAX_POINTS, MIN_POINTS
from campaign.pdf import RenderError
from campaign.services import services
from campaign.web.forms import LetterForm

bp = Blueprint("action", __name__)

RENDER_FAILED = (
    "We could not make your letter just now. Your answers are below: send the form again, "
    "or choose a tweet instead"
)


def render_form(form: LetterForm, status: int = 200, problem: str | None = None):
    """Show the action and its form, with any mistakes summarised at the top."""
    summary = form.error_summary
    if problem:
        summary.insert(0, ("name", problem))
    page = render_template(
        "action/index.html",
        action=services().content.action,
        recipients=services().content.recipients,
        form=form,
        error_summary=summary,
        limits=FIELD_LIMITS,
        min_points=MIN_POINTS,
        max_points=MAX_POINTS,
    )
    return page, status


@bp.get("/")
def index():
    return render_form(LetterForm.preselected(services().content, request.args))


@bp.post("/letter")
def letter():
    content = services().content
    form = LetterForm(content)
    if not form.validate():
        return render_form(form, 400)
    answers = form.answers()
    chosen = [r for r in content.recipients if r.id in answers.recipients]
    if form.format.data == "tweet":
        groups = compose_tweets(content.action, chosen, answers.points)
        page = render_template(
            "action/tweets.html", action=content.action, groups=groups, chosen=chosen, form=form
        )
        return page, 200, {"Cache-Control": "no-store"}
    letters = compose_letters(content.action, content.recipients, answers, date.today())
    layouts = services().documents.layouts(
        letters, title=f"Letter — {content.action.reference}", language=content.action.language
    )
    try:
        pdf = services().renderer.render_pdf(layouts, form.paper.data, pages=len(letters))
    except RenderError:
        return render_form(form, 503, problem=RENDER_FAILED)
    response = send_file(
        BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"letters-{_slug(content.action.reference)}.pdf",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
