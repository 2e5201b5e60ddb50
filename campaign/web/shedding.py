"""Letters that would start too late, or for no one, are answered at once, not rendered.

A sync worker renders one letter at a time; when more arrive than the workers can render,
they queue in gunicorn's socket. A supporter who waited longer than CAMPAIGN_QUEUE_TIMEOUT
is better served by an immediate "try again in a few seconds" with their answers kept
than by a letter that arrives after they gave up; and a letter whose client has already
gone (nginx closes its connection to gunicorn when the client goes) is not rendered at
all, so a queue of abandoned requests drains in milliseconds.
"""

import math
import select
import socket
import time

from flask import current_app, request

# Set by the proxy (deploy/nginx.conf.template) as it passes a request on: "t=<seconds>".
REQUEST_START = "X-Request-Start"
# What the log says of a letter whose client went away: before anything was made for it,
# or while its PDF was being rendered (a render is not interrupted). `make load` counts them.
SKIPPED = "Letter not rendered: the client had gone"
LEFT_DURING_RENDER = "Letter rendered, but its client left during the render"
# The answer for a client that has gone: logged as a 503, read by no one.
NOBODY_THERE = ("", 503, {"Cache-Control": "no-store"})


def queue_wait() -> float | None:
    """Return how long ago the proxy passed this request on, or None when unknown.

    Only a request that came through a proxy the app trusts (CAMPAIGN_PROXY_COUNT) says
    when it started: without one the header is the client's, and means nothing.
    """
    if not current_app.config["PROXY_COUNT"]:
        return None
    value = request.headers.get(REQUEST_START, "")
    try:
        started = float(value.removeprefix("t="))
    except ValueError:
        return None
    if not math.isfinite(started):
        return None
    return max(0.0, time.time() - started)


def waited_too_long() -> bool:
    """Say whether the request waited for a worker longer than the queue budget."""
    waited = queue_wait()
    return waited is not None and waited > current_app.config["QUEUE_TIMEOUT"]


def retry_after_shed() -> int:
    """Return the seconds to suggest before trying again: long enough for the queue to pass."""
    return max(1, math.ceil(current_app.config["QUEUE_TIMEOUT"]))


def client_gone() -> bool:
    """Say whether the connection this request came on was closed by the other end.

    The request has been read whole by now, so a readable socket that gives no data has
    reached its end: nginx (or the client) hung up. Servers other than gunicorn do not
    expose the socket; then the client is taken to be there.
    """
    connection = request.environ.get("gunicorn.socket")
    if connection is None:
        return False
    try:
        poller = select.poll()
        poller.register(connection, select.POLLIN | select.POLLHUP | select.POLLERR)
        if not poller.poll(0):
            return False
        return connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (BlockingIOError, InterruptedError):
        return False
    except OSError:
        return True  # reset by the peer
