"""What the pages count: one request per letter, tweets or text page made, with its channel,
language, points and letters, and nothing for a refusal; "I have posted my letters" once per
supporter; "N letters made so far" once there are any; and the letter whatever the database
does."""

import logging
import re
import sqlite3
import time
from contextlib import closing, nullcontext
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from campaign.counts import Counts
from campaign.pdf import RenderError
from campaign.services import Services
from tests.support.apps import frozen_app
from tests.support.files import write_actions
from tests.support.forms import VALID_FORM, form_with
from tests.support.reading import parse, pdf_pages
from tests.support.shipped import ACTION_URL, LETTER_URL, shipped_action

SLUG = "ua-2-19"
POSTED_URL = ACTION_URL + "posted"
FORM = "application/x-www-form-urlencoded"
TODAY = date(2026, 11, 21)  # NOW, where the actions are run
# The one official of the three with an account on X: tweets go to them alone.
TWEETED = 1


def counting_app(database: Path | str, **config) -> Flask:
    """Return a test app that counts into the given SQLite file (or database URL)."""
    url = database if isinstance(database, str) else f"sqlite:///{database}"
    return frozen_app(COUNTS_ENABLED=True, DATABASE_URL=url, WARM_UP=False, **config)


@pytest.fixture
def database(tmp_path) -> Path:
    return tmp_path / "counts.sqlite3"


@pytest.fixture
def app(database) -> Flask:
    return counting_app(database)


def figures(app: Flask):
    """Return the shipped action's figures as counted so far."""
    return app.extensions["counts"].figures(SLUG)[0]


def press_posted(client, **form):
    """Press "I have posted my letters" as a browser sends it: a form, its token alone."""
    return client.post(POSTED_URL, data=form, content_type=FORM)


def counted_nothing(app: Flask) -> bool:
    found = figures(app)
    return found.days == () and found.point_sets == () and found.posted == 0


@pytest.mark.parametrize(
    ("fmt", "channel", "letters"),
    [("pdf", "pdf", 3), ("tweet", "tweet", TWEETED), ("text", "text", 3)],
)
def test_each_way_of_writing_counts_one_request_with_its_letters(app, fmt, channel, letters):
    response = app.test_client().post(LETTER_URL, data=form_with(format=fmt))
    assert response.status_code == 200
    if fmt == "tweet":  # as many officials as the page gives tweets for
        assert len(parse(response).select("section.tweets")) == letters
    found = figures(app)
    assert [(d.day, d.channel, d.letters, d.requests) for d in found.days] == [
        (TODAY, channel, letters, 1)
    ]
    assert found.point_sets == ((("investigate", "justice"), 1),)
    assert found.languages == (("en", letters),)
    assert found.posted == 0


def test_a_french_letter_is_counted_in_french_with_its_officials(app):
    points = ["safety", "investigate", "justice"]
    form = form_with(letter_language="fr", recipients=["kremlin", "embassy"], points=points)
    response = app.test_client().post(LETTER_URL, data=form)
    assert response.mimetype == "application/pdf"
    found = figures(app)
    assert found.languages == (("fr", 2),)
    assert found.point_sets == ((("investigate", "justice", "safety"), 1),)
    assert [(d.channel, d.letters, d.requests) for d in found.days] == [("pdf", 2, 1)]


def test_tweets_are_counted_in_the_language_they_are_written_in(app):
    # From the French page, an English letter's tweets are French, as the page is.
    response = app.test_client().post(
        LETTER_URL + "?lang=fr", data=form_with(format="tweet", letter_language="en")
    )
    assert response.status_code == 200
    assert figures(app).languages == (("fr", TWEETED),)


def test_the_text_pages_download_is_the_same_letters_and_is_not_counted_again(app):
    client = app.test_client()
    assert client.post(LETTER_URL, data=form_with(format="text")).status_code == 200
    download = client.post(LETTER_URL, data=form_with(format="text", download="txt"))
    assert download.mimetype == "text/plain"
    assert [(d.channel, d.letters, d.requests) for d in figures(app).days] == [("text", 3, 1)]


def _render_fails(*args, **kwargs):
    raise RenderError("the renderer failed")


def test_a_mistake_or_a_failed_render_counts_nothing(app, monkeypatch):
    client = app.test_client()
    for fmt in ("pdf", "tweet", "text"):
        assert client.post(LETTER_URL, data=form_with(format=fmt, points=["x"])).status_code == 400
    monkeypatch.setattr(Services, "make_kit", _render_fails)
    assert client.post(LETTER_URL, data=form_with()).status_code == 503
    assert counted_nothing(app)


