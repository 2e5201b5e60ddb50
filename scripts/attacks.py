"""Clients that attack the production server, and the well-behaved ones measured meanwhile.

Every client speaks HTTP/1.1 on a TCP connection of its own, from an address of its own on
the loopback network (Linux routes the whole of 127.0.0.0/8 to it): nginx limits
connections per client address, so a crowd comes from many addresses, and the prober and
the well-behaved supporters from addresses no attacker shares. Attackers are coroutines on
the main thread's event loop; the prober and the supporters run on a loop of their own in
another thread, so that a busy attack delays them by no more than the interpreter's lock.
"""

import asyncio
import contextlib
import socket
import statistics
import threading
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field

from campaign.content.rules import MAX_DISTINCT_CHARACTERS
from tests.support.http import form_body
from tests.support.shipped import ACTION_URL, LETTER_URL

# Who is who on the loopback network. nginx sees each as a different client.
PROBER = "127.0.0.2"
LONE = "127.0.0.3"  # the one address of the one-address attack
SUPPORTERS = [f"127.0.0.{n}" for n in range(10, 26)]


def crowd(size: int) -> list[str]:
    """Return `size` client addresses for a crowd, none shared with the clients above."""
    return [f"127.1.{n // 200}.{n % 200 + 1}" for n in range(size)]


# A load balancer's probe: asked this often, given up after this long.
PROBE_EVERY = 0.2
PROBE_PATIENCE = 1.0
# A supporter sends a letter this often (each address one per len(SUPPORTERS) seconds, well
# within the letter rate limit) and waits this long for it, as a browser does.
LETTER_EVERY = 1.0
LETTER_PATIENCE = 30.0
# Linux: bind the source address now, its port at connect time (a crowd makes many).
_BIND_NO_PORT = getattr(socket, "IP_BIND_ADDRESS_NO_PORT", 24)


@dataclass(frozen=True)
class Session:
    """A form opened like a browser: the port to send to, its cookie and CSRF token."""

    port: int
    cookie: str
    token: str

    def letter(self, form: dict) -> bytes:
        """Return a whole POST of the form, as one request on a connection of its own."""
        body = form_body(form, self.token)
        return self.letter_head(len(body)) + body

    def letter_head(self, length: int) -> bytes:
        return (
            f"POST {LETTER_URL} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {self.cookie}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {length}\r\nConnection: close\r\n\r\n"
        ).encode()


HEALTH_PROBE = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


def costliest_answers() -> dict[str, str]:
    """Return answers within every limit that make the largest, slowest PDF we found.

    As many different symbols as a letter may use, from the bundled Symbola font, whose
    glyphs are the largest: with the guide, three letters and envelopes, a PDF of about
    360 KB that takes about three times the default kit to make.
    """
    symbols = "".join(chr(0x1F300 + n) for n in range(MAX_DISTINCT_CHARACTERS))

    def run(start: int, count: int) -> str:
        return "".join(symbols[(start + n) % len(symbols)] for n in range(count))

    return {
        "name": run(0, 100),
        "location": run(100, 100),
        "about": run(200, 300),
        "address": "",
        "message": run(500, 400),
    }


@dataclass
class Outcome:
    """What one request came to, as its client saw it."""

    status: int | None = None  # None: no status line arrived
    retry_after: int | None = None  # seconds, when the answer says when to try again
    pdf: bool = False  # a 200 whose whole body is a PDF
    seconds: float = 0.0
    gave_up: bool = False  # the client closed its connection before the answer ended
    error: str | None = None  # the connection failed: its kind (refused, reset, ...)

    @property
    def shed(self) -> bool:
        """Say whether this is the app's refusal to start a letter late (503, Retry-After)."""
        return self.status == 503 and self.retry_after is not None

    @property
    def other_5xx(self) -> bool:
        return self.status is not None and self.status >= 500 and not self.shed


def _read_head(data: bytes, outcome: Outcome) -> bool:
    """Fill in the status and Retry-After once the response's head has arrived."""
    head, found, _ = data.partition(b"\r\n\r\n")
    if not found:
        return False
    lines = head.decode("latin-1").split("\r\n")
    outcome.status = int(lines[0].split()[1])
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "retry-after" and value.strip().isdigit():
            outcome.retry_after = int(value)
    return True


