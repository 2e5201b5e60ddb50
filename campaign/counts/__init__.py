"""Counts: how many letters each action made, per day, channel, language and point set.

Only sums per day are stored (see tables.py): no time of day, no name, no hash of anything a
supporter typed. The database never stands between a supporter and their letter: a write
that fails keeps its counts in memory, logs at most once a minute, and leaves the database
alone for a few seconds; the next write that succeeds adds what waited.

    from campaign.counts import counts
    counts().letters_made(action.slug, channel="pdf", language="en", points=ids, letters=2)
"""

import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from flask import Flask, current_app

from campaign.counts import store
from campaign.counts.database import MIGRATION_TIMEOUT, Database, database_url
from campaign.counts.export import write_csv
from campaign.counts.migrate import migrate
from campaign.counts.pending import Pending
from campaign.counts.tables import POINT_SEPARATOR

CHANNELS = ("pdf", "tweet", "text", "batch")
# After a failure, the database is left alone this long: a database that hangs costs a
# letter one timeout every few seconds per worker, not every letter.
RETRY_AFTER = 5.0
# A failure is logged at most this often per process.
LOG_EVERY = 60.0
# The action page's figure is read at most this often per process and action.
TOTAL_MAX_AGE = 60.0
# Point ids and language codes are the action's own short names, never typed text.
_NAME = re.compile(r"[A-Za-z0-9_-]{1,60}")

log = logging.getLogger(__name__)


class CountsUnavailable(Exception):
    """The figures cannot be read: the database is down, locked or not set up."""


@dataclass(frozen=True)
class DayFigure:
    day: date
    channel: str
    letters: int
    requests: int  # supporter requests / batch rows


@dataclass(frozen=True)
class ActionFigures:
    action: str  # slug
    days: tuple[DayFigure, ...]  # by day, then channel; no zero rows
    point_sets: tuple[tuple[tuple[str, ...], int], ...]  # (point ids sorted, requests), most first
    languages: tuple[tuple[str, int], ...]  # (letter language, letters), most first
    posted: int

    @property
    def total(self) -> int:
        """Letters, every day and channel."""
        return sum(day.letters for day in self.days)


def counts() -> "Counts":
    """Return the app's counts (one that stores nothing when counting is off)."""
    return current_app.extensions["counts"]


