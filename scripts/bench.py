"""Benchmark the app: render overhead, page times, memory, cold start, throughput, worst case.

Prints every figure with its target; asserts nothing (timed unit tests would be flaky).
Run with: make bench   (BENCH_LOAD_SECONDS to change the 20 s load runs)
"""

import csv
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

from pypdf import PdfReader
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from werkzeug.test import EnvironBuilder

from campaign import create_app
from campaign.commands.letters import COLUMNS, example_row
from campaign.compose import check_answers
from campaign.content import load_content
from campaign.content.rules import FIELD_LIMITS, MAX_DISTINCT_CHARACTERS
from campaign.counts import counts
from campaign.documents import PAPERS
from campaign.kit import KitOptions, compose_kit, lay_out_kit
from campaign.pdf import ASSETS_DIR
from campaign.pdf.fetcher import AssetFetcher
from campaign.review import maximal_answers
from scripts.load import (
    ACTION_URL,
    ALL,
    LETTER_URL,
    MEASURED_SERVER,
    SUPPORTER,
    LoadResult,
    Scenario,
    open_session,
    print_results,
    run_wrk,
    worker_memory,
)
from tests.support.live_server import live_server, server_process
from tests.support.reading import parse
from tests.support.shipped import ACTIONS_DIR, RECIPIENTS_FILE

CORES = os.cpu_count() or 1
# What the form sends when a supporter changes nothing but their own words: the sending guide
# and a letter to each of the three officials.
DEFAULT_REQUEST = SUPPORTER | {"recipients": ALL, "guide": "y"}


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


TICK = os.sysconf("SC_CLK_TCK")


def machine_cpu() -> tuple[float, float]:
    """Return the CPU seconds of all cores since boot: (all, idle)."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(ticks) / TICK, (ticks[3] + ticks[4]) / TICK  # idle and iowait


def workers_cpu(master: int) -> float:
    """Return the CPU seconds used so far by the children of this process (the workers)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == master:  # fields: state, ppid, ..., utime (12th), stime (13th)
            total += (int(fields[11]) + int(fields[12])) / TICK
    return total


class CpuUse(NamedTuple):
    """CPU seconds: a server's workers', all the cores' together, and the cores' idle time.

    Adds and subtracts field by field, to sum the rounds' differences.
    """

    workers: float
    machine: float
    idle: float

    @classmethod
    def now(cls, master: int) -> "CpuUse":
        return cls(workers_cpu(master), *machine_cpu())

    def __sub__(self, other: "CpuUse") -> "CpuUse":
        return CpuUse(*(a - b for a, b in zip(self, other, strict=True)))

    def __add__(self, other: "CpuUse") -> "CpuUse":
        return CpuUse(*(a + b for a, b in zip(self, other, strict=True)))


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


def letter_html(app, form: dict) -> str:
    """Return the whole HTML (guide, letters, envelopes) the app renders for this form."""
    services = app.extensions["campaign"]
    action = services.content.action("ua-2-19")
    answers = check_answers(form, action).answers
    options = KitOptions(paper=form["paper"], guide="guide" in form, envelopes="envelopes" in form)
    pack = compose_kit(action, answers, options, services.today())
    return next(lay_out_kit(services.documents, action, pack)).whole()


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


def floor_html(pdf: bytes) -> str:
    """Return the engine's floor for a letter: its characters as one paragraph, one font."""
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Floor</title>'
        '<style>@font-face { font-family: "Letter Serif"; '
        "src: url(fonts/LiberationSerif-Regular.ttf); } "
        'html { font-family: "Letter Serif"; font-size: 10.5pt; line-height: 1.2; }'
        f"</style></head><body><p>{escape(text)}</p></body></html>"
    )


def paired_ratio(first: list[float], second: list[float]) -> float:
    """Return the median of the pairs' ratios: each pair ran back to back, so drift cancels."""
    return statistics.median(a / b for a, b in zip(first, second, strict=True))


