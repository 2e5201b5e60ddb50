"""Load the production server on 127.0.0.1: its throughput, then the attacks it must survive.

Starts `make run`'s set-up (nginx in front of gunicorn, workers = cores unless
CAMPAIGN_WORKERS says otherwise) and first drives it with wrk for a bounded time per
scenario: the form page, a one-page letter, the form's default kit (the sending guide and a
letter to each of the three officials) and the tweets page. The default kit's rate is the
capacity the overload attacks are measured in.

Then each attack runs while a prober asks /healthz every 0.2 s (a probe not answered within
1 s counts as lost, as a load balancer counts it) and well-behaved supporters send a default
kit every second from addresses of their own (scripts/attacks.py). One row per attack says
what they saw, what the server shed, wasted and logged, and the workers' memory at the end,
and whether the attack's targets hold. The script exits with 1 when one does not.

Rate limits are off for the throughput and overload runs (the point is what the machine
carries, not what one client may ask for) and on for the one-address and rate-limit store
attacks, each on a server of its own.

Run with: make load   (LOAD_SECONDS scales every run, 10 by default; LOAD_CONNECTIONS is
wrk's concurrency)
"""

import asyncio
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from campaign.web.shedding import LEFT_DURING_RENDER
from campaign.web.shedding import SKIPPED as SKIPPED_FOR_GONE
from scripts import attacks
from scripts.attacks import Observed, Observers, Session, Tally
from tests.support.http import open_session, request
from tests.support.live_server import server_process
from tests.support.shipped import ACTION_URL, LETTER_URL

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
# What the form sends when a supporter changes nothing but their own words.
DEFAULT_KIT = SUPPORTER | {"recipients": ALL, "guide": "y"}
# The largest, slowest kit the limits let through (scripts/attacks.py), with envelopes.
COSTLY_KIT = DEFAULT_KIT | attacks.costliest_answers() | {"envelopes": "y"}
# A crowd of clients: few connections each, well within nginx's limit per address.
CROWD = attacks.crowd(250)

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


# The server as make bench measures it: no rate limit, a fixed key, no access log to write.
MEASURED_SERVER = {"CAMPAIGN_RATELIMIT_ENABLED": "false", "CAMPAIGN_SECRET_KEY": "load-test",
                   "CAMPAIGN_ACCESS_LOG": "/dev/null"}  # fmt: skip
# The server as attacked: its access log is read back (what it rendered and shed).
ATTACKED_SERVER = {"CAMPAIGN_ENV": "production", "CAMPAIGN_SECRET_KEY": "load-test",
                   "CAMPAIGN_ACCESS_LOG": "-"}  # fmt: skip

DEFAULT_KIT_SCENARIO = Scenario("default kit", "POST", LETTER_URL, DEFAULT_KIT)
SCENARIOS = [
    Scenario("form page", "GET", ACTION_URL),
    Scenario("PDF, 1 page", "POST", LETTER_URL, SUPPORTER | {"recipients": ["kremlin"]}),
    DEFAULT_KIT_SCENARIO,
    Scenario("tweets", "POST", LETTER_URL, SUPPORTER | {"recipients": ALL, "format": "tweet"}),
]


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


# --- The attacked server and its log -------------------------------------------------------


