"""Liveness answered by gunicorn's master process, never by a worker.

Every worker may be rendering a letter (a sync worker takes one request at a time), and a
load balancer that asked a worker whether the instance is alive would wait behind them
all, then drop every instance at once. The master renders nothing: a thread of its own
answers on a Unix socket (nginx routes /healthz there) from what the master already
knows, each worker's heartbeat. It logs nothing and takes no lock but the interpreter's,
so the master can fork workers while it runs.
"""

import contextlib
import os
import socket
import threading
import time

# nginx sends a short request; anything longer or slower is not nginx.
_MAX_REQUEST = 8192
_CLIENT_TIMEOUT = 1.0


def _response(status: str, body: str) -> bytes:
    data = body.encode()
    return (
        f"HTTP/1.0 {status}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Cache-Control: no-store\r\nContent-Length: {len(data)}\r\n\r\n"
    ).encode() + data


def is_alive(arbiter, now: float | None = None) -> bool:
    """Say whether at least one worker has shown a heartbeat within gunicorn's timeout.

    A sync worker beats between requests; a render is stopped well within the timeout
    (RENDER_TIMEOUT), so a busy worker still counts as alive.
    """
    now = time.monotonic() if now is None else now  # gunicorn stamps heartbeats with it
    for worker in list(arbiter.WORKERS.values()):
        try:
            if now - worker.tmp.last_update() <= arbiter.timeout:
                return True
        except (OSError, ValueError):  # the worker is being replaced
            continue
    return False


def _answer(arbiter, connection: socket.socket) -> None:
    with connection:
        connection.settimeout(_CLIENT_TIMEOUT)
        request = b""
        try:
            while b"\r\n\r\n" not in request and len(request) < _MAX_REQUEST:
                chunk = connection.recv(4096)
                if not chunk:
                    return
                request += chunk
            if is_alive(arbiter):
                connection.sendall(_response("200 OK", "ok\n"))
            else:
                connection.sendall(_response("503 Service Unavailable", "no live worker\n"))
        except OSError:
            return


def _answer_forever(arbiter, listener: socket.socket) -> None:
    while True:
        try:
            connection, _ = listener.accept()
        except OSError:
            if listener.fileno() == -1:
                return  # closed: the master is stopping
            continue
        _answer(arbiter, connection)


def serve_liveness(arbiter, path: str) -> socket.socket:
    """Listen on the Unix socket `path` and answer liveness from a thread of the master."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.set_inheritable(False)
    listener.bind(path)
    # nginx's workers may run as another user (nobody, when started by root).
    os.chmod(path, 0o666)  # noqa: S103 - in the instance's private directory
    listener.listen(128)
    arbiter.liveness_listener = listener
    threading.Thread(
        target=_answer_forever, args=(arbiter, listener), name="liveness", daemon=True
    ).start()
    return listener
