"""Request framing: only a whole, well-formed form reaches a view. Anything else gets the site's
own page (400, 413 or 415, never a 500), and nothing is built from a Host the site does not
trust."""

import http.client
import io
import re
import socket
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from urllib.parse import urlencode

import pytest
from gunicorn.http.errors import ChunkMissingTerminator, InvalidChunkSize

from tests.support.apps import make_app
from tests.support.forms import form_with
from tests.support.live_server import gunicorn_alone
from tests.support.reading import parse
from tests.support.shipped import ACTION_URL, LETTER_URL, PREVIEW_URL

BAD_REQUEST = "Something was wrong with that request"
TOO_MUCH = "That was too much to send"
NOT_A_FORM = "That was not sent from the form"

LIMIT = 64 * 1024  # MAX_CONTENT_LENGTH
URLENCODED = "application/x-www-form-urlencoded"
FORM = urlencode(form_with(), doseq=True)
GREETING = "Dear President Putin,"


def assert_error_page(response, status: int, heading: str) -> None:
    """Check the answer is the site's own error page, with its status."""
    assert response.status_code == status
    page = parse(response)
    assert page.select_one("main h1").get_text(strip=True) == heading
    assert page.select_one("header.site-header") is not None


def padded_form(size: int, token: str | None = None) -> bytes:
    """Return the valid form, urlencoded, padded to `size` bytes by a field of its own at the end.

    The form's own fields come first, so a body cut short anywhere in the padding still reads
    as a whole, valid form.
    """
    head = f"{urlencode(form_with(csrf_token=token), doseq=True)}&padding="
    return (head + "x" * (size - len(head))).encode()


def post_chunked(client, url: str, body: bytes, stream: io.RawIOBase | None = None):
    """POST a chunked body as gunicorn hands one on: no length, and a stream the server ends."""
    environ = {"wsgi.input_terminated": True}
    if stream is not None:
        environ["wsgi.input"] = stream
    return client.post(
        url,
        data=body,
        content_type=URLENCODED,
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides=environ,
    )


# ---------------------------------------------------------------------------------------------
# Bodies that are not a form at all: 415.

NOT_FORMS = [
    ("nothing", {}),
    ("text", {"data": FORM, "content_type": "text/plain"}),
    ("JSON", {"json": form_with()}),
    ("JSON with 3,000 fields", {"json": form_with(points=["investigate"] * 3000)}),
    ("XML", {"data": "<name>Ann</name>", "content_type": "application/xml"}),
    ("a misspelt form type", {"data": FORM, "content_type": "application/x-url-encoded"}),
]


@pytest.mark.parametrize("url", [LETTER_URL, PREVIEW_URL])
@pytest.mark.parametrize(("kind", "request_args"), NOT_FORMS, ids=[k for k, _ in NOT_FORMS])
def test_a_body_that_is_not_a_form_gets_415(client, url, kind, request_args):
    response = client.post(url, **request_args)
    assert_error_page(response, 415, NOT_A_FORM)
    advice = parse(response).select_one("main h1 + p").get_text(strip=True)
    assert advice == "Fill in the form on the action's page and send it from there."


@pytest.mark.parametrize(
    ("url", "status"),
    [("/no-such-page", 404), ("/readyz", 405)],  # a page read, never posted
    ids=["address", "method"],
)
def test_a_wrong_address_or_method_is_answered_before_the_body(client, url, status):
    response = client.post(url, data="name=Ann", content_type="text/plain")
    assert response.status_code == status


# ---------------------------------------------------------------------------------------------
# Forms that cannot be read: 400.

MULTIPART = "multipart/form-data; boundary=x"
NAME_PART = b'--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nAnn'
MALFORMED = [
    ("UTF-16", URLENCODED, FORM.encode("utf-16")),
    ("UTF-16 without a byte-order mark", URLENCODED, FORM.encode("utf-16-le")),
    ("Latin-1, not UTF-8", URLENCODED, f"{FORM}&message=Zoë".encode("latin-1")),
    ("a raw control character", URLENCODED, f"{FORM}&message=a\x00b".encode()),
    ("multipart without a boundary", "multipart/form-data", FORM.encode()),
    ("multipart cut short", MULTIPART, NAME_PART),
    ("multipart under another boundary", MULTIPART, NAME_PART.replace(b"--x", b"--y")),
    ("multipart part without a name", MULTIPART, b"--x\r\n\r\nAnn\r\n--x--\r\n"),
    ("multipart with nothing in it", MULTIPART, b""),
]


