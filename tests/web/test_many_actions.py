"""Several actions at once: adding one is a YAML file; each has its own page, letters and end.

The actions folder holds the shipped UA 2/19 and a second action made from its data, with
its own reference, title, headline, dates and officials in other roles. The clock stands
at 01:00 UTC on 22 November 2026, which is still 21 November in Toronto.
"""

from datetime import date
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from tests.support.apps import frozen_app
from tests.support.files import write_actions
from tests.support.forms import VALID_FORM, form_with
from tests.support.reading import parse, pdf_pages
from tests.support.shipped import ACTION_URL, shipped_action

SECOND = "ua-99-20"
SECOND_URL = f"/actions/{SECOND}/"
SECOND_TITLE = "Russia: Two journalists held incommunicado"
SECOND_HEADLINE = "Two journalists have been held without contact with their families since May."
SECOND_OPENING = "I am writing about Urgent Action UA 99/20, issued in November 2026."
SHIPPED_TITLE = "Russia: Homophobic crackdown in Chechnya resumes"
NOTE = "Both journalists were released on 19 November. Thank you for writing."

# The second action writes to the embassy, and sends the Kremlin a copy.
EMBASSY = "His Excellency Alexander Darchiev, Ambassador for the Russian Federation"
KREMLIN = "Vladimir Putin, President of the Russian Federation"


def second_action() -> dict:
    """Return the second action's data: the shipped wording under its own name and dates."""
    data = shipped_action()
    data.update(
        reference="UA 99/20",
        title=SECOND_TITLE,
        headline=SECOND_HEADLINE,
        issued=date(2026, 11, 2),
        deadline=date(2026, 12, 14),
        recipients=[
            {"id": "embassy", "role": "primary"},
            {"id": "kremlin", "role": "copy", "convey": ["Please pass my letter on."]},
        ],
    )
    data["letter"]["openings"] = [SECOND_OPENING]
    data.pop("translations")  # in English only: its officials' roles are not the shipped ones
    return data


def _client(tmp_path, shipped=None, second=None, **config):
    actions = {"ua-2-19": shipped or shipped_action(), SECOND: second or second_action()}
    folder = write_actions(tmp_path / "actions", actions)
    return frozen_app(ACTIONS_DIR=str(folder), **config).test_client()


def _closed(data, day=date(2026, 11, 20), note=NOTE) -> dict:
    return data | {"closed": {"date": day, "note": note}}


def _items(page, section) -> list[dict]:
    """Return what the home page says of each action in one of its sections."""
    listed = page.select(f"section[aria-labelledby={section}] li.action-item")
    return [
        {
            "title": item.select_one("h3 a").get_text(strip=True),
            "href": item.select_one("h3 a")["href"],
            "caption": item.select_one(".caption").get_text(" ", strip=True),
            "text": item.select_one(".caption + p").get_text(" ", strip=True),
        }
        for item in listed
    ]


def test_home_lists_the_open_actions_newest_first(tmp_path):
    page = parse(_client(tmp_path).get("/"))
    assert page.select_one("main h1").get_text(strip=True) == "Urgent actions"
    assert _items(page, "open-actions") == [
        {
            "title": SECOND_TITLE,
            "href": SECOND_URL,
            "caption": (
                "Urgent Action UA 99/20 · issued 2 November 2026 · write by 14 December 2026"
            ),
            "text": SECOND_HEADLINE,
        },
        {
            "title": SHIPPED_TITLE,
            "href": ACTION_URL,
            "caption": "Urgent Action UA 2/19 · issued 15 January 2019",
            "text": shipped_action()["headline"],
        },
    ]
    assert page.select_one("#past-actions") is None


def test_the_new_action_has_its_own_page(tmp_path):
    client = _client(tmp_path)
    page = parse(client.get(SECOND_URL))
    assert page.title.get_text() == f"UA 99/20: {SECOND_TITLE}"
    assert page.select_one("main h1").get_text(strip=True) == SECOND_TITLE
    caption = page.select_one("main .caption").get_text(" ", strip=True)
    assert caption == (
        "Urgent Action UA 99/20 · 2 November 2026 · letters should arrive by 14 December 2026"
    )
    assert page.select_one("form.letter-form")["action"] == f"{SECOND_URL}letter"
    assert page.select_one("section.preview")["data-url"] == f"{SECOND_URL}preview"
    # Its own officials, in its order, each described by their role in this action.
    boxes = page.select("input[name=recipients]")
    assert [(box["value"], box.has_attr("checked")) for box in boxes] == [
        ("embassy", True),
        ("kremlin", True),
    ]
    roles = [box.find_next("label").select_one(".choice-hint").get_text() for box in boxes]
    assert roles == ["The letter is addressed to them.", "Sent a copy."]
    # The shipped action keeps its own page.
    shipped = parse(client.get(ACTION_URL))
    assert shipped.select_one("main h1").get_text(strip=True) == SHIPPED_TITLE


