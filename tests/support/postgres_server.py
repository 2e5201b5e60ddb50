"""A throwaway PostgreSQL server for the tests that count letters (make test installs it).

PostgreSQL refuses to run as root, so its programs run as the `postgres` user, in a private
directory it owns (data, and the Unix socket), on a free port of 127.0.0.1, trusting local
connections: nothing of the machine's own clusters is used or touched.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path

import psycopg

from tests.support.live_server import free_port

START_TIMEOUT = 30
USER = "postgres"


def postgres_binaries() -> Path:
    """Return the newest installed PostgreSQL's bin folder (Debian's layout)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=_version)
    assert found, "PostgreSQL is missing: run `make test`, which installs it (postgresql)"
    return found[-1].parent


def _version(path: Path) -> int:
    return int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0


class PostgresServer:
    """One server in its own directory: start, stop (to test a database that is down), and
    a fresh database per test."""

    def __init__(self) -> None:
        self.bin = postgres_binaries()
        self.dir = Path(tempfile.mkdtemp(prefix="campaign-postgres-"))
        shutil.chown(self.dir, USER, USER)
        self.data = self.dir / "data"
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self._names = count(1)
        self._run(
            "initdb", "-D", str(self.data), "-U", USER, "-A", "trust", "-E", "UTF8",
            "--no-locale", "--no-sync",
        )  # fmt: skip

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        """Start the server and wait until it takes connections."""
        with (self.dir / "server.log").open("ab") as log:
            self.process = subprocess.Popen(
                [
                    self.bin / "postgres", "-D", self.data, "-p", str(self.port),
                    "-h", "127.0.0.1", "-k", self.dir,
                    "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=50",
                ],
                user=USER,
                group=USER,
                stdout=subprocess.DEVNULL,
                stderr=log,
                cwd=self.dir,
            )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                psycopg.connect(self.url(), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(self.log()) from None
                time.sleep(0.1)

    def stop(self) -> None:
        """Stop at once (PostgreSQL's fast shutdown: clients are disconnected)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            self.process.wait(timeout=30)
        self.process = None

    def new_database(self) -> str:
        """Create an empty database; return its URL."""
        name = f"counts_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def log(self) -> str:
        path = self.dir / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(
            [self.bin / program, *args], user=USER, group=USER, cwd=self.dir,
            check=True, capture_output=True,
        )  # fmt: skip


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """Run a PostgreSQL server until the block ends; yield it; remove its files at the end."""
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.remove()
