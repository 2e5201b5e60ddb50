"""Faults: a failing, font-less or endless render gives a kind 503; the worker carries on."""

import logging
import shutil
import time

import pytest
import weasyprint

from campaign.pdf import ASSETS_DIR
from tests.support.apps import make_app
from tests.support.forms import form_with
from tests.support.reading import field_value, parse
from tests.support.shipped import LETTER_URL, PREVIEW_URL

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


def test_a_missing_bundled_font_disables_pdfs_but_not_tweets(tmp_path, caplog):
    assets = tmp_path / "assets"
    shutil.copytree(ASSETS_DIR, assets)
    (assets / "fonts" / "LiberationSerif-Bold.ttf").unlink()
    with caplog.at_level(logging.ERROR):
        client = make_app(PDF_ASSETS_DIR=str(assets)).test_client()
    assert "fonts/LiberationSerif-Bold.ttf" in caplog.text
    _assert_kind_503(client.post(LETTER_URL, data=form_with()))
    assert client.post(LETTER_URL, data=form_with(format="tweet")).status_code == 200
    assert client.post(LETTER_URL, data=form_with(format="text")).status_code == 200


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
