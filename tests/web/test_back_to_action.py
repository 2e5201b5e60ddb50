"""Back to the action: the tweets and text pages carry the answers back to the form, in a POST
body, and the form shows them again as they were, without a mistake and without costing a letter.
"""

from urllib.parse import urlsplit

from tests.support.apps import counting_app, make_app
from tests.support.forms import form_with
from tests.support.reading import field_value, parse
from tests.support.shipped import ACTION_URL, LETTER_URL

TYPED = form_with(
    name="Ann <b>Example</b>",
    about="I am a nurse & a mother.",
    message="First line.\n\nSecond paragraph.",
    points=["justice", "safety", "condemn"],
    recipients=["embassy"],
    format="tweet",
    paper="a4",
    return_address="none",
)


def _back_form(page):
    """Return the page's Back-to-the-action form, as a browser would send it."""
    form = page.select_one("form.back-to-action")
    data: dict[str, list[str]] = {}
    for element in form.select("input"):
        data.setdefault(element["name"], []).append(element.get("value", ""))
    return form, data


def _checked(page, name):
    return [box["value"] for box in page.select(f"input[name={name}]") if box.has_attr("checked")]


def test_the_tweets_page_takes_the_answers_back_to_the_form():
    client = make_app().test_client()
    tweets = parse(client.post(LETTER_URL, data=TYPED))
    form, data = _back_form(tweets)
    assert urlsplit(form["action"]).path == ACTION_URL
    assert form["method"] == "post"

    response = client.post(form["action"], data=data)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = parse(response)
    assert page.select_one(".error-summary") is None
    assert field_value(page, "name") == TYPED["name"]
    assert field_value(page, "about") == TYPED["about"]
    assert field_value(page, "message") == TYPED["message"]
    assert _checked(page, "points") == TYPED["points"]
    assert _checked(page, "recipients") == TYPED["recipients"]
    assert _checked(page, "format") == ["tweet"]
    assert _checked(page, "paper") == ["a4"]
    assert _checked(page, "return_address") == ["none"]


def test_going_back_costs_no_letter(tmp_path):
    """Three letters a minute: going back and forth ten times leaves them all."""
    client = counting_app(tmp_path / "counters.sqlite3").test_client()
    for _ in range(10):
        assert client.post(ACTION_URL, data=TYPED).status_code == 200
    assert client.post(LETTER_URL, data=TYPED).status_code == 200


def test_a_timed_out_token_keeps_the_answers():
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    response = client.post(ACTION_URL, data=TYPED)
    assert response.status_code == 400
    page = parse(response)
    assert "Your form timed out" in page.select_one(".error-summary").get_text()
    assert field_value(page, "name") == TYPED["name"]
    assert field_value(page, "message") == TYPED["message"]
