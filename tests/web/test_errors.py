"""Friendly pages in the site's layout, with the right status codes."""

import pytest

from tests.conftest import LETTER_URL, form_with, parse


@pytest.mark.parametrize(
    ("method", "path", "status", "heading"),
    [
        ("get", "/no-such-page", 404, "Page not found"),
        ("get", LETTER_URL, 405, "That page cannot be used that way"),
        ("put", "/", 405, "That page cannot be used that way"),
    ],
)
def test_error_pages_are_friendly(client, method, path, status, heading):
    response = getattr(client, method)(path)
    assert response.status_code == status
    page = parse(response)
    assert page.select_one("main h1").get_text(strip=True) == heading
    assert page.select_one("header.site-header") is not None


def test_oversized_body_gets_413(client):
    response = client.post(LETTER_URL, data={"message": "x" * (65 * 1024)})
    assert response.status_code == 413
    assert parse(response).select_one("main h1").get_text(strip=True) == "That was too much to send"


def test_unexpected_failure_gets_the_friendly_500(app, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("secret supporter text")

    monkeypatch.setattr("campaign.web.action.compose_letters", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().post(LETTER_URL, data=form_with())
    assert response.status_code == 500
    assert "Sorry, something went wrong" in parse(response).select_one("main h1").get_text()
    assert "secret supporter text" not in caplog.text
    assert "RuntimeError" in caplog.text
