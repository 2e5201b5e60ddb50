"""The live preview beside the form: the letter (or tweets) as they stand while typing."""

from flask import abort, render_template
from markupsafe import Markup

from campaign.compose import compose_letters, compose_tweets
from campaign.services import services
from campaign.web.action import is_closed, render_form, tweeted_officials
from campaign.web.current import action_blueprint, current_action
from campaign.web.forms import LetterForm
from campaign.web.security import NO_STORE

bp = action_blueprint("preview", __name__)


@bp.post("/preview")
def preview():
    """Return an HTML fragment; past the form's token, nothing is validated, kept or logged."""
    if is_closed():
        return render_form(None, 410)
    action = current_action()
    form = LetterForm(action, coverage=services().renderer.coverage)
    # The page's script sends the form's token: another site's page cannot post here.
    if form.meta.csrf and not form.csrf_token.validate(form):
        abort(400)
    draft = form.draft()
    # In the letter's language, as chosen (an unknown one: the default, refused on sending).
    letters = compose_letters(
        action, draft, services().today(form.sent_date()), language=form.chosen_language()
    )
    letter = services().documents.render_preview(letters[0])
    page = render_template(
        "preview/panel.html",
        letter=Markup(letter),  # noqa: S704 - made by the autoescaped documents environment
        letter_count=len(letters),
        copies=letters[0].copies if not form.leaves_out_primary() else (),
        primary=action.primary if form.leaves_out_primary() else None,
        unprintable=form.unprintable(),
        tweets=compose_tweets(
            action,
            tweeted_officials(action, form, letters),
            draft,
            language=form.tweet_language(),
        )
        if form.format.data == "tweet"
        else None,
    )
    return page, 200, NO_STORE