def worker_memory(master: int) -> dict[int, tuple[float, float]]:
    """Return each worker's resident and private memory in MB, by process id."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    result = {}
    for pid in map(int, children):
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0]) / 1024
        result[pid] = (fields["Rss"], fields["Private_Clean"] + fields["Private_Dirty"])
    return result


# gunicorn's access log: "METHOD /path" status size Nms.
_ACCESS = re.compile(r'^"(\S+) (\S+)" (\d{3}) ', re.MULTILINE)
# Lines that report a failure: gunicorn's and the app's errors, nginx's errors and worse
# (a refused or timed-out upstream, too few connections). Worker timeouts are counted apart.
_FAILURE = re.compile(
    r"^.*(\[ERROR\]|\[CRITICAL\]| ERROR in | CRITICAL in |Traceback|"
    r"\[error\]|\[crit\]|\[alert\]|\[emerg\]).*$",
    re.MULTILINE,
)
WORKER_TIMEOUT = "WORKER TIMEOUT"
STORE_DOWN = "rate-limit store: unreachable"


@dataclass(frozen=True)
class LogCounts:
    """What the server logged during one attack."""

    letters: dict[int, int]  # POST /letter answers by status
    skipped_for_gone: int
    left_during_render: int
    worker_timeouts: int
    workers_booted: int
    failures: list[str]
    store_down: int

    @classmethod
    def read(cls, text: str) -> "LogCounts":
        letters: dict[int, int] = {}
        for method, path, status in _ACCESS.findall(text):
            if method == "POST" and path == LETTER_URL:
                letters[int(status)] = letters.get(int(status), 0) + 1
        return cls(
            letters=letters,
            skipped_for_gone=text.count(SKIPPED_FOR_GONE),
            left_during_render=text.count(LEFT_DURING_RENDER),
            worker_timeouts=text.count(WORKER_TIMEOUT),
            workers_booted=text.count("Booting worker"),
            failures=[m.group(0) for m in _FAILURE.finditer(text) if WORKER_TIMEOUT not in m[0]],
            store_down=text.count(STORE_DOWN),
        )


@dataclass
class Server:
    """A running production set-up: where it listens, its master, its log, a form session."""

    base: str
    master: int
    log: Path
    session: Session
    memory_at_start: dict[int, tuple[float, float]]

    def log_size(self) -> int:
        return self.log.stat().st_size

    def log_since(self, offset: int) -> str:
        with self.log.open("rb") as log:
            log.seek(offset)
            return log.read().decode(errors="replace")

    def wait_until_quiet(self, offset: int, quiet: float = 1.5, limit: float = 30.0) -> float:
        """Wait until no letter has been answered for `quiet` s: the queue has drained.

        Return the time (time.monotonic) of the last answer.

        gunicorn logs a request once answered, so a request still queued or rendering when
        its client left is logged later than the client's end.
        """
        deadline = time.monotonic() + limit
        last, still_since = -1, time.monotonic()
        while time.monotonic() < deadline:
            count = sum(LogCounts.read(self.log_since(offset)).letters.values())
            if count != last:
                last, still_since = count, time.monotonic()
            elif time.monotonic() - still_since >= quiet:
                break
            time.sleep(0.1)
        return still_since


@contextmanager
def attacked_server(log: Path, **env: str) -> Iterator[Server]:
    with server_process(log, **ATTACKED_SERVER, **env) as (base, master):
        cookie, token = open_session(base)
        port = int(urllib.parse.urlsplit(base).port)
        yield Server(base, master, log, Session(port, cookie, token), worker_memory(master))


# --- Attacks, and what they did ------------------------------------------------------------


@dataclass(frozen=True)
class Attack:
    name: str
    run: Callable[[Server], Awaitable[Tally]]
    # Every well-behaved letter must be served. Under overload a letter may instead be shed
    # (503 with Retry-After, the form kept): that is the server working as meant.
    serve_all: bool = True
    # A line about the server after the attack (e.g. what readiness says), or None.
    after: Callable[[Server], str] | None = None
    # The capacity the attack is measured against, to compare what was rendered meanwhile.
    capacity: float | None = None


def percentile(values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of the values (nan if there are none)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))]


@dataclass
class Row:
    """One attack's results, and whether its targets hold."""

    attack: Attack
    observed: Observed
    tally: Tally
    log: LogCounts
    memory: dict[int, tuple[float, float]]
    memory_at_start: dict[int, tuple[float, float]]
    after: str | None
    seconds: float  # from the attack's start until its last letter was answered

    @property
    def rendered_for_gone(self) -> int:
        """Letters rendered for a client that had gone.

        gunicorn logs every letter it answers, including one whose client left while it
        waited or rendered: its 200 is logged though nginx has dropped the connection (the
        write to it fails quietly). A client counts a 200 it received when the answer's head
        reached it. Every letter in the attack comes from our clients, so the 200s logged
        beyond those received were rendered for no one. The app looks before anything is
        made (SKIPPED_FOR_GONE) and again once the PDF is made (LEFT_DURING_RENDER), each
        logged with a 503 instead: what remains here is a letter whose client left after
        the second look, while its answer was on its way.
        """
        received = self.tally.received_200 + sum(o.status == 200 for o in self.observed.letters)
        return self.log.letters.get(200, 0) - received

    @property
    def other_5xx(self) -> int:
        return self.tally.other_5xx + sum(o.other_5xx for o in self.observed.letters)

    @property
    def shed(self) -> int:
        return self.tally.shed + sum(o.shed for o in self.observed.letters)

    def failures(self) -> list[str]:
        """Say which targets do not hold, each in a few words."""
        failed = []
        observed = self.observed
        asked, answered = len(observed.probes), observed.probes_answered
        if answered < asked or observed.slowest_probe > attacks.PROBE_PATIENCE:
            failed.append(
                f"health: {asked - answered} of {asked} probes not answered within "
                f"{attacks.PROBE_PATIENCE:.0f} s"
            )
        letters = observed.letters
        served = len(observed.letters_served)
        if not letters:
            failed.append("letters: no well-behaved letter was sent")
        elif self.attack.serve_all and served < len(letters):
            failed.append(f"letters: {len(letters) - served} of {len(letters)} not served")
        else:
            lost = [o for o in letters if not (o.pdf or o.shed)]
            if lost:
                failed.append(f"letters: {len(lost)} neither served nor shed with Retry-After")
        if self.rendered_for_gone > 0:
            failed.append(f"{self.rendered_for_gone} letters rendered for clients that had gone")
        if self.other_5xx:
            failed.append(f"{self.other_5xx} answers 5xx other than a shed 503")
        if self.log.worker_timeouts:
            failed.append(f"{self.log.worker_timeouts} worker timeouts")
        if self.log.failures:
            failed.append(f"{len(self.log.failures)} failures in the server's log")
        return failed

    def memory_cell(self) -> str:
        rss = sum(r for r, _ in self.memory.values())
        private = sum(p for _, p in self.memory.values())
        start = sum(p for _, p in self.memory_at_start.values())
        return f"{rss:.0f}/{private:.0f} ({round(private - start):+d})"

    def cells(self) -> list[str]:
        observed = self.observed
        served = [o.seconds for o in observed.letters_served]
        return [
            self.attack.name,
            f"{observed.probes_answered}/{len(observed.probes)}",
            f"{observed.slowest_probe:.2f}",
            f"{len(served)}/{len(observed.letters)}",
            f"{percentile(served, 0.5):.2f}",
            f"{percentile(served, 0.99):.2f}",
            str(self.shed),
            f"{self.log.skipped_for_gone}/{self.log.left_during_render}/{self.rendered_for_gone}",
            str(self.other_5xx),
            str(self.log.worker_timeouts),
            self.memory_cell(),
            "ok" if not self.failures() else "FAIL",
        ]

    def notes(self) -> list[str]:
        tally = self.tally
        lines = []
        if tally.outcomes:
            lines.append(f"attackers: {tally.describe_requests()}")
        if tally.opened or tally.refused:
            lines.append(f"attackers: {tally.describe_connections()}")
        if tally.note:
            lines.append(f"attackers: {tally.note}")
        letters = self.observed.letters
        others = [o for o in letters if not o.pdf]
        if others:
            kinds: dict[str, int] = {}
            for o in others:
                kind = "gave up" if o.gave_up else o.error or str(o.status or "no answer")
                kind += " (shed)" if o.shed else ""
                kinds[kind] = kinds.get(kind, 0) + 1
            lines.append(
                "well-behaved letters not served: "
                + ", ".join(f"{n}× {kind}" for kind, n in kinds.items())
            )
        logged = ", ".join(f"{n}×{s}" for s, n in sorted(self.log.letters.items()))
        lines.append(f"server log: letters answered {logged or 'none'}")
        if self.attack.capacity:
            rate = self.log.letters.get(200, 0) / self.seconds
            lines.append(
                f"server: {rate:.1f} letters/s rendered until the queue drained "
                f"({self.seconds:.1f} s), {rate / self.attack.capacity:.2f}× capacity"
            )
        if self.log.workers_booted:
            lines.append(f"server log: {self.log.workers_booted} workers booted (replaced)")
        if self.log.store_down:
            lines.append(f"server log: {self.log.store_down}× '{STORE_DOWN}…'")
        if self.after:
            lines.append(self.after)
        distinct = list(dict.fromkeys(_without_time(line) for line in self.log.failures))
        for line in distinct[:3]:
            lines.append(f"server log: {line[:150]}")
        if len(distinct) > 3:
            lines.append(f"server log: … and {len(distinct) - 3} other kinds of failure")
        lines += [f"TARGET MISSED: {failure}" for failure in self.failures()]
        return lines


