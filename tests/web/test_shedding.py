"""Letters that waited too long in the queue, or whose client has gone, are not rendered."""

import socket
import time

import pytest

from campaign.web.shedding import client_gone, queue_wait
from tests.support.apps import make_app
from tests.support.forms import form_with
from tests.support.reading import field_value, parse
from tests.support.shipped import LETTER_URL


def _started(seconds_ago: float) -> dict:
    return {"X-Request-Start": f"t={time.time() - seconds_ago:.3f}"}


def test_a_letter_that_waited_past_the_budget_gets_the_form_back_with_a_503():
    client = make_app(PROXY_COUNT=1, QUEUE_TIMEOUT=2.0).test_client()
    answer = client.post(LETTER_URL, data=form_with(), headers=_started(3.0))
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "2"
    page = parse(answer)
    assert "could not be started in time" in page.select_one(".error-summary").get_text()
    assert field_value(page, "name") == "Ann Example"
    assert client.post(LETTER_URL, data=form_with(), headers=_started(1.0)).status_code == 200


def test_tweets_and_text_are_answered_whatever_the_wait():
    client = make_app(PROXY_COUNT=1, QUEUE_TIMEOUT=2.0).test_client()
    for format_ in ("tweet", "text"):
        answer = client.post(LETTER_URL, data=form_with(format=format_), headers=_started(3.0))
        assert answer.status_code == 200


@pytest.mark.parametrize(
    ("proxies", "header", "expected"),
    [
        (0, "t=1", None),  # no proxy: the header is the client's own
        (1, "", None),
        (1, "t=soon", None),
        (1, "t=nan", None),
        (1, "t=inf", None),
    ],
)
def test_the_start_time_is_read_only_from_a_trusted_proxy_and_when_it_is_a_time(
    proxies, header, expected
):
    app = make_app(PROXY_COUNT=proxies)
    with app.test_request_context(LETTER_URL, headers={"X-Request-Start": header}):
        assert queue_wait() is expected


def test_a_start_in_the_future_counts_as_no_wait():
    with make_app(PROXY_COUNT=1).test_request_context(LETTER_URL, headers=_started(-60)):
        assert queue_wait() == 0.0


def test_a_connection_closed_by_the_other_end_means_the_client_has_gone():
    app = make_app()
    ours, theirs = socket.socketpair()
    with ours, app.test_request_context(LETTER_URL, environ_base={"gunicorn.socket": ours}):
        assert not client_gone()
        theirs.sendall(b"GET /next HTTP/1.0\r\n")  # a next request: still there
        assert not client_gone()
        ours.recv(100)
        theirs.close()
        assert client_gone()
    with app.test_request_context(LETTER_URL):
        assert not client_gone()  # another server: the socket is not known
