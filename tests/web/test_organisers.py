"""The organisers' page: a password (hash only), a sign-in that lapses, no cache, no links,
and each action's counts as a chart, tables and a CSV that say the same as the database."""

import csv
import io
from datetime import UTC, date, datetime, time, timedelta

import pytest

from campaign.counts import counts
from campaign.web.chart import BAR_SHARE
from campaign.web.forms import CSRF_MESSAGE
from campaign.web.organiser_access import store_password
from campaign.web.organisers import EXPIRED, WRONG_PASSWORD
from tests.support.apps import NOW, make_app
from tests.support.reading import parse
from tests.support.shipped import ACTION_URL

PAGE = "/organisers/"
SIGN_OUT = "/organisers/sign-out"
CSV_URL = "/organisers/counts.csv"
PASSWORD = "correct horse battery"
# NOW is 21 November where the actions are run (Toronto): letters on the 18th and 20th.
TODAY = date(2026, 11, 21)
DAY_1, DAY_3 = date(2026, 11, 18), date(2026, 11, 20)


class Clock:
    """The app's clock, moved by the test: sessions lapse with no sleeping."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def password_file(tmp_path):
    """Where the app keeps the hash: the test's own folder, never instance/."""
    return tmp_path / "instance" / "organisers-password"


@pytest.fixture
def with_password(password_file):
    store_password(password_file, PASSWORD)
    return password_file


def organisers_app(tmp_path, clock, password_file, **config):
    """Return an app counting into the test's own database, its password file the test's."""
    defaults = {
        "CLOCK": clock,
        "WARM_UP": False,
        "COUNTS_ENABLED": True,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'counts.sqlite3'}",
        "ORGANISERS_PASSWORD_FILE": str(password_file),
    }
    return make_app(**(defaults | config))


@pytest.fixture
def app(tmp_path, clock, password_file):
    return organisers_app(tmp_path, clock, password_file)


@pytest.fixture
def client(app):
    return app.test_client()


def sign_in(client, password=PASSWORD):
    return client.post(PAGE, data={"password": password})


def sign_out(client):
    return client.post(SIGN_OUT, data={"csrf_token": ""})  # the form's only field


def record(app, clock, day, *, channel="pdf", letters=1, language="en", points=("justice",)):
    """Count one supporter's request made on `day` (the app's clock is moved there)."""
    clock.now = datetime.combine(day, time(12), tzinfo=UTC)
    with app.app_context():
        counts().letters_made(
            "ua-2-19", channel=channel, language=language, points=points, letters=letters
        )
    clock.now = NOW


@pytest.fixture
def recorded(app, clock):
    """Letters on three days, the middle one without any; two supporters posted theirs."""
    record(app, clock, DAY_1, channel="pdf", letters=3, points=("justice", "safety"))
    record(app, clock, DAY_1, channel="tweet", letters=2, points=("investigate", "justice"))
    record(app, clock, DAY_3, channel="pdf", letters=4, points=("justice", "safety"))
    record(app, clock, DAY_3, channel="pdf", letters=2, language="fr", points=("justice", "safety"))
    with app.app_context():
        counts().posted("ua-2-19")
        counts().posted("ua-2-19")
    return app


# The password


def test_with_no_password_the_page_says_how_to_set_one_and_nothing_else(client):
    for response in (client.get(PAGE), sign_in(client)):
        assert response.status_code == 200
        page = parse(response)
        assert page.select_one("main h1").get_text(strip=True) == "Organisers"
        command = page.select_one("main pre code").get_text(strip=True)
        assert command == "flask --app campaign organisers set-password"
        assert page.select("main form, main table, main svg, input[type=password]") == []


def test_a_wrong_password_is_refused_kindly(with_password, client):
    response = sign_in(client, "not the password")
    assert response.status_code == 400
    page = parse(response)
    assert page.select_one(".error-summary a").get_text(strip=True) == WRONG_PASSWORD
    assert (
        page.select_one("#password-error").get_text(" ", strip=True).endswith(str(WRONG_PASSWORD))
    )
    assert page.select_one("input#password[type=password]").get("value", "") == ""
    assert page.select("main table, main svg") == []