def _connect_socket(source: str, receive_buffer: int | None = None) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.IPPROTO_IP, _BIND_NO_PORT, 1)
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.bind((source, 0))
    return sock


async def exchange(port: int, source: str, request: bytes, patience: float) -> Outcome:
    """Send one request and read its whole answer; give up (close) after `patience` s."""
    loop = asyncio.get_running_loop()
    outcome = Outcome()
    began = loop.time()
    sock = None
    data = b""
    try:
        async with asyncio.timeout(patience):
            sock = _connect_socket(source)
            await loop.sock_connect(sock, ("127.0.0.1", port))
            await loop.sock_sendall(sock, request)
            while chunk := await loop.sock_recv(sock, 65536):
                data += chunk
                if outcome.status is None:
                    _read_head(data, outcome)
    except TimeoutError:
        outcome.gave_up = True
    except OSError as error:
        outcome.error = type(error).__name__
    finally:
        if sock is not None:
            sock.close()
        outcome.seconds = loop.time() - began
    body = data.partition(b"\r\n\r\n")[2]
    outcome.pdf = outcome.status == 200 and body.startswith(b"%PDF") and b"%%EOF" in body[-64:]
    return outcome


@dataclass
class Tally:
    """What an attack's clients saw: their answers, and how connections were held or closed."""

    outcomes: list[Outcome] = field(default_factory=list)
    # Slow clients: connections opened, refused, closed by the server (and after how long),
    # still held when the attack ended; statuses the server answered them with.
    opened: int = 0
    refused: int = 0
    closed_after: list[float] = field(default_factory=list)
    held: int = 0
    statuses: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    note: str = ""

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        if outcome.status is not None:
            self.statuses[outcome.status] += 1

    @property
    def received_200(self) -> int:
        """Answers of 200 whose head reached their client (the letter was not wasted)."""
        return sum(o.status == 200 for o in self.outcomes)

    @property
    def shed(self) -> int:
        return sum(o.shed for o in self.outcomes)

    @property
    def other_5xx(self) -> int:
        return sum(o.other_5xx for o in self.outcomes)

    def describe_requests(self) -> str:
        sent = len(self.outcomes)
        rate = f" in {self.seconds:.1f} s ({sent / self.seconds:.0f}/s)" if self.seconds else ""
        gave_up = sum(o.gave_up for o in self.outcomes)
        failed = Counter(o.error for o in self.outcomes if o.error)
        parts = [f"{count}×{status}" for status, count in sorted(self.statuses.items())]
        parts += [f"{count}× gave up" for count in [gave_up] if count]
        parts += [f"{count}× {error}" for error, count in failed.items()]
        return f"{sent} requests{rate}: {', '.join(parts) or 'none answered'}"

    def describe_connections(self) -> str:
        closed = self.closed_after
        when = f" after {statistics.median(closed):.1f} s (median)" if closed else ""
        answered = (
            "" if self.outcomes else ", ".join(f"{n}×{s}" for s, n in sorted(self.statuses.items()))
        )
        return (
            f"{self.opened} connections opened, {len(closed)} closed by the server{when}, "
            f"{self.held} still held at the end, {self.refused} refused"
            + (f"; answered {answered}" if answered else "")
        )


# --- The crowd: open-loop letters, patient or not -------------------------------------------


async def flood(
    port: int,
    request: bytes,
    rate: float,
    seconds: float,
    addresses: list[str],
    patience: Callable[[int], float],
) -> Tally:
    """Send `rate` requests a second for `seconds`, whether or not answers come back.

    The n-th request comes from addresses[n % len] and gives up after patience(n) seconds.
    """
    loop = asyncio.get_running_loop()
    tally = Tally()
    start = loop.time()
    tasks = []
    for n in range(round(rate * seconds)):
        delay = start + n / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        source = addresses[n % len(addresses)]
        tasks.append(asyncio.create_task(exchange(port, source, request, patience(n))))
    tally.seconds = loop.time() - start
    for outcome in await asyncio.gather(*tasks):
        tally.add(outcome)
    return tally


def spread(low: float, high: float) -> Callable[[int], float]:
    """Return patience spread evenly over [low, high] whatever the count (golden ratio)."""
    return lambda n: low + (high - low) * ((n * 0.6180339887) % 1.0)


