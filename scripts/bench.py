"""Benchmark the app: render overhead, page times, memory, cold start, throughput, worst case.

Prints every figure with its target; asserts nothing (timed unit tests would be flaky).
Run with: make bench   (BENCH_LOAD_SECONDS to change the 20 s load runs)
"""

import gc
import os
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from werkzeug.test import EnvironBuilder

from campaign import create_app
from campaign.compose import Answers, compose_letters
from campaign.compose.rules import FIELD_LIMITS
from campaign.documents import PAPERS, LetterPack
from campaign.pdf import ASSETS_DIR
from campaign.pdf.fetcher import AssetFetcher
from scripts.live_server import live_server
from scripts.load import (
    ALL,
    SUPPORTER,
    LoadResult,
    Scenario,
    open_session,
    print_results,
    run_wrk,
)

CORES = os.cpu_count() or 1


def timings(action: Callable[[], object], count: int) -> list[float]:
    """Return the seconds each of `count` calls took, after one untimed call."""
    action()
    result = []
    for _ in range(count):
        start = time.perf_counter()
        action()
        result.append(time.perf_counter() - start)
    return result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def rss_mb() -> float:
    """Return this process's resident memory in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES TARGET"


class BareRenderer:
    """WeasyPrint used well but without the app: one font configuration, CSS parsed once."""

    def __init__(self) -> None:
        fetcher = AssetFetcher(ASSETS_DIR)
        fonts = FontConfiguration()
        stylesheet = CSS(filename=str(ASSETS_DIR / "letter.css"), url_fetcher=fetcher,
                         font_config=fonts)  # fmt: skip
        self.stylesheets = [stylesheet, CSS(string=PAPERS["letter"].css(), font_config=fonts)]
        self.fonts, self.fetcher = fonts, fetcher
        self.base_url = ASSETS_DIR.resolve().as_uri() + "/"

    def render(self, html: str) -> bytes:
        document = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
        return document.write_pdf(
            stylesheets=self.stylesheets, font_config=self.fonts, pdf_tags=True
        )


def wsgi_call(app, method: str, path: str, form: dict | None = None, status: int = 200):
    """Return a call of the app as the production server makes it: one WSGI request, read whole.

    The request is prepared once (as the server parses it before the app runs), so the time
    is the app's own, not the test client's encoding of the form.
    """
    builder = EnvironBuilder(path=path, method=method, data=form)
    environ = builder.get_environ()
    body = environ["wsgi.input"].read()
    builder.close()

    def call() -> bytes:
        statuses = []
        result = app(environ | {"wsgi.input": BytesIO(body)},
                     lambda status, headers, exc_info=None: statuses.append(status))  # fmt: skip
        try:
            data = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
        if not statuses[0].startswith(str(status)):
            raise RuntimeError(f"{method} {path} answered {statuses[0]}, not {status}")
        return data

    return call


def letter_html(app, recipients: list[str]) -> str:
    """Return the HTML the app renders for the benchmark's supporter."""
    services = app.extensions["campaign"]
    content = services.content
    answers = Answers(
        name=SUPPORTER["name"], about=SUPPORTER["about"], location=SUPPORTER["location"],
        address=SUPPORTER["address"], message=SUPPORTER["message"],
        points=tuple(SUPPORTER["points"]), recipients=tuple(recipients),
    )  # fmt: skip
    letters = compose_letters(content.action, content.recipients, answers, date.today())
    pack = LetterPack(letters=letters, paper=PAPERS["letter"])
    return services.documents.render_html(pack, title="Letter — UA 2/19", language="en")


def paired_timings(
    first: Callable[[], object], second: Callable[[], object], count: int
) -> tuple[list[float], list[float]]:
    """Time two actions in turn, so both meet the same machine (load, clock, caches)."""
    for _ in range(10):  # untimed: both settle (caches, allocator) before timing starts
        first(), second()
    a, b = [], []
    for _ in range(count):
        for action, times in ((first, a), (second, b)):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return a, b


