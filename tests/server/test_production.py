"""The production set-up (`make run`: nginx, then gunicorn) under slow clients and overload.

Each test starts the real server with one worker, so that a single stuck worker would be
the whole site, as the reliability test found it.
"""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from campaign.config import PROJECT_DIR
from campaign.web.shedding import LEFT_DURING_RENDER, SKIPPED
from tests.support.forms import form_with
from tests.support.http import form_body, open_session, raw_connection, request
from tests.support.live_server import server_process
from tests.support.reading import field_value, parse
from tests.support.shipped import LETTER_URL

SERVER = {
    "CAMPAIGN_SECRET_KEY": "production-test",
    "CAMPAIGN_RATELIMIT_ENABLED": "false",
    "CAMPAIGN_WORKERS": "1",
}
# Long enough for a whole test: the server gives up on slow clients after 10 to 20 s.
PATIENCE = 8.0


class Server:
    def __init__(self, base: str, log, master: int):
        self.base, self.log, self.master = base, log, master
        self.cookie, self.token = open_session(base)

    def letter(self, timeout: float = 60, **changes):
        return request(
            self.base,
            "POST",
            LETTER_URL,
            form_body(form_with(**changes), self.token),
            {"Cookie": self.cookie},
            timeout=timeout,
        )

    def raw_letter(self) -> bytes:
        body = form_body(form_with(), self.token)
        return (
            f"POST {LETTER_URL} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {self.cookie}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode() + body

    def log_lines(self, pattern: str) -> list[str]:
        return re.findall(pattern, self.log.read_text())


@pytest.fixture
def server(tmp_path, request):
    settings = SERVER | getattr(request, "param", {})
    with server_process(tmp_path / "server.log", **settings) as (base, master):
        yield Server(base, tmp_path / "server.log", master)


def _is_pdf(answer) -> bool:
    return answer.status == 200 and answer.body.startswith(b"%PDF")


def test_idle_and_slow_clients_do_not_take_the_site_down(server):
    """Half-open requests, a body that never ends, and a reader that never reads."""
    body = server.raw_letter()
    stalled = [raw_connection(server.base, b"GET /healthz HTTP/1.1\r\nHo") for _ in range(8)]
    stalled += [raw_connection(server.base, body[: len(body) - 40]) for _ in range(6)]
    stalled += [raw_connection(server.base, body) for _ in range(2)]  # never read
    try:
        time.sleep(0.5)
        health = request(server.base, "GET", "/healthz", timeout=PATIENCE)
        letter = server.letter(timeout=PATIENCE)
    finally:
        for connection in stalled:
            connection.close()
    assert health.status == 200
    assert _is_pdf(letter)


def _letters_at_once(server, count: int):
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda _: server.letter(), range(count)))


@pytest.mark.parametrize("server", [{"CAMPAIGN_QUEUE_TIMEOUT": "0.3"}], indirect=True)
def test_letters_that_cannot_start_in_time_get_a_503_with_the_form_and_answers_kept(server):
    answers = _letters_at_once(server, 24)
    shed = [a for a in answers if a.status == 503]
    assert {a.status for a in answers} <= {200, 503}
    assert all(_is_pdf(a) for a in answers if a.status == 200)
    assert shed, "no letter was refused, though 24 came at once to one worker"
    assert any(_is_pdf(a) for a in answers)
    for answer in shed:
        assert answer.headers["Retry-After"] == "1"
        assert answer.headers["Cache-Control"] == "no-store"
        page = parse(answer)
        assert "could not be started in time" in page.select_one(".error-summary").get_text()
        assert field_value(page, "name") == "Ann Example"
        assert field_value(page, "address") == form_with()["address"]


@pytest.mark.parametrize("server", [{"CAMPAIGN_QUEUE_TIMEOUT": "60"}], indirect=True)
def test_a_letter_whose_client_has_gone_is_not_rendered(server):
    busy = threading.Thread(target=_letters_at_once, args=(server, 6))
    busy.start()
    time.sleep(0.05)
    for _ in range(10):  # sent whole, then the client hangs up before its answer
        raw_connection(server.base, server.raw_letter()).close()
    busy.join()
    assert _is_pdf(server.letter())  # the queue is through
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:  # gunicorn logs a request once it has answered
        skipped = server.log_lines(SKIPPED)
        left = server.log_lines(LEFT_DURING_RENDER)  # nothing can stop a render under way
        rendered = server.log_lines(r'"POST /actions/ua-2-19/letter" 200 ')
        if len(rendered) + len(skipped) + len(left) == 6 + 10 + 1:
            break
        time.sleep(0.1)
    assert len(rendered) + len(skipped) + len(left) == 6 + 10 + 1
    assert skipped, "every letter was rendered, though most of their clients had gone"


def test_liveness_answers_while_every_worker_renders(server):
    answered = []

    def letter(_):
        server.letter()
        answered.append(time.monotonic())

    with ThreadPoolExecutor(12) as pool:
        pool.map(letter, range(12))
        time.sleep(0.1)
        health = request(server.base, "GET", "/healthz", timeout=PATIENCE)
        letters_before_health = len(answered)
    assert health.status == 200
    assert health.body == b"ok\n"
    assert letters_before_health < 12 - 3, "liveness waited behind the letters"


def test_readiness_names_content_fonts_and_the_rate_limit_store(server):
    answer = request(server.base, "GET", "/readyz")
    lines = answer.body.decode().splitlines()
    assert answer.status == 200
    assert lines[0] == "ready"
    assert lines[1].startswith("content: ok (1 actions, 1 open)")
    assert lines[2] == "fonts: ok"
    assert lines[3].startswith("rate-limit store: ")


def test_nginx_refuses_an_oversized_body_with_the_site_s_page(server):
    answer = request(server.base, "POST", LETTER_URL, b"x" * 100_000)
    assert answer.status == 413
    assert parse(answer).select_one("h1").get_text() == "That was too much to send"


def test_nginx_refuses_in_the_address_s_then_the_browser_s_language(server):
    def refused(query: str, accept: str) -> tuple[str, str]:
        path = LETTER_URL + query
        answer = request(server.base, "POST", path, b"x" * 100_000, {"Accept-Language": accept})
        assert answer.status == 413
        page = parse(answer)
        return page.html["lang"], page.select_one("h1").get_text()

    french = ("fr", "Cet envoi était trop volumineux")
    assert refused("?lang=fr", "en") == french
    assert refused("", "fr-CA,fr;q=0.9") == french
    assert refused("", "de") == ("en", "That was too much to send")


def test_nginx_serves_the_page_s_own_script_and_stylesheet(server):
    for path, kind in (("/static/site.js", "text/javascript"), ("/static/site.css", "text/css")):
        answer = request(server.base, "GET", path)
        assert (answer.status, answer.headers["Content-Type"]) == (200, kind)
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.body == (PROJECT_DIR / "campaign" / path.lstrip("/")).read_bytes()


def test_the_control_socket_is_the_instance_s_own(server):
    run_dir = server.log.read_text().split("gunicorn on ")[1].split("/app.sock")[0]
    assert f"Control socket listening at {run_dir}/gunicorn.ctl" in server.log.read_text()
