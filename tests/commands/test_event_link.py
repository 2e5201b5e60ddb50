"""`flask --app campaign event-link SLUG --hours N`: an organiser's link for an evening, and every
way of asking for one wrongly answered with a sentence, not a traceback."""

from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from campaign.web.events import event_expiry
from tests.support.apps import counting_app, make_app
from tests.support.files import write_actions
from tests.support.forms import form_with
from tests.support.shipped import LETTER_URL, shipped_action

BASE = "https://letters.example.org"


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["event-link", *args])


def test_the_link_opens_the_action_and_lifts_the_limit_for_the_hours_asked(tmp_path):
    app = counting_app(tmp_path / "counters.sqlite3", EVENT_RATE_LIMIT="10 per minute")
    result = _run(app, "ua-2-19", "--hours", "2", "--base-url", BASE)
    assert result.exit_code == 0, result.output
    link = result.stdout.strip()
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{BASE}/actions/ua-2-19/"
    (token,) = parse_qs(parts.query)["event"]
    expires = event_expiry("test", token, "ua-2-19", datetime.now(UTC))
    assert timedelta(hours=1, minutes=59) < expires - datetime.now(UTC) <= timedelta(hours=2)
    assert "Valid until" in result.stderr

    client = app.test_client()
    client.get(f"{parts.path}?{parts.query}")
    statuses = [
        client.post(LETTER_URL, data=form_with(format="tweet")).status_code for _ in "12345"
    ]
    assert statuses == [200] * 5  # three a minute without the link


def test_the_public_url_comes_from_the_configuration():
    result = _run(make_app(WARM_UP=False, PUBLIC_URL=BASE + "/"), "ua-2-19")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{BASE}/actions/ua-2-19/?event=")


def _closed_app(tmp_path):
    closed = shipped_action() | {"closed": {"date": date(2019, 6, 30), "note": "Ended."}}
    actions = write_actions(tmp_path / "actions", {"ua-2-19": shipped_action(), "old": closed})
    return make_app(WARM_UP=False, ACTIONS_DIR=str(actions))


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (lambda _: make_app(WARM_UP=False), ["nope", "--base-url", BASE], "No action 'nope'"),
        (lambda _: make_app(WARM_UP=False), ["ua-2-19"], "--base-url"),
        (
            lambda _: make_app(WARM_UP=False, SECRET_KEY=None),
            ["ua-2-19", "--base-url", BASE],
            "CAMPAIGN_SECRET_KEY is not set",
        ),
        (
            lambda _: make_app(WARM_UP=False),
            ["ua-2-19", "--hours", "0", "--base-url", BASE],
            "--hours",
        ),
        (
            lambda _: make_app(WARM_UP=False),
            ["ua-2-19", "--hours", "25", "--base-url", BASE],
            "--hours",
        ),
        (_closed_app, ["old", "--base-url", BASE], "is closed"),
    ],
    ids=["unknown action", "no address", "temporary key", "no time", "a day and more", "closed"],
)
def test_a_wrong_request_is_refused_with_a_sentence(tmp_path, make, args, message):
    result = _run(make(tmp_path), *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert "?event=" not in result.output