def in_process(app) -> None:
    """Print app and bare render times, and the times of the pages that are not PDFs."""
    bare = BareRenderer()
    print(
        "PDF letters in-process: POST /actions/ua-2-19/letter as a WSGI call, paired in turn"
        " with a bare render of the same HTML (median, p90 of 100):"
    )
    one = SUPPORTER | {"recipients": ["kremlin"]}
    post_one = wsgi_call(app, "POST", LETTER_URL, one)
    one_html, floor = letter_html(app, one), floor_html(post_one())
    default_html = letter_html(app, DEFAULT_REQUEST)
    for label, post, other, name, target in (
        ("one-page letter", post_one, lambda: bare.render(one_html), "bare", 1.10),
        (
            f"one-page letter against the floor (its {len(floor)}-byte text as one tagged "
            "paragraph in one bundled font, same paper)",
            post_one,
            lambda: bare.render(floor),
            "floor",
            1.6,
        ),
        (
            "the form's default request (guide and 3 letters), bare = the same HTML",
            wsgi_call(app, "POST", LETTER_URL, DEFAULT_REQUEST),
            lambda: bare.render(default_html),
            "bare",
            0.5,
        ),
    ):
        app_times, other_times = paired_timings(post, other, 100)
        ratio = paired_ratio(app_times, other_times)
        print(
            f"  {label}: app {ms(statistics.median(app_times))} (p90 {ms(p90(app_times))}), "
            f"{name} {ms(statistics.median(other_times))}, app/{name} {ratio:.3f} "
            f"[target <= {target}: {verdict(ratio <= target)}]"
        )
    print("Pages that are not PDFs, in-process (median of 200):")
    for label, call in (
        ("form page   ", wsgi_call(app, "GET", ACTION_URL)),
        (
            "tweets page ",
            wsgi_call(app, "POST", LETTER_URL, SUPPORTER | {"recipients": ALL, "format": "tweet"}),
        ),
        (
            "letter text ",
            wsgi_call(app, "POST", LETTER_URL, SUPPORTER | {"recipients": ALL, "format": "text"}),
        ),
        (
            "form mistake",
            wsgi_call(app, "POST", LETTER_URL, SUPPORTER | {"points": ["justice"]}, 400),
        ),
    ):
        times = timings(call, 200)
        median = statistics.median(times)
        print(f"  {label}: {ms(median)} [target < 5 ms: {verdict(median < 0.005)}]")


def memory() -> None:
    """Serve 1,000 default requests with one worker per core; print each worker's memory."""
    log = Path(tempfile.mkdtemp()) / "server.log"
    with server_process(log, **MEASURED_SERVER, CAMPAIGN_WORKERS=str(CORES)) as (base, master):
        cookie, token = open_session(base)
        body = urllib.parse.urlencode(DEFAULT_REQUEST | {"csrf_token": token}, doseq=True)

        def post(_: int) -> None:
            request = urllib.request.Request(f"{base}{LETTER_URL}", body.encode(),
                                             {"Cookie": cookie})  # fmt: skip
            with urllib.request.urlopen(request) as response:
                response.read()

        with ThreadPoolExecutor(CORES) as pool:
            list(pool.map(post, range(4 * CORES)))  # every worker past its first letters
            before = worker_memory(master)
            list(pool.map(post, range(1000)))
        after = worker_memory(master)
    print(f"Memory of the production server's {CORES} workers over 1,000 default requests:")
    growths = []
    for pid in sorted(after):
        rss0, private0 = before.get(pid, (float("nan"), float("nan")))
        rss1, private1 = after[pid]
        growths.append(private1 - private0)
        print(
            f"  worker {pid}: RSS {rss0:.1f} -> {rss1:.1f} MB, private {private0:.1f} -> "
            f"{private1:.1f} MB (growth {private1 - private0:+.1f} MB)"
        )
    total_rss = sum(rss for rss, _ in after.values())
    total_private = sum(private for _, private in after.values())
    worst = max(growths)
    print(
        f"  all {len(after)} workers: RSS {total_rss:.1f} MB, private {total_private:.1f} MB; "
        f"largest private growth {worst:+.1f} MB [target < 10 MB: {verdict(worst < 10)}]"
    )


def _full(unit: str, field: str) -> str:
    """Return the field at its limit, made of this unit repeated."""
    limit = FIELD_LIMITS[field].max_chars
    return (unit * limit)[:limit]


def _lines(unit: str, field: str) -> str:
    """Return the field at its limits of characters and lines, each line made of the unit."""
    limit = FIELD_LIMITS[field]
    width = (limit.max_chars - (limit.max_lines - 1)) // limit.max_lines
    return "\n".join([(unit * width)[:width]] * limit.max_lines)


# Every field at its limits, in the costliest characters found: stacked combining marks
# (shaped one by one), unbroken words (broken anywhere), distinct ideographs (a glyph each,
# from the largest bundled font) and several scripts at once (a font change per word).
# The ideographs are as many different ones as a printed letter may use, none next to
# another in the font (the hardest to subset), in as many characters as its page holds.
_IDEOGRAPHS = "".join(chr(0x4E00 + 7 * n) for n in range(MAX_DISTINCT_CHARACTERS))


