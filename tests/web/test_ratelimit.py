"""Rate limits on making letters: per client, keyed by a hash, friendly 429, shared via Redis."""

import shutil
import socket
import subprocess
import time

import pytest

from campaign import create_app
from tests.support.forms import form_with
from tests.support.reading import parse
from tests.support.shipped import ACTION_URL, LETTER_URL, PREVIEW_URL


def _app(**config):
    return create_app(
        {
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "LETTER_RATE_LIMIT": "3 per minute",
            **config,
        }
    )


def _post(client, fmt="tweet", **environ):
    return client.post(LETTER_URL, data=form_with(format=fmt), environ_base=environ)


def test_a_script_is_stopped_with_a_friendly_page():
    client = _app().test_client()
    assert [_post(client, fmt).status_code for fmt in ("tweet", "text", "pdf")] == [200] * 3
    response = _post(client)
    assert response.status_code == 429
    page = parse(response)
    assert page.select_one("main h1").get_text(strip=True) == "Too many letters in a short time"
    retry = page.select_one(".retry-after").get_text(strip=True)
    assert retry.startswith("Please try again in ")
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    # Back to the action the script was writing for, or to the list of actions.
    assert [a["href"] for a in page.select("main a")] == [ACTION_URL, "/"]


def test_mistakes_count_too_but_the_form_page_does_not():
    client = _app().test_client()
    for _ in range(10):
        assert client.get(ACTION_URL).status_code == 200
    statuses = [client.post(LETTER_URL, data={"name": ""}).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]


def test_default_allows_twenty_a_minute():
    app = create_app({"SECRET_KEY": "test", "WTF_CSRF_ENABLED": False})
    # The hourly part is enforced as any limit after a ";" is (the test below).
    assert app.config["LETTER_RATE_LIMIT"] == "20 per minute;100 per hour"
    client = app.test_client()
    assert [_post(client).status_code for _ in range(21)] == [200] * 20 + [429]
    assert int(_post(client).headers["Retry-After"]) <= 60


def test_an_hourly_limit_stops_a_client_the_minute_limit_lets_through():
    client = _app(LETTER_RATE_LIMIT="100 per minute;3 per hour").test_client()
    assert [_post(client).status_code for _ in range(4)] == [200, 200, 200, 429]
    response = _post(client)
    # The wait is the hour's, not the minute's.
    assert 60 < int(response.headers["Retry-After"]) <= 3600
    retry = parse(response).select_one(".retry-after").get_text(strip=True)
    assert retry.endswith(" minutes.")


def test_the_preview_has_a_budget_of_its_own():
    client = _app(PREVIEW_RATE_LIMIT="5 per minute").test_client()
    previews = [client.post(PREVIEW_URL, data=form_with()).status_code for _ in range(6)]
    assert previews == [200] * 5 + [429]
    assert [_post(client).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_switched_off_by_configuration():
    client = _app(RATELIMIT_ENABLED=False).test_client()
    assert {_post(client).status_code for _ in range(6)} == {200}


def test_clients_are_keyed_by_a_hash_not_their_address():
    app = _app()
    client = app.test_client()
    _post(client, REMOTE_ADDR="203.0.113.7")
    storage = app.extensions["campaign_limiter"].storage
    keys = " ".join(str(key) for key in storage.storage)
    assert keys
    assert "203.0.113.7" not in keys


def test_forwarded_addresses_are_ignored_without_configured_proxies():
    client = _app().test_client()
    statuses = [_post(client, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_behind_a_configured_proxy_each_client_has_its_own_limit():
    client = _app(PROXY_COUNT=1).test_client()
    first = [_post(client, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code for _ in range(4)]
    other = _post(client, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code
    assert (first, other) == ([200, 200, 200, 429], 200)


@pytest.fixture
def redis_url():
    """A throwaway Redis server on a free local port (make test installs redis-server)."""
    server = shutil.which("redis-server")
    assert server, "make test installs redis-server"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as attempt:
                if attempt.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_redis_shares_the_count_between_instances(redis_url):
    import redis

    one = _app(RATELIMIT_STORAGE_URI=redis_url).test_client()
    two = _app(RATELIMIT_STORAGE_URI=redis_url).test_client()
    statuses = [_post(c, REMOTE_ADDR="203.0.113.9").status_code for c in (one, two, one, two)]
    assert statuses == [200, 200, 200, 429]
    keys = [key.decode() for key in redis.Redis.from_url(redis_url).keys("*")]
    assert keys
    assert all("203.0.113.9" not in key for key in keys)
