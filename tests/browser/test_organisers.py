"""The organisers' page in a real browser, against the production server: an organiser signs in
and sees the chart and the table; axe finds nothing, light and dark, at 360 and 1280 px, and
nothing scrolls sideways on a phone."""

from datetime import UTC, datetime, time, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from campaign.counts import counts
from campaign.services import services
from campaign.web.organiser_access import store_password
from tests.support.apps import make_app
from tests.support.browser import screenshot
from tests.support.live_server import live_server

AXE = Axe()
PASSWORD = "correct horse battery"
SIDEWAYS = "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
# Days before today with letters (and one between without): (days ago, channel, letters).
LETTERS = [(6, "pdf", 3), (6, "tweet", 2), (4, "text", 1), (3, "pdf", 5), (1, "batch", 4)]


def _record(folder, database_url: str) -> None:
    """Count some letters over the past week, as the server's database will hold them."""
    now = {"value": datetime.now(UTC)}
    app = make_app(
        WARM_UP=False, COUNTS_ENABLED=True, DATABASE_URL=database_url, CLOCK=lambda: now["value"]
    )
    with app.app_context():
        today = services().today()
        for days_ago, channel, letters in LETTERS:
            day = today - timedelta(days=days_ago)
            now["value"] = datetime.combine(day, time(17), tzinfo=UTC)  # midday in Toronto
            counts().letters_made(
                "ua-2-19",
                channel=channel,
                language="en",
                points=("justice", "safety"),
                letters=letters,
            )
        counts().posted("ua-2-19")


@pytest.fixture(scope="module")
def organisers_url(tmp_path_factory):
    """Serve the shipped action, with a password set and a week of counts."""
    folder = tmp_path_factory.mktemp("organisers-server")
    password_file = folder / "instance" / "organisers-password"
    store_password(password_file, PASSWORD)
    database_url = f"sqlite:///{folder / 'counts.sqlite3'}"
    _record(folder, database_url)
    env = {
        "CAMPAIGN_SECRET_KEY": "browser-tests",
        "CAMPAIGN_RATELIMIT_ENABLED": "false",  # every test signs in afresh
        "CAMPAIGN_COUNTS_ENABLED": "true",
        "CAMPAIGN_DATABASE_URL": database_url,
        "CAMPAIGN_ORGANISERS_PASSWORD_FILE": str(password_file),
    }
    with live_server(folder / "server.log", **env) as base:
        yield base + "/organisers/"


@pytest.fixture
def open_organisers(browser, organisers_url):
    """Return a function opening the organisers' page in a new browser context."""
    contexts = []

    def open_(*, width=1280, height=900, scheme="light", javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(organisers_url)
        return page

    yield open_
    for context in contexts:
        context.close()


def _sign_in(page, password=PASSWORD):
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _figures(page):
    _sign_in(page)
    expect(page.locator("h1")).to_have_text("Letters made")


def _wrong_password(page):
    _sign_in(page, "not the password at all")
    expect(page.locator(".error-summary")).to_be_visible()


STATES = {
    "sign-in": lambda page: expect(page.get_by_label("Password")).to_be_visible(),
    "wrong-password": _wrong_password,
    "figures": _figures,
}


@pytest.mark.parametrize("javascript", [True, False])
def test_an_organiser_signs_in_and_sees_the_chart_and_the_table(open_organisers, javascript):
    page = open_organisers(javascript=javascript)
    _figures(page)
    section = page.locator("section.organisers-action").first
    chart = section.get_by_role("img", name="Letters per day by channel")
    expect(chart).to_be_visible()
    expect(chart.locator("rect")).to_have_count(len(LETTERS))
    legend = section.locator(".chart-legend li")
    expect(legend).to_have_text(
        ["Printed letters (PDF)", "Tweets", "Letters as text", "Letter-writing evenings"]
    )
    table = section.get_by_role("table", name="Letters per day by channel")
    expect(table).to_be_visible()
    # Seven days, from the first with letters to today, each with its total.
    totals = table.locator("tbody tr td:last-child")
    expect(totals).to_have_text(["5", "0", "1", "5", "0", "4", "0"])
    expect(section.locator(".letters-total")).to_have_text("15")
    expect(section.locator(".posted-total")).to_have_text("1")
    screenshot(page, f"organisers-figures-{'js' if javascript else 'no-js'}")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("Password")).to_be_visible()
    expect(page.locator("svg.chart")).to_have_count(0)


def test_the_csv_downloads(open_organisers, tmp_path):
    page = open_organisers()
    _figures(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download every action's counts (CSV)").click()
    path = tmp_path / "counts.csv"
    download.value.save_as(path)
    lines = path.read_text().splitlines()
    assert lines[0] == "action,day,channel,language,point_set,requests,letters,posted"
    assert len(lines) == 1 + len(LETTERS) + 1  # a row per day and channel, and the posted one


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", STATES)
def test_no_accessibility_violations(open_organisers, state, scheme, width):
    page = open_organisers(width=width, scheme=scheme)
    STATES[state](page)
    page.wait_for_load_state()
    results = AXE.run(page)
    screenshot(page, f"organisers-{state}-{scheme}-{width}")
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [320, 360])
def test_nothing_scrolls_sideways_on_a_phone(open_organisers, width):
    page = open_organisers(width=width, height=800)
    _figures(page)
    assert page.evaluate(SIDEWAYS) <= 0
    chart = page.locator("svg.chart").first.bounding_box()
    assert chart["width"] <= width


COLOURS = """() => {
    const colour = (element, property) => getComputedStyle(element)[property];
    return {
        background: colour(document.body, "backgroundColor") === "rgba(0, 0, 0, 0)"
            ? colour(document.documentElement, "backgroundColor")
            : colour(document.body, "backgroundColor"),
        text: colour(document.querySelector("svg.chart text"), "fill"),
        bars: [...new Set([...document.querySelectorAll("svg.chart rect")].map(
            rect => colour(rect, "fill")))],
    };
}"""


def _luminance(rgb: str) -> float:
    """Return the relative luminance of a CSS rgb() colour (WCAG 2)."""
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_charts_colours_stand_out_in_either_scheme(open_organisers, scheme):
    """Every channel's colour, and the chart's words, at least 3:1 against the page; axe does
    not measure an SVG's shapes."""
    page = open_organisers(scheme=scheme)
    _figures(page)
    colours = page.evaluate(COLOURS)
    assert len(colours["bars"]) == 4  # a colour of its own for each channel
    for colour in [colours["text"], *colours["bars"]]:
        assert _contrast(colour, colours["background"]) >= 3, (colour, colours["background"])
