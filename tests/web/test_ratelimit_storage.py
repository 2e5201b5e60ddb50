"""The file of counters all of an instance's workers share: its windows, its atomic count across
processes, and the production server's workers counting together."""

import concurrent.futures
import multiprocessing
import re
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest
from limits.errors import ConfigurationError
from limits.storage import storage_from_string

from campaign import create_app
from campaign.web import ratelimit_storage
from campaign.web.ratelimit_storage import SQLiteStorage
from tests.support.forms import form_with
from tests.support.live_server import gunicorn_alone
from tests.support.shipped import ACTION_URL, LETTER_URL


@pytest.fixture
def store(tmp_path) -> SQLiteStorage:
    return storage_from_string(f"sqlite://{tmp_path / 'counters.sqlite3'}")


def test_a_window_counts_up_then_starts_again(store):
    assert [store.incr("k", 1) for _ in range(3)] == [1, 2, 3]
    assert store.get("k") == 3
    assert time.time() < store.get_expiry("k") <= time.time() + 1
    time.sleep(1.05)
    assert store.get("k") == 0
    assert store.incr("k", 60, amount=2) == 2
    assert store.incr("k", 1) == 3  # a later hit keeps the window's expiry
    assert store.get_expiry("k") > time.time() + 50


def test_keys_are_counted_apart_and_cleared(store):
    store.incr("a", 60)
    store.incr("b", 60)
    store.clear("a")
    assert (store.get("a"), store.get("b")) == (0, 1)
    assert store.reset() == 1
    assert store.get("b") == 0
    assert store.check()


def test_expired_windows_are_deleted_from_the_file(store, monkeypatch):
    monkeypatch.setattr(ratelimit_storage, "PURGE_SECONDS", 0)
    store.incr("old", 1)
    time.sleep(1.05)
    store.incr("new", 60)
    with closing(sqlite3.connect(store.path)) as connection:
        assert connection.execute("SELECT key FROM counters").fetchall() == [("new",)]


def test_the_uri_names_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "instance").mkdir()
    (tmp_path / "with space").mkdir()
    relative = SQLiteStorage("sqlite://instance/counters.sqlite3")
    assert relative.path == Path("instance/counters.sqlite3")
    quoted = SQLiteStorage(f"sqlite://{tmp_path}/with%20space/counters.sqlite3")
    assert quoted.path == tmp_path / "with space" / "counters.sqlite3"
    assert quoted.path.exists()
    with pytest.raises(ConfigurationError, match="names no file"):
        SQLiteStorage("sqlite://")


def test_a_file_that_cannot_be_opened_stops_start_up(tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(ConfigurationError, match=r"cannot use .*a-file/counters\.sqlite3"):
        create_app(
            {
                "SECRET_KEY": "x",
                "WARM_UP": False,
                "RATELIMIT_STORAGE_URI": f"sqlite://{tmp_path / 'a-file' / 'counters.sqlite3'}",
            }
        )


def _hit_many_times(store: SQLiteStorage, inherited, times: int, results) -> None:
    # SQLite forbids using a connection across a fork: no error would show it, so look.
    opened_its_own = store._connection() is not inherited
    results.put((opened_its_own, [store.incr("shared", 60) for _ in range(times)]))


def test_hits_from_many_processes_are_never_lost(store):
    store.incr("shared", 60)  # the parent has the file open when it forks, as a preloaded app may
    inherited = store._connection()
    fork = multiprocessing.get_context("fork")
    results = fork.Queue()
    workers = [
        fork.Process(target=_hit_many_times, args=(store, inherited, 300, results))
        for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    answers = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
    assert [opened_its_own for opened_its_own, _ in answers] == [True] * 3
    # Every hit saw a count of its own: none was read, then overwritten by another.
    assert sorted(count for _, counts in answers for count in counts) == list(range(2, 902))
    assert store.get("shared") == 901


# --- The production server ---------------------------------------------------------------


# The access log names the worker (process id) that answered each request.
WORKER_ACCESS_LOG = ("--access-logformat", "%(p)s %(m)s %(s)s")


def _status(url: str, data: bytes | None = None) -> int:
    try:
        with urllib.request.urlopen(url, data=data, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _workers_that_answered(log_path: Path, method: str) -> set[str]:
    return set(re.findall(rf"^<(\d+)> {method} \d+$", log_path.read_text(), re.MULTILINE))


@pytest.mark.slow
def test_the_production_servers_workers_share_the_letter_limit(tmp_path):
    log = tmp_path / "server.log"
    counters = tmp_path / "ratelimit.sqlite3"
    with gunicorn_alone(
        log,
        *WORKER_ACCESS_LOG,
        CAMPAIGN_WORKERS="2",
        CAMPAIGN_WTF_CSRF_ENABLED="false",
        CAMPAIGN_RATELIMIT_STORAGE_URI=f"sqlite://{counters}",
    ) as base:
        two_clients = concurrent.futures.ThreadPoolExecutor(2)
        # Until both workers are taking requests (the form page counts against nothing).
        deadline = time.monotonic() + 60
        while len(_workers_that_answered(log, "GET")) < 2 and time.monotonic() < deadline:
            list(two_clients.map(_status, [base + ACTION_URL] * 8))
        assert len(_workers_that_answered(log, "GET")) == 2
        # Tweets: a client's PDFs are made one at a time (one_render_per_client), and two at
        # once are what makes both workers answer.
        letter = urllib.parse.urlencode(form_with(format="tweet"), doseq=True).encode()
        statuses = list(two_clients.map(_status, [base + LETTER_URL] * 30, [letter] * 30))
        two_clients.shutdown()
    assert sorted(statuses) == [200] * 20 + [429] * 10
    assert len(_workers_that_answered(log, "POST")) == 2  # both were asked for letters