def test_five_wrong_tries_are_all_a_client_has_a_minute(with_password, tmp_path, clock):
    app = organisers_app(tmp_path, clock, with_password, RATELIMIT_ENABLED=True)
    client = app.test_client()
    assert [sign_in(client, "wrong").status_code for _ in range(5)] == [400] * 5
    response = sign_in(client)  # even the right one waits now
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    page = parse(response)
    problem = page.select_one(".error-summary a").get_text(strip=True)
    assert problem.startswith("You have tried the password several times. Try again in ")
    assert page.select_one("form input#password[type=password]")
    assert page.select("main table") == []
    # Another client is not held up by this one.
    other = client.post(PAGE, data={"password": PASSWORD}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 303


def test_the_right_password_shows_the_page(with_password, recorded, client):
    response = sign_in(client)
    assert response.status_code == 303
    assert response.headers["Location"] == PAGE
    page = parse(client.get(PAGE))
    section = page.select_one("section.organisers-action")
    assert section.select_one("h2").get_text(strip=True) == _title(recorded)
    assert section.select_one(".letters-total").get_text(strip=True) == "11"
    assert section.select_one(".posted-total").get_text(strip=True) == "2"
    assert page.select_one("form[action='/organisers/sign-out'] button").get_text(strip=True) == (
        "Sign out"
    )


def test_the_form_needs_its_token_when_csrf_is_on(with_password, tmp_path, clock):
    client = organisers_app(tmp_path, clock, with_password, WTF_CSRF_ENABLED=True).test_client()
    response = sign_in(client)
    assert response.status_code == 400
    assert parse(response).select_one(".error-summary a").get_text(strip=True) == CSRF_MESSAGE
    token = parse(client.get(PAGE)).select_one("input[name=csrf_token]")["value"]
    assert client.post(PAGE, data={"password": PASSWORD, "csrf_token": token}).status_code == 303


# The session


def _signed_in(client) -> bool:
    return parse(client.get(PAGE)).select_one("section.organisers-action") is not None


def _problem(client) -> str | None:
    summary = parse(client.get(PAGE)).select_one(".error-summary a")
    return summary.get_text(strip=True) if summary else None


def test_a_sign_in_lasts_the_configured_time(with_password, tmp_path, clock):
    client = organisers_app(
        tmp_path, clock, with_password, ORGANISERS_SESSION_MINUTES=30
    ).test_client()
    sign_in(client)
    clock.now = NOW + timedelta(minutes=29, seconds=59)
    assert _signed_in(client)
    clock.now = NOW + timedelta(minutes=30)
    assert _problem(client) == EXPIRED
    assert not _signed_in(client)
    # Gone for good: going back in time does not bring it back.
    clock.now = NOW
    assert not _signed_in(client)


def test_a_new_password_ends_every_sign_in(with_password, client):
    sign_in(client)
    assert _signed_in(client)
    store_password(with_password, "another long password")
    assert _problem(client) == EXPIRED
    assert sign_in(client).status_code == 400
    assert sign_in(client, "another long password").status_code == 303


def test_signing_out_ends_the_session(with_password, client):
    sign_in(client)
    response = sign_out(client)
    assert response.status_code == 303
    assert not _signed_in(client)
    assert _problem(client) is None
    assert client.get(CSV_URL).headers["Location"] == PAGE


def test_a_session_cookie_from_another_key_is_no_sign_in(with_password, tmp_path, clock):
    """The mark is in the signed cookie: a server with another key reads none."""
    client = organisers_app(tmp_path, clock, with_password).test_client()
    sign_in(client)
    other = organisers_app(tmp_path, clock, with_password, SECRET_KEY="other")
    cookie = client.get_cookie("session")
    other_client = other.test_client()
    other_client.set_cookie("session", cookie.value)
    assert not _signed_in(other_client)


# Private: no cache, no index, no links


def _every_kind_of_answer(client, password_file):
    yield client.get(PAGE)  # no password yet
    store_password(password_file, PASSWORD)
    yield client.get(PAGE)  # the form
    yield sign_in(client, "wrong")
    yield client.get(CSV_URL)  # not signed in: back to the form
    yield sign_in(client)
    yield client.get(PAGE)
    yield client.get(CSV_URL)
    yield sign_out(client)


def test_no_answer_is_kept_by_a_cache_or_listed_by_a_search_engine(password_file, client):
    answers = list(_every_kind_of_answer(client, password_file))
    assert [a.status_code for a in answers] == [200, 200, 400, 303, 303, 200, 200, 303]
    for answer in answers:
        assert answer.headers["Cache-Control"] == "no-store"
        assert answer.headers["X-Robots-Tag"] == "noindex"


def test_too_many_tries_are_not_kept_either(with_password, tmp_path, clock):
    client = organisers_app(
        tmp_path, clock, with_password, RATELIMIT_ENABLED=True, ORGANISERS_RATE_LIMIT="1/minute"
    ).test_client()
    sign_in(client, "wrong")
    answer = sign_in(client, "wrong")
    assert answer.status_code == 429
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("path", ["/", ACTION_URL, ACTION_URL + "?lang=fr", "/no-such-page"])
def test_no_public_page_links_to_it(with_password, recorded, client, path):
    sign_in(client)  # not even for an organiser who is signed in
    response = client.get(path)
    addresses = [
        element.get(attribute, "")
        for element in parse(response).find_all(True)
        for attribute in ("href", "action", "src", "formaction")
    ]
    assert addresses
    assert [a for a in addresses if "organisers" in a] == []
    assert "/organisers" not in response.get_data(as_text=True)


# The figures


def _title(app) -> str:
    with app.app_context():
        from campaign.services import services

        return services().content.action("ua-2-19").title


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_holds_the_counts_as_stats_writes_them(with_password, recorded, client):
    sign_in(client)
    response = client.get(CSV_URL)
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="counts.csv"'
    rows = _csv_rows(response.get_data(as_text=True))
    day_1, day_3 = DAY_1.isoformat(), DAY_3.isoformat()
    assert rows == [
        ["action", "day", "channel", "language", "point_set", "requests", "letters", "posted"],
        ["ua-2-19", day_1, "pdf", "en", "justice;safety", "1", "3", ""],
        ["ua-2-19", day_1, "tweet", "en", "investigate;justice", "1", "2", ""],
        ["ua-2-19", day_3, "pdf", "en", "justice;safety", "1", "4", ""],
        ["ua-2-19", day_3, "pdf", "fr", "justice;safety", "1", "2", ""],
        ["ua-2-19", TODAY.isoformat(), "", "", "", "", "", "2"],
    ]
    stats = recorded.test_cli_runner().invoke(args=["stats", "--csv", "-"])
    assert stats.exit_code == 0, stats.output
    assert _csv_rows(stats.output) == rows


def _table(section, name) -> list[list[str]]:
    table = section.select_one(f"table.{name}")
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in table("tr")
    ]


