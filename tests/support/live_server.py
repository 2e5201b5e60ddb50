"""Start the production server (`make run`'s nginx in front of gunicorn), or gunicorn alone."""

import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from campaign.config import PROJECT_DIR

# Between choosing a free port and nginx binding it, another process (a test running in
# parallel, a client's outgoing connection) may take it: then try another.
PORT_ATTEMPTS = 3
PORT_TAKEN = b"Address already in use"
START_TIMEOUT = 90
GUNICORN = Path(sys.executable).with_name("gunicorn")
LISTENING = re.compile(rb"Listening at: (http://\S+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def live_server(log_path: Path, **env: str) -> Iterator[str]:
    """Run `make run`'s server until the block ends; yield its base URL; log to log_path."""
    with server_process(log_path, **env) as (base, _):
        yield base


@contextmanager
def server_process(log_path: Path, **env: str) -> Iterator[tuple[str, int]]:
    """Like live_server, but yield the base URL and the process id of gunicorn's master.

    Each server has a private run directory (sockets, nginx's files) of its own.
    """
    for _ in range(PORT_ATTEMPTS):
        port = free_port()
        run_dir = Path(tempfile.mkdtemp(prefix="campaign-run-"))
        environment = {
            **os.environ,
            "CAMPAIGN_HOST": "127.0.0.1",
            "CAMPAIGN_PORT": str(port),
            "CAMPAIGN_WORKERS": "1",
            "CAMPAIGN_RUN_DIR": str(run_dir),
            "CAMPAIGN_COUNTS_ENABLED": "false",  # a test of counting sets it, with a database
            **env,
        }
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "campaign.server"],
                cwd=PROJECT_DIR,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # the instance (nginx, gunicorn) is one process group
            )
            base = f"http://127.0.0.1:{port}"
            try:
                if not _wait_until_ready(base, process, log_path):
                    continue
                yield base, int((run_dir / "gunicorn.pid").read_text())
                return
            finally:
                if process.poll() is None:
                    process.terminate()
                process.wait(timeout=60)
    raise RuntimeError(f"no free port in {PORT_ATTEMPTS} tries:\n{log_path.read_text()}")


def _wait_until_ready(base: str, process: subprocess.Popen, log_path: Path) -> bool:
    """Return True once the server is ready for letters, False if its port was taken.

    Only a server that said it is serving on this address is asked, as another may hold
    the port meanwhile.
    """
    serving = f"serving on {base} ".encode()
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        log = log_path.read_bytes()
        if PORT_TAKEN in log:
            return False
        if serving in log:
            try:
                with urllib.request.urlopen(f"{base}/readyz", timeout=5):
                    return True
            except OSError:
                pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(log.decode(errors="replace"))
        time.sleep(0.1)


@contextmanager
def gunicorn_alone(log_path: Path, *args: str, **env: str) -> Iterator[str]:
    """Run gunicorn alone (no proxy) until the block ends; yield its base URL; log to log_path.

    gunicorn reads the project's gunicorn.conf.py, then args (its command-line options), and
    binds 127.0.0.1:0: a port of its own choosing, read from its "Listening at:" line, so there
    is no race for a free one. CAMPAIGN_* variables of the caller's environment are not
    inherited; env is added last. The block starts once a worker answers /healthz, and fails
    with the log if the server stops first.
    """
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CAMPAIGN_")} | {
        "CAMPAIGN_BIND": "127.0.0.1:0",
        "CAMPAIGN_WORKERS": "1",
        "CAMPAIGN_SECRET_KEY": secrets.token_hex(16),
        "CAMPAIGN_COUNTS_ENABLED": "false",  # a test of counting sets it, with a database
        **env,
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [GUNICORN, "--config", "gunicorn.conf.py", *args, "campaign.wsgi:app"],
            cwd=PROJECT_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield _wait_until_healthy(process, log_path)
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=60)


def _wait_until_healthy(process: subprocess.Popen, log_path: Path) -> str:
    """Return gunicorn's base URL once a worker answers; fail with the log if it stopped."""
    deadline = time.monotonic() + START_TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        listening = LISTENING.search(log_path.read_bytes())
        if listening:
            base = listening.group(1).decode()
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5):
                    return base
            except OSError:
                pass
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not start:\n{log_path.read_text(errors='replace')}")