def test_the_new_actions_letters_go_to_its_officials_in_their_roles(tmp_path):
    client = _client(tmp_path)
    response = client.post(f"{SECOND_URL}letter", data=form_with(recipients=["embassy", "kremlin"]))
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f"attachment; filename=letters-{SECOND}.pdf"
    assert PdfReader(BytesIO(response.data)).metadata.title == "Letter — UA 99/20"
    to_embassy, to_kremlin = pdf_pages(response.data)
    assert "Your Excellency," in to_embassy
    assert "285 Charlotte Street Ottawa, Ontario K1N 8L5" in to_embassy
    assert f"cc: {KREMLIN}" in to_embassy
    # Here the Kremlin is sent a copy of the letter to the embassy.
    assert f"Copy for {KREMLIN}" in to_kremlin
    assert "Your Excellency," in to_kremlin
    assert "Dear President Putin," not in to_kremlin
    assert f"cc: {KREMLIN}" in to_kremlin
    for text in (to_embassy, to_kremlin):
        assert SECOND_OPENING in text
    # An official of another action is not one of this action's.
    refused = client.post(f"{SECOND_URL}letter", data=form_with(format="tweet"))
    assert refused.status_code == 400
    assert parse(refused).select_one(".error-summary a").get_text(strip=True) == (
        "Choose officials from the list"
    )


def test_the_new_actions_text_and_preview_have_its_own_wording(tmp_path):
    client = _client(tmp_path)
    text = client.post(
        f"{SECOND_URL}letter", data=form_with(format="text", recipients=["kremlin"])
    ).get_data(as_text=True)
    assert f"{VALID_FORM['about']} {SECOND_OPENING}" in " ".join(text.split())
    assert "Dear President Putin," in text
    assert "cc:" not in text
    shipped = client.post(
        f"{ACTION_URL}letter", data=form_with(format="text", recipients=["kremlin"])
    ).get_data(as_text=True)
    assert SECOND_OPENING not in " ".join(shipped.split())
    # An unfinished form is previewed as a letter to the action's primary official.
    preview = client.post(f"{SECOND_URL}preview", data=form_with(recipients=None))
    assert "Your Excellency," in parse(preview).get_text(" ", strip=True)


def test_letters_for_every_action_share_one_rate_limit(tmp_path):
    client = _client(tmp_path, RATELIMIT_ENABLED=True, LETTER_RATE_LIMIT="2 per minute")
    data = form_with(format="tweet", recipients=["kremlin"])
    statuses = [
        client.post(f"{url}letter", data=data).status_code for url in (ACTION_URL, SECOND_URL)
    ]
    assert statuses == [200, 200]
    assert client.post(f"{SECOND_URL}letter", data=data).status_code == 429
    assert client.post(f"{ACTION_URL}letter", data=data).status_code == 429


def test_a_closed_action_moves_to_past_actions_with_its_note(tmp_path):
    page = parse(_client(tmp_path, second=_closed(second_action())).get("/"))
    assert [item["title"] for item in _items(page, "open-actions")] == [SHIPPED_TITLE]
    assert page.select_one("#past-actions").get_text(strip=True) == "Past actions"
    (past,) = _items(page, "past-actions")
    assert (past["title"], past["href"], past["text"]) == (SECOND_TITLE, SECOND_URL, NOTE)


def test_a_closed_actions_page_shows_its_note_and_no_form(tmp_path):
    client = _client(tmp_path, second=_closed(second_action()))
    response = client.get(SECOND_URL)
    assert response.status_code == 200
    page = parse(response)
    assert page.select_one("main h1").get_text(strip=True) == SECOND_TITLE
    note = page.select_one(".closed-note")
    assert note.select_one("h2").get_text(strip=True) == "This action is closed"
    assert f"It stopped taking letters on 20 November 2026. {NOTE}" in note.get_text(" ")
    assert note.select_one("a")["href"] == "/"
    assert page.select_one("form.letter-form") is None
    assert page.select_one("section.preview") is None
    assert page.select("script") == []
    # What happened is still told.
    summary = " ".join(second_action()["summary"].split())
    assert summary in page.select_one(".action-summary").get_text(" ", strip=True)