def test_the_table_holds_every_day_of_the_range_with_its_letters(with_password, recorded, client):
    sign_in(client)
    section = parse(client.get(PAGE)).select_one("section.organisers-action")
    assert _table(section, "letters-per-day") == [
        ["Day", "Printed letters (PDF)", "Tweets", "Total"],
        ["Nov 18, 2026", "3", "2", "5"],
        ["Nov 19, 2026", "0", "0", "0"],
        ["Nov 20, 2026", "6", "0", "6"],
        ["Nov 21, 2026", "0", "0", "0"],  # up to today
    ]


def test_point_sets_are_shown_in_the_actions_words(with_password, recorded, client):
    sign_in(client)
    section = parse(client.get(PAGE)).select_one("section.organisers-action")
    rows = section.select("table.point-sets tbody tr")
    sets = [[li.get_text(strip=True) for li in row.select("li")] for row in rows]
    with recorded.app_context():
        from campaign.services import services

        action = services().content.action("ua-2-19")
    wording = {point.id: point.wording for point in action.points}
    assert sets == [
        [wording["justice"], wording["safety"]],
        [wording["investigate"], wording["justice"]],
    ]
    assert [row.select("td")[-1].get_text(strip=True) for row in rows] == ["3", "1"]
    assert _table(section, "letter-languages") == [
        ["Language", "Letters"],
        ["English", "9"],
        ["French", "2"],
    ]


