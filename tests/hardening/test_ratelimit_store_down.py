"""A rate-limit store that refuses, hangs or is locked slows a letter briefly and stops none.

The worker counts in its own memory, says so in the log once a minute and to a readiness
check, and asks the store again every few seconds (tests/web/test_ratelimit.py: Redis back).
"""

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from campaign.web import ratelimit_storage
from campaign.web.ratelimit import RenderInFlight, one_render_per_client, store_status
from tests.support.apps import counting_app
from tests.support.forms import form_with
from tests.support.shipped import LETTER_URL

# Far above the store's timeout (a quarter of a second), far below a hung request (30 s).
QUICK = 5.0
# A hung server drops its connections after this long: a client without a timeout of its own
# then waits this long, instead of forever.
HANG_SECONDS = 8.0


@contextmanager
def _refusing_port() -> Iterator[str]:
    """Yield a Redis URI on a port that is reserved but not listening: connections refused."""
    with socket.socket() as reserved:
        reserved.bind(("127.0.0.1", 0))
        yield f"redis://127.0.0.1:{reserved.getsockname()[1]}"


class _HungServer:
    """Accepts connections and never answers, as a Redis stuck on a long command or a full
    disk does; counts the connections made to it."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.connections: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        self.listener.settimeout(0.05)
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections.append(connection)
            closer = threading.Timer(HANG_SECONDS, connection.close)
            closer.daemon = True
            closer.start()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()
        self.listener.close()
        for connection in self.connections:
            connection.close()


@contextmanager
def _hung_server() -> Iterator[tuple[str, _HungServer]]:
    server = _HungServer()
    try:
        yield f"redis://127.0.0.1:{server.listener.getsockname()[1]}", server
    finally:
        server.close()


@pytest.fixture(params=["refused", "hung"])
def store_down(request) -> Iterator[tuple[str, str]]:
    """Yield the URI of a Redis that is down, and the kind of error a client gets from it."""
    if request.param == "refused":
        with _refusing_port() as uri:
            yield uri, "ConnectionError"
    else:
        with _hung_server() as (uri, _):
            yield uri, "TimeoutError"


def _timed_post(client, fmt="pdf"):
    start = time.monotonic()
    response = client.post(LETTER_URL, data=form_with(format=fmt))
    return response, time.monotonic() - start


def _store_messages(caplog) -> list[str]:
    records = [r for r in caplog.records if r.name == ratelimit_storage.__name__]
    assert all(r.exc_info is None for r in records)  # one line each, no traceback
    return [r.getMessage() for r in records]


def test_letters_keep_coming_while_the_store_is_down(store_down, caplog):
    uri, error = store_down
    client = counting_app(uri).test_client()
    for _ in range(3):
        response, elapsed = _timed_post(client)
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        assert response.data.startswith(b"%PDF-")
        assert elapsed < QUICK
    # Still limited, in the worker's own counts.
    response, elapsed = _timed_post(client, "tweet")
    assert (response.status_code, elapsed < QUICK) == (429, True)
    message = f"rate-limit store: unreachable, counting locally ({error})"
    assert _store_messages(caplog) == [message]
    assert "127.0.0.1" not in caplog.text


def test_readiness_says_the_store_is_unreachable(store_down):
    uri, error = store_down
    app = counting_app(uri)
    start = time.monotonic()
    status = store_status(app)
    assert time.monotonic() - start < QUICK
    assert status == (False, f"rate-limit store: unreachable, counting locally ({error})")


def test_a_hung_store_is_asked_again_only_every_few_seconds(monkeypatch):
    later = [0.0]
    monkeypatch.setattr(ratelimit_storage, "monotonic", lambda: time.monotonic() + later[0])
    with _hung_server() as (uri, server):
        client = counting_app(uri, LETTER_RATE_LIMIT="100 per minute").test_client()
        first, waited = _timed_post(client, "tweet")
        asked = len(server.connections)
        assert (first.status_code, asked) == (200, 1)
        assert waited >= 0.2  # it did wait for the store, once
        for _ in range(5):
            response, elapsed = _timed_post(client, "tweet")
            assert (response.status_code, elapsed < 0.2) == (200, True)
        assert len(server.connections) == asked
        later[0] += ratelimit_storage.RECHECK_SECONDS
        assert _timed_post(client, "tweet")[0].status_code == 200
        assert len(server.connections) == asked + 1


def test_a_store_down_for_long_is_logged_once_a_minute(monkeypatch, caplog):
    later = [0.0]
    monkeypatch.setattr(ratelimit_storage, "monotonic", lambda: time.monotonic() + later[0])
    with _refusing_port() as uri:
        client = counting_app(uri, LETTER_RATE_LIMIT="100 per minute").test_client()
        for _ in range(4):
            assert client.post(LETTER_URL, data=form_with(format="tweet")).status_code == 200
            later[0] += ratelimit_storage.RECHECK_SECONDS  # asked, and refused, every time
        assert len(_store_messages(caplog)) == 1
        later[0] += ratelimit_storage.REPORT_SECONDS
        assert client.post(LETTER_URL, data=form_with(format="tweet")).status_code == 200
    assert len(_store_messages(caplog)) == 2


def test_one_render_per_client_holds_in_the_worker_while_the_store_is_down(store_down):
    uri, _ = store_down
    app = counting_app(uri)
    with app.test_request_context():
        with one_render_per_client(), pytest.raises(RenderInFlight):  # noqa: SIM117
            with one_render_per_client():
                pass
        with one_render_per_client():
            pass  # released


def test_a_locked_file_store_is_counted_around(tmp_path, caplog):
    """A worker stuck holding the file's lock (as if frozen mid-write) delays no one for long."""
    path = tmp_path / "ratelimit.sqlite3"
    app = counting_app(f"sqlite://{path}")
    client = app.test_client()
    with sqlite3.connect(path, isolation_level=None) as stuck:
        stuck.execute("BEGIN EXCLUSIVE")
        response, elapsed = _timed_post(client)
        assert (response.status_code, elapsed < QUICK) == (200, True)
        assert store_status(app) == (
            False,
            "rate-limit store: unreachable, counting locally (OperationalError)",
        )
        stuck.execute("ROLLBACK")
    assert _store_messages(caplog) == [
        "rate-limit store: unreachable, counting locally (OperationalError)"
    ]
