"""Talk to a running server as browsers and attackers do: sessions, forms, raw sockets."""

import http.client
import re
import socket
import urllib.parse
from dataclasses import dataclass
from http.cookiejar import CookieJar
from urllib.request import HTTPCookieProcessor, build_opener

from tests.support.shipped import ACTION_URL

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def get_data(self, as_text: bool = False):
        """Read like a Flask test response, so tests/support/reading.py can parse it."""
        return self.body.decode() if as_text else self.body


def open_session(base: str) -> tuple[str, str]:
    """Open the form like a browser: return its session cookie and CSRF token."""
    jar = CookieJar()
    with build_opener(HTTPCookieProcessor(jar)).open(f"{base}{ACTION_URL}", timeout=30) as page:
        token = _TOKEN.search(page.read().decode()).group(1)
    return "; ".join(f"{c.name}={c.value}" for c in jar), token


def form_body(form: dict, token: str) -> bytes:
    return urllib.parse.urlencode(form | {"csrf_token": token}, doseq=True).encode()


def request(
    base: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict | None = None,
    timeout: float = 30,
) -> Answer:
    """Send one request on a connection of its own and read the whole answer."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        all_headers = dict(headers or {})
        if body is not None:
            all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def raw_connection(base: str, data: bytes = b"") -> socket.socket:
    """Open a TCP connection to the server and send some bytes (perhaps not a whole request)."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    connection = socket.create_connection((host, int(port)), timeout=30)
    if data:
        connection.sendall(data)
    return connection
