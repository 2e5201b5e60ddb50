"""Two instances behind a load balancer, sharing Redis: one count, and no outage when one dies."""

import os
import signal
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from campaign.server.run import PROJECT_DIR, fill_template, make_nginx_dirs
from tests.support.forms import form_with
from tests.support.http import form_body, open_session, request
from tests.support.live_server import free_port, server_process
from tests.support.nginx import nginx_serving
from tests.support.redis_server import redis_server
from tests.support.shipped import LETTER_URL

BALANCER = PROJECT_DIR / "deploy" / "balancer.conf.template"


@contextmanager
def balancer(instances: list[str]):
    """Run nginx as a load balancer over the instances' base URLs; yield its base URL."""
    run_dir = Path(tempfile.mkdtemp(prefix="campaign-balancer-"))
    make_nginx_dirs(run_dir)
    port = free_port()
    servers = "\n        ".join(
        f"server {base.removeprefix('http://')} max_fails=1 fail_timeout=5s;" for base in instances
    )
    config = run_dir / "nginx.conf"
    config.write_text(
        fill_template(
            BALANCER.read_text(),
            {
                "CAMPAIGN_LISTEN": f"127.0.0.1:{port}",
                "CAMPAIGN_RUN_DIR": str(run_dir),
                "CAMPAIGN_INSTANCES": servers,
            },
        )
    )
    with nginx_serving(run_dir, config, port, "/healthz") as base:
        yield base


@pytest.fixture
def cluster(tmp_path):
    with ExitStack() as stack:
        redis = stack.enter_context(redis_server())
        settings = {
            "CAMPAIGN_SECRET_KEY": "shared-by-every-instance",
            "CAMPAIGN_RATELIMIT_STORAGE_URI": redis,
            "CAMPAIGN_LETTER_RATE_LIMIT": "4 per minute",
            # A trusted proxy in front of the balancer gives each client's address.
            "CAMPAIGN_PROXY_COUNT": "3",
        }
        instances = [
            stack.enter_context(server_process(tmp_path / f"instance-{n}.log", **settings))
            for n in (1, 2)
        ]
        front = stack.enter_context(balancer([base for base, _ in instances]))
        yield front, instances, tmp_path


def _letter(front, cookie, token, client: str):
    return request(
        front,
        "POST",
        LETTER_URL,
        form_body(form_with(recipients=["kremlin"]), token),
        {"Cookie": cookie, "X-Forwarded-For": client},
    )


def test_the_rate_limit_holds_across_instances_and_a_killed_instance_is_routed_around(cluster):
    front, instances, logs = cluster
    cookie, token = open_session(front)

    statuses = [_letter(front, cookie, token, "198.51.100.7").status for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    for n in (1, 2):  # both instances counted into the one limit
        assert '"POST /actions/ua-2-19/letter" 200' in (logs / f"instance-{n}.log").read_text()

    def letter(n):
        return _letter(front, cookie, token, f"203.0.113.{n % 250}").status

    with ThreadPoolExecutor(2) as pool:
        before = list(pool.map(letter, range(10)))
        during = pool.map(letter, range(10, 40))
        time.sleep(0.3)
        os.killpg(os.getpgid(instances[0][1]), signal.SIGKILL)  # its nginx and gunicorn
        during = list(during)
        after = list(pool.map(letter, range(40, 60)))
    assert before == [200] * 10
    assert during.count(200) >= len(during) - 2  # at most the two in flight may fail
    assert after == [200] * 20