def _without_time(line: str) -> str:
    """Drop a log line's timestamp, process and connection numbers, to group alike lines."""
    line = re.sub(r"^\[[^]]*\] (\[\d+\] )?|^\d{4}/\d\d/\d\d [\d:]+ ", "", line)
    return re.sub(r"\d+#\d+: \*\d+ ", "", line)


def run_attack(server: Server, attack: Attack) -> Row:
    """Run one attack while the observers measure; wait for the queue to drain; read the log."""
    server.wait_until_quiet(server.log_size())  # the letters of what ran before are answered
    offset = server.log_size()
    with Observers(server.session, DEFAULT_KIT) as observers:
        began = time.monotonic()
        tally = asyncio.run(attack.run(server))
        observers.stop_letters()
        drained = server.wait_until_quiet(offset)
    return Row(
        attack=attack,
        observed=observers.observed,
        tally=tally,
        log=LogCounts.read(server.log_since(offset)),
        memory=worker_memory(server.master),
        memory_at_start=server.memory_at_start,
        after=attack.after(server) if attack.after else None,
        seconds=drained - began,
    )


def readiness(server: Server) -> str:
    answer = request(server.base, "GET", "/readyz", timeout=5)
    store = [line for line in answer.body.decode().splitlines() if "store" in line]
    return f"/readyz after the attack: {answer.status}, {'; '.join(store)}"


