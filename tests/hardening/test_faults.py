"""Faults: a failing or endless render, or an unusable font, gives a kind 503; tweets carry on."""

import http.cookiejar
import logging
import shutil
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import weasyprint
from bs4 import BeautifulSoup

from campaign.pdf import ASSETS_DIR
from campaign.web.warmup import warm_up_worker
from tests.support.apps import make_app
from tests.support.files import write_actions
from tests.support.forms import form_with
from tests.support.live_server import gunicorn_alone
from tests.support.reading import field_value, parse
from tests.support.shipped import ACTION_URL, LETTER_URL, PREVIEW_URL, shipped_action

RENDER_FAILED_START = "We could not make your letter just now."


def _assert_kind_503(response):
    assert response.status_code == 503
    assert response.headers["Cache-Control"] == "no-store"
    page = parse(response)
    message = page.select_one(".error-summary a").get_text(strip=True)
    assert message.startswith(RENDER_FAILED_START)
    assert "tweets" in message
    assert field_value(page, "name") == "Ann Example"
    assert field_value(page, "address") == form_with()["address"]
    assert [i["value"] for i in page.select("input[name=points][checked]")] == [
        "investigate",
        "justice",
    ]


def test_a_weasyprint_error_gives_a_kind_503_and_the_next_letter_works(monkeypatch, caplog):
    client = make_app().test_client()
    original = weasyprint.HTML.render

    def broken(self, *args, **kwargs):
        raise ValueError("layout exploded")

    monkeypatch.setattr(weasyprint.HTML, "render", broken)
    with caplog.at_level(logging.ERROR):
        _assert_kind_503(client.post(LETTER_URL, data=form_with()))
    assert "PDF render failed: ValueError" in caplog.text
    monkeypatch.setattr(weasyprint.HTML, "render", original)
    assert client.post(LETTER_URL, data=form_with()).mimetype == "application/pdf"


def test_a_render_that_runs_too_long_is_stopped(monkeypatch, caplog):
    client = make_app(RENDER_TIMEOUT=0.2).test_client()

    def endless(self, *args, **kwargs):
        time.sleep(30)

    monkeypatch.setattr(weasyprint.HTML, "render", endless)
    with caplog.at_level(logging.ERROR):
        _assert_kind_503(client.post(LETTER_URL, data=form_with()))
    assert "PDF render failed: RenderTimeout" in caplog.text
    monkeypatch.undo()
    # The next request renders for real: give it a limit no slow machine meets.
    client.application.config["RENDER_TIMEOUT"] = 10.0
    assert client.post(LETTER_URL, data=form_with()).mimetype == "application/pdf"


BROKEN_FONT = "fonts/LiberationSerif-Bold.ttf"


def _cut_short(font: Path) -> None:
    font.write_bytes(font.read_bytes()[:1000])


def _garble(font: Path) -> None:
    font.write_bytes(bytes(255 - byte for byte in font.read_bytes()))


def _make_unreadable(font: Path) -> None:
    # Reading this fails even for root, as a font without read permission does for others.
    font.unlink()
    font.symlink_to("/proc/self/mem")


def _replace_with_folder(font: Path) -> None:
    font.unlink()
    font.mkdir()


def _assets_with_broken_font(tmp_path: Path, damage, font: str = BROKEN_FONT) -> Path:
    """Return a copy of the bundled assets with one font damaged."""
    assets = tmp_path / "assets"
    shutil.copytree(ASSETS_DIR, assets)
    damage(assets / font)
    return assets


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (Path.unlink, "missing"),
        (_cut_short, "not a valid font"),
        (_garble, "not a valid font"),
        (_make_unreadable, "unreadable"),
        (_replace_with_folder, "unreadable"),
    ],
    ids=["missing", "cut short", "garbled", "unreadable", "a folder"],
)
def test_an_unusable_bundled_font_disables_pdfs_but_not_tweets(tmp_path, caplog, damage, reason):
    assets = _assets_with_broken_font(tmp_path, damage)
    with caplog.at_level(logging.WARNING):
        app = make_app(PDF_ASSETS_DIR=str(assets))
        warm_up_worker(app)  # as each production worker does before it takes requests
    [line] = caplog.records
    assert (line.levelno, line.exc_info) == (logging.ERROR, None)
    assert f"{BROKEN_FONT}: {reason}" in line.getMessage()
    assert "\n" not in line.getMessage()
    client = app.test_client()
    _assert_kind_503(client.post(LETTER_URL, data=form_with()))
    assert client.post(LETTER_URL, data=form_with(format="tweet")).status_code == 200
    assert client.post(LETTER_URL, data=form_with(format="text")).status_code == 200


def test_text_only_an_unusable_font_prints_does_not_stop_start_up(tmp_path):
    assets = _assets_with_broken_font(
        tmp_path, _cut_short, font="fonts/NotoSerifDevanagari-Regular.ttf"
    )
    action = shipped_action()
    action["headline"] += " (अमित)"  # a name only that font can print
    actions = write_actions(tmp_path / "actions", {"ua-2-19": action})
    client = make_app(PDF_ASSETS_DIR=str(assets), ACTIONS_DIR=str(actions)).test_client()
    assert client.post(LETTER_URL, data=form_with(format="tweet")).status_code == 200
    assert client.post(LETTER_URL, data=form_with(format="text")).status_code == 200


@pytest.mark.slow
def test_the_production_server_serves_tweets_with_a_corrupt_font(tmp_path):
    assets = _assets_with_broken_font(tmp_path, _cut_short)
    log = tmp_path / "server.log"
    with gunicorn_alone(log, CAMPAIGN_PDF_ASSETS_DIR=str(assets)) as base:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = BeautifulSoup(opener.open(base + ACTION_URL).read(), "html.parser")
        token = page.select_one("input[name=csrf_token]")["value"]
        form = urllib.parse.urlencode(form_with(format="tweet", csrf_token=token), doseq=True)
        with opener.open(base + LETTER_URL, data=form.encode()) as response:
            tweets = BeautifulSoup(response.read(), "html.parser")
        assert tweets.select_one("h1").get_text() == "Your tweets"
    text = log.read_text()
    [line] = [line for line in text.splitlines() if BROKEN_FONT in line]
    assert f"{BROKEN_FONT}: not a valid font" in line
    assert "Traceback" not in text


@pytest.mark.parametrize(
    ("path", "method", "status"),
    [
        ("/nope", "get", 404),
        ("/actions/no-such-action/", "get", 404),
        (LETTER_URL, "get", 405),
        (PREVIEW_URL, "get", 405),
        ("/healthz", "post", 405),
    ],
)
def test_unknown_routes_and_wrong_methods_have_pages(path, method, status):
    response = getattr(make_app().test_client(), method)(path)
    assert response.status_code == status
    assert parse(response).select_one("header.site-header a").get_text() == "Write for rights"
