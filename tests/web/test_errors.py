"""Friendly pages in the site's layout, with the right status codes and a way back."""

import pytest

from tests.support.forms import form_with
from tests.support.reading import parse
from tests.support.shipped import ACTION_URL, LETTER_URL

ACTION_LINK = "Go to the action: Russia: Homophobic crackdown in Chechnya resumes"


def _links(page) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in page.select("main a")]


@pytest.mark.parametrize(
    ("method", "path", "status", "heading", "advice"),
    [
        (
            "get",
            "/no-such-page",
            404,
            "Page not found",
            "Check the address, or choose an action from the list.",
        ),
        (
            "get",
            LETTER_URL,
            405,
            "That page cannot be used that way",
            "Start again from the action's page.",
        ),
        (
            "put",
            "/",
            405,
            "That page cannot be used that way",
            "Start again from the action's page.",
        ),
    ],
)
def test_error_pages_are_friendly(client, method, path, status, heading, advice):
    response = getattr(client, method)(path)
    assert response.status_code == status
    page = parse(response)
    assert page.select_one("main h1").get_text(strip=True) == heading
    assert page.select_one("main h1 + p").get_text(strip=True) == advice
    assert page.select_one("header.site-header") is not None
    # Whatever went wrong, the way back to the list of actions is there.
    assert _links(page)[-1] == ("See all urgent actions", "/")


def test_wrong_method_on_an_action_links_back_to_it(client):
    assert _links(parse(client.get(LETTER_URL))) == [
        (ACTION_LINK, ACTION_URL),
        ("See all urgent actions", "/"),
    ]


def test_oversized_body_gets_413_with_a_way_back_to_the_action(client):
    response = client.post(LETTER_URL, data={"message": "x" * (65 * 1024)})
    assert response.status_code == 413
    page = parse(response)
    assert page.select_one("main h1").get_text(strip=True) == "That was too much to send"
    assert page.title.get_text() == "That was too much to send: UA 2/19"
    assert _links(page) == [(ACTION_LINK, ACTION_URL), ("See all urgent actions", "/")]


def test_unexpected_failure_gets_the_friendly_500(app, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("secret supporter text")

    # Deep in the printed kit, below the view.
    monkeypatch.setattr("campaign.kit.compose_letters", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().post(LETTER_URL, data=form_with())
    assert response.status_code == 500
    page = parse(response)
    assert "Sorry, something went wrong" in page.select_one("main h1").get_text()
    assert _links(page) == [(ACTION_LINK, ACTION_URL), ("See all urgent actions", "/")]
    assert "secret supporter text" not in caplog.text
    assert "Unexpected RuntimeError at " in caplog.text