@pytest.mark.parametrize("url", [LETTER_URL, PREVIEW_URL])
@pytest.mark.parametrize(
    ("kind", "content_type", "body"), MALFORMED, ids=[k for k, *_ in MALFORMED]
)
def test_a_malformed_form_gets_400(client, url, kind, content_type, body):
    # As raw bytes: the test client would make an empty multipart body a form of its own.
    response = client.post(url, input_stream=io.BytesIO(body), content_type=content_type)
    assert_error_page(response, 400, BAD_REQUEST)


def test_a_well_formed_multipart_form_is_read(client):
    """The page's script posts the form as multipart: the check above must not refuse it."""
    response = client.post(PREVIEW_URL, data=form_with(), content_type="multipart/form-data")
    assert response.status_code == 200
    assert GREETING in parse(response).get_text()


class BrokenChunks(io.RawIOBase):
    """A server's input stream that fails as gunicorn's does on a badly framed chunked body."""

    def __init__(self, error: Exception):
        self.error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        raise self.error


@pytest.mark.parametrize("url", [LETTER_URL, PREVIEW_URL])
@pytest.mark.parametrize(
    "error",
    [InvalidChunkSize(b"zz"), ChunkMissingTerminator(b"xx"), RuntimeError("any other")],
    ids=["bad chunk size", "chunk without its line end", "any other error"],
)
def test_a_failure_to_read_the_body_gets_400_not_500(url, error):
    client = make_app(PROPAGATE_EXCEPTIONS=False).test_client()
    response = post_chunked(client, url, FORM.encode(), stream=BrokenChunks(error))
    assert_error_page(response, 400, BAD_REQUEST)


# ---------------------------------------------------------------------------------------------
# Bodies sent in chunks, with no length given: read whole up to the limit, refused past it.


@pytest.mark.parametrize(
    ("size", "status"),
    [(LIMIT - 1, 200), (LIMIT, 200), (LIMIT + 1, 413), (70 * 1024, 413)],
)
def test_a_chunked_body_is_read_whole_or_refused(client, size, status):
    response = post_chunked(client, PREVIEW_URL, padded_form(size))
    if status == 200:
        assert response.status_code == 200
        assert GREETING in parse(response).get_text()
    else:
        assert_error_page(response, status, TOO_MUCH)


def test_an_oversized_chunked_letter_is_refused_not_printed(client):
    response = post_chunked(client, LETTER_URL, padded_form(70 * 1024))
    assert_error_page(response, 413, TOO_MUCH)


# ---------------------------------------------------------------------------------------------
# Hosts: CAMPAIGN_TRUSTED_HOSTS, and redirects that name no host at all.

TRUSTED = "letters.example.org, .example.org"


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("letters.example.org", 200),
        ("letters.example.org:8443", 200),
        ("www.example.org", 200),  # ".example.org" takes in every subdomain...
        ("example.org", 200),  # ...and the domain itself
        ("evil.example", 400),
        ("letters.example.org.evil.example", 400),
        ("example.org.evil.example", 400),
    ],
)
def test_only_trusted_hosts_are_served(host, status):
    client = make_app(TRUSTED_HOSTS=TRUSTED).test_client()
    response = client.get(ACTION_URL, headers={"Host": host})
    if status == 200:
        assert response.status_code == 200
        return
    assert_error_page(response, 400, BAD_REQUEST)
    page = parse(response)
    # The page's links and files are paths: nothing on it comes from the Host sent.
    addresses = [a["href"] for a in page.select("[href]")] + [
        s["src"] for s in page.select("[src]")
    ]
    assert addresses
    assert all(a.startswith(("/", "#")) and not a.startswith("//") for a in addresses)
    assert "evil" not in response.get_data(as_text=True)


def test_an_untrusted_host_gets_no_redirect():
    client = make_app(TRUSTED_HOSTS=TRUSTED).test_client()
    response = client.get(ACTION_URL.rstrip("/"), headers={"Host": "evil.example"})
    assert_error_page(response, 400, BAD_REQUEST)
    assert "Location" not in response.headers


@pytest.mark.parametrize(
    ("value", "hosts"),
    [
        ("letters.example.org", ["letters.example.org"]),
        (TRUSTED, ["letters.example.org", ".example.org"]),
        ("letters.example.org,,", ["letters.example.org"]),
        ("", None),
    ],
)
def test_trusted_hosts_are_read_from_the_environment(monkeypatch, value, hosts):
    monkeypatch.setenv("CAMPAIGN_TRUSTED_HOSTS", value)
    assert make_app().config["TRUSTED_HOSTS"] == hosts


