"""A letter refused for now (too many, one already in the making) keeps every answer."""

import pytest

from campaign.web.ratelimit import one_render_per_client
from tests.support.apps import counting_app
from tests.support.forms import form_with
from tests.support.reading import field_value, parse
from tests.support.shipped import LETTER_URL

CLIENT = {"REMOTE_ADDR": "198.51.100.20"}


def _assert_form_kept(answer, message: str):
    page = parse(answer)
    assert message in page.select_one(".error-summary").get_text(" ", strip=True)
    assert field_value(page, "name") == "Ann Example"
    assert field_value(page, "address") == form_with()["address"]
    assert [i["value"] for i in page.select("input[name=points][checked]")] == [
        "investigate",
        "justice",
    ]
    assert answer.headers["Cache-Control"] == "no-store"


def test_a_letter_over_the_rate_limit_shows_the_form_again_with_the_answers():
    client = counting_app("memory://", LETTER_RATE_LIMIT="1 per minute").test_client()
    assert client.post(LETTER_URL, data=form_with(), environ_base=CLIENT).status_code == 200
    answer = client.post(LETTER_URL, data=form_with(), environ_base=CLIENT)
    assert answer.status_code == 429
    assert 50 <= int(answer.headers["Retry-After"]) <= 60
    _assert_form_kept(answer, "send the form again in 1 minute")


@pytest.mark.parametrize("format_", ["pdf", "tweet"])
def test_a_second_letter_while_the_first_is_made_is_refused_with_the_answers(format_):
    app = counting_app("memory://", LETTER_RATE_LIMIT="100 per minute")
    client = app.test_client()
    with app.test_request_context(LETTER_URL, environ_base=CLIENT), one_render_per_client():
        answer = client.post(LETTER_URL, data=form_with(format=format_), environ_base=CLIENT)
        other = client.post(LETTER_URL, data=form_with(), environ_base={"REMOTE_ADDR": "192.0.2.1"})
    if format_ == "tweet":  # nothing is rendered for tweets: no wait
        assert answer.status_code == 200
        return
    assert answer.status_code == 429
    assert int(answer.headers["Retry-After"]) >= 1  # Flask-Limiter may lengthen it to its window
    _assert_form_kept(answer, "Your previous letter is still being made")
    assert other.status_code == 200  # another client is not held up
    assert client.post(LETTER_URL, data=form_with(), environ_base=CLIENT).status_code == 200
