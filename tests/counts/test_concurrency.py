"""Increments are atomic upserts: letters counted at once by many workers all add up."""

import threading
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import get_context

import pytest

from campaign.counts.database import database_url
from tests.counts.conftest import make_counts
from tests.support.forms import form_with
from tests.support.http import form_body, request
from tests.support.live_server import gunicorn_alone
from tests.support.shipped import LETTER_URL

PROCESSES = 2
THREADS = 4
EACH = 50  # letters per thread
LETTERS = 400  # through the real server


def _count_from_threads(url: str) -> None:
    """One worker process: several threads count letters into the same row at once."""
    counting = make_counts(url)
    start = threading.Barrier(THREADS)

    def count() -> None:
        start.wait()
        for _ in range(EACH):
            counting.letters_made(
                "ua-2-19", channel="text", language="en", points=["justice"], letters=2
            )

    threads = [threading.Thread(target=count) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counting.flush(), "every count written"


def test_two_processes_of_threads_lose_no_count(database_url_for_test):
    make_counts(database_url_for_test).migrate()
    context = get_context("fork")
    workers = [
        context.Process(target=_count_from_threads, args=(database_url_for_test,))
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [worker.exitcode for worker in workers] == [0] * PROCESSES

    [figures] = make_counts(database_url_for_test).figures()
    requests = PROCESSES * THREADS * EACH
    assert (figures.days[0].requests, figures.total) == (requests, 2 * requests)


def test_a_forked_worker_opens_its_own_connections(tmp_path):
    counting = make_counts(f"sqlite:///{tmp_path / 'counts.sqlite3'}")
    counting.letters_made("ua-2-19", channel="pdf", language="en", points=["justice"], letters=1)
    assert counting.database.engine.pool.checkedin() == 1  # the parent's, kept for it
    reader, writer = get_context("fork").Pipe(duplex=False)
    child = get_context("fork").Process(
        target=lambda: writer.send(counting.database.engine.pool.checkedin())
    )
    child.start()
    child.join(timeout=60)
    assert reader.recv() == 0
    assert counting.database.engine.pool.checkedin() == 1


@pytest.mark.slow
def test_two_gunicorn_workers_count_every_letter_they_made(database_url_for_test, tmp_path):
    """Several hundred supporters at once, two workers: exactly as many letters counted."""
    make_counts(database_url_for_test).migrate()
    server = gunicorn_alone(
        tmp_path / "server.log",
        CAMPAIGN_WORKERS="2",
        CAMPAIGN_COUNTS_ENABLED="true",
        CAMPAIGN_DATABASE_URL=database_url_for_test,
        CAMPAIGN_WTF_CSRF_ENABLED="false",
        CAMPAIGN_RATELIMIT_ENABLED="false",
        CAMPAIGN_WARM_UP="false",
    )
    body = form_body(form_with(format="text", points=["justice", "investigate"]), "")
    with server as base, ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(
            pool.map(lambda _: request(base, "POST", LETTER_URL, body).status, range(LETTERS))
        )
    made = answers.count(200)
    assert made > LETTERS / 2, answers  # most were made; none may go uncounted

    [figures] = make_counts(database_url_for_test).figures()
    assert [(day.channel, day.requests) for day in figures.days] == [("text", made)]
    assert figures.point_sets == ((("investigate", "justice"), made),)
    assert database_url(database_url_for_test, "").get_backend_name() in {"sqlite", "postgresql"}
