"""What next after the letters: beside the form's button, in the panel's fragment, in the PDF.

The fragment is asked for by the page's script with the ticked boxes only; whatever else its
address holds is ignored, and a malformed request is refused, never answered with a 5xx.
"""

from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.support.forms import form_with
from tests.support.reading import parse, pdf_pages
from tests.support.shipped import ACTION_URL, LETTER_URL

NEXT_STEPS_URL = ACTION_URL.rstrip("/") + "/next-steps"
KREMLIN_LETTERS = "http://en.letters.kremlin.ru"


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


def _share_query(section) -> list[tuple[str, str]]:
    link = section.select_one("input.next-steps-share-link")["value"]
    assert urlsplit(link).path == ACTION_URL
    return parse_qsl(urlsplit(link).query)


def test_the_action_page_carries_the_next_steps_beside_the_button(client):
    page = parse(client.get(ACTION_URL))
    send = page.select_one("form.letter-form button[type=submit]").parent
    section = send.select_one("section.next-steps")
    text = _text(section)
    for expected in (
        "Sign each letter",
        "Fold each letter in a Z",
        "Please send a tweet, fax or letter without delay.",
        "Postage from Canada: $6.20 for your 3 letters",
        "@KremlinRussia_E or @KremlinRussia",
    ):
        assert expected in text
    assert [a["href"] for a in section.select("a")] == [KREMLIN_LETTERS]
    # Nothing ticked yet but the officials, all of them: the plain address of the action.
    assert _share_query(section) == []


def test_a_preselected_page_shares_its_points(client):
    page = parse(client.get(f"{ACTION_URL}?points=safety&points=justice&recipients=embassy"))
    section = page.select_one("section.next-steps")
    assert _share_query(section) == [
        ("points", "justice"),
        ("points", "safety"),
        ("recipients", "embassy"),
    ]
    assert "Postage from Canada: $0.90 for your letter" in _text(section)
    assert "Add your voice in other ways" not in _text(section)  # no account, no site


def test_the_fragment_gives_the_total_and_link_for_the_boxes_ticked(client):
    query = "recipients=kremlin&recipients=investigation-committee&points=safety&points=justice"
    response = client.get(f"{NEXT_STEPS_URL}?{query}")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    section = parse(response).select_one("section.next-steps")
    text = _text(section)
    assert "Postage from Canada: $5.30 for your 2 letters" in text
    assert section.select_one("h2[tabindex='-1']").get_text() == "Your letters are ready: what next"
    assert section.select_one("[data-next-steps=download-again]")
    formats = [b["value"] for b in section.select("button[data-next-steps=format]")]
    assert formats == ["tweet", "text"]
    assert _share_query(section) == [
        ("points", "justice"),
        ("points", "safety"),
        ("recipients", "kremlin"),
        ("recipients", "investigation-committee"),
    ]


@pytest.mark.parametrize("guide", [True, False])
def test_the_fragment_mentions_the_guide_page_only_when_it_was_asked_for(client, guide):
    response = client.get(NEXT_STEPS_URL + ("?guide=y" if guide else ""))
    text = _text(parse(response))
    assert ("the first page of your file, shows how" in text) is guide
    assert ("a page on sending them, then a letter for each official" in text) is guide


def test_the_fragment_never_shows_a_personal_field(client):
    personal = {
        "name": "Ann Zzyzx",
        "about": "I am a qwertyuiop nurse.",
        "address": "12 Xylophone Street",
        "message": "Wibblewobble",
    }
    query = "&".join(f"{k}={v.replace(' ', '+')}" for k, v in personal.items())
    response = client.get(f"{NEXT_STEPS_URL}?points=justice&{query}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    for value in personal.values():
        assert value.split()[-1] not in body
    assert _share_query(parse(response)) == [("points", "justice")]


@pytest.mark.parametrize(
    "query",
    [
        "recipients=nobody",
        "recipients=",
        "points=justice&points=justice",
        "points=%00",
        "points=" + "x" * 5000,
        "recipients=kremlin&recipients=KREMLIN",
        "guide=n",
        "guide=y&guide=y",
    ],
)
def test_a_malformed_fragment_request_is_refused(client, query):
    assert client.get(f"{NEXT_STEPS_URL}?{query}").status_code == 400


def test_the_guide_page_carries_the_other_ways(client):
    response = client.post(LETTER_URL, data=form_with(guide="y"))
    guide = pdf_pages(response.data)[0]
    assert "Add your voice online. Tweet to the accounts below." in guide
    assert "Write to Vladimir Putin at en.letters.kremlin.ru." in guide
    assert "@KremlinRussia_E or @KremlinRussia" in guide


def test_the_guide_says_nothing_of_other_ways_when_none_are_chosen(client):
    response = client.post(LETTER_URL, data=form_with(guide="y", recipients=["embassy"]))
    assert "Add your voice online" not in pdf_pages(response.data)[0]