async def within_limits(port: int, request: bytes, source: str, seconds: float) -> Tally:
    """Send the request again as soon as its answer is in, from one address, for `seconds`.

    Refused (429), wait as long as the answer's Retry-After says, as a client keeping within
    the limits does.
    """
    loop = asyncio.get_running_loop()
    tally = Tally(seconds=seconds)
    until = loop.time() + seconds
    while (left := until - loop.time()) > 0:
        outcome = await exchange(port, source, request, LETTER_PATIENCE)
        tally.add(outcome)
        if outcome.status == 429:
            await asyncio.sleep(min(outcome.retry_after or 1, left))
    return tally


# --- Slow clients ------------------------------------------------------------------------

# A slow client whose connection the server closed opens another after this long.
RECONNECT_PAUSE = 0.5


async def _hold(
    port: int,
    source: str,
    first: bytes,
    drip: bytes,
    every: float,
    until: float,
    tally: Tally,
) -> bool:
    """Open a connection, send `first`, then `drip` every `every` s (if any) until `until`.

    Return True when the server closed the connection first, False when the attack ended.
    """
    loop = asyncio.get_running_loop()
    sock = None
    opened = loop.time()
    try:
        try:
            sock = _connect_socket(source)
            await loop.sock_connect(sock, ("127.0.0.1", port))
        except OSError:
            tally.refused += 1
            await asyncio.sleep(min(1.0, max(0.0, until - loop.time())))
            return False
        tally.opened += 1
        answer, data = Outcome(), b""
        try:
            if first:
                await loop.sock_sendall(sock, first)
            while (left := until - loop.time()) > 0:
                try:
                    async with asyncio.timeout(min(every, left) if drip else left):
                        chunk = await loop.sock_recv(sock, 4096)
                except TimeoutError:
                    if drip and loop.time() < until:
                        await loop.sock_sendall(sock, drip)
                    continue
                if not chunk:
                    break
                data += chunk
                if answer.status is None and _read_head(data, answer):
                    tally.statuses[answer.status] += 1  # e.g. 429, while nginx lingers
            else:
                tally.held += 1
                return False
        except OSError:
            pass  # reset by the server
        tally.closed_after.append(loop.time() - opened)
        return True
    finally:
        if sock is not None:
            sock.close()


async def hold_connections(
    port: int,
    addresses: list[str],
    count: int,
    seconds: float,
    first: Callable[[int], bytes],
    drip: Callable[[int], bytes] = lambda n: b"",
    every: float = 2.0,
) -> Tally:
    """Keep `count` slow connections open for `seconds`, opening another as each is closed.

    Connection n comes from addresses[n % len], starts by sending first(n), then sends
    drip(n) every `every` seconds (nothing, if that is empty).
    """
    loop = asyncio.get_running_loop()
    tally = Tally(seconds=seconds)
    until = loop.time() + seconds

    async def slot(n: int) -> None:
        await asyncio.sleep(n * 0.002)  # not all in one instant: a full backlog is not the test
        source = addresses[n % len(addresses)]
        while loop.time() < until:
            if await _hold(port, source, first(n), drip(n), every, until, tally):
                await asyncio.sleep(RECONNECT_PAUSE)

    await asyncio.gather(*(slot(n) for n in range(count)))
    return tally


async def read_slowly(
    port: int,
    request: bytes,
    addresses: list[str],
    count: int,
    seconds: float,
    pace: int,
) -> Tally:
    """Ask for a large PDF on `count` connections and read it `pace` bytes a second, or not
    at all once its head is in (every other connection), until the attack ends.

    Each waits for its answer's head however long the letter queues (up to LETTER_PATIENCE).
    Its receive buffer is made small, so the server's data waits on the server's side.
    """
    loop = asyncio.get_running_loop()
    tally = Tally(seconds=seconds)
    until = loop.time() + seconds
    stagger = seconds / 2 / count  # their renders spread over the first half

    async def reader(n: int) -> None:
        await asyncio.sleep(n * stagger)
        sock = None
        outcome = Outcome()
        began = loop.time()
        data = b""
        try:
            sock = _connect_socket(addresses[n % len(addresses)], receive_buffer=4096)
            await loop.sock_connect(sock, ("127.0.0.1", port))
            tally.opened += 1
            await loop.sock_sendall(sock, request)
            while True:
                waiting = outcome.status is None
                deadline = began + LETTER_PATIENCE if waiting else until
                if loop.time() >= deadline:
                    outcome.gave_up = waiting
                    tally.held += not waiting
                    break
                if waiting or n % 2 == 0:
                    try:
                        async with asyncio.timeout(deadline - loop.time()):
                            chunk = await loop.sock_recv(sock, pace)
                    except TimeoutError:
                        continue
                    if not chunk:
                        tally.closed_after.append(loop.time() - began)
                        break
                    data += chunk
                    if waiting:
                        _read_head(data, outcome)
                await asyncio.sleep(max(0.0, min(1.0, deadline - loop.time())))
        except OSError as error:
            outcome.error = type(error).__name__
        finally:
            if sock is not None:
                sock.close()
        outcome.seconds = loop.time() - began
        tally.add(outcome)

    await asyncio.gather(*(reader(n) for n in range(count)))
    return tally


