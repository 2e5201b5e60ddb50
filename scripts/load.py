"""Load the production server on 127.0.0.1 and print requests per second, latency and errors.

Starts gunicorn with the project's settings (workers = cores unless CAMPAIGN_WORKERS says
otherwise), then drives it with wrk for a bounded time per scenario: the form page, one-page
and three-page PDF letters, and the tweets page. Rate limiting is switched off for the run:
the point is what the machine carries, not what one client may ask for.

Run with: make load   (LOAD_SECONDS, LOAD_CONNECTIONS to change the defaults)
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from tests.support.live_server import live_server

SUPPORTER = {
    "name": "Ann Example",
    "about": "I am a retired nurse from Halifax and I follow this case closely.",
    "location": "Halifax, Nova Scotia",
    "address": "12 Example Street\nHalifax, NS B3H 1A1",
    "message": "Please act now to protect everyone at risk.",
    "points": ["investigate", "justice", "safety"],
    "paper": "letter",
}
ALL = ["kremlin", "embassy", "investigation-committee"]

# wrk prints this line at the end of a run, read back below.
_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'REPORT {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p99_ms": %.2f, '
    .. '"socket_errors": %d, "status_errors": %d, "timeouts": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, e.connect + e.read + e.write, e.status, e.timeout))
end
"""


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    path: str
    form: dict | None = None


@dataclass(frozen=True)
class LoadResult:
    scenario: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    socket_errors: int
    status_errors: int
    timeouts: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def errors(self) -> int:
        return self.socket_errors + self.status_errors + self.timeouts


# The shipped action's page and the address its form posts to.
ACTION_URL = "/actions/ua-2-19/"
LETTER_URL = ACTION_URL + "letter"

# The server as measured: no rate limit, a fixed key, no access log to write.
MEASURED_SERVER = {"CAMPAIGN_RATELIMIT_ENABLED": "false", "CAMPAIGN_SECRET_KEY": "load-test",
                   "CAMPAIGN_ACCESS_LOG": "/dev/null"}  # fmt: skip

SCENARIOS = [
    Scenario("form page", "GET", ACTION_URL),
    Scenario("PDF, 1 page", "POST", LETTER_URL, SUPPORTER | {"recipients": ["kremlin"]}),
    Scenario("PDF, 3 pages", "POST", LETTER_URL, SUPPORTER | {"recipients": ALL}),
    Scenario("tweets", "POST", LETTER_URL, SUPPORTER | {"recipients": ALL, "format": "tweet"}),
]


def open_session(base: str) -> tuple[str, str]:
    """Open the form like a browser: return its session cookie and CSRF token."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}{ACTION_URL}") as response:
        page = response.read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, token.group(1)


def _lua(scenario: Scenario, cookie: str, token: str) -> str:
    lines = [f'wrk.method = "{scenario.method}"', f'wrk.headers["Cookie"] = "{cookie}"']
    if scenario.form is not None:
        body = urllib.parse.urlencode(scenario.form | {"csrf_token": token}, doseq=True)
        lines += [
            f"wrk.body = {json.dumps(body)}",
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
        ]
    return "\n".join(lines) + _REPORT


def run_wrk(base: str, scenario: Scenario, *, seconds: int, connections: int) -> LoadResult:
    """Drive one scenario for a bounded time and return what wrk measured."""
    cookie, token = open_session(base)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(scenario, cookie, token))
    try:
        output = subprocess.run(
            [shutil.which("wrk") or "wrk", "--threads", "1", "--connections", str(connections),
             "--duration", f"{seconds}s", "--timeout", "30s", "--script", script.name,
             f"{base}{scenario.path}"],
            check=True, capture_output=True, text=True, timeout=seconds + 60,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    report = json.loads(output.split("REPORT ", 1)[1].splitlines()[0])
    return LoadResult(scenario=scenario.name, **report)


def print_results(results: list[LoadResult], connections: int, workers: str) -> None:
    print(f"load: {connections} concurrent clients, {workers} workers, 127.0.0.1")
    print(f"  {'scenario':<14}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'requests':>10}{'errors':>8}")
    for r in results:
        print(
            f"  {r.scenario:<14}{r.per_second:>9.1f}{r.p50_ms:>9.1f}{r.p99_ms:>9.1f}"
            f"{r.requests:>10}{r.errors:>8}"
        )


def main() -> int:
    seconds = int(os.environ.get("LOAD_SECONDS", "10"))
    connections = int(os.environ.get("LOAD_CONNECTIONS", "8"))
    workers = os.environ.get("CAMPAIGN_WORKERS", str(os.cpu_count()))
    log = Path(tempfile.mkdtemp()) / "server.log"
    with live_server(log, **MEASURED_SERVER, CAMPAIGN_WORKERS=workers) as base:
        results = [run_wrk(base, s, seconds=seconds, connections=connections) for s in SCENARIOS]
    print_results(results, connections, workers)
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
