"""The site's icon at /favicon.ico, where browsers and other clients look for it unasked."""

from flask import Blueprint, current_app, send_from_directory

bp = Blueprint("favicon", __name__)

# The icon rarely changes and every client asks for it: a month spares those requests.
MAX_AGE = 30 * 24 * 3600


@bp.get("/favicon.ico")
def favicon():
    """Serve the static SVG icon the pages link to, under the name asked for."""
    return send_from_directory(
        current_app.static_folder, "favicon.svg", mimetype="image/svg+xml", max_age=MAX_AGE
    )