# --- The prober and the well-behaved supporters -------------------------------------------


@dataclass
class Observed:
    """What the prober and the well-behaved supporters saw while an attack ran."""

    probes: list[Outcome] = field(default_factory=list)
    letters: list[Outcome] = field(default_factory=list)

    @property
    def probes_answered(self) -> int:
        return sum(o.status == 200 and not o.gave_up for o in self.probes)

    @property
    def slowest_probe(self) -> float:
        return max((o.seconds for o in self.probes), default=0.0)

    @property
    def letters_served(self) -> list[Outcome]:
        return [o for o in self.letters if o.pdf]


class Observers:
    """Ask /healthz every PROBE_EVERY s and send a letter every LETTER_EVERY s, in a thread.

    Each probe and letter runs on its own, on a fixed schedule, as a load balancer's probes
    and independent supporters do: one that is slow does not delay the next.
    """

    def __init__(self, session: Session, letter_form: dict) -> None:
        self.port = session.port
        self.letter = session.letter(letter_form)
        self.observed = Observed()
        self._stop_letters = threading.Event()
        self._letters_done = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._run(),), daemon=True)

    def __enter__(self) -> "Observers":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop_letters.set()
        self._stop.set()
        self._thread.join()

    def stop_letters(self) -> None:
        """Send no more letters; return once every letter sent has its answer."""
        self._stop_letters.set()
        self._letters_done.wait()

    async def _run(self) -> None:
        await asyncio.gather(self._probe(), self._send_letters())

    async def _every(
        self, interval: float, stop: threading.Event, make: Callable[[int], Awaitable[Outcome]]
    ) -> list[Outcome]:
        loop = asyncio.get_running_loop()
        start = loop.time()
        tasks = []
        n = 0
        while not stop.is_set():
            tasks.append(asyncio.create_task(make(n)))
            n += 1
            await asyncio.sleep(max(0.0, start + n * interval - loop.time()))
        return list(await asyncio.gather(*tasks))

    async def _probe(self) -> None:
        self.observed.probes = await self._every(
            PROBE_EVERY,
            self._stop,
            lambda n: exchange(self.port, PROBER, HEALTH_PROBE, PROBE_PATIENCE),
        )

    async def _send_letters(self) -> None:
        try:
            self.observed.letters = await self._every(
                LETTER_EVERY,
                self._stop_letters,
                lambda n: exchange(
                    self.port, SUPPORTERS[n % len(SUPPORTERS)], self.letter, LETTER_PATIENCE
                ),
            )
        finally:
            self._letters_done.set()


# --- Rate-limit stores that are down ----------------------------------------------------


@contextlib.contextmanager
def refusing_redis() -> Iterator[str]:
    """Yield a Redis URI on a port reserved but not listening: every connection is refused."""
    with socket.socket() as reserved:
        reserved.bind(("127.0.0.1", 0))
        yield f"redis://127.0.0.1:{reserved.getsockname()[1]}"


@contextlib.contextmanager
def hung_redis() -> Iterator[str]:
    """Yield a Redis URI of a server that accepts connections and never answers them.

    As a Redis stuck on a long command, or on a full disk, does. Connections are held until
    the block ends.
    """
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    held: list[socket.socket] = []
    stopped = threading.Event()

    def accept() -> None:
        while not stopped.is_set():
            with contextlib.suppress(TimeoutError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stopped.set()
        thread.join()
        listener.close()
        for connection in held:
            connection.close()


# The pages the slow clients ask for.
SLOW_HEADERS_START = f"GET {ACTION_URL} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode()
PARTIAL_REQUEST = b"GET /healthz HTTP/1.1\r\nHo"
