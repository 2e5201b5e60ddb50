"""Warm a freshly started worker so its first supporter waits no longer than the next."""

import re

from flask import Flask

from campaign.services import WARM_UP_NAME, Services

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def warm_up_worker(app: Flask) -> None:
    """Go once through the page, a mistake and a printed letter, as a supporter would.

    Runs in each worker as it starts, before it accepts requests. The rate limit and the
    counts are paused, so the warm-up counts against no one and as no supporter's letters.
    """
    services: Services = app.extensions["campaign"]
    services.warm_up(again=True)
    open_actions = services.content.open_actions(services.today())
    if not open_actions:
        return
    action = open_actions[0]
    limiter = app.extensions["campaign_limiter"]
    with app.extensions["counts"].paused():
        enabled, limiter.enabled = limiter.enabled, False
        try:
            client = app.test_client()
            client.get("/")
            address = f"/actions/{action.slug}/"
            token = _TOKEN.search(client.get(address).get_data(as_text=True))
            form = {
                "csrf_token": token.group(1) if token else "",
                "name": WARM_UP_NAME,
                "about": "I am warming up the server.",
                "points": [point.id for point in action.points[:2]],
                "recipients": [action.primary.id],
                "format": "pdf",
            }
            mistake = form | {"format": "tweet", "points": []}
            client.post(f"{address}letter", data=mistake)
            if not services.renderer.font_problems:  # else PDFs are refused, as start-up logged
                client.post(f"{address}letter", data=form)
        finally:
            limiter.enabled = enabled