def test_a_letter_shed_from_the_queue_counts_nothing(database):
    app = counting_app(database, PROXY_COUNT=1, QUEUE_TIMEOUT=2.0)
    late = {"X-Request-Start": f"t={time.time() - 3:.3f}"}
    response = app.test_client().post(LETTER_URL, data=form_with(), headers=late)
    assert response.status_code == 503
    assert counted_nothing(app)


def test_a_rate_limited_letter_counts_nothing(database):
    app = counting_app(
        database,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        LETTER_RATE_LIMIT="1 per minute",
    )
    client = app.test_client()
    statuses = [client.post(LETTER_URL, data=form_with(format="text")).status_code for _ in "abc"]
    assert statuses == [200, 429, 429]
    assert [(d.channel, d.requests) for d in figures(app).days] == [("text", 1)]


# "I have posted my letters"


def test_posted_is_counted_once_per_supporter_however_often_pressed(app):
    first, second = app.test_client(), app.test_client()
    answers = [press_posted(first) for _ in range(3)] + [press_posted(second)]
    assert [a.status_code for a in answers] == [200] * 4
    assert figures(app).posted == 2
    assert figures(app).days == ()  # posting makes no letter
    page = parse(answers[1])  # pressed again (or reloaded): thanked all the same
    assert page.select_one("h1").get_text(strip=True) == "Thank you for posting your letters"
    assert page.select_one(".posted-thanks").get_text(strip=True) == (
        "Thank you: you are counted among the supporters who have posted their letters."
    )
    assert answers[0].headers["Cache-Control"] == "no-store"


def test_the_session_remembers_the_action_and_nothing_else(app):
    client = app.test_client()
    client.post(POSTED_URL, data=VALID_FORM)  # answers sent by mistake are never read
    serializer = app.session_interface.get_signing_serializer(app)
    session = serializer.loads(client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value)
    assert session == {"posted": [SLUG]}


def test_once_posted_the_panel_thanks_rather_than_asks(app):
    client = app.test_client()
    before = parse(client.get(ACTION_URL))
    button = before.select_one(".next-steps-posted button")
    assert button.get_text(strip=True) == "I have posted my letters"
    # Inside the letter form, the button sends the small form after it: no answer goes.
    assert button["form"] == "posted-form"
    posted_form = before.select_one("form#posted-form")
    assert posted_form["action"] == POSTED_URL
    assert posted_form["method"] == "post"
    assert {i["name"] for i in posted_form.select("input")} <= {"csrf_token"}
    press_posted(client)
    for address in (ACTION_URL, ACTION_URL + "next-steps"):
        after = parse(client.get(address)).select_one(".next-steps-posted")
        assert after.select("button") == []
        assert after.select_one(".posted-thanks")
    assert parse(client.get(ACTION_URL)).select_one("form#posted-form") is None


def test_the_panel_after_a_download_presses_the_pages_small_form(app):
    response = app.test_client().get(ACTION_URL + "next-steps")
    panel = parse(response).select_one(".next-steps-posted[aria-live=polite]")
    assert panel.select_one("button")["form"] == "posted-form"
    # The fragment holds no token of its own: it sets no cookie, as before.
    assert panel.find_parent("form") is None
    assert "Set-Cookie" not in response.headers


