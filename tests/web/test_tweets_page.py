"""The tweets page as the server sends it: editable boxes sized for a phone, counts, links."""

from urllib.parse import parse_qs, urlsplit

import pytest

from campaign.compose import tweet_weight
from tests.support.forms import form_with
from tests.support.reading import parse
from tests.support.shipped import ACTION_URL, LETTER_URL

# About 28 characters fit a line of the box on a 360 px phone.
PHONE_LINE = 28


@pytest.fixture
def page(client):
    response = client.post(LETTER_URL, data=form_with(format="tweet", name="Bea Example"))
    assert response.status_code == 200
    return parse(response)


def _text(area) -> str:
    return area.get_text().removeprefix("\n")


def test_every_box_is_editable_and_shows_the_servers_count(page):
    areas = page.select("textarea.tweet")
    assert len(areas) == 3  # two points and the combined tweet
    for area in areas:
        text = _text(area)
        assert not area.has_attr("readonly")
        assert not text.startswith("@")
        count = page.select_one(f"#{area['id']}-length")
        assert count.get_text(strip=True) == f"{tweet_weight(text)} of 280 characters"
        assert area["aria-describedby"] == count["id"]
        assert area["data-tweet-limit"] == "280"


def test_each_box_has_rows_for_its_whole_tweet_on_a_phone(page):
    for area in page.select("textarea.tweet"):
        assert int(area["rows"]) * PHONE_LINE >= len(_text(area)) + PHONE_LINE


def test_open_in_x_carries_the_tweet_and_names_its_box(page):
    for area in page.select("textarea.tweet"):
        link = page.select_one(f"a[data-tweet-source={area['id']}]")
        assert link.get_text(strip=True) == "Open in X"
        url = urlsplit(link["href"])
        assert (url.scheme, url.netloc, url.path) == ("https", "x.com", "/intent/tweet")
        assert parse_qs(url.query) == {"text": [_text(area)]}


def test_the_counter_is_loaded_on_the_tweets_page_only(client, page):
    scripts = [s["src"] for s in page.select("script[src]")]
    assert any(src.endswith("/vendor/twitter-text.min.js") for src in scripts)
    assert any(src.endswith("/tweets.js") for src in scripts)
    form_page = parse(client.get(ACTION_URL))
    assert not any("tweets.js" in s["src"] for s in form_page.select("script[src]"))
    for src in scripts:
        response = client.get(src)
        assert response.status_code == 200
        response.close()


def _posted(form) -> dict:
    fields: dict = {}
    for field in form.select("input[type=hidden]"):
        fields.setdefault(field["name"], []).append(field["value"])
    return fields


def test_the_letter_as_text_is_a_button_posting_the_answers(page):
    assert page.select("#letter-text") == []  # no letter on this page any more
    button = page.find("button", string="Show my letter as text, to send online")
    form = button.find_parent("form")
    assert (form["method"], form["action"]) == ("post", LETTER_URL)
    fields = _posted(form)
    assert fields["format"] == ["text"]
    assert fields["name"] == ["Bea Example"]
    assert fields["points"] == ["investigate", "justice"]


def test_back_to_the_action_posts_the_answers(page):
    button = page.find("button", string="Back to the action")
    form = button.find_parent("form")
    assert (form["method"], form["action"]) == ("post", ACTION_URL)
    assert _posted(form)["name"] == ["Bea Example"]


def test_the_printable_letter_instead_posts_the_answers(client):
    response = client.post(LETTER_URL, data=form_with(format="tweet", recipients=["embassy"]))
    page = parse(response)
    button = page.find("button", string="Make the printable letter instead")
    fields = _posted(button.find_parent("form"))
    assert fields["format"] == ["pdf"]
    assert fields["recipients"] == ["embassy"]