def test_without_trusted_hosts_any_host_is_served(monkeypatch):
    monkeypatch.delenv("CAMPAIGN_TRUSTED_HOSTS", raising=False)
    app = make_app()
    assert app.config["TRUSTED_HOSTS"] is None
    assert (
        app.test_client().get(ACTION_URL, headers={"Host": "anything.example"}).status_code == 200
    )


@pytest.mark.parametrize(
    ("method", "path", "location"),
    [
        ("get", "/static//site.css", "/static/site.css"),
        ("get", "/actions//ua-2-19/", "/actions/ua-2-19/"),
        ("get", "/actions/ua-2-19", "/actions/ua-2-19/"),
        (
            "get",
            "/actions/ua-2-19?points=justice&format=tweet",
            ACTION_URL + "?points=justice&format=tweet",
        ),
        ("post", "/actions//ua-2-19/preview", PREVIEW_URL),
    ],
)
def test_redirects_name_a_path_never_the_host_sent(client, method, path, location):
    response = getattr(client, method)(path, headers={"Host": "evil.example"})
    assert response.status_code == 308
    assert response.headers["Location"] == location


# ---------------------------------------------------------------------------------------------
# The same against gunicorn itself, with raw bytes: its own chunked reader, its own errors.
# gunicorn alone, not `make run`: a proxy in front would refuse some of these itself, and the
# app must be right on its own.


@pytest.fixture(scope="module")
def gunicorn_url(tmp_path_factory):
    """Run gunicorn alone with the project's settings; yield its base URL."""
    log_path = tmp_path_factory.mktemp("gunicorn") / "server.log"
    with gunicorn_alone(log_path, CAMPAIGN_RATELIMIT_ENABLED="false") as base:
        yield base


@dataclass(frozen=True)
class RawAnswer:
    status_code: int
    body: bytes

    def get_data(self, as_text: bool = False):
        """Read like a Flask test response, so tests/support/reading.py can parse it."""
        return self.body.decode() if as_text else self.body


def open_form(base: str) -> tuple[str, str]:
    """Open the action's page as a browser does: return its session cookie and CSRF token."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + ACTION_URL, timeout=30) as page:
        html = page.read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    return "; ".join(f"{c.name}={c.value}" for c in jar), token


def chunks(body: bytes, size: int = 8192) -> bytes:
    """Frame a body as HTTP/1.1 chunks, ended by the last, empty one."""
    pieces = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


def post_raw_chunks(base: str, path: str, framed: bytes, cookie: str) -> RawAnswer:
    """Send a chunked POST as raw bytes on a connection of its own; read the whole answer."""
    address = base.removeprefix("http://")
    host, port = address.split(":")
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n"
        f"Content-Type: {URLENCODED}\r\nTransfer-Encoding: chunked\r\nCookie: {cookie}\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(head.encode() + framed)
        response = http.client.HTTPResponse(connection)
        response.begin()
        return RawAnswer(response.status, response.read())


# Each frames the form (with the page's token) in its own way.
GUNICORN_CASES = [
    ("a chunk size that is not a number", lambda form: b"zz\r\n" + form + b"\r\n0\r\n\r\n", 400),
    ("a chunk longer than its size says", lambda form: b"3\r\n" + form + b"\r\n0\r\n\r\n", 400),
    ("a form of 70 KB", lambda form: chunks(form + b"&padding=" + b"x" * 70 * 1024), 413),
    ("a form of 60 KB", lambda form: chunks(form + b"&padding=" + b"x" * 60 * 1024), 200),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "frame", "status"), GUNICORN_CASES, ids=[k for k, *_ in GUNICORN_CASES]
)
def test_gunicorn_chunked_bodies_are_read_whole_or_refused(gunicorn_url, kind, frame, status):
    cookie, token = open_form(gunicorn_url)
    form = urlencode(form_with(csrf_token=token), doseq=True).encode()
    response = post_raw_chunks(gunicorn_url, PREVIEW_URL, frame(form), cookie)
    if status == 200:
        assert response.status_code == 200
        assert GREETING in parse(response).get_text()
    else:
        assert_error_page(response, status, BAD_REQUEST if status == 400 else TOO_MUCH)
