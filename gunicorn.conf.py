"""Production server settings; each may be overridden by a CAMPAIGN_* environment variable."""

import gc
import multiprocessing
import os

_env = os.environ.get

# `make run` binds a private Unix socket behind nginx (campaign/server); gunicorn must never
# face the internet directly: it waits on slow clients with a whole worker.
_address = f"{_env('CAMPAIGN_HOST', '127.0.0.1')}:{_env('CAMPAIGN_PORT', '8000')}"
bind = _env("CAMPAIGN_BIND") or _address
# Rendering a PDF is CPU-bound: one synchronous worker per core uses every core.
workers = int(_env("CAMPAIGN_WORKERS", str(multiprocessing.cpu_count())))
worker_class = "sync"
# Load the app (content, fonts, stylesheet) once before forking: workers start warm, share
# the memory, and share one temporary secret key when none is configured.
preload_app = _env("CAMPAIGN_PRELOAD", "true").lower() != "false"
timeout = int(_env("CAMPAIGN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle a worker after about 100,000 requests: memory stays flat (make bench), but a
# restart now and then keeps any slow leak from building up over millions of letters.
max_requests = int(_env("CAMPAIGN_MAX_REQUESTS", "100000"))
max_requests_jitter = 10000
# Method, path (no query), status, size and time: no client address, no supporter's words.
accesslog = _env("CAMPAIGN_ACCESS_LOG", "-")
access_log_format = '"%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
loglevel = _env("CAMPAIGN_LOG_LEVEL", "info")
# Forwarded headers are trusted by the app alone, as CAMPAIGN_PROXY_COUNT says (ProxyFix):
# gunicorn trusts none, not even from 127.0.0.1 or its Unix socket.
forwarded_allow_ips = ""
secure_scheme_headers = {}
forwarder_headers = ""
# The control socket is this instance's own (in its private run directory), or none:
# never the one shared by every gunicorn of the user.
if _env("CAMPAIGN_CONTROL_SOCKET"):
    control_socket = _env("CAMPAIGN_CONTROL_SOCKET")
else:
    control_socket_disable = True


pidfile = _env("CAMPAIGN_PIDFILE")


def when_ready(server):
    """Prepare what nginx serves from the master: its error pages, and liveness.

    The master renders nothing, so it answers liveness while every worker renders (see
    campaign/server/liveness.py).
    """
    if _env("CAMPAIGN_ERROR_PAGES"):
        from pathlib import Path

        from campaign.server.pages import write_error_pages

        write_error_pages(server.app.wsgi(), Path(_env("CAMPAIGN_ERROR_PAGES")))
    if _env("CAMPAIGN_LIVENESS_SOCKET"):
        from campaign.server.liveness import serve_liveness

        serve_liveness(server, _env("CAMPAIGN_LIVENESS_SOCKET"))


def pre_fork(server, worker):
    """Keep the preloaded app out of the collector's way, so workers share its memory longer."""
    gc.freeze()


def post_fork(server, worker):
    """Warm the new worker before it takes requests (see campaign/web/warmup.py)."""
    listener = getattr(server, "liveness_listener", None)
    if listener is not None:
        listener.close()  # the master's: a worker never answers liveness
    from campaign.web.warmup import warm_up_worker
    from campaign.wsgi import app

    warm_up_worker(app)
