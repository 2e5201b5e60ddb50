"""Rate limits on making letters and tweets: no person writing meets them, a script soon does.

Counters live in a store every worker of an instance shares (see ratelimit_storage.py); a
store that fails or hangs makes workers count locally, never stops a letter.
"""

import hashlib
import hmac
import ipaddress
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, current_app, request, session
from flask_limiter import Limiter
from werkzeug.middleware.proxy_fix import ProxyFix

from campaign.web.events import in_event
from campaign.web.ratelimit_storage import FallbackStorage, timeout_options

# The file of counters in Flask's instance folder, unless RATELIMIT_STORAGE_URI says where.
DEFAULT_STORAGE_FILE = "ratelimit.sqlite3"
RENDER_IN_FLIGHT_KEY = "campaign/render-in-flight"


def client_network(address: str) -> str:
    """Return what stands for one client: an IPv4 address, or the /64 of an IPv6 address.

    An IPv6 subscriber is usually given a whole /64: keyed by full address, one script would
    have 2^64 budgets. An IPv4 address seen through an IPv6 socket (::ffff:a.b.c.d) is the
    IPv4 client it is. Anything else (no address) is kept as it is.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return f"{ipaddress.IPv6Address(int(ip) >> 64 << 64)}/64"
    return str(ip)


def client_key() -> str:
    """Identify a client by a keyed hash of its network, so no address is ever stored."""
    secret = f"rate-limit:{current_app.config['SECRET_KEY']}".encode()
    network = client_network(request.remote_addr or "unknown").encode()
    return hmac.new(secret, network, hashlib.sha256).hexdigest()[:32]


def _configured(key: str):
    """Return a limit read from the current app's config at each request.

    The blueprints are module objects shared by every app made in one process, each of which
    may set its own limits.
    """
    return lambda: current_app.config[key]


def _letter_limit() -> str:
    """Return the letters' limit: an event link's visitors share a room's larger one."""
    return current_app.config["EVENT_RATE_LIMIT" if in_event() else "LETTER_RATE_LIMIT"]


def _render_owner() -> str:
    """Return who a render in flight belongs to: the client, or one visitor of an event.

    A room at a letter-writing evening is one client: one render at a time for all of it would
    stop the evening, so an event link's visitors each have their own (by their session's
    form token, hashed, never stored).
    """
    owner = client_key()
    token = session.get("csrf_token") if in_event() else None
    if isinstance(token, str):
        secret = f"render-owner:{current_app.config['SECRET_KEY']}".encode()
        owner += "/" + hmac.new(secret, token.encode(), hashlib.sha256).hexdigest()[:16]
    return owner


def retry_after_seconds() -> int | None:
    """Return how long until the limit just met allows another letter, if one was met."""
    limiter: Limiter = current_app.extensions["campaign_limiter"]
    limit = limiter.current_limit
    if limit is None:
        return None
    return max(1, math.ceil(limit.reset_at - time.time()))


class RenderInFlight(Exception):
    """This client's previous letter is still being made."""

    def __init__(self, retry_after: int):
        super().__init__(f"this client has a letter in the making; try in {retry_after} s")
        # Seconds until the mark lapses at the latest (the render usually ends sooner).
        self.retry_after = retry_after


@contextmanager
def one_render_per_client(seconds: float | None = None) -> Iterator[None]:
    """Mark the current client as having a render in flight until the block ends.

    Raise RenderInFlight, before the block runs, when the client has one already, in any
    worker or instance sharing the store. The mark lapses after `seconds` (by default
    RENDER_TIMEOUT, the longest a render is let run), so a worker killed mid-render never
    locks its client out. Counted like the rate limits, it is off when they are, and kept
    in the worker's memory while the store is down.
    """
    limiter: Limiter = current_app.extensions["campaign_limiter"]
    if not (limiter.initialized and limiter.enabled):
        yield
        return
    storage = limiter.storage
    if seconds is None:
        seconds = current_app.config["RENDER_TIMEOUT"]
    key = f"{RENDER_IN_FLIGHT_KEY}/{_render_owner()}"
    # A window of its own per client: the first in is 1; a refused one does not extend it.
    if storage.incr(key, max(1, math.ceil(seconds))) > 1:
        raise RenderInFlight(max(1, math.ceil(storage.get_expiry(key) - time.time())))
    try:
        yield
    finally:
        storage.clear(key)


def store_status(app: Flask) -> tuple[bool, str]:
    """Say whether the rate-limit store answers, for a readiness check.

    Asks the store once, bounded by RATELIMIT_STORAGE_TIMEOUT, unless this worker found it
    down moments ago. Letters keep coming either way: a store that is down is counted around.
    """
    limiter: Limiter = app.extensions["campaign_limiter"]
    if not limiter.initialized:
        return True, "rate-limit store: not used, rate limits are off"
    storage = limiter.storage
    if isinstance(storage, FallbackStorage):
        return storage.status()
    return True, "rate-limit store: ok"  # this worker's memory (memory://)


def _storage(app: Flask) -> tuple[str, dict]:
    """Return the URI and options of the store Flask-Limiter is to build.

    Any store but a worker's memory is put behind FallbackStorage, with short timeouts.
    """
    uri = app.config["RATELIMIT_STORAGE_URI"]
    if not uri:
        if app.config["ENV"] != "production":
            # Development servers and tests start again and again on one machine, as one
            # client (127.0.0.1) with one secret: a file would carry each run's letters into
            # the next run's limits.
            return "memory://", {}
        folder = Path(app.instance_path)
        folder.mkdir(parents=True, exist_ok=True)
        uri = f"sqlite://{folder / DEFAULT_STORAGE_FILE}"
    if urlsplit(uri).scheme == "memory":
        return uri, {}
    timeouts = timeout_options(uri, app.config["RATELIMIT_STORAGE_TIMEOUT"])
    return "campaign-fallback://", {"primary": uri, **timeouts}


def register(app: Flask) -> None:
    """Trust forwarded addresses from the configured proxies only, then limit POST /letter.

    RATELIMIT_STORAGE_OPTIONS, if set, reach the store itself (after the timeouts, so they
    win).
    """
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    uri, options = _storage(app) if app.config["RATELIMIT_ENABLED"] else ("memory://", {})
    limiter = Limiter(
        client_key, app=app, key_prefix="campaign", storage_uri=uri, storage_options=options
    )
    # The views use this module (one render per client), so it imports them only here.
    from campaign.web import action, next_steps, organisers, preview

    # Going back to the form with one's answers makes nothing: it costs no letter.
    limiter.limit(
        _letter_limit,
        methods=["POST"],
        exempt_when=lambda: request.endpoint == "action.back_to_action",
    )(action.bp)
    # The preview asks again as the supporter types: a budget of its own, far larger.
    limiter.limit(_configured("PREVIEW_RATE_LIMIT"), methods=["POST"])(preview.bp)
    # "I have posted my letters" counts once per session: a budget like the letters', of its
    # own, stops a script that starts session after session to swell the count.
    limiter.limit(_letter_limit, methods=["POST"])(next_steps.bp)
    # Tries at the organisers' password, right or wrong (signing out is no try).
    limiter.limit(
        _configured("ORGANISERS_RATE_LIMIT"),
        methods=["POST"],
        exempt_when=lambda: request.endpoint == "organisers.sign_out",
    )(organisers.bp)
    app.extensions["campaign_limiter"] = limiter
