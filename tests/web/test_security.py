"""Security headers on every response, the session cookie, and no inline script or style."""

import pytest

from tests.support.forms import form_with
from tests.support.reading import parse
from tests.support.shipped import ACTION_URL, LETTER_URL

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
CSP_PARTS = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def _responses(client):
    responses = {
        "home": client.get("/"),
        "form": client.get(ACTION_URL),
        "pdf": client.post(LETTER_URL, data=form_with()),
        "tweet": client.post(LETTER_URL, data=form_with(format="tweet")),
        "text": client.post(LETTER_URL, data=form_with(format="text")),
        "mistake": client.post(LETTER_URL, data=form_with(name="")),
        "not found": client.get("/nowhere"),
        "wrong method": client.get(LETTER_URL),
        "static": client.get("/static/site.css"),
        "health": client.get("/healthz"),
    }
    for response in responses.values():
        response.get_data()
        response.close()  # a static file is streamed from disk
    return responses


def test_every_response_carries_the_security_headers(client):
    for kind, response in _responses(client).items():
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (kind, name)
        csp = response.headers["Content-Security-Policy"]
        for part in CSP_PARTS:
            assert part in csp, (kind, part)
        assert "'unsafe-inline'" not in csp
        assert "Strict-Transport-Security" not in response.headers  # plain HTTP here


def test_hsts_over_https(client):
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize("kind", ["pdf", "tweet", "text", "mistake"])
def test_answers_are_never_cached(client, kind):
    assert _responses(client)[kind].headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("kind", ["home", "form", "tweet", "mistake", "not found"])
def test_pages_have_no_inline_script_or_style(client, kind):
    page = parse(_responses(client)[kind])
    assert [s for s in page.select("script") if not s.get("src")] == []
    assert page.select("style") == []
    assert page.select("[style]") == []
    assert [a for a in page.find_all(True) if any(k.startswith("on") for k in a.attrs)] == []


@pytest.fixture
def csrf_client():
    from campaign import create_app

    app = create_app({"SECRET_KEY": "test", "RATELIMIT_ENABLED": False})
    return app, app.test_client()


def _cookie(response):
    return next(v for k, v in response.headers.items() if k == "Set-Cookie")


def test_session_cookie_flags_over_http(csrf_client):
    _, client = csrf_client
    cookie = _cookie(client.get(ACTION_URL))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_over_https(csrf_client):
    _, client = csrf_client
    assert "Secure" in _cookie(client.get(ACTION_URL, base_url="https://localhost"))


def test_session_holds_nothing_but_the_csrf_token(csrf_client):
    app, client = csrf_client
    token = parse(client.get(ACTION_URL)).select_one("input[name=csrf_token]")["value"]
    client.post(LETTER_URL, data=form_with(csrf_token=token, format="tweet"))
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    serializer = app.session_interface.get_signing_serializer(app)
    assert set(serializer.loads(cookie.value)) == {"csrf_token"}
