"""The counts' database: an engine made lazily in each process, with short timeouts.

SQLite (a file in the instance folder) by default; PostgreSQL when CAMPAIGN_DATABASE_URL
says so. The engine is made on first use, never on import or when counting is off, and a
forked worker drops the connections it inherited (gunicorn preloads the app in its master).
"""

import math
import os
import sqlite3
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL

# The server's start-up and `counts migrate` wait this long for another process's migration
# (or lock) to end; a migration on the way to a count waits no longer than the count would.
MIGRATION_TIMEOUT = 10.0
# Any constant, the same in every instance: the PostgreSQL advisory lock migrations hold.
MIGRATION_LOCK = 0x636F756E7473  # "counts"

_databases: "weakref.WeakSet[Database]" = weakref.WeakSet()


def database_url(configured: str | None, instance_path: str) -> URL:
    """Return the URL to use: the configured one (PostgreSQL through psycopg 3), or the file."""
    if not configured:
        return make_url(f"sqlite:///{Path(instance_path) / 'counts.sqlite3'}")
    url = make_url(configured)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


class Database:
    """One database's engine, made lazily per process, and the kind named in logs."""

    def __init__(self, url: URL, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self.kind = "PostgreSQL" if url.get_backend_name() == "postgresql" else "SQLite"
        self._engine: Engine | None = None
        _databases.add(self)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url, self.timeout)
        return self._engine

    @contextmanager
    def migrating(self, timeout: float) -> Iterator[Connection]:
        """Yield a connection in a transaction that no other process's migration runs beside.

        SQLite: the transaction begins IMMEDIATE (the file's write lock); PostgreSQL: it holds
        an advisory lock until it ends. Either waits up to `timeout` seconds for another.
        """
        engine = make_engine(self.url, timeout, immediate=True)
        try:
            with engine.begin() as connection:
                if self.kind == "PostgreSQL":
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                yield connection
        finally:
            engine.dispose()

    def forget_inherited_connections(self) -> None:
        """In a forked child: leave the parent's connections to the parent, open new ones."""
        if self._engine is not None:
            self._engine.dispose(close=False)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def make_engine(url: URL, timeout: float, *, immediate: bool = False) -> Engine:
    """Return an engine that waits at most about `timeout` seconds for anything."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, timeout, immediate=immediate)
    milliseconds = max(1, round(timeout * 1000))
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_timeout=timeout,
        connect_args={
            # libpq waits at least 2 s to connect, whatever is asked.
            "connect_timeout": max(1, math.ceil(timeout)),
            "options": f"-c statement_timeout={milliseconds} -c lock_timeout={milliseconds}",
        },
    )


def _use_wal(cursor: sqlite3.Cursor, timeout: float) -> None:
    """Put the file in WAL mode, waiting up to `timeout` for another process's lock.

    Switching a new file to WAL takes its exclusive lock, and SQLite answers "database is
    locked" at once, without its busy timeout, while another connection holds the file (a
    worker migrating as this one starts): so wait here. Once a file is in WAL mode, it stays
    so, and this returns at once.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _sqlite_engine(url: URL, timeout: float, *, immediate: bool) -> Engine:
    """SQLite in WAL mode, so several workers write one file; a busy file waits `timeout`."""
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_timeout=timeout, connect_args={"timeout": timeout})
    milliseconds = max(1, round(timeout * 1000))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # The driver's own transaction handling is off: SQLAlchemy's "begin" event says BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
            _use_wal(cursor, timeout)
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def all_databases() -> list[Database]:
    """Every database object of this process (the engines a fork must not share)."""
    return list(_databases)


def _after_fork_in_child() -> None:
    for database in all_databases():
        database.forget_inherited_connections()


os.register_at_fork(after_in_child=_after_fork_in_child)
