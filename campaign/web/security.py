"""Headers, cookies and request limits that every response and request goes through."""

import re
from urllib.parse import urlsplit, urlunsplit

import flask
from flask import Flask, Response, abort, current_app, redirect, request
from flask.globals import request_ctx
from flask.sessions import SecureCookieSessionInterface
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge, SecurityError
from werkzeug.formparser import FormDataParser
from werkzeug.routing import RequestRedirect

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

# The two ways a browser sends a form; the pages send nothing else.
URLENCODED = "application/x-www-form-urlencoded"
FORM_TYPES = (URLENCODED, "multipart/form-data")
# A browser percent-encodes every control character of a urlencoded form, so a raw one means
# the body is something else: a UTF-16 body, for one, is full of zero bytes.
CONTROL_BYTES = re.compile(rb"[\x00-\x1f\x7f]")


class SessionInterface(SecureCookieSessionInterface):
    """The signed cookie session, marked Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or (request and request.is_secure))


class StrictFormDataParser(FormDataParser):
    """Raise on a malformed form, which Werkzeug's parser would read as an empty one."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, silent=False, **kwargs)


class Request(flask.Request):
    """Flask's request, its form parsed strictly (see check_request_framing)."""

    form_data_parser_class = StrictFormDataParser


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


def bind_urls_for_untrusted_host() -> None:
    """Let the 400 page for a Host outside TRUSTED_HOSTS build its links.

    Flask refuses such a Host while binding the request's URL adapter, and so leaves none to
    build links with. Bind one to the first trusted host: the page's links are paths, and
    nothing on it comes from the Host the client sent.
    """
    if isinstance(request.routing_exception, SecurityError):
        host = current_app.config["TRUSTED_HOSTS"][0].lstrip(".")
        request_ctx.url_adapter = current_app.url_map.bind(
            host, script_name=request.root_path or "/", url_scheme=request.scheme
        )


def redirect_by_path():
    """Answer Werkzeug's routing redirects with a relative Location: path and query only.

    Werkzeug writes the host of its redirects (a double slash merged, a missing trailing slash
    added) from the Host header, which the client chooses: a forged Host would send a
    supporter, or a cache's copy of the redirect, to another site. A path leads back to the
    site the browser asked, whatever the header said, and a link that lost its trailing slash
    keeps working (refusing such addresses with 404 would not). Werkzeug's path always starts
    with a single slash, so it cannot be read as the address of another host ("//host/...").
    """
    if isinstance(request.routing_exception, RequestRedirect):
        target = urlsplit(request.routing_exception.new_url)
        location = urlunsplit(("", "", target.path, target.query, ""))
        return redirect(location, request.routing_exception.code)
    return None


def check_request_framing() -> None:
    """Refuse a POST whose body is not one whole, well-formed form, before any view reads it.

    Another type of body (none, text, JSON) is 415. A body over MAX_CONTENT_LENGTH, even one
    sent in chunks with no length given, or with more fields than the page sends, is 413. A
    body that cannot be read or parsed (broken multipart, text that is not UTF-8, a chunk
    framing error the server raises as it reads) is 400, never a 500.
    """
    if request.method != "POST" or request.routing_exception is not None:
        return  # a wrong address, method or host, or a redirect, is answered as such
    if request.mimetype not in FORM_TYPES:
        abort(415)
    try:
        form = _read_form()
    except HTTPException:
        raise
    except Exception as error:  # whatever the server raises while reading its input
        raise BadRequest() from error
    # The page sends about 20 fields; far more is a script repeating one.
    if sum(len(values) for values in form.listvalues()) > (request.max_form_parts or 0):
        abort(413)


def _read_form() -> MultiDict[str, str]:
    """Read the whole body, then the form from it; raise what is wrong with either."""
    body = request.get_data(cache=True)  # request.form is then parsed from this copy
    # Sent in chunks, with no length given, a body is read up to MAX_CONTENT_LENGTH and what
    # was read passed on as if it were all of it: one byte more from the server tells.
    if (
        request.content_length is None
        and len(body) == request.max_content_length
        and request.input_stream.read(1)
    ):
        raise RequestEntityTooLarge()
    if request.mimetype == URLENCODED and CONTROL_BYTES.search(body):
        raise BadRequest()
    return request.form


def register(app: Flask) -> None:
    app.request_class = Request
    app.session_interface = SessionInterface()
    app.before_request(bind_urls_for_untrusted_host)
    app.before_request(redirect_by_path)
    app.before_request(check_request_framing)
    app.after_request(set_security_headers)
