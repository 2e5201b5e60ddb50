"""Rate limits on making letters: per client (an IPv6 /64 is one), keyed by a hash, friendly 429,
counted in a store every worker shares (Redis between machines), one render in flight per client.
"""

import multiprocessing
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
import redis
from flask import Flask
from limits.storage import MemoryStorage

from campaign import create_app
from campaign.web import ratelimit_storage
from campaign.web.ratelimit import (
    RenderInFlight,
    client_key,
    client_network,
    one_render_per_client,
    store_status,
)
from tests.support.apps import counting_app
from tests.support.forms import form_with
from tests.support.live_server import free_port
from tests.support.reading import field_value, parse
from tests.support.redis_server import redis_server
from tests.support.shipped import ACTION_URL, LETTER_URL, PREVIEW_URL


@pytest.fixture
def counters(tmp_path) -> Path:
    """A file of counters of the test's own, as the workers of one instance share one."""
    return tmp_path / "ratelimit.sqlite3"


def _post(client, fmt="tweet", **environ):
    return client.post(LETTER_URL, data=form_with(format=fmt), environ_base=environ)


def test_a_script_is_stopped_with_the_form_shown_again_and_the_answers_kept(counters):
    client = counting_app(counters).test_client()
    assert [_post(client, fmt).status_code for fmt in ("tweet", "text", "pdf")] == [200] * 3
    response = _post(client)
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    page = parse(response)
    summary = page.select_one(".error-summary").get_text(" ", strip=True)
    assert "You have made many letters in a short time" in summary
    assert re.search(r"send the form again in (\d+ seconds?|1 minute), or choose tweets", summary)
    assert field_value(page, "name") == form_with()["name"]
    assert field_value(page, "message") == form_with()["message"]


def test_a_preview_past_its_budget_gets_the_friendly_page(counters):
    client = counting_app(counters, PREVIEW_RATE_LIMIT="1 per minute").test_client()
    assert client.post(PREVIEW_URL, data=form_with()).status_code == 200
    response = client.post(PREVIEW_URL, data=form_with())
    assert response.status_code == 429
    page = parse(response)
    assert page.select_one("main h1").get_text(strip=True) == "Too many letters in a short time"
    assert page.select_one(".retry-after").get_text(strip=True).startswith("Please try again in ")
    # Back to the action the script was writing for, or to the list of actions.
    assert [a["href"] for a in page.select("main a")] == [ACTION_URL, "/"]


def test_mistakes_count_too_but_the_form_page_does_not(counters):
    client = counting_app(counters).test_client()
    for _ in range(10):
        assert client.get(ACTION_URL).status_code == 200
    statuses = [client.post(LETTER_URL, data={"name": ""}).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]


def test_default_allows_twenty_a_minute(counters):
    app = create_app(
        {
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_STORAGE_URI": f"sqlite://{counters}",
        }
    )
    # The hourly part is enforced as any limit after a ";" is (the test below).
    assert app.config["LETTER_RATE_LIMIT"] == "20 per minute;100 per hour"
    client = app.test_client()
    assert [_post(client).status_code for _ in range(21)] == [200] * 20 + [429]
    assert int(_post(client).headers["Retry-After"]) <= 60


def test_an_hourly_limit_stops_a_client_the_minute_limit_lets_through(counters):
    client = counting_app(counters, LETTER_RATE_LIMIT="100 per minute;3 per hour").test_client()
    assert [_post(client).status_code for _ in range(4)] == [200, 200, 200, 429]
    response = _post(client)
    # The wait is the hour's, not the minute's.
    assert 60 < int(response.headers["Retry-After"]) <= 3600
    summary = parse(response).select_one(".error-summary").get_text(" ", strip=True)
    assert re.search(r"send the form again in \d+ minutes, or choose tweets", summary)


def test_the_preview_has_a_budget_of_its_own(counters):
    client = counting_app(counters, PREVIEW_RATE_LIMIT="5 per minute").test_client()
    previews = [client.post(PREVIEW_URL, data=form_with()).status_code for _ in range(6)]
    assert previews == [200] * 5 + [429]
    assert [_post(client).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_switched_off_by_configuration(counters):
    app = counting_app(counters, RATELIMIT_ENABLED=False)
    client = app.test_client()
    assert {_post(client).status_code for _ in range(6)} == {200}
    assert store_status(app) == (True, "rate-limit store: not used, rate limits are off")


# --- Who a client is ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2:FFFF:FFFF:FFFF:FFFF", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),  # IPv4 through an IPv6 socket
        ("::1", "::/64"),
        ("unknown", "unknown"),
    ],
)
def test_a_client_is_an_ipv4_address_or_an_ipv6_64(address, network):
    assert client_network(address) == network


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("203.0.113.7", "203.0.113.7", True),
        ("203.0.113.7", "203.0.113.8", False),
        ("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:fffe", True),  # one /64
        ("2001:db8:1:2::1", "2001:db8:1:3::1", False),
        ("::ffff:203.0.113.7", "203.0.113.7", True),
        ("::ffff:203.0.113.7", "::ffff:203.0.113.8", False),
    ],
)
def test_clients_are_keyed_by_their_network(counters, one, other, same):
    app = counting_app(counters)

    def key(address):
        with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
            return client_key()

    assert (key(one) == key(other)) is same


