"""Friendly pages for unknown addresses, wrong methods, oversized forms and failures."""

import re
import traceback

from flask import Flask, current_app, g, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError

from campaign.config import PROJECT_DIR
from campaign.content import Action
from campaign.services import services
from campaign.web.ratelimit import retry_after_seconds


def _pages() -> dict[int, tuple[str, str]]:
    """Return each code's title and advice, in the page's language."""
    return {
        400: (_("Something was wrong with that request"), _("Go back to the form and try again.")),
        404: (
            _("Page not found"),
            _("Check the address, or choose an action from the list."),
        ),
        405: (_("That page cannot be used that way"), _("Start again from the action's page.")),
        410: (
            _("This action has closed"),
            _("Thank you for wanting to write. See the actions that are still open."),
        ),
        413: (
            _("That was too much to send"),
            _("The form accepts a few thousand characters. Shorten your answers and try again."),
        ),
        415: (
            _("That was not sent from the form"),
            _("Fill in the form on the action's page and send it from there."),
        ),
        429: (
            _("Too many letters in a short time"),
            _(
                "To keep the service open for everyone, each connection can make a limited "
                "number of letters and tweets a minute and an hour."
            ),
        ),
        500: (
            _("Sorry, something went wrong on our side"),
            _("Nothing you typed was kept. Please try again in a moment."),
        ),
        503: (
            _("The service is busy just now"),
            _("Nothing you typed was kept. Please try again in a moment."),
        ),
    }


# An action's own pages, even when routing failed (a wrong method): /actions/<slug>/...
_ACTION_PATH = re.compile(r"/actions/([a-z0-9-]+)/")


def _action_of_request() -> Action | None:
    """Return the action the request was about, if it names one that exists."""
    if "action" in g:
        return g.action
    match = _ACTION_PATH.match(request.path)
    return services().content.action(match.group(1)) if match else None


def render_error(error: HTTPException):
    """Show the site's own page for an HTTP error, with its status code."""
    code = error.code or 500
    title, advice = _pages().get(
        code, (_("Something went wrong"), _("Start again from the action's page."))
    )
    page = render_template(
        "errors/error.html",
        action=_action_of_request(),
        code=code,
        title=title,
        advice=advice,
        retry_after=retry_after_seconds() if code == 429 else None,
    )
    return page, code


def render_unexpected(error: Exception):
    """Answer an unexpected failure with the friendly 500 page, not a traceback.

    The log names the kind of failure and where it happened, not its message, which could
    quote what a supporter typed.
    """
    ours = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.startswith(str(PROJECT_DIR)) and "site-packages" not in frame.filename
    ]
    where = f" at {ours[-1].filename}:{ours[-1].lineno}" if ours else ""
    current_app.logger.error("Unexpected %s%s", type(error).__name__, where)
    return render_error(InternalServerError())


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(Exception, render_unexpected)
