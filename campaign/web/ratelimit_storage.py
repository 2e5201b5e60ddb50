"""Where rate-limit counters live: a file all of an instance's workers share, and a fallback.

`SQLiteStorage` (scheme `sqlite://`) is the default store: one file in the instance folder,
so a limit means the same however many workers the instance runs, with no server to run.
`FallbackStorage` stands in front of whichever store is configured (that file, or Redis for
several machines): when the store refuses, fails or hangs past a short timeout, the worker
counts in its own memory, logs it at most once a minute, and asks the store again a few
seconds later. Both register with `limits`, as its own storages do, so Flask-Limiter builds
them from a URI.
"""

import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from time import monotonic
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from limits.errors import ConfigurationError
from limits.storage import MemoryStorage, RedisStorage, Storage, storage_from_string

log = logging.getLogger(__name__)

# While the store does not answer, each worker asks it again at most this often: a request
# waits for the store's timeout at most once per interval per worker.
RECHECK_SECONDS = 5.0
# A store that stays down is reported again at most this often.
REPORT_SECONDS = 60.0
# Expired counters are deleted from the file at most this often by each worker.
PURGE_SECONDS = 60.0

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS counters ("
    " key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at REAL NOT NULL"
    ") WITHOUT ROWID"
)
# One statement, so one atomic step however many workers hit the same key: a window that
# has expired starts again from this hit; a live one keeps its expiry and adds to its count.
_INCREMENT = """
INSERT INTO counters (key, count, expires_at) VALUES (:key, :amount, :expires_at)
ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN expires_at > :now THEN count + :amount ELSE :amount END,
    expires_at = CASE WHEN expires_at > :now THEN expires_at ELSE :expires_at END
RETURNING count
"""


class SQLiteStorage(Storage):
    """Fixed-window counters in one SQLite file, shared by every process that opens it.

    `sqlite:///var/lib/campaign/ratelimit.sqlite3` (absolute) or `sqlite://instance/x`
    (relative to the working directory). Chosen over shared memory because SQLite's locks
    are the operating system's file locks, released when a process dies: a worker killed in
    the middle of a write (gunicorn's timeout) never leaves the others waiting, which a lock
    in shared memory would. It needs no server, works whether or not the app is preloaded
    before the fork, and is in the standard library. In WAL mode, without a sync at each
    write (counters need not survive a power cut), a hit costs under a tenth of a millisecond.

    Each process opens its own connection when it first counts: SQLite forbids using a
    connection across a fork, and gunicorn forks its workers from the preloaded app.
    """

    STORAGE_SCHEME: ClassVar[list[str]] = ["sqlite"]

    def __init__(
        self,
        uri: str,
        wrap_exceptions: bool = False,
        timeout: float = 5.0,
        **options: float | str | bool,
    ) -> None:
        """Open the file once to create it and its table, so a bad path stops start-up.

        timeout: seconds to wait while another process writes before giving up.
        """
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        parts = urlsplit(uri)
        if not (parts.netloc or parts.path):
            raise ConfigurationError(f"{uri!r} names no file: use sqlite:///path/to/file")
        self.path = Path(unquote(parts.netloc + parts.path))
        self.timeout = float(timeout)
        self._local = threading.local()
        self._next_purge = 0.0
        try:
            self._connect().close()
        except sqlite3.Error as error:
            raise ConfigurationError(f"cannot use {self.path} for rate limits: {error}") from error

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(_SCHEMA)
        return connection

    def _connection(self) -> sqlite3.Connection:
        """Return this process's (and thread's) connection, opening it if need be."""
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            # One inherited through a fork is the parent's: keep it from being closed here.
            local.inherited = getattr(local, "connection", None)
            local.connection = self._connect()
            local.pid = os.getpid()
        return local.connection

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        connection = self._connection()
        if now >= self._next_purge:
            self._next_purge = now + PURGE_SECONDS
            connection.execute("DELETE FROM counters WHERE expires_at <= ?", (now,))
        values = {"key": key, "amount": amount, "expires_at": now + expiry, "now": now}
        # fetchall: the write is committed once the statement has run to its end.
        return connection.execute(_INCREMENT, values).fetchall()[0][0]

    def get(self, key: str) -> int:
        window = self._window(key)
        return window[0] if window else 0

    def get_expiry(self, key: str) -> float:
        window = self._window(key)
        return window[1] if window else time.time()

    def _window(self, key: str) -> tuple[int, float] | None:
        """Return the count and expiry of the key's window, if one is open."""
        return (
            self._connection()
            .execute(
                "SELECT count, expires_at FROM counters WHERE key = ? AND expires_at > ?",
                (key, time.time()),
            )
            .fetchone()
        )

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))

    def reset(self) -> int:
        return self._connection().execute("DELETE FROM counters").rowcount

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1").fetchall()
        except sqlite3.Error:
            return False
        return True