def slow_client_attacks(seconds: float) -> list[Attack]:
    """Idle, slow and stalled clients, over nginx's client timeouts (10 s) when unscaled."""
    few = attacks.crowd(4)  # more connections each than nginx allows one address
    span = 1.2 * seconds

    def idle(server: Server) -> Awaitable[Tally]:
        # The start of a request line, then nothing, as in the first report. nginx's limit
        # on connections per address counts a request once its head is read: not these.
        return attacks.hold_connections(
            server.session.port, [attacks.LONE], 5000, span, lambda n: attacks.PARTIAL_REQUEST
        )

    def slow_headers(server: Server) -> Awaitable[Tally]:
        return attacks.hold_connections(
            server.session.port,
            CROWD,
            1000,
            span,
            lambda n: attacks.SLOW_HEADERS_START,
            lambda n: b"X-Slow: 1\r\n",
            every=2.0,
        )

    def slow_bodies(server: Server) -> Awaitable[Tally]:
        letter = server.session.letter(DEFAULT_KIT)
        head_end = letter.index(b"\r\n\r\n") + 4
        # The head and the body's first 100 bytes; then every other one sends ten bytes
        # every 2 s (under nginx's 10 s between reads), the others nothing more.
        return attacks.hold_connections(
            server.session.port,
            few,
            256,
            span,
            lambda n: letter[: head_end + 100],
            lambda n: b"x" * 10 if n % 2 else b"",
            every=2.0,
        )

    def slow_readers(server: Server) -> Awaitable[Tally]:
        letter = server.session.letter(COSTLY_KIT)
        return attacks.read_slowly(server.session.port, letter, attacks.crowd(8), 24, span, 1024)

    return [
        Attack("idle ×5000, one address", idle),
        Attack("slow headers ×1000", slow_headers),
        Attack("slow bodies ×256, 4 addr", slow_bodies),
        Attack("slow readers ×24, 360 KB", slow_readers),
    ]


