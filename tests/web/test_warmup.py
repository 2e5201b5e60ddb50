"""Warming a new worker: a sample render and the page paths, counted against no one."""

from campaign import create_app
from campaign.web.warmup import warm_up_worker
from tests.conftest import LETTER_URL, form_with


def test_warm_up_counts_against_no_ones_rate_limit():
    app = create_app({"SECRET_KEY": "x", "WTF_CSRF_ENABLED": False,
                      "LETTER_RATE_LIMIT": "1 per minute"})  # fmt: skip
    warm_up_worker(app)
    limiter = app.extensions["campaign_limiter"]
    assert limiter.enabled
    client = app.test_client()
    assert client.post(LETTER_URL, data=form_with(format="tweet")).status_code == 200
    assert client.post(LETTER_URL, data=form_with(format="tweet")).status_code == 429


def test_warm_up_marks_the_renderer_warm(app):
    services = app.extensions["campaign"]
    services.warm_up(again=True)
    assert services.renderer.warm
