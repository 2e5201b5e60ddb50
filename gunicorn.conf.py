"""Production server settings; each may be overridden by a CAMPAIGN_* environment variable."""

import gc
import multiprocessing
import os

_env = os.environ.get

bind = f"{_env('CAMPAIGN_HOST', '127.0.0.1')}:{_env('CAMPAIGN_PORT', '8000')}"
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
forwarded_allow_ips = _env("CAMPAIGN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    """Keep the preloaded app out of the collector's way, so workers share its memory longer."""
    gc.freeze()


def post_fork(server, worker):
    """Warm the new worker before it takes requests (see campaign/web/warmup.py)."""
    from campaign.web.warmup import warm_up_worker
    from campaign.wsgi import app

    warm_up_worker(app)
