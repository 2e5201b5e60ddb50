"""The home page: every open action, newest first, then the past ones."""

from flask import Blueprint, redirect, render_template, request, url_for

from campaign.services import services
from campaign.web.forms import PRESELECTABLE

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """List the actions; send links made before there were several to the newest action."""
    content, today = services().content, services().today()
    open_actions = content.open_actions(today)
    if open_actions and any(name in request.args for name in PRESELECTABLE):
        # Campaign emails link to /?points=…: keep the same choices on the newest action.
        query = request.args.to_dict(flat=False)
        return redirect(url_for("action.index", slug=open_actions[0].slug, **query), 302)
    return render_template(
        "home/index.html", open_actions=open_actions, past_actions=content.past_actions(today)
    )
