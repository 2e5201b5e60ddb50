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
    port = free_port()
    environment = {
        **os.environ,
        "CAMPAIGN_HOST": "127.0.0.1",
        "CAMPAIGN_PORT": str(port),
        "CAMPAIGN_WORKERS": "1",
        **env,
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
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
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=1):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(log_path.read_text()) from None
                    time.sleep(0.1)
            yield base, process.pid
        finally:
            process.terminate()
            process.wait(timeout=30)
