"""The action page and what it makes: printable letters, tweets, or the letter as text."""

import re
from datetime import date

from flask import Blueprint, Response, current_app, render_template, request

from campaign.compose import compose_letters, compose_tweets
from campaign.compose.guide import compose_guide
from campaign.compose.rules import FIELD_LIMITS, MAX_POINTS, MIN_POINTS
from campaign.documents import PAPERS, LetterPack, render_letters_text
from campaign.pdf import RenderError
from campaign.services import services
from campaign.web.forms import LetterForm
from campaign.web.security import NO_STORE

bp = Blueprint("action", __name__)
RENDER_FAILED = (
    "We could not make your letter just now. Your answers are below: send the form again, "
    "or choose tweets instead"
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
    # A re-shown form holds what the supporter typed: no cache may keep it.
    return page, status, NO_STORE if request.method == "POST" else {}


@bp.get("/")
def index():
    return render_form(LetterForm.preselected(services().content, request.args))


@bp.post("/letter")
def letter():
    form = LetterForm(services().content, coverage=services().renderer.coverage)
    if not form.validate():
        return render_form(form, 400)
    if form.format.data == "tweet":
        return _tweets(form)
    if form.format.data == "text":
        return _text(form)
    return _pdf(form)


def _letters(form: LetterForm):
    content = services().content
    return compose_letters(content.action, content.recipients, form.answers(), date.today())


def _pdf(form: LetterForm):
    content = services().content
    letters = _letters(form)
    pack = LetterPack(
        letters=letters,
        paper=PAPERS[form.paper.data],
        guide=compose_guide(content.action, [x.recipient for x in letters])
        if form.guide.data
        else None,
        envelopes=form.envelopes.data,
    )
    layouts = services().documents.layouts(
        pack, title=f"Letter — {content.action.reference}", language=content.action.language
    )
    try:
        pdf = services().renderer.render_pdf(
            layouts,
            pack.paper.id,
            pages=pack.pages,
            timeout=current_app.config["RENDER_TIMEOUT"],
        )
    except RenderError as error:
        current_app.logger.error("PDF render failed: %s", type(error.__cause__ or error).__name__)
        return render_form(form, 503, problem=RENDER_FAILED)
    # The slug is letters, digits and hyphens: a token that needs no quoting.
    filename = f"letters-{_slug(content.action.reference)}.pdf"
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f"attachment; filename={filename}", **NO_STORE},
    )


def _text(form: LetterForm):
    text = render_letters_text(_letters(form))
    return text, 200, {"Content-Type": "text/plain; charset=utf-8", **NO_STORE}


def _tweets(form: LetterForm):
    content = services().content
    letters = _letters(form)
    chosen = [letter.recipient for letter in letters]
    page = render_template(
        "action/tweets.html",
        action=content.action,
        groups=compose_tweets(content.action, chosen, form.answers().points),
        chosen=chosen,
        letter_text=render_letters_text(letters[:1]),
        letter_to=letters[0].recipient,
        form=form,
    )
    return page, 200, NO_STORE


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