def in_process(app) -> float:
    """Print app and bare render times; return the one-page letters per second of one process."""
    bare = BareRenderer()
    print(
        "PDF letters in-process: POST /letter as a WSGI call, and the bare render of the same"
        " HTML, timed in turn (median, p90 of 100):"
    )
    single_rate = 0.0
    for label, recipients in (("1 recipient ", ["kremlin"]), ("3 recipients", ALL)):
        form = SUPPORTER | {"recipients": recipients}
        html = letter_html(app, recipients)
        app_times, bare_times = paired_timings(
            wsgi_call(app, "POST", "/letter", form),
            lambda html=html: bare.render(html),
            100,
        )
        # Each pair ran back to back, so its ratio cancels the machine's drift between pairs.
        ratio = statistics.median(a / b for a, b in zip(app_times, bare_times, strict=True))
        print(
            f"  {label}: app {ms(statistics.median(app_times))} (p90 {ms(p90(app_times))}), "
            f"bare WeasyPrint {ms(statistics.median(bare_times))} (p90 {ms(p90(bare_times))}), "
            f"app/bare (median of paired ratios) {ratio:.3f} "
            f"[target <= 1.10: {verdict(ratio <= 1.10)}]"
        )
        if len(recipients) == 1:
            single_rate = 1 / statistics.median(app_times)
    print("Pages that are not PDFs, in-process (median of 200):")
    for label, call in (
        ("form page   ", wsgi_call(app, "GET", "/")),
        (
            "tweets page ",
            wsgi_call(app, "POST", "/letter", SUPPORTER | {"recipients": ALL, "format": "tweet"}),
        ),
        (
            "letter text ",
            wsgi_call(app, "POST", "/letter", SUPPORTER | {"recipients": ALL, "format": "text"}),
        ),
        (
            "form mistake",
            wsgi_call(app, "POST", "/letter", SUPPORTER | {"points": ["justice"]}, 400),
        ),
    ):
        times = timings(call, 200)
        median = statistics.median(times)
        print(f"  {label}: {ms(median)} [target < 5 ms: {verdict(median < 0.005)}]")
    return single_rate


def memory(app) -> None:
    post = wsgi_call(app, "POST", "/letter", SUPPORTER | {"recipients": ["kremlin"]})
    gc.collect()
    before = rss_mb()
    for _ in range(1000):
        post()
    gc.collect()
    after = rss_mb()
    growth = after - before
    print(
        f"Memory over 1,000 letters: {before:.1f} MB before, {after:.1f} MB after, "
        f"growth {growth:.1f} MB [target < 10 MB: {verdict(growth < 10)}]"
    )


def worst_case(app) -> None:
    """Time the heaviest input the limits allow: every field full, marks and unbroken words."""

    def full(unit: str, field: str) -> str:
        limit = FIELD_LIMITS[field].max_chars
        return (unit * limit)[:limit]

    lines = FIELD_LIMITS["address"].max_lines
    form = SUPPORTER | {
        "name": full("Z\u0301\u0308", "name"),
        "about": full("Ẅ" * 59 + " ", "about"),
        "location": full("x\u0323", "location"),
        "address": "\n".join([full("W" * 49, "address")[:49]] * lines),
        "message": "\n".join(["e\u0301\u0302\u0303" * 24] * 6)[:600],
        "recipients": ALL,
        "guide": "y",
        "envelopes": "y",
    }
    post = wsgi_call(app, "POST", "/letter", form)  # fails unless every answer is a PDF
    times = timings(post, 5)
    median = statistics.median(times)
    print(
        f"Worst input the limits allow (3 letters, guide, envelopes): "
        f"median {ms(median)}, max {ms(max(times))} "
        f"[target < 1 s: {verdict(max(times) < 1)}]"
    )


def cold_start() -> tuple[float, list[float], float]:
    """Boot the production server; return seconds to the first PDF, the first requests'
    times (each worker's first letter among them) and the steady time."""
    form = SUPPORTER | {"recipients": ["kremlin"]}
    log = Path(tempfile.mkdtemp()) / "server.log"
    env = {"CAMPAIGN_SECRET_KEY": "bench", "CAMPAIGN_RATELIMIT_ENABLED": "false",
           "CAMPAIGN_ACCESS_LOG": "/dev/null", "CAMPAIGN_WORKERS": str(CORES)}  # fmt: skip
    start = time.perf_counter()
    with live_server(log, **env) as base:
        cookie, token = open_session(base)
        body = urllib.parse.urlencode(form | {"csrf_token": token}, doseq=True).encode()

        def post() -> bytes:
            request = urllib.request.Request(f"{base}/letter", body, {"Cookie": cookie})
            with urllib.request.urlopen(request) as response:
                return response.read()

        firsts = []
        for _ in range(2 * CORES):  # spread over the workers, none warmed by a request
            began = time.perf_counter()
            post()
            firsts.append(time.perf_counter() - began)
            if len(firsts) == 1:
                to_first = time.perf_counter() - start
        steady = statistics.median(timings(post, 20))
    return to_first, firsts, steady