def overload_attacks(capacity: float, seconds: float) -> list[Attack]:
    """The default kit at 5× capacity from patient clients, and 10× from ones who give up."""

    def at(multiple: int, span: float, patience: Callable[[int], float]):
        async def run(server: Server) -> Tally:
            letter = server.session.letter(DEFAULT_KIT)
            tally = await attacks.flood(
                server.session.port, letter, multiple * capacity, span, CROWD, patience
            )
            sent = len(tally.outcomes) / tally.seconds
            tally.note = f"sent {sent / capacity:.1f}× the capacity measured"
            return tally

        return run

    return [
        Attack(
            f"5× capacity, {2 * seconds:.0f} s",
            at(5, 2 * seconds, lambda n: attacks.LETTER_PATIENCE),
            serve_all=False,
            capacity=capacity,
        ),
        # Patience spread over 1 to 4 s: every client gives up before the queue budget (5 s).
        Attack(
            f"10×, {seconds:.0f} s, giving up",
            at(10, seconds, attacks.spread(1, 4)),
            serve_all=False,
            capacity=capacity,
        ),
    ]


def one_address_attack(seconds: float) -> Attack:
    def costly(server: Server) -> Awaitable[Tally]:
        letter = server.session.letter(COSTLY_KIT)
        return attacks.within_limits(server.session.port, letter, attacks.LONE, 1.5 * seconds)

    return Attack("one address, costly letters", costly)


def store_down_attack(name: str, capacity: float, seconds: float) -> Attack:
    """Half the capacity in letters while the rate-limit store is down: all must be made."""

    def letters(server: Server) -> Awaitable[Tally]:
        letter = server.session.letter(DEFAULT_KIT)
        return attacks.flood(
            server.session.port,
            letter,
            capacity / 2,
            seconds,
            CROWD,
            lambda n: attacks.LETTER_PATIENCE,
        )

    return Attack(name, letters, after=readiness)


# --- The report ---------------------------------------------------------------------------

COLUMNS = [
    ("attack", 27, "<"),
    ("health", 9, ">"),
    ("max s", 6, ">"),
    ("letters", 8, ">"),
    ("p50 s", 6, ">"),
    ("p99 s", 6, ">"),
    ("shed", 6, ">"),
    ("gone s/l/r", 12, ">"),
    ("5xx", 5, ">"),
    ("timeouts", 9, ">"),
    ("MB rss/priv", 16, ">"),
    ("", 6, ">"),
]


def print_row(cells: list[str]) -> None:
    print("  " + "".join(f"{c:{a}{w}}" for c, (_, w, a) in zip(cells, COLUMNS, strict=True)))
    sys.stdout.flush()


def print_attack_header(workers: str) -> None:
    print()
    print(
        f"attacks: {workers} workers; a prober asks /healthz every "
        f"{attacks.PROBE_EVERY} s (target: all answered, each within "
        f"{attacks.PROBE_PATIENCE:.0f} s); well-behaved supporters send a default kit every "
        f"{attacks.LETTER_EVERY:.0f} s"
    )
    print(
        "  health: probes answered/asked, max s the slowest; letters: well-behaved served/sent,"
        " p50/p99 of those served;\n  shed: 503 with Retry-After received; gone s/l/r: letters "
        "whose client had gone: skipped before anything was made / left during the render\n  "
        "(a render is not interrupted) / rendered for a client already gone (target 0);\n  "
        "5xx: other than a shed 503 (target 0); timeouts: of workers (target 0); "
        "MB: workers' RSS/private at the end (private growth since start)"
    )
    print_row([name for name, _, _ in COLUMNS])


