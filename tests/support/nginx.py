"""nginx alone, on a configuration a test prepared: started, waited for, stopped."""

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from campaign.server.run import find_nginx
from tests.support.http import request


@contextmanager
def nginx_serving(run_dir: Path, config: Path, port: int, probe: str) -> Iterator[str]:
    """Run nginx until the block ends; yield its base URL once it answers GET `probe`.

    Its errors go to nginx.log in the run directory, shown if it exits before answering.
    """
    log = run_dir / "nginx.log"
    with log.open("wb") as errors:
        process = subprocess.Popen(
            [find_nginx(), "-p", str(run_dir), "-c", str(config), "-g", "daemon off;"],
            stderr=errors,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                request(base, "GET", probe, timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(log.read_text())
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