def _ideographs(start: int, count: int) -> str:
    """Return `count` of the different ideographs from `start`, going round them."""
    return "".join(_IDEOGRAPHS[(start + n) % len(_IDEOGRAPHS)] for n in range(count))


_LONGEST = maximal_answers(load_content(ACTIONS_DIR, RECIPIENTS_FILE).action("ua-2-19"))
WORST_INPUTS = {
    "every limit in long real words": {field: getattr(_LONGEST, field) for field in FIELD_LIMITS},
    "combining marks and unbroken words": {
        "name": _full("Z\u0301\u0308", "name"),
        "about": _full("Ẅ" * 59 + " ", "about"),
        "location": _full("x\u0323", "location"),
        "address": _lines("W", "address"),
        "message": _lines("e\u0301\u0302\u0303", "message"),
    },
    f"{MAX_DISTINCT_CHARACTERS} different ideographs, 900 in all": {
        "name": _ideographs(0, 100),
        "location": _ideographs(100, 100),
        "about": _ideographs(200, 300),
        "address": "",
        "message": _ideographs(500, 400),
    },
    "six scripts, word by word": {
        field: _full("Zoë Дмитрий محمد דוד अमित 王小明 ", field)
        if not FIELD_LIMITS[field].multiline
        else _lines("Zoë Дмитрий محمد דוד अमित 王小明 ", field)
        for field in FIELD_LIMITS
    },
}


def worst_case(app) -> None:
    """Time the heaviest inputs the limits allow, with the guide and envelope pages.

    An input the page cannot hold is refused (400) after both layouts are tried: its time is
    the cost of that refusal, and the reason printed is the form's. A printed one must have
    exactly its pages.
    """
    print("Worst inputs the limits allow (3 letters, guide, envelopes), 5 runs each:")
    for label, fields in WORST_INPUTS.items():
        form = SUPPORTER | fields | {"recipients": ALL, "guide": "y", "envelopes": "y"}
        check = app.test_client().post(LETTER_URL, data=form)
        if check.status_code == 200:
            pages = len(PdfReader(BytesIO(check.data)).pages)
            size = f"{len(check.data) / 1024:.0f} KB"
            outcome = f"PDF of {pages} pages [target 7: {verdict(pages == 7)}], {size}"
            post = wsgi_call(app, "POST", LETTER_URL, form, 200)
        else:
            reason = parse(check).select_one(".error-summary a").get_text(strip=True)
            outcome = f"refused with {check.status_code}: {reason}"
            post = wsgi_call(app, "POST", LETTER_URL, form, check.status_code)
        times = timings(post, 5)
        print(
            f"  {label}: median {ms(statistics.median(times))}, max {ms(max(times))} "
            f"[target < 0.5 s: {verdict(max(times) < 0.5)}]; {outcome}"
        )


def cold_start() -> tuple[float, list[float], float]:
    """Boot the production server; return seconds to the first PDF, the first requests'
    times (each worker's first letter among them) and the steady time."""
    form = SUPPORTER | {"recipients": ["kremlin"]}
    log = Path(tempfile.mkdtemp()) / "server.log"
    start = time.perf_counter()
    with live_server(log, **MEASURED_SERVER, CAMPAIGN_WORKERS=str(CORES)) as base:
        cookie, token = open_session(base)
        body = urllib.parse.urlencode(form | {"csrf_token": token}, doseq=True).encode()

        def post() -> bytes:
            request = urllib.request.Request(f"{base}{LETTER_URL}", body, {"Cookie": cookie})
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
    with live_server(log, **MEASURED_SERVER, CAMPAIGN_WORKERS=str(workers)) as base:
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


def repeated(action: Callable[[], object]) -> Callable[[float], int]:
    """Return work that calls `action` until a deadline and says how many times it did."""

    def work(until: float) -> int:
        count = 0
        while time.perf_counter() < until:
            action()
            count += 1
        return count

    return work


def in_processes(work: Callable[[float], int], processes: int, seconds: float) -> float:
    """Run `work(deadline)` in this many forked processes at once; return its units per second.

    Forked like the server's workers, from this process with everything loaded and frozen.
    """
    gc.freeze()
    read, write = os.pipe()
    children = []
    for _ in range(processes):
        pid = os.fork()
        if pid == 0:  # the child reports its count and leaves without running our cleanup
            code = 1
            try:
                os.write(write, f"{work(time.perf_counter() + seconds)}\n".encode())
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    os.close(write)
    failed = [pid for pid in children if os.waitpid(pid, 0)[1] != 0]
    with os.fdopen(read) as reports:
        counts = reports.read().split()
    gc.unfreeze()
    if failed or len(counts) != processes:
        raise RuntimeError(f"{len(failed)} of {processes} benchmark processes failed")
    return sum(int(count) for count in counts) / seconds


