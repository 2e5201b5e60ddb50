"""Warming a new worker: a sample render and the page paths, counted against no one."""

from contextlib import contextmanager
from datetime import date

import pytest
from flask import request, request_finished

from campaign import create_app
from campaign.documents import PAPERS
from campaign.web.warmup import warm_up_worker
from tests.support.apps import TEST_CONFIG
from tests.support.files import write_actions
from tests.support.forms import form_with
from tests.support.shipped import ACTION_URL, LETTER_URL, shipped_action

# What a supporter does: the list, the action, a mistake, then a printed letter.
SUPPORTERS_PATH = [
    ("GET", "/", 200, "text/html"),
    ("GET", ACTION_URL, 200, "text/html"),
    ("POST", LETTER_URL, 400, "text/html"),
    ("POST", LETTER_URL, 200, "application/pdf"),
]


@contextmanager
def recorded_requests(app):
    """Collect (method, path, status, type) of every request the app answers meanwhile."""
    seen = []

    def record(sender, response, **extra):
        seen.append((request.method, request.path, response.status_code, response.mimetype))

    with request_finished.connected_to(record, app):
        yield seen


@pytest.fixture
def cold_renderer(monkeypatch):
    """Make the process's shared renderer cold again, and count what it renders, by paper."""
    renderer = create_app({**TEST_CONFIG, "WARM_UP": False}).extensions["campaign"].renderer
    rendered = []
    render_pdf = renderer.render_pdf

    def counted(layouts, paper, **options):
        rendered.append(paper)
        return render_pdf(layouts, paper, **options)

    monkeypatch.setattr(renderer, "render_pdf", counted)
    monkeypatch.setattr(renderer, "warm", False)
    return renderer, rendered


def test_warm_up_goes_the_supporters_way_and_warms_the_renderer(cold_renderer):
    renderer, rendered = cold_renderer
    # With CSRF on, the letter is made only if the warm-up posts the page's own token.
    app = create_app({**TEST_CONFIG, "WTF_CSRF_ENABLED": True, "WARM_UP": False})
    with recorded_requests(app) as seen:
        warm_up_worker(app)
    assert seen == SUPPORTERS_PATH
    assert renderer.warm
    # A kit on every paper, then the supporter's letter.
    assert rendered == [*PAPERS, "letter"]


def test_warm_up_counts_against_no_ones_rate_limit():
    app = create_app(
        {**TEST_CONFIG, "RATELIMIT_ENABLED": True, "LETTER_RATE_LIMIT": "2 per minute"}
    )
    limiter = app.extensions["campaign_limiter"]
    assert not limiter.storage.storage
    with recorded_requests(app) as seen:
        warm_up_worker(app)
    assert [status for method, *_, status, _ in seen if method == "POST"] == [400, 200]
    assert not limiter.storage.storage  # its two letters were not counted
    assert limiter.enabled
    client = app.test_client()
    statuses = [
        client.post(LETTER_URL, data=form_with(format="tweet")).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 429]  # the first supporter has the whole budget


@pytest.mark.parametrize(("again", "papers"), [(False, []), (True, list(PAPERS))])
def test_a_warm_renderer_renders_again_only_when_asked(cold_renderer, again, papers):
    renderer, rendered = cold_renderer
    services = create_app({**TEST_CONFIG, "WARM_UP": False}).extensions["campaign"]
    services.warm_up()  # as the server preloads the app
    assert (renderer.warm, rendered) == (True, list(PAPERS))
    rendered.clear()
    services.warm_up(again=again)  # in each worker, after the preloaded app forked
    assert rendered == papers


def test_with_no_open_action_only_the_renderer_is_warmed(tmp_path, cold_renderer):
    renderer, rendered = cold_renderer
    closed = shipped_action()
    closed["closed"] = {"date": date(2019, 6, 30), "note": "The action has ended."}
    folder = write_actions(tmp_path / "actions", {"ua-2-19": closed})
    app = create_app({**TEST_CONFIG, "ACTIONS_DIR": str(folder), "WARM_UP": False})
    with recorded_requests(app) as seen:
        warm_up_worker(app)
    assert seen == []
    assert (renderer.warm, rendered) == (True, list(PAPERS))
