"""A throwaway Redis server for the tests that share counters (make test installs it)."""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.live_server import free_port


@contextmanager
def redis_server(port: int | None = None) -> Iterator[str]:
    """Run Redis on the port (a free one by default) until the block ends; yield its URL."""
    binary = shutil.which("redis-server")
    assert binary, "make test installs redis-server"
    port = port or free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as attempt:
                if attempt.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