@pytest.mark.parametrize("endpoint", ["letter", "preview"])
def test_a_closed_action_answers_letters_with_410_and_its_note(tmp_path, endpoint):
    client = _client(tmp_path, second=_closed(second_action()))
    response = client.post(f"{SECOND_URL}{endpoint}", data=form_with(recipients=["kremlin"]))
    assert response.status_code == 410
    assert response.mimetype == "text/html"
    page = parse(response)
    assert NOTE in page.select_one(".closed-note").get_text(" ")
    assert page.select_one("form.letter-form") is None
    # The other action still takes letters.
    assert client.post(f"{ACTION_URL}{endpoint}", data=form_with()).status_code == 200


@pytest.mark.parametrize(
    ("closes", "is_open"),
    [
        (date(2026, 11, 21), False),  # today in Toronto: closed from this morning
        (date(2026, 11, 22), True),  # already today in UTC, but tomorrow in Toronto
        (date(2027, 1, 31), True),
    ],
)
def test_an_action_closes_on_its_date_where_the_actions_are_run(tmp_path, closes, is_open):
    client = _client(tmp_path, second=_closed(second_action(), day=closes))
    home = parse(client.get("/"))
    open_titles = [item["title"] for item in _items(home, "open-actions")]
    assert (SECOND_TITLE in open_titles) is is_open
    assert (home.select_one("#past-actions") is None) is is_open
    page = parse(client.get(SECOND_URL))
    assert (page.select_one("form.letter-form") is not None) is is_open
    status = client.post(f"{SECOND_URL}letter", data=form_with(format="tweet")).status_code
    assert status == (400 if is_open else 410)  # open: its own officials' mistake, not 410


def test_an_action_due_to_close_later_still_shows_its_headline_and_deadline(tmp_path):
    client = _client(tmp_path, second=_closed(second_action(), day=date(2027, 1, 31)))
    (newest, _) = _items(parse(client.get("/")), "open-actions")
    assert newest["text"] == SECOND_HEADLINE
    caption = parse(client.get(SECOND_URL)).select_one("main .caption").get_text(" ", strip=True)
    assert caption.endswith("letters should arrive by 14 December 2026")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/actions/ua-1-00/"),
        ("post", "/actions/ua-1-00/letter"),
        ("post", "/actions/ua-1-00/preview"),
        ("get", "/actions/UA-99-20/"),
        ("get", "/actions/ua-99-20.yaml/"),
        ("get", "/actions/"),
    ],
)
def test_an_unknown_action_gets_the_sites_404_page(tmp_path, method, path):
    response = getattr(_client(tmp_path), method)(path, data=form_with())
    assert response.status_code == 404
    page = parse(response)
    assert page.select_one("main h1").get_text(strip=True) == "Page not found"
    assert page.select_one("main h1 + p").get_text(strip=True) == (
        "Check the address, or choose an action from the list."
    )
    assert [(a.get_text(strip=True), a["href"]) for a in page.select("main a")] == [
        ("See all urgent actions", "/")
    ]


LEGACY_QUERY = "points=investigate&points=safety&recipients=kremlin&format=tweet&paper=a4"


@pytest.mark.parametrize(
    ("newest_closed", "newest_open"), [(False, SECOND_URL), (True, ACTION_URL)]
)
def test_old_links_go_to_the_newest_open_action_with_their_choices(
    tmp_path, newest_closed, newest_open
):
    second = _closed(second_action()) if newest_closed else second_action()
    client = _client(tmp_path, second=second)
    response = client.get(f"/?{LEGACY_QUERY}")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert (location.path, location.query) == (newest_open, LEGACY_QUERY)
    page = parse(client.get(response.headers["Location"]))
    assert [i["value"] for i in page.select("input[name=points][checked]")] == [
        "investigate",
        "safety",
    ]
    assert [i["value"] for i in page.select("input[name=recipients][checked]")] == ["kremlin"]
    assert page.select_one("input[name=format][checked]")["value"] == "tweet"
    assert page.select_one("input[name=paper][checked]")["value"] == "a4"


def test_with_no_open_action_home_lists_the_past_ones_without_redirecting(tmp_path):
    shipped = _closed(shipped_action(), day=date(2019, 6, 30), note="UA 2/19 has ended.")
    client = _client(tmp_path, shipped=shipped, second=_closed(second_action()))
    response = client.get(f"/?{LEGACY_QUERY}")
    assert response.status_code == 200
    page = parse(response)
    assert _items(page, "open-actions") == []
    assert "There is no open action just now." in page.select_one("#open-actions").parent.get_text()
    # Most recently closed first.
    assert [(i["title"], i["text"]) for i in _items(page, "past-actions")] == [
        (SECOND_TITLE, NOTE),
        (SHIPPED_TITLE, "UA 2/19 has ended."),
    ]