def test_posted_needs_the_sites_token(database):
    app = counting_app(database, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    assert press_posted(client).status_code == 400
    assert press_posted(client, csrf_token="stale").status_code == 400
    assert client.get(POSTED_URL).status_code == 405
    assert figures(app).posted == 0
    token = parse(client.get(ACTION_URL)).select_one("#posted-form input")["value"]
    assert press_posted(client, csrf_token=token).status_code == 200
    assert figures(app).posted == 1


def test_posted_is_rate_limited_like_letters(database):
    app = counting_app(
        database,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        LETTER_RATE_LIMIT="2 per minute",
    )
    # A script starting session after session: each press is a new supporter to the session.
    statuses = [press_posted(app.test_client()).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert figures(app).posted == 2
    # Its own budget: letters are still made.
    assert app.test_client().post(LETTER_URL, data=form_with(format="text")).status_code == 200


def test_a_closed_action_takes_no_posted(tmp_path, database):
    closed = shipped_action() | {"closed": {"date": date(2026, 11, 1), "note": "Ended."}}
    actions = write_actions(tmp_path / "actions", {"closed-example": closed})
    app = counting_app(database, ACTIONS_DIR=str(actions))
    client = app.test_client()
    response = client.post("/actions/closed-example/posted", data={}, content_type=FORM)
    assert response.status_code == 410
    assert app.extensions["counts"].figures("closed-example")[0].posted == 0


def test_an_unknown_action_takes_no_posted(app):
    response = app.test_client().post("/actions/no-such-action/posted", data={}, content_type=FORM)
    assert response.status_code == 404
    assert app.extensions["counts"].figures() == []


# "N letters made so far"


def _so_far(client, address=ACTION_URL) -> str | None:
    line = parse(client.get(address)).select_one(".letters-so-far")
    return line.get_text() if line else None


def test_no_line_before_the_first_letter(app):
    assert _so_far(app.test_client()) is None


def test_the_line_counts_the_letters_made_in_the_pages_language(database):
    maker = counting_app(database)
    maker.test_client().post(LETTER_URL, data=form_with(recipients=["kremlin"]))
    # Another worker, reading afresh: one letter.
    assert _so_far(counting_app(database).test_client()) == "1 letter made so far"
    assert _so_far(counting_app(database).test_client(), ACTION_URL + "?lang=fr") == (
        "1 lettre rédigée jusqu’à maintenant"
    )
    counts: Counts = maker.extensions["counts"]
    counts.letters_made(SLUG, channel="batch", language="en", points=["safety"], letters=1233)
    assert _so_far(counting_app(database).test_client()) == "1,234 letters made so far"
    french = _so_far(counting_app(database).test_client(), ACTION_URL + "?lang=fr")
    # French groups thousands with a (narrow) no-break space, as Babel writes it.
    assert re.fullmatch("1[\u202f\u00a0]234 lettres rédigées jusqu’à maintenant", french)


def test_the_line_is_read_at_most_once_a_minute(app, database):
    client = app.test_client()
    assert _so_far(client) is None
    client.post(LETTER_URL, data=form_with())
    assert _so_far(client) is None  # this worker read 0 moments ago
    assert _so_far(counting_app(database).test_client()) == "3 letters made so far"


# The database down: the letter first


def _counts_logs(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("campaign")]


@pytest.mark.parametrize(
    "where",
    ["locked SQLite file", "PostgreSQL on a closed port"],
)
def test_with_the_database_down_the_letters_are_made_and_logged_once(where, database, caplog):
    caplog.set_level(logging.INFO)
    if where == "locked SQLite file":
        holder = sqlite3.connect(database, isolation_level=None)
        holder.execute("CREATE TABLE other (x)")
        holder.execute("BEGIN EXCLUSIVE")  # no other process may read or write it
        app = counting_app(database, DATABASE_TIMEOUT=0.05)
    else:
        holder = None
        app = counting_app("postgresql+psycopg://127.0.0.1:1/x")
    with closing(holder) if holder else nullcontext():
        client = app.test_client()
        page = client.get(ACTION_URL)
        assert page.status_code == 200
        assert parse(page).select_one(".letters-so-far") is None
        letter = client.post(LETTER_URL, data=form_with(format="pdf"))
        assert letter.status_code == 200
        assert VALID_FORM["name"] in pdf_pages(letter.data)[1]
        for fmt in ("tweet", "text"):
            assert client.post(LETTER_URL, data=form_with(format=fmt)).status_code == 200
        assert press_posted(client).status_code == 200
    logged = _counts_logs(caplog)
    assert len([line for line in logged if "database failed" in line]) == 1, logged
    for value in ("Ann", "Halifax", "nurse", "Example"):
        assert value not in caplog.text


def test_a_counting_failure_never_stops_a_letter(app, caplog, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError(f"broken counts for {VALID_FORM['name']}")

    for method in ("letters_made", "posted", "total_letters"):
        monkeypatch.setattr(Counts, method, broken)
    client = app.test_client()
    assert client.get(ACTION_URL).status_code == 200
    letter = client.post(LETTER_URL, data=form_with())
    assert letter.status_code == 200
    assert letter.mimetype == "application/pdf"
    assert client.post(LETTER_URL, data=form_with(format="tweet")).status_code == 200
    assert press_posted(client).status_code == 200
    assert "Counting failed: RuntimeError" in caplog.text
    assert VALID_FORM["name"] not in caplog.text