@dataclass
class Scaling:
    """Letters per second of one process and of one per core, over alternating rounds."""

    spin: dict[int, float] = field(default_factory=dict)
    bare: dict[int, float] = field(default_factory=dict)
    served: dict[int, list[LoadResult]] = field(default_factory=dict)
    cpu: dict[int, CpuUse] = field(default_factory=dict)  # while each server was loaded

    def server(self, processes: int) -> LoadResult:
        return _combine(self.served[processes])


def scaling(app, scenario: Scenario, seconds: int, rounds: int = 4) -> Scaling:
    """Measure one process against one per core: a pure loop, bare WeasyPrint, the server.

    This machine's speed drifts over tens of seconds, and how much a second busy core adds
    drifts with it, so each round runs every measurement for a short while in turn: all of
    them meet the same drift, and the bare render in N processes shows what the cores can
    give the server at best.
    """
    bare = BareRenderer()
    html = letter_html(app, scenario.form)
    bare.render(html)
    # A pure-Python loop: the cores' own speed, with no memory traffic to share.
    spin, render = repeated(lambda: sum(range(2000))), repeated(lambda: bare.render(html))
    logs = Path(tempfile.mkdtemp())
    quarter = max(1, seconds // rounds)
    result = Scaling()
    with (
        server_process(logs / "one.log", **MEASURED_SERVER, CAMPAIGN_WORKERS="1") as one,
        server_process(logs / "all.log", **MEASURED_SERVER, CAMPAIGN_WORKERS=str(CORES)) as every,
    ):
        for _ in range(rounds):
            for processes, (base, master) in ((1, one), (CORES, every)):
                spins = in_processes(spin, processes, quarter / 2)
                result.spin[processes] = result.spin.get(processes, 0) + spins / rounds
                rate = in_processes(render, processes, quarter)
                result.bare[processes] = result.bare.get(processes, 0) + rate / rounds
                before = CpuUse.now(master)
                load = run_wrk(base, scenario, seconds=quarter, connections=8)
                used = CpuUse.now(master) - before
                result.served.setdefault(processes, []).append(load)
                result.cpu[processes] = result.cpu.get(processes, CpuUse(0, 0, 0)) + used
    return result


def print_scaling(result: Scaling) -> LoadResult:
    """Print the scaling table and the throughput target; return the N-worker load."""
    one, every = result.server(1), result.server(CORES)
    rows = (
        ("pure-Python loop, 1000s", result.spin[1] / 1000, result.spin[CORES] / 1000),
        ("bare WeasyPrint, letters", result.bare[1], result.bare[CORES]),
        ("production server, letters", one.per_second, every.per_second),
    )
    print(f"  {'per second':<28}{'1 process':>11}{f'{CORES} processes':>13}{'gain':>7}")
    for label, single, multi in rows:
        print(f"  {label:<28}{single:>11.1f}{multi:>13.1f}{multi / single:>6.2f}x")
    print_results([one], 8, "1")
    print_results([every], 8, str(CORES))
    target = 0.9 * CORES * one.per_second
    print(
        f"Throughput: {every.per_second:.1f}/s against 0.9 x {CORES} cores x {one.per_second:.1f}/s"
        f" (one worker, same rounds) = {target:.1f}/s [{verdict(every.per_second >= target)}]"
    )
    one_cpu, (workers, machine, idle) = result.cpu[1].workers, result.cpu[CORES]
    print(
        f"  while loaded, the {CORES} workers had {workers / machine:.1%} of all the cores' time"
        f" (idle {idle / machine:.1%}, wrk, kernel and the rest "
        f"{1 - (workers + idle) / machine:.1%});"
        f" CPU per letter {ms(one_cpu / one.requests)} with 1 worker busy,"
        f" {ms(workers / every.requests)} with {CORES}"
    )
    # Context, not a target: what the cores themselves give the same render without the app.
    gain = result.bare[CORES] / result.bare[1]
    print(
        f"  the cores' own ceiling: a pure loop gains {result.spin[CORES] / result.spin[1]:.2f}x"
        f" and bare WeasyPrint {gain:.2f}x from {CORES} processes;"
        f" the {CORES} workers serve "
        f"{every.per_second / result.bare[CORES]:.0%} of its {CORES}-process rate and "
        f"{every.per_second / (CORES * result.bare[1]):.0%} of {CORES} x its 1-process rate"
    )
    return every


def batch_sheet(app, folder: Path, rows: int) -> Path:
    """Write an evening's sheet: `rows` attendees, each writing to every official."""
    action = app.extensions["campaign"].content.action("ua-2-19")
    sheet = folder / "attendees.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows([example_row(action)] * rows)
    return sheet


def batch_letters(app, rows: int = 40, rounds: int = 3) -> None:
    """Print the batch's letters per second with one process and with every core.

    The whole command runs each time (reading, checking, the pool, merging, writing), one
    process and every core in turn in each round, so both meet the same machine.
    """
    folder = Path(tempfile.mkdtemp())
    try:
        sheet = batch_sheet(app, folder, rows)
        letters = rows * len(app.extensions["campaign"].content.action("ua-2-19").recipients)
        runner = app.test_cli_runner()
        times: dict[int, list[float]] = {1: [], CORES: []}
        for _ in range(rounds):
            for jobs in times:
                args = ["letters", "batch", "ua-2-19", str(sheet), "--out", str(folder / "out.pdf")]
                start = time.perf_counter()
                result = runner.invoke(args=[*args, "--no-guide", "--jobs", str(jobs)])
                times[jobs].append(time.perf_counter() - start)
                if result.exit_code != 0:
                    raise RuntimeError(f"letters batch failed: {result.output}")
    finally:
        shutil.rmtree(folder)
    one, every = (letters / statistics.median(times[jobs]) for jobs in (1, CORES))
    gain = paired_ratio(times[1], times[CORES])
    print(
        f"Batch letters ({rows} attendees, {letters} letters, median of {rounds} rounds): "
        f"{one:.1f} letters/s with 1 process, {every:.1f} letters/s with {CORES}; "
        f"{gain:.2f}x"
    )


def count_cost(count: int = 100) -> None:
    """Print the time a count adds to a letter: a one-page letter made with and without it.

    The count goes to a SQLite file of its own, as a default deployment's does.
    """
    folder = Path(tempfile.mkdtemp())
    try:
        app = create_app({"SECRET_KEY": "bench", "COUNTS_ENABLED": True,
                          "DATABASE_URL": f"sqlite:///{folder / 'counts.sqlite3'}"})  # fmt: skip
        services = app.extensions["campaign"]
        action = services.content.action("ua-2-19")
        answers = check_answers(SUPPORTER | {"recipients": ["kremlin"]}, action).answers
        options = KitOptions(guide=False)

        def letter() -> None:
            services.make_kit(action, answers, options, today=services.today())

        def counted() -> None:
            letter()
            counts().letters_made("ua-2-19", channel="pdf", language="en",
                                  points=answers.points, letters=1)  # fmt: skip

        with app.app_context():
            plain, with_count = paired_timings(letter, counted, count)
    finally:
        shutil.rmtree(folder)
    added = statistics.median(b - a for a, b in zip(plain, with_count, strict=True))
    median = statistics.median(plain)
    print(
        f"The time a count adds to a letter (SQLite file, median of {count} pairs): "
        f"{ms(added)}, {added / median:.1%} of a one-page letter's {ms(median)}"
    )


def main() -> int:
    print(f"Machine: {CORES} cores, Python {sys.version.split()[0]}")
    app = create_app({"SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False, "COUNTS_ENABLED": False})  # fmt: skip
    in_process(app)
    worst_case(app)
    batch_letters(app)
    count_cost()
    memory()

    print(f"Cold start of the production server ({CORES} workers):")
    cold_starts()

    seconds = int(os.environ.get("BENCH_LOAD_SECONDS", "20"))
    one_page = Scenario("PDF, 1 page", "POST", LETTER_URL, SUPPORTER | {"recipients": ["kremlin"]})
    three_pages = Scenario("PDF, 3 pages", "POST", LETTER_URL, SUPPORTER | {"recipients": ALL})
    print(f"Scaling, one page letters, 1 process against {CORES}, {seconds} s each in 4 rounds:")
    multi = print_scaling(scaling(app, one_page, seconds))
    (three,) = serve(CORES, [three_pages], seconds)
    print_results([three], 8, str(CORES))
    print("Tail latency and errors at 8 concurrent clients:")
    for r in (multi, three):
        tail = r.p99_ms <= 2 * r.p50_ms
        print(
            f"  {r.scenario}: p99 {r.p99_ms:.1f} ms vs 2 x p50 {2 * r.p50_ms:.1f} ms "
            f"[{verdict(tail)}], errors {r.errors} [{verdict(r.errors == 0)}]"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
