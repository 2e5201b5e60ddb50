"""Headers, cookies and request limits that every response and request goes through."""

from flask import Flask, Response, abort, request
from flask.sessions import SecureCookieSessionInterface

# For what holds a supporter's words (letters, tweets, re-shown forms): no cache may keep it.
NO_STORE = {"Cache-Control": "no-store"}

# No inline script or style anywhere: every script and stylesheet is a file of the app's own.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


class SessionInterface(SecureCookieSessionInterface):
    """The signed cookie session, marked Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or (request and request.is_secure))


def set_security_headers(response: Response) -> Response:
    """Add the headers every page, file and error carries."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=63072000")
    return response


def refuse_too_many_fields() -> None:
    """Refuse a form with far more fields than the page can send (e.g. a point repeated)."""
    if request.method == "POST" and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        limit = request.max_form_parts or 0
        if sum(len(values) for values in request.form.listvalues()) > limit:
            abort(413)


def register(app: Flask) -> None:
    app.session_interface = SessionInterface()
    app.before_request(refuse_too_many_fields)
    app.after_request(set_security_headers)