# Sockets the attacks hold at once, with room to spare: this process's and nginx's (which
# inherits the limit).
OPEN_FILES = 16384


def allow_open_files(count: int) -> None:
    """Raise this process's limit on open files to `count`, as far as the hard limit allows."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = count if hard == resource.RLIM_INFINITY else min(count, hard)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        print(f"open files: limit raised from {soft} to {wanted} for the attacks and the server")
    if wanted < count:
        print(f"open files: the hard limit ({hard}) is below {count}; slow-client attacks may fail")


def main() -> int:
    allow_open_files(OPEN_FILES)
    seconds = float(os.environ.get("LOAD_SECONDS", "10"))
    connections = int(os.environ.get("LOAD_CONNECTIONS", "8"))
    workers = os.environ.get("CAMPAIGN_WORKERS", str(os.cpu_count()))
    logs = Path(tempfile.mkdtemp(prefix="campaign-load-"))
    rows: list[Row] = []

    def attack_all(server: Server, group: list[Attack]) -> None:
        for attack in group:
            rows.append(run_attack(server, attack))
            print_row(rows[-1].cells())

    limits_off = {"CAMPAIGN_RATELIMIT_ENABLED": "false", "CAMPAIGN_WORKERS": workers}
    with attacked_server(logs / "limits-off.log", **limits_off) as server:
        results = [
            run_wrk(server.base, s, seconds=max(1, round(seconds)), connections=connections)
            for s in SCENARIOS
        ]
        print_results(results, connections, workers)
        capacity = next(r for r in results if r.scenario == DEFAULT_KIT_SCENARIO.name).per_second
        print(
            f"capacity: {capacity:.1f} default kits/s; 5× = {5 * capacity:.0f}/s, "
            f"10× = {10 * capacity:.0f}/s"
        )
        print_attack_header(workers)
        # Overload first, while the capacity measured holds best (the machine's speed drifts).
        attack_all(server, overload_attacks(capacity, seconds) + slow_client_attacks(seconds))

    limits_on = {"CAMPAIGN_RATELIMIT_ENABLED": "true", "CAMPAIGN_WORKERS": workers}
    private_store = f"sqlite:///{logs / 'ratelimit.sqlite3'}"
    with attacked_server(
        logs / "limits-on.log", **limits_on, CAMPAIGN_RATELIMIT_STORAGE_URI=private_store
    ) as server:
        attack_all(server, [one_address_attack(seconds)])

    for name, store in (
        ("Redis refused", attacks.refusing_redis),
        ("Redis hung", attacks.hung_redis),
    ):
        with ExitStack() as stack:
            uri = stack.enter_context(store())
            server = stack.enter_context(
                attacked_server(
                    logs / f"{name.split()[1]}.log", **limits_on, CAMPAIGN_RATELIMIT_STORAGE_URI=uri
                )
            )
            attack_all(server, [store_down_attack(f"{name}, ½ capacity", capacity, seconds)])

    print()
    for row in rows:
        print(f"{row.attack.name}:")
        for line in row.notes():
            print(f"  {line}")
    failed = [row.attack.name for row in rows if row.failures()]
    wrk_errors = [r.scenario for r in results if r.errors]
    print()
    print(f"server logs: {logs}")
    if wrk_errors:
        print(f"throughput runs with errors: {', '.join(wrk_errors)}")
    if failed:
        print(f"targets missed: {', '.join(failed)}")
        return 1
    if wrk_errors:
        return 1
    print("every target holds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