def timeout_options(uri: str, seconds: float) -> dict[str, float]:
    """Return the options that bound how long the store at `uri` may keep a request waiting.

    Redis: connecting, then each answer (redis-py's connections made from a URI do not
    retry). SQLite: waiting for another worker's write. A Redis URI's own query string
    (`?socket_timeout=…`) wins over these.
    """
    scheme = urlsplit(uri).scheme
    if scheme in RedisStorage.STORAGE_SCHEME:
        return {"socket_connect_timeout": seconds, "socket_timeout": seconds}
    if scheme in SQLiteStorage.STORAGE_SCHEME:
        return {"timeout": seconds}
    return {}


class FallbackStorage(Storage):
    """The configured store, or this worker's memory while that store does not answer.

    Built from `campaign-fallback://` with the store's own URI as `primary` and the store's
    options beside it. Counting goes on in memory (so per worker) from the first failure;
    the store is asked again at most every RECHECK_SECONDS, and used again as soon as it
    answers. Flask-Limiter's own in-memory fallback is not used: it logs at every switch (a
    flapping store floods the log), keeps its state private (no answer for a readiness
    check), and covers only the limits it applies, not one_render_per_client's marks.
    """

    STORAGE_SCHEME: ClassVar[list[str]] = ["campaign-fallback"]

    def __init__(
        self,
        uri: str,
        primary: str,
        wrap_exceptions: bool = False,
        **options: float | str | bool,
    ) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions)
        self.primary = storage_from_string(primary, **options)
        # The kind of error the store last gave (e.g. "ConnectionError"), while it is down.
        self.failure: str | None = None
        self._local: MemoryStorage | None = None
        self._recheck_at = 0.0
        self._reported_at: float | None = None
        self._outage_reported = False

    @property
    def base_exceptions(self) -> tuple[type[Exception], ...]:
        return ()  # the store's errors never leave this class

    @property
    def local(self) -> MemoryStorage:
        """Return this worker's own counters, made when first needed (after any fork)."""
        if self._local is None:
            self._local = MemoryStorage()
        return self._local

    def _call(self, operation: str, *args, **kwargs):
        """Run an operation on the store, or locally while the store is down."""
        if self.failure is None or monotonic() >= self._recheck_at:
            try:
                result = getattr(self.primary, operation)(*args, **kwargs)
            except self.primary.base_exceptions as error:
                self._went_down(error)
            else:
                self._came_back()
                return result
        return getattr(self.local, operation)(*args, **kwargs)

    def _went_down(self, error: Exception) -> None:
        now = monotonic()
        self.failure = type(error).__name__
        self._recheck_at = now + RECHECK_SECONDS
        if self._reported_at is None or now - self._reported_at >= REPORT_SECONDS:
            self._reported_at = now
            self._outage_reported = True
            # The kind of error only: no traceback, and its message could name a host.
            log.warning(self.status_message())

    def _came_back(self) -> None:
        if self.failure is None:
            return
        self.failure = None
        if self._outage_reported:  # as loud as the line that said it was down
            self._outage_reported = False
            log.warning("rate-limit store: answering again, counting there")

    def status_message(self) -> str:
        if self.failure is None:
            return "rate-limit store: ok"
        return f"rate-limit store: unreachable, counting locally ({self.failure})"

    def status(self) -> tuple[bool, str]:
        """Ask the store (unless it failed moments ago); say whether it answers, and how."""
        self._call("get", "campaign/store-status")
        return self.failure is None, self.status_message()

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        return self._call("incr", key, expiry, amount=amount)

    def get(self, key: str) -> int:
        return self._call("get", key)

    def get_expiry(self, key: str) -> float:
        return self._call("get_expiry", key)

    def clear(self, key: str) -> None:
        self._call("clear", key)

    def reset(self) -> int | None:
        if self._local is not None:
            self._local.reset()
        return self._call("reset")

    def check(self) -> bool:
        return self.status()[0]
