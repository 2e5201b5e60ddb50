"""CSRF on: a missing, forged or expired token re-shows the form kindly, with a fresh token."""

import pytest

from campaign import create_app
from campaign.web.forms import CSRF_MESSAGE
from tests.support.forms import form_with
from tests.support.reading import field_value, parse
from tests.support.shipped import ACTION_URL, LETTER_URL, PREVIEW_URL


@pytest.fixture
def csrf_app():
    return create_app({"TESTING": True, "SECRET_KEY": "test", "WTF_CSRF_ENABLED": True})


def _token(client):
    return parse(client.get(ACTION_URL)).select_one("input[name=csrf_token]")["value"]


def test_form_carries_a_token(csrf_app):
    assert _token(csrf_app.test_client())


def test_post_with_the_pages_token_is_accepted(csrf_app):
    client = csrf_app.test_client()
    response = client.post(LETTER_URL, data=form_with(csrf_token=_token(client)))
    assert response.mimetype == "application/pdf"


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_missing_or_bad_token_re_shows_the_form(csrf_app, token):
    client = csrf_app.test_client()
    _token(client)
    response = client.post(LETTER_URL, data=form_with(csrf_token=token))
    assert response.status_code == 400
    page = parse(response)
    assert [a.get_text(strip=True) for a in page.select(".error-summary a")] == [CSRF_MESSAGE]
    assert field_value(page, "name") == "Ann Example"
    assert field_value(page, "address") == form_with()["address"]
    fresh = page.select_one("input[name=csrf_token]")["value"]
    assert fresh
    assert fresh != token
    # The fresh token works.
    assert client.post(LETTER_URL, data=form_with(csrf_token=fresh)).mimetype == "application/pdf"


def test_expired_token_re_shows_the_form_with_a_fresh_one():
    expired = create_app(
        {"TESTING": True, "SECRET_KEY": "test", "WTF_CSRF_TIME_LIMIT": -1}
    ).test_client()
    token = _token(expired)
    response = expired.post(LETTER_URL, data=form_with(csrf_token=token))
    assert response.status_code == 400
    page = parse(response)
    assert page.select_one(".error-summary a").get_text(strip=True) == CSRF_MESSAGE
    assert page.select_one("input[name=csrf_token]")["value"]


def test_preview_with_the_pages_token_is_shown(csrf_app):
    client = csrf_app.test_client()
    response = client.post(PREVIEW_URL, data=form_with(csrf_token=_token(client)))
    assert response.status_code == 200
    letter = parse(response).select_one(".letter")
    assert "Dear President Putin," in letter.get_text()


def _assert_refused_preview(response):
    assert response.status_code == 400
    page = parse(response)
    assert (
        page.select_one("main h1").get_text(strip=True) == "Something was wrong with that request"
    )
    assert page.select_one(".letter") is None


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_preview_without_the_pages_token_is_refused(csrf_app, token):
    """Another site's page cannot have a supporter's browser post to the preview."""
    client = csrf_app.test_client()
    _token(client)
    _assert_refused_preview(client.post(PREVIEW_URL, data=form_with(csrf_token=token)))


def test_preview_with_another_sessions_token_is_refused(csrf_app):
    client = csrf_app.test_client()
    _token(client)
    others = _token(csrf_app.test_client())
    _assert_refused_preview(client.post(PREVIEW_URL, data=form_with(csrf_token=others)))
