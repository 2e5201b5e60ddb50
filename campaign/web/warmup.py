"""Warm a freshly started worker so its first supporter waits no longer than the next."""

from flask import Flask


def warm_up_worker(app: Flask) -> None:
    """Render a sample letter and go once through the page and the form's mistake path.

    Runs in each worker as it starts, before it accepts requests. The rate limit is paused
    so the warm-up counts against no one.
    """
    app.extensions["campaign"].warm_up(again=True)
    limiter = app.extensions["campaign_limiter"]
    enabled, limiter.enabled = limiter.enabled, False
    try:
        client = app.test_client()
        client.get("/")
        client.post("/letter", data={"format": "tweet"})  # re-shows the form with mistakes
    finally:
        limiter.enabled = enabled
