"""The database never stands between a supporter and their letter: down, locked, or late.

A failed write keeps its counts in memory (merged by key, bounded), logs once a minute with
no supporter data, leaves the database alone for a few seconds, and the next write that
succeeds adds what waited. The clock is the test's: nothing here depends on timing.
"""

import sqlite3
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from campaign.counts import LOG_EVERY, RETRY_AFTER
from campaign.counts.pending import Pending
from tests.counts.conftest import DAY, make_counts
from tests.support.apps import make_app
from tests.support.postgres_server import postgres_server

LETTER = {"channel": "pdf", "language": "en", "points": ["justice", "investigate"], "letters": 2}


@pytest.fixture(scope="module")
def own_postgres():
    """A server of these tests' own, which they stop and start again."""
    with postgres_server() as server:
        yield server


@contextmanager
def locked(path):
    """Hold SQLite's write lock on the file from another connection, as a stuck writer would."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@contextmanager
def stopped(server):
    server.stop()
    try:
        yield
    finally:
        if server.process is None:
            server.start()


def statements(counts) -> list[str]:
    """Record every statement the counts send to their database from now on."""
    sent: list[str] = []
    event.listen(
        counts.database.engine, "before_cursor_execute", lambda *args: sent.append(args[2])
    )
    return sent


def failure_logs(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "campaign.counts"]


def test_a_locked_sqlite_file_costs_no_letter_and_the_counts_catch_up(tmp_path, clock, caplog):
    path = tmp_path / "counts.sqlite3"
    counting = make_counts(f"sqlite:///{path}", clock, timeout=0.1)
    counting.migrate()
    sent = statements(counting)
    with locked(path):
        counting.letters_made("ua-2-19", **LETTER)
        tried = len(sent)
        for _ in range(5):  # within the few seconds after a failure: not even tried
            counting.letters_made("ua-2-19", **LETTER)
            counting.posted("ua-2-19")
        assert len(sent) == tried
        clock.advance(RETRY_AFTER)
        counting.letters_made("ua-2-19", **LETTER)  # tried again, failed again: not logged
        assert len(sent) > tried
    clock.advance(RETRY_AFTER)
    counting.letters_made("ua-2-19", **LETTER)

    [figures] = counting.figures()
    assert (figures.total, figures.days[0].requests, figures.posted) == (16, 8, 5)
    assert figures.point_sets == ((("investigate", "justice"), 8),)
    [logged] = failure_logs(caplog)
    assert "SQLite" in logged
    assert "OperationalError" in logged
    assert "justice" not in logged
    assert "ua-2-19" not in logged


def test_failures_are_logged_once_a_minute(tmp_path, clock, caplog):
    path = tmp_path / "counts.sqlite3"
    counting = make_counts(f"sqlite:///{path}", clock, timeout=0.05)
    counting.migrate()
    with locked(path):
        for _ in range(int(LOG_EVERY // RETRY_AFTER)):
            counting.letters_made("ua-2-19", **LETTER)
            clock.advance(RETRY_AFTER)
        assert len(failure_logs(caplog)) == 1
        counting.letters_made("ua-2-19", **LETTER)
    assert len(failure_logs(caplog)) == 2


def test_postgresql_stopped_and_started_again_gets_every_count(own_postgres, clock, caplog):
    counting = make_counts(own_postgres.new_database(), clock)
    counting.letters_made("ua-2-19", **LETTER)
    with stopped(own_postgres):
        for _ in range(3):
            counting.letters_made("ua-2-19", **LETTER)
            counting.posted("ua-2-19")
            clock.advance(RETRY_AFTER)
    clock.advance(RETRY_AFTER)
    counting.posted("ua-2-19")

    [figures] = counting.figures()
    assert (figures.total, figures.posted) == (8, 4)
    [logged] = failure_logs(caplog)
    assert "PostgreSQL" in logged
    assert "ua-2-19" not in logged


def test_the_app_starts_with_postgresql_down_and_migrates_when_it_returns(own_postgres, caplog):
    url = own_postgres.new_database()
    with stopped(own_postgres):
        app = make_app(COUNTS_ENABLED=True, DATABASE_URL=url, WARM_UP=False)
        counting = app.extensions["counts"]
        counting.migrate_at_start()  # as campaign/wsgi.py does: logged, not raised
        counting.letters_made("ua-2-19", **LETTER)
    assert counting.flush()

    assert counting.figures("ua-2-19")[0].total == 2
    assert len(failure_logs(caplog)) == 1
    counting.database.dispose()  # the app's, before the app goes


def test_a_sqlite_file_locked_at_start_up_is_migrated_once_free(tmp_path, clock):
    path = tmp_path / "counts.sqlite3"
    sqlite3.connect(path).close()  # the file exists, empty, and another holds it
    counting = make_counts(f"sqlite:///{path}", clock, timeout=0.05)
    with locked(path):
        counting.migrate_at_start(timeout=0.05)
        counting.letters_made("ua-2-19", **LETTER)
    clock.advance(RETRY_AFTER)
    counting.letters_made("ua-2-19", **LETTER)
    assert counting.figures("ua-2-19")[0].total == 4


def test_waiting_counts_merge_by_key_and_stay_bounded():
    pending = Pending(limit=2)
    letter = ("ua-2-19", DAY, "pdf", "en", "justice")
    for _ in range(100):
        pending.add({letter: (1, 3)}, {})
    pending.add({}, {("ua-2-19", DAY): 1})
    pending.add({("ua-2-19", DAY, "tweet", "en", "justice"): (1, 1)}, {})  # full: dropped
    pending.add({letter: (1, 3)}, {("ua-2-19", DAY): 1})  # known keys still add up

    assert pending.letters == {letter: (101, 303)}
    assert pending.posted == {("ua-2-19", DAY): 2}
    assert pending.dropped == 1
