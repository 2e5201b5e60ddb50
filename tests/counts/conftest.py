"""Counts in a temporary database: a SQLite file, or a database of the test PostgreSQL."""

from datetime import date

import pytest

from campaign.counts import Counts
from campaign.counts.database import Database, all_databases, database_url

DAY = date(2026, 11, 21)


class Clock:
    """A monotonic clock that moves only when the test says, so waits are never timed."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url_for_test(request, tmp_path) -> str:
    """An empty database of each kind, as CAMPAIGN_DATABASE_URL would name it."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'counts.sqlite3'}"
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture(autouse=True)
def _close_connections():
    """Close every engine a test made, so no connection outlives it."""
    yield
    for database in {*_made, *all_databases()}:
        database.dispose()
    _made.clear()


@pytest.fixture
def clock() -> Clock:
    return Clock()


# Every database made by make_counts, kept until the test ends so its connections are closed.
_made: list[Database] = []


def make_counts(url: str, clock=None, day: date = DAY, timeout: float = 0.5) -> Counts:
    """Return counts into the database at `url`, dated `day`."""
    database = Database(database_url(url, "/nonexistent"), timeout)
    _made.append(database)
    return Counts(database, lambda: day, **({"monotonic": clock} if clock else {}))


@pytest.fixture
def counting(database_url_for_test, clock):
    return make_counts(database_url_for_test, clock)
