"""The live preview beside the form: the letter (or tweets) as they stand while typing."""

from datetime import date

from flask import Blueprint, render_template
from markupsafe import Markup

from campaign.compose import compose_letters, compose_tweets
from campaign.services import services
from campaign.web.forms import LetterForm
from campaign.web.security import NO_STORE

bp = Blueprint("preview", __name__)


@bp.post("/preview")
def preview():
    """Return an HTML fragment; nothing is validated, kept or logged."""
    content = services().content
    form = LetterForm(content)
    draft = form.draft(content)
    letters = compose_letters(content.action, content.recipients, draft, date.today())
    page = render_template(
        "preview/panel.html",
        letter=Markup(services().documents.render_preview(letters[0])),  # noqa: S704 - autoescaped template
        letter_count=len(letters),
        tweets=compose_tweets(content.action, [x.recipient for x in letters], draft.points)
        if form.format.data == "tweet"
        else None,
    )
    return page, 200, NO_STORE