def cold_starts(boots: int = 3) -> None:
    """Boot the server several times and print how its first letters compare to later ones."""
    ratios = []
    for boot in range(1, boots + 1):
        to_first, firsts, steady = cold_start()
        ratios.append(max(firsts[:CORES]) / steady)
        print(
            f"  boot {boot}: start to first PDF {to_first:.2f} s; first requests "
            f"{', '.join(ms(t) for t in firsts)}; steady {ms(steady)}; "
            f"slowest first / steady {ratios[-1]:.2f}"
        )
    ratio = statistics.median(ratios)
    print(f"  median over {boots} boots: {ratio:.2f} [target <= 1.5: {verdict(ratio <= 1.5)}]")


def serve(workers: int, scenarios: list[Scenario], seconds: int) -> list[LoadResult]:
    """Run the production server with this many workers under each scenario in turn."""
    log = Path(tempfile.mkdtemp()) / "server.log"
    env = {"CAMPAIGN_RATELIMIT_ENABLED": "false", "CAMPAIGN_SECRET_KEY": "bench",
           "CAMPAIGN_WORKERS": str(workers), "CAMPAIGN_ACCESS_LOG": "/dev/null"}  # fmt: skip
    with live_server(log, **env) as base:
        return [run_wrk(base, s, seconds=seconds, connections=8) for s in scenarios]


def _combine(runs: list[LoadResult]) -> LoadResult:
    """Add up runs of one scenario; latencies are the median of the runs' percentiles."""
    return LoadResult(
        scenario=runs[0].scenario,
        requests=sum(r.requests for r in runs),
        seconds=sum(r.seconds for r in runs),
        p50_ms=statistics.median(r.p50_ms for r in runs),
        p99_ms=statistics.median(r.p99_ms for r in runs),
        socket_errors=sum(r.socket_errors for r in runs),
        status_errors=sum(r.status_errors for r in runs),
        timeouts=sum(r.timeouts for r in runs),
    )


def alternate_load(scenario: Scenario, seconds: int) -> tuple[LoadResult, LoadResult]:
    """Load a one-worker and a one-per-core server in turn, a quarter of the time each round.

    This machine's speed drifts over tens of seconds; alternating short rounds lets both
    servers meet the same drift, so their ratio measures how the workers share the cores.
    """
    logs = Path(tempfile.mkdtemp())
    env = {"CAMPAIGN_RATELIMIT_ENABLED": "false", "CAMPAIGN_SECRET_KEY": "bench",
           "CAMPAIGN_ACCESS_LOG": "/dev/null"}  # fmt: skip
    rounds = 4
    with (
        live_server(logs / "one.log", **env, CAMPAIGN_WORKERS="1") as one,
        live_server(logs / "all.log", **env, CAMPAIGN_WORKERS=str(CORES)) as every,
    ):
        singles, multis = [], []
        for _ in range(rounds):
            quarter = max(1, seconds // rounds)
            singles.append(run_wrk(one, scenario, seconds=quarter, connections=8))
            multis.append(run_wrk(every, scenario, seconds=quarter, connections=8))
    return _combine(singles), _combine(multis)


def main() -> int:
    print(f"Machine: {CORES} cores, Python {sys.version.split()[0]}")
    app = create_app({"SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False})  # fmt: skip
    single_rate = in_process(app)
    memory(app)
    worst_case(app)

    print(f"Cold start of the production server ({CORES} workers):")
    cold_starts()

    seconds = int(os.environ.get("BENCH_LOAD_SECONDS", "20"))
    one_page = Scenario("PDF, 1 page", "POST", "/letter", SUPPORTER | {"recipients": ["kremlin"]})
    three_pages = Scenario("PDF, 3 pages", "POST", "/letter", SUPPORTER | {"recipients": ALL})
    single, multi = alternate_load(one_page, seconds)
    (three,) = serve(CORES, [three_pages], seconds)
    print_results([single], 8, "1")
    print_results([multi, three], 8, str(CORES))
    for baseline, rate in (
        ("one worker served, in alternation", single.per_second),
        ("one process in-process, earlier", single_rate),
    ):
        target = 0.9 * CORES * rate
        print(
            f"Throughput, one-page letters: {multi.per_second:.1f}/s against 0.9 x {CORES} cores"
            f" x {rate:.1f}/s ({baseline}) = {target:.1f}/s [{verdict(multi.per_second >= target)}]"
        )
    for r in (multi, three):
        tail = r.p99_ms <= 2 * r.p50_ms
        print(
            f"  {r.scenario}: p99 {r.p99_ms:.1f} ms vs 2 x p50 {2 * r.p50_ms:.1f} ms "
            f"[{verdict(tail)}], errors {r.errors} [{verdict(r.errors == 0)}]"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
