"""A cheap answer for load balancers."""

from flask import Blueprint

from campaign.web.security import NO_STORE

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Say the worker is up; content and fonts were checked when it started."""
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8", **NO_STORE}
