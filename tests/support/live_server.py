"""Start the production server (gunicorn with the project's settings) on a free local port."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from campaign.config import PROJECT_DIR

# Between choosing a free port and gunicorn binding it, another process (a test running in
# parallel, a client's outgoing connection) may take it: then try another.
PORT_ATTEMPTS = 3
PORT_TAKEN = b"Address already in use"


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
    """Like live_server, but yield the base URL and the process id of gunicorn's master."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    for _ in range(PORT_ATTEMPTS):
        port = free_port()
        environment = {
            **os.environ,
            "CAMPAIGN_HOST": "127.0.0.1",
            "CAMPAIGN_PORT": str(port),
            "CAMPAIGN_WORKERS": "1",
            **env,
        }
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [gunicorn, "--config", "gunicorn.conf.py", "campaign.wsgi:app"],
                cwd=PROJECT_DIR,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            base = f"http://127.0.0.1:{port}"
            try:
                if not _wait_until_healthy(base, process, log_path):
                    process.kill()  # still retrying the bind: nothing to shut down gracefully
                    continue
                yield base, process.pid
                return
            finally:
                process.terminate()
                process.wait(timeout=30)
    raise RuntimeError(f"no free port in {PORT_ATTEMPTS} tries:\n{log_path.read_text()}")


def _wait_until_healthy(base: str, process: subprocess.Popen, log_path: Path) -> bool:
    """Return True once the server answers, False if its port was taken; raise if it failed.

    Only a server that logged binding the port is asked, as another may hold it meanwhile:
    so the log level must show gunicorn's "Listening at" (info, the default, or debug).
    """
    listening = f"Listening at: {base} ".encode()
    deadline = time.monotonic() + 30
    while True:
        log = log_path.read_bytes()
        if PORT_TAKEN in log:
            return False
        if listening in log:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1):
                    return True
            except OSError:
                pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(log.decode(errors="replace"))
        time.sleep(0.1)
