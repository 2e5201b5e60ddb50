"""Event links: a letter-writing evening's signed link lifts the room's shared limit while it
lasts; a forged, altered, expired or misplaced one is ignored, never an error page."""

from datetime import UTC, datetime, timedelta

import pytest
from flask import session

from campaign.web import ratelimit
from campaign.web.events import event_expiry, event_link, expiry_for, remember_event, sign_event
from tests.support.apps import counting_app
from tests.support.files import write_actions
from tests.support.forms import form_with
from tests.support.reading import parse
from tests.support.shipped import ACTION_URL, LETTER_URL, shipped_action

SECRET = "test"
SLUG = "ua-2-19"
NOW = datetime.now(UTC)
LATER = NOW + timedelta(hours=4)


def _token(*, slug=SLUG, expires=LATER, secret=SECRET) -> str:
    return sign_event(secret, slug, expires)


@pytest.mark.parametrize(
    ("token", "slug", "valid"),
    [
        (_token(), SLUG, True),
        (_token(), "another-action", False),
        (_token(slug="another-action"), SLUG, False),
        (_token(expires=NOW - timedelta(seconds=1)), SLUG, False),
        (_token(secret="not-the-server's"), SLUG, False),
        (_token()[:-2] + ("AA" if not _token().endswith("AA") else "BB"), SLUG, False),
        (_token().replace(".", "x.", 1), SLUG, False),
        ("", SLUG, False),
        ("not a token", SLUG, False),
    ],
    ids=[
        "genuine",
        "other action",
        "made for another",
        "expired",
        "other key",
        "altered",
        "altered payload",
        "empty",
        "garbage",
    ],
)
def test_only_a_genuine_live_token_for_this_action_counts(token, slug, valid):
    expires = event_expiry(SECRET, token, slug, NOW)
    assert (expires is not None) is valid
    if valid:
        assert expires == LATER.replace(microsecond=0)


def test_a_link_is_the_action_page_with_its_token_and_nothing_else():
    link = event_link("https://letters.example.org/", SLUG, "TOKEN")
    assert link == "https://letters.example.org/actions/ua-2-19/?event=TOKEN"


@pytest.mark.parametrize("hours", [0, -1, 24.5])
def test_no_link_outlives_an_evening(hours):
    with pytest.raises(ValueError, match="at most 24 hours"):
        expiry_for(hours, NOW)


def _app(tmp_path):
    """Three letters a minute per client; ten for an event's visitors."""
    return counting_app(tmp_path / "counters.sqlite3", EVENT_RATE_LIMIT="10 per minute")


def _letters_made(client, count=6) -> list[int]:
    return [
        client.post(LETTER_URL, data=form_with(format="tweet")).status_code for _ in range(count)
    ]


def test_an_event_link_lifts_the_limit_for_its_visitors(tmp_path):
    client = _app(tmp_path).test_client()
    response = client.get(f"{ACTION_URL}?event={_token()}")
    assert response.status_code == 200
    assert _letters_made(client) == [200] * 6


def test_without_the_link_the_room_meets_the_usual_limit(tmp_path):
    client = _app(tmp_path).test_client()
    client.get(ACTION_URL)
    assert _letters_made(client, 4) == [200, 200, 200, 429]


@pytest.mark.parametrize(
    "token",
    [
        _token(expires=NOW - timedelta(minutes=1)),
        _token(secret="forged"),
        _token(slug="another-action"),
        _token()[:-3] + "abc",
    ],
    ids=["expired", "forged", "another action's", "altered"],
)
def test_a_bad_link_shows_the_usual_page_and_keeps_the_usual_limit(tmp_path, token):
    client = _app(tmp_path).test_client()
    response = client.get(f"{ACTION_URL}?event={token}")
    assert response.status_code == 200
    assert parse(response).select_one("form.letter-form") is not None
    assert _letters_made(client, 4) == [200, 200, 200, 429]


def test_a_link_ends_when_it_expires_even_mid_visit(tmp_path, monkeypatch):
    client = _app(tmp_path).test_client()
    client.get(f"{ACTION_URL}?event={_token(expires=datetime.now(UTC) + timedelta(hours=1))}")
    assert _letters_made(client, 4) == [200] * 4
    later = datetime.now(UTC) + timedelta(hours=2)
    monkeypatch.setattr("campaign.web.events.datetime", _FrozenAt(later))
    assert _letters_made(client, 4) == [200, 200, 200, 429]


class _FrozenAt:
    """A stand-in for datetime whose now() is a given moment."""

    def __init__(self, moment: datetime):
        self._moment = moment

    def now(self, tz=None):
        return self._moment

    def fromtimestamp(self, *args):
        return datetime.fromtimestamp(*args)


def test_a_link_to_one_action_lifts_nothing_on_another(tmp_path):
    actions = write_actions(
        tmp_path / "actions", {SLUG: shipped_action(), "other": shipped_action()}
    )
    app = counting_app(
        tmp_path / "counters.sqlite3", EVENT_RATE_LIMIT="10 per minute", ACTIONS_DIR=str(actions)
    )
    client = app.test_client()
    client.get(f"{ACTION_URL}?event={_token()}")
    statuses = [
        client.post("/actions/other/letter", data=form_with(format="tweet")).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def _render_owner(app, path: str, form_token: str) -> str:
    with app.test_request_context(path):
        app.preprocess_request()  # reads the action from the URL
        session["csrf_token"] = form_token
        remember_event()
        return ratelimit._render_owner()


def test_each_visitor_of_an_event_has_a_render_of_their_own(tmp_path):
    """One render at a time per client would let one person of a room write at a time."""
    app = _app(tmp_path)
    with_link = f"{ACTION_URL}?event={_token()}"
    first, second = (_render_owner(app, with_link, f"form-{n}") for n in (1, 2))
    assert first != second
    # Without the link, the room is one client with one render in flight.
    assert _render_owner(app, ACTION_URL, "form-1") == _render_owner(app, ACTION_URL, "form-2")
