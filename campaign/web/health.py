"""Cheap answers for load balancers: is the instance alive, and is it ready for letters."""

from flask import Blueprint, current_app

from campaign.services import services
from campaign.web.ratelimit import store_status
from campaign.web.security import NO_STORE

bp = Blueprint("health", __name__)
PLAIN = {"Content-Type": "text/plain; charset=utf-8", **NO_STORE}


@bp.get("/healthz")
def healthz():
    """Say the worker is up; content and fonts were checked when it started.

    Behind `make run`, nginx sends /healthz to gunicorn's master instead, which answers
    while every worker renders (campaign/server/liveness.py).
    """
    return "ok\n", 200, PLAIN


@bp.get("/readyz")
def readyz():
    """Say whether this instance can make letters: content, fonts, the rate-limit store.

    Not ready (503) when the content or the fonts are unusable: a balancer should send
    supporters elsewhere. A rate-limit store that cannot be reached is reported but leaves
    the instance ready, since limits are then counted locally and letters keep coming.
    """
    loaded = services()
    today = loaded.today()
    actions = loaded.content.actions
    open_count = sum(1 for action in actions if not action.is_closed(today))
    problems = loaded.renderer.font_problems
    _, store = store_status(current_app)
    lines = [
        f"content: {'ok' if actions else 'no actions'} ({len(actions)} actions, {open_count} open)",
        "fonts: ok" if not problems else f"fonts: PDFs disabled ({'; '.join(problems)})",
        store,
    ]
    ready = bool(actions) and not problems
    body = ("ready\n" if ready else "not ready\n") + "".join(f"{line}\n" for line in lines)
    return body, 200 if ready else 503, PLAIN
