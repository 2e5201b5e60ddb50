"""What to do after the letters are made, beside the form and in the page's panel after a PDF.

The panel's fragment is asked for with the boxes ticked (officials, points) and nothing
else: a GET that holds nothing personal, so it needs no token and costs no rate limit.
"I have posted my letters" is a POST with the form's token alone, rate-limited like letters.
"""

from collections.abc import Sequence
from decimal import Decimal

from flask import abort, render_template, request
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from campaign.compose import NextSteps, compose_next_steps
from campaign.content import Action
from campaign.documents import Formatter
from campaign.kit import kit_filename
from campaign.web.action import is_closed
from campaign.web.counting import count_posted, has_posted
from campaign.web.current import action_blueprint, current_action, displayed_action
from campaign.web.locale import page_language
from campaign.web.security import NO_STORE

bp = action_blueprint("next_steps", __name__)


def next_steps_for(
    action: Action, recipient_ids: Sequence[str] | None, point_ids: Sequence[str] | None
) -> NextSteps:
    """Return the next steps for the boxes ticked; with no official ticked, for them all."""
    chosen = set(recipient_ids or ())
    recipients = [r for r in action.recipients if r.id in chosen] or list(action.recipients)
    return compose_next_steps(action, recipients, set(point_ids or ()))


def postage(amount: Decimal) -> str:
    """Return postage as the page's language writes a price: '$6.20'."""
    return Formatter(page_language()).postage(amount)


def _ticked(query: MultiDict[str, str], name: str, known: Sequence[str]) -> list[str]:
    """Return the ids asked for under one name; unknown or repeated ids are a bad request."""
    values = query.getlist(name)
    if len(set(values)) != len(values) or not set(values) <= set(known):
        abort(400)
    return values


@bp.get("/next-steps")
def fragment():
    """Return the panel shown after a download, for the officials and points ticked.

    Only `recipients`, `points` and `guide` (ticked: "y") are read: any other parameter, a
    personal field put in the address by hand included, is ignored and never reaches the page.
    """
    if is_closed():
        abort(410)
    action = current_action()
    recipients = _ticked(request.args, "recipients", [r.id for r in action.recipients])
    points = _ticked(request.args, "points", [p.id for p in action.points])
    with_guide = bool(_ticked(request.args, "guide", ["y"]))
    return render_template(
        "action/_next_steps.html",
        action=action,
        steps=next_steps_for(displayed_action(), recipients, points),
        after_download=True,
        file_name=kit_filename(action),
        with_guide=with_guide,
    )


class PostedForm(FlaskForm):
    """ "I have posted my letters": no field, only the token that shows the site sent it."""


@bp.post("/posted")
def posted():
    """Count that the supporter posted their letters, once per session, and thank them.

    Pressing again, or reloading the thank-you, counts nothing more. The page's script
    takes the thank-you from this page and puts it in place of the button.
    """
    if is_closed():
        abort(410)
    if not PostedForm().validate():
        abort(400)
    count_posted(current_action())
    page = render_template("action/posted.html", action=current_action(), shown=displayed_action())
    return page, 200, NO_STORE


# The partial beside the form composes its steps from the form's ticked boxes.
bp.add_app_template_global(next_steps_for, "next_steps_for")
bp.add_app_template_filter(postage, "postage")
# "I have posted my letters" thanks, rather than asks, once pressed.
bp.add_app_template_global(has_posted, "has_posted")
