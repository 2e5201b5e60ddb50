"""The form's button says what it makes, from the page the server sends; the site's icon."""

import pytest

from tests.support.forms import form_with
from tests.support.reading import parse
from tests.support.shipped import ACTION_URL, LETTER_URL

LABELS = {"pdf": "Make my letter", "tweet": "Show my tweets", "text": "Show my letter as text"}


def _button(page):
    return page.select_one("form.letter-form button[type=submit]")


@pytest.mark.parametrize("choice", LABELS)
def test_a_preselected_format_names_the_button(client, choice):
    button = _button(parse(client.get(f"{ACTION_URL}?format={choice}")))
    assert button.get_text(strip=True) == LABELS[choice]
    # The page's script reads the other labels from the button as the choice changes.
    assert {value: button[f"data-label-{value}"] for value in LABELS} == LABELS


def test_the_button_makes_a_letter_unless_told_otherwise(client):
    assert _button(parse(client.get(ACTION_URL))).get_text(strip=True) == "Make my letter"
    unknown = _button(parse(client.get(f"{ACTION_URL}?format=fax")))
    assert unknown.get_text(strip=True) == "Make my letter"


def test_a_form_shown_again_keeps_the_button_of_its_choice(client):
    response = client.post(LETTER_URL, data=form_with(format="tweet", name=""))
    assert response.status_code == 400
    assert _button(parse(response)).get_text(strip=True) == "Show my tweets"


def test_the_preview_comes_before_the_button_in_the_form(client):
    page = parse(client.get(ACTION_URL))
    in_order = page.select("form.letter-form section.preview, form.letter-form [type=submit]")
    assert [element.name for element in in_order] == ["section", "button"]


def test_the_site_icon_is_linked_and_served(client):
    icon = parse(client.get(ACTION_URL)).select_one("link[rel=icon]")
    for path in (icon["href"], "/favicon.ico"):
        with client.get(path) as response:
            assert response.status_code == 200, path
            assert response.mimetype == "image/svg+xml", path
            assert b"<svg" in response.get_data()
    with client.get("/favicon.ico") as response:
        assert response.cache_control.max_age >= 7 * 24 * 3600