def test_an_ipv6_64_shares_one_budget(counters):
    client = counting_app(counters).test_client()
    statuses = [_post(client, REMOTE_ADDR=f"2001:db8:1:2::{n:x}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert _post(client, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


def test_clients_are_keyed_by_a_hash_not_their_address(counters):
    client = counting_app(counters).test_client()
    _post(client, REMOTE_ADDR="203.0.113.7")
    _post(client, REMOTE_ADDR="2001:db8:1:2::7")
    with closing(sqlite3.connect(counters)) as connection:
        keys = " ".join(key for (key,) in connection.execute("SELECT key FROM counters"))
    assert keys
    assert "203.0.113.7" not in keys
    assert "2001:db8" not in keys


def test_forwarded_addresses_are_ignored_without_configured_proxies(counters):
    client = counting_app(counters).test_client()
    statuses = [_post(client, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_behind_a_configured_proxy_each_client_has_its_own_limit(counters):
    client = counting_app(counters, PROXY_COUNT=1).test_client()
    first = [_post(client, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code for _ in range(4)]
    other = _post(client, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code
    assert (first, other) == ([200, 200, 200, 429], 200)


# --- Where counters live -----------------------------------------------------------------


def test_in_production_counters_are_a_file_in_the_instance_folder(monkeypatch, tmp_path):
    instance = tmp_path / "instance"  # missing: made at start-up
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(instance))
    app = create_app(
        {"ENV": "production", "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False, "WARM_UP": False}
    )
    assert app.instance_path == str(instance)
    assert _post(app.test_client()).status_code == 200
    with closing(sqlite3.connect(instance / "ratelimit.sqlite3")) as connection:
        # One letter, counted in the minute's window and in the hour's.
        assert connection.execute("SELECT count FROM counters").fetchall() == [(1,), (1,)]
    assert store_status(app) == (True, "rate-limit store: ok")


@pytest.mark.parametrize("testing", [False, True])
def test_elsewhere_each_app_counts_in_its_own_memory(monkeypatch, tmp_path, testing):
    """So that a development server or a test never inherits another run's counts."""
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(tmp_path / "i"))
    app = create_app({"SECRET_KEY": "test", "TESTING": testing, "WARM_UP": False})
    assert isinstance(app.extensions["campaign_limiter"].storage, MemoryStorage)
    assert not (tmp_path / "i").exists()


def _letters_in_a_forked_worker(app: Flask, count: int, results) -> None:
    results.put([_post(app.test_client()).status_code for _ in range(count)])


def test_forked_workers_count_together(counters):
    """As gunicorn forks workers from the preloaded app: each opens the file for itself."""
    app = counting_app(counters, LETTER_RATE_LIMIT="5 per minute")
    assert _post(app.test_client()).status_code == 200  # the parent has the file open
    fork = multiprocessing.get_context("fork")
    results = fork.Queue()
    workers = [
        fork.Process(target=_letters_in_a_forked_worker, args=(app, 4, results)) for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    statuses = sorted(results.get(timeout=60) + results.get(timeout=60))
    for worker in workers:
        worker.join(timeout=10)
        assert worker.exitcode == 0
    assert statuses == [200] * 4 + [429] * 4
    assert _post(app.test_client()).status_code == 429


# --- One render in flight per client -----------------------------------------------------


def _hold_a_render(app: Flask, address: str, started, finish, exit_abruptly: bool) -> None:
    with (
        app.test_request_context(environ_base={"REMOTE_ADDR": address}),
        one_render_per_client(seconds=2),
    ):
        started.set()
        if exit_abruptly:
            os._exit(0)  # a worker killed mid-render: nothing is released
        finish.wait(timeout=30)


@contextmanager
def _render_in_another_worker(app, address="203.0.113.7", exit_abruptly=False) -> Iterator[None]:
    """Hold a render for the address in a forked process until the block ends."""
    fork = multiprocessing.get_context("fork")
    started, finish = fork.Event(), fork.Event()
    worker = fork.Process(
        target=_hold_a_render, args=(app, address, started, finish, exit_abruptly)
    )
    worker.start()
    try:
        assert started.wait(timeout=30)
        yield
    finally:
        finish.set()
        worker.join(timeout=30)


def _render(app: Flask, address: str = "203.0.113.7", **kwargs) -> str:
    with (
        app.test_request_context(environ_base={"REMOTE_ADDR": address}),
        one_render_per_client(**kwargs),
    ):
        return "rendered"


def test_a_client_has_one_render_in_flight_across_workers(counters):
    app = counting_app(counters)
    with _render_in_another_worker(app):
        with pytest.raises(RenderInFlight) as refused:
            _render(app)
        assert 1 <= refused.value.retry_after <= 2
        assert _render(app, "203.0.113.8") == "rendered"  # another client is not held up
        with pytest.raises(RenderInFlight):
            _render(app)  # a refusal did not free it
    assert _render(app) == "rendered"  # released when the other's render ended


def test_a_render_mark_lapses_when_its_worker_is_killed(counters):
    app = counting_app(counters)
    with _render_in_another_worker(app, exit_abruptly=True):
        pass
    with pytest.raises(RenderInFlight):
        _render(app)
    time.sleep(2.1)  # the mark's 2 seconds
    assert _render(app) == "rendered"


def test_a_render_that_fails_releases_its_mark(counters):
    app = counting_app(counters)
    with (
        pytest.raises(ValueError, match="render failed"),
        app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.7"}),
        one_render_per_client(),
    ):
        raise ValueError("render failed")
    assert _render(app) == "rendered"


def test_a_render_mark_lasts_the_render_timeout_by_default(counters):
    app = counting_app(counters, RENDER_TIMEOUT=7.5)
    with (
        app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.7"}),
        one_render_per_client(),
        pytest.raises(RenderInFlight) as refused,
    ):
        _render(app)
    assert 7 <= refused.value.retry_after <= 8


def test_renders_are_not_held_when_rate_limits_are_off(counters):
    app = counting_app(counters, RATELIMIT_ENABLED=False)
    with app.test_request_context(), one_render_per_client():
        assert _render(app) == "rendered"


# --- Redis, to share counters between machines --------------------------------------------


@pytest.fixture
def redis_url():
    with redis_server() as url:
        yield url


def test_redis_shares_the_count_between_instances(redis_url):
    one = counting_app(redis_url).test_client()
    two = counting_app(redis_url).test_client()
    statuses = [_post(c, REMOTE_ADDR="203.0.113.9").status_code for c in (one, two, one, two)]
    assert statuses == [200, 200, 200, 429]
    keys = [key.decode() for key in redis.Redis.from_url(redis_url).keys("*")]
    assert keys
    assert all("203.0.113.9" not in key for key in keys)


def test_redis_holds_one_render_per_client_between_instances(redis_url):
    one, two = counting_app(redis_url), counting_app(redis_url)
    with (
        one.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.7"}),
        one_render_per_client(),
        pytest.raises(RenderInFlight),
    ):
        _render(two)
    assert _render(two) == "rendered"


def test_redis_is_used_again_once_it_answers(monkeypatch, caplog):
    later = [0.0]
    monkeypatch.setattr(ratelimit_storage, "monotonic", lambda: time.monotonic() + later[0])
    port = free_port()
    app = counting_app(f"redis://127.0.0.1:{port}")
    client = app.test_client()
    assert _post(client).status_code == 200  # counted in this worker while Redis is down
    assert store_status(app) == (
        False,
        "rate-limit store: unreachable, counting locally (ConnectionError)",
    )
    with redis_server(port) as url:
        assert store_status(app)[0] is False  # not asked again so soon
        later[0] += ratelimit_storage.RECHECK_SECONDS
        assert [_post(client).status_code for _ in range(3)] == [200, 200, 200]
        assert store_status(app) == (True, "rate-limit store: ok")
        assert redis.Redis.from_url(url).keys("LIMITS:LIMITER/campaign/*")
        # Counted there afresh: the fourth letter since it came back is the one refused.
        assert _post(client).status_code == 429
    messages = [r.getMessage() for r in caplog.records if r.name == ratelimit_storage.__name__]
    assert messages == [
        "rate-limit store: unreachable, counting locally (ConnectionError)",
        "rate-limit store: answering again, counting there",
    ]