def _bars(section) -> list[dict]:
    return [
        {
            "day": rect["data-day"],
            "channel": rect["data-channel"],
            "x": float(rect["x"]),
            "y": float(rect["y"]),
            "width": float(rect["width"]),
            "height": float(rect["height"]),
        }
        for rect in section.select("svg.chart rect")
    ]


def test_the_chart_draws_each_figure_in_proportion(with_password, recorded, client):
    sign_in(client)
    section = parse(client.get(PAGE)).select_one("section.organisers-action")
    bars = {(bar["day"], bar["channel"]): bar for bar in _bars(section)}
    day_1, day_3 = DAY_1.isoformat(), DAY_3.isoformat()
    assert set(bars) == {(day_1, "pdf"), (day_1, "tweet"), (day_3, "pdf")}
    letters = {(day_1, "pdf"): 3, (day_1, "tweet"): 2, (day_3, "pdf"): 6}
    per_letter = {key: bars[key]["height"] / n for key, n in letters.items()}
    assert max(per_letter.values()) - min(per_letter.values()) < 0.01
    # A day's channels are stacked: the tweets stand on the PDF letters.
    pdf, tweet = bars[day_1, "pdf"], bars[day_1, "tweet"]
    assert tweet["y"] + tweet["height"] == pytest.approx(pdf["y"], abs=0.01)
    assert pdf["y"] + pdf["height"] == pytest.approx(
        bars[day_3, "pdf"]["y"] + 6 * per_letter[day_3, "pdf"], abs=0.01
    )
    # The day between, without letters, keeps its place: four days, one slot each.
    slot = pdf["width"] / BAR_SHARE
    assert bars[day_3, "pdf"]["x"] - pdf["x"] == pytest.approx(2 * slot, abs=0.01)


def test_the_chart_is_an_image_that_says_what_it_shows(with_password, recorded, client):
    sign_in(client)
    section = parse(client.get(PAGE)).select_one("section.organisers-action")
    svg = section.select_one("svg.chart")
    assert svg["role"] == "img"
    assert svg["width"] == "100%"  # it scales to the page's width
    assert svg["viewbox"].startswith("0 0 ")
    labelled = [
        section.select_one(f"#{name}").get_text(" ", strip=True)
        for name in svg["aria-labelledby"].split()
    ]
    assert labelled[0] == "Letters per day by channel"
    assert labelled[1] == (
        "11 letters from 18 November 2026 to 21 November 2026. "
        "The most in a day: 6, on 20 November 2026. "
        "Printed letters (PDF): 9. Tweets: 2."
    )
    legend = [li.get_text(strip=True) for li in section.select(".chart-legend li")]
    assert legend == ["Printed letters (PDF)", "Tweets"]
    assert [span["class"][-1] for span in section.select(".chart-legend .chart-swatch")] == [
        "chart-swatch--pdf",
        "chart-swatch--tweet",
    ]


def test_an_action_without_letters_says_so(with_password, client):
    sign_in(client)
    section = parse(client.get(PAGE)).select_one("section.organisers-action")
    assert section.select_one(".letters-total").get_text(strip=True) == "0"
    assert section.select("svg, table") == []
    assert "No letters yet." in section.get_text()


def test_counts_that_cannot_be_read_are_said_so(with_password, tmp_path, clock):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    app = organisers_app(
        tmp_path, clock, with_password, DATABASE_URL=f"sqlite:///{blocked / 'counts.sqlite3'}"
    )
    client = app.test_client()
    sign_in(client)
    response = client.get(PAGE)
    assert response.status_code == 503
    assert "The counts cannot be read just now" in parse(response).select_one("main").get_text()
    assert client.get(CSV_URL).status_code == 303


def test_the_page_speaks_french(with_password, recorded, client):
    sign_in(client)
    page = parse(client.get(PAGE + "?lang=fr"))
    assert page.select_one("html")["lang"] == "fr"
    section = page.select_one("section.organisers-action")
    header = _table(section, "letters-per-day")[0]
    assert header == ["Jour", "Lettres imprimées (PDF)", "Tweets", "Total"]
    assert (
        page.select_one("form[action^='/organisers/sign-out'] button").get_text(strip=True)
        == "Se déconnecter"
    )
