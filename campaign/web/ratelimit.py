"""Rate limits on making letters and tweets: no person writing meets them, a script soon does."""

import hashlib
import hmac
import math
import time

from flask import Flask, current_app, request
from flask_limiter import Limiter
from werkzeug.middleware.proxy_fix import ProxyFix

from campaign.web import action, preview


def client_key() -> str:
    """Identify a client by a keyed hash of its address, so no address is ever stored."""
    secret = f"rate-limit:{current_app.config['SECRET_KEY']}".encode()
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(secret, address, hashlib.sha256).hexdigest()[:32]


def _configured(key: str):
    """Return a limit read from the current app's config at each request.

    The blueprints are module objects shared by every app made in one process, each of which
    may set its own limits.
    """
    return lambda: current_app.config[key]


def retry_after_seconds() -> int | None:
    """Return how long until the limit just met allows another letter, if one was met."""
    limiter: Limiter = current_app.extensions["campaign_limiter"]
    limit = limiter.current_limit
    if limit is None:
        return None
    return max(1, math.ceil(limit.reset_at - time.time()))


def register(app: Flask) -> None:
    """Trust forwarded addresses from the configured proxies only, then limit POST /letter.

    Counters live in memory by default; RATELIMIT_STORAGE_URI (e.g. redis://host:6379) shares
    them between workers and machines.
    """
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    limiter = Limiter(client_key, app=app, key_prefix="campaign")
    limiter.limit(_configured("LETTER_RATE_LIMIT"), methods=["POST"])(action.bp)
    # The preview asks again as the supporter types: a budget of its own, far larger.
    limiter.limit(_configured("PREVIEW_RATE_LIMIT"), methods=["POST"])(preview.bp)
    app.extensions["campaign_limiter"] = limiter
