"""Liveness answered by gunicorn's master from its workers' heartbeats."""

import socket
import time
from types import SimpleNamespace

from campaign.server.liveness import is_alive, serve_liveness


def _worker(last_update: float):
    return SimpleNamespace(tmp=SimpleNamespace(last_update=lambda: last_update))


def _arbiter(*beats: float):
    return SimpleNamespace(WORKERS={pid: _worker(b) for pid, b in enumerate(beats)}, timeout=30)


def test_alive_while_one_worker_has_beaten_within_the_timeout():
    assert is_alive(_arbiter(100.0, 171.0), now=200.0)
    assert not is_alive(_arbiter(100.0, 169.0), now=200.0)
    assert not is_alive(_arbiter(), now=200.0)


def _ask(path) -> bytes:
    with socket.socket(socket.AF_UNIX) as client:
        client.settimeout(5)
        client.connect(str(path))
        client.sendall(b"GET /healthz HTTP/1.0\r\nHost: x\r\n\r\n")
        answer = b""
        while chunk := client.recv(4096):
            answer += chunk
    return answer


def test_the_master_answers_on_its_socket(tmp_path):
    arbiter = _arbiter(time.monotonic())
    listener = serve_liveness(arbiter, str(tmp_path / "liveness.sock"))
    try:
        answer = _ask(tmp_path / "liveness.sock")
        assert answer.startswith(b"HTTP/1.0 200 OK\r\n")
        assert answer.endswith(b"\r\n\r\nok\n")
        assert b"Cache-Control: no-store" in answer
        arbiter.WORKERS.clear()
        assert _ask(tmp_path / "liveness.sock").startswith(b"HTTP/1.0 503 ")
    finally:
        listener.close()