class Counts:
    """Adds to the counts, and reads them; with no database (counting off), does nothing.

    Safe to share between threads; each process has its own engine, pending counts and cache.
    """

    def __init__(
        self,
        database: Database | None,
        today: Callable[[], date],
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.database = database
        self._today = today
        self._monotonic = monotonic
        self._pending = Pending()
        self._state = threading.Lock()
        self._schema_ready = False
        self._retry_at = float("-inf")
        self._logged_at = float("-inf")
        self._totals: dict[str, tuple[float, int]] = {}
        self._paused = False

    @property
    def enabled(self) -> bool:
        return self.database is not None

    def letters_made(
        self,
        action: str,
        *,
        channel: str,
        language: str,
        points: Sequence[str],
        letters: int,
    ) -> None:
        """One supporter's request (or one batch row) made `letters` letters (one per
        official; for tweets, one per official tweeted to), in `language`, on these points.
        Counted for today in CAMPAIGN_TIMEZONE. Never raises, never blocks long.

        A channel not in CHANNELS, or a point id or language that is not a short name, is a
        mistake in the calling code: ValueError, whether counting is on or off.
        """
        chosen = point_set(points)
        if channel not in CHANNELS or not _NAME.fullmatch(language):
            raise ValueError(f"not a channel and language: {channel!r}, {language!r}")
        if not self.enabled or self._paused:
            return
        self._pending.add({(action, self._today(), channel, language, chosen): (1, letters)}, {})
        self._write_pending()

    def posted(self, action: str) -> None:
        """A supporter said they posted their letters. Never raises."""
        if not self.enabled or self._paused:
            return
        self._pending.add({}, {(action, self._today()): 1})
        self._write_pending()

    def total_letters(self, action: str) -> int:
        """Letters made so far for the action, read at most once a minute per process (0 when
        none or the database cannot be read)."""
        if not self.enabled:
            return 0
        now = self._monotonic()
        read_at, total = self._totals.get(action, (float("-inf"), 0))
        if now - read_at < TOTAL_MAX_AGE or not self._may_try(now):
            return total
        try:
            with self._connection() as connection:
                total = store.total_letters(connection, action)
        except Exception as error:  # the page is shown whatever the database does
            self._failed(error)
        self._totals[action] = (now, total)
        return total

    def figures(self, action: str | None = None) -> list[ActionFigures]:
        """Every action's figures (or one's), for `stats` and the organisers' page.

        Every action with counts, by slug; for one action, a list of exactly one (zeros if it
        has none). Counts waiting in this process's memory are written first if they can be.
        Raises CountsUnavailable if the database cannot be read.
        """
        letters, posted = self._rows(action)
        slugs = sorted({row[0] for row in letters} | {row[0] for row in posted})
        if action is not None:
            slugs = [action]
        return [_figures(slug, _of(slug, letters), _of(slug, posted)) for slug in slugs]

    def write_csv(self, file: TextIO, action: str | None = None) -> None:
        """Write the stored rows (of one action, or all) as CSV (see export.py).

        Raises CountsUnavailable if the database cannot be read.
        """
        letters, posted = self._rows(action)
        write_csv(file, letters, posted)

    def _rows(self, action: str | None) -> tuple[list[tuple], list[tuple]]:
        """Return the stored letter and posted rows, after writing what waits if it can."""
        if not self.enabled:
            return [], []
        self.flush()
        try:
            with self._connection() as connection:
                return store.letter_rows(connection, action), store.posted_rows(connection, action)
        except Exception as error:
            raise CountsUnavailable(f"the {self.database.kind} database cannot be read") from error

    def flush(self) -> bool:
        """Write the counts waiting in memory now (even if a failure was recent); True if none
        wait any more."""
        if self.enabled:
            self._retry_at = float("-inf")
            self._write_pending()
        return len(self._pending) == 0

    def migrate(self, timeout: float = MIGRATION_TIMEOUT) -> None:
        """Bring the database to the newest schema now (raises what the database raises),
        waiting up to `timeout` seconds for another process's migration."""
        if self.enabled:
            migrate(self.database, timeout)
            self._schema_ready = True

    def migrate_at_start(self, timeout: float = MIGRATION_TIMEOUT) -> None:
        """Migrate as the server starts (once, before it forks its workers); if the database
        cannot be reached, log it and go on: the first write after it returns migrates."""
        if not self.enabled:
            return
        try:
            self.migrate(timeout)
        except Exception as error:  # letters first: the app starts anyway
            self._failed(error)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Count nothing in the block (a worker's warm-up letters are no supporter's)."""
        paused, self._paused = self._paused, True
        try:
            yield
        finally:
            self._paused = paused

    def _write_pending(self) -> None:
        """Write what waits, unless a failure was recent; on failure, keep it for next time."""
        if not self._may_try(self._monotonic()) or not len(self._pending):
            return
        letters, posted = self._pending.take()
        try:
            with self._connection() as connection, connection.begin():
                store.add_counts(connection, letters, posted)
        except Exception as error:  # never stand between a supporter and a letter
            self._pending.add(letters, posted)
            self._failed(error)

    @contextmanager
    def _connection(self):
        """A connection to a database with the newest schema (migrated here if not yet)."""
        if not self._schema_ready:
            self.migrate(self.database.timeout)
        with self.database.engine.connect() as connection:
            yield connection

    def _may_try(self, now: float) -> bool:
        return now >= self._retry_at

    def _failed(self, error: Exception) -> None:
        """Leave the database alone a few seconds; log at most once a minute, no supporter data."""
        now = self._monotonic()
        with self._state:
            self._retry_at = now + RETRY_AFTER
            if now - self._logged_at < LOG_EVERY:
                return
            self._logged_at = now
            dropped, self._pending.dropped = self._pending.dropped, 0
        log.warning(
            "counts: the %s database failed (%s); %d rows of counts wait in memory and are "
            "written when it answers again%s",
            self.database.kind,
            type(error).__name__,
            len(self._pending),
            f"; {dropped} requests were not counted (memory full)" if dropped else "",
        )


def point_set(points: Sequence[str]) -> str:
    """Return the point ids as stored: sorted, joined. Ids are the action's, never typed."""
    for point in points:
        if not _NAME.fullmatch(point):
            raise ValueError(f"not a point id: {point!r}")
    return POINT_SEPARATOR.join(sorted(set(points)))


def _figures(action: str, letters: list[tuple], posted: list[tuple]) -> ActionFigures:
    """Sum the rows of one action into its figures."""
    days: Counter[tuple[date, str]] = Counter()
    requests: Counter[tuple[date, str]] = Counter()
    point_sets: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    for _, day, channel, language, points, row_requests, row_letters in letters:
        days[day, channel] += row_letters
        requests[day, channel] += row_requests
        point_sets[points] += row_requests
        languages[language] += row_letters
    return ActionFigures(
        action=action,
        days=tuple(
            DayFigure(day, channel, days[day, channel], requests[day, channel])
            for day, channel in sorted(days)
            if days[day, channel] or requests[day, channel]
        ),
        point_sets=tuple(
            (tuple(points.split(POINT_SEPARATOR)) if points else (), n)
            for points, n in _most_first(point_sets)
        ),
        languages=tuple(_most_first(languages)),
        posted=sum(row[2] for row in posted),
    )


def _of(action: str, rows: list[tuple]) -> list[tuple]:
    return [row for row in rows if row[0] == action]


def _most_first(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(((k, n) for k, n in counter.items() if n), key=lambda item: (-item[1], item[0]))


def start_counts(app: Flask) -> Counts:
    """Make the app's counts from its configuration, touching no database yet.

    The server migrates as it starts (campaign/wsgi.py); anything else (commands, `flask
    run`) migrates on its first use of the database, so a command that counts nothing, such
    as `actions check`, makes no database file. With counting off, no engine is ever made.
    """
    services = app.extensions["campaign"]
    if not app.config["COUNTS_ENABLED"]:
        return Counts(None, services.today)
    url = database_url(app.config["DATABASE_URL"], app.instance_path)
    return Counts(Database(url, float(app.config["DATABASE_TIMEOUT"])), services.today)
