"""The action's own words (title, summary, points, officials) follow the page's language when
the action offers it, and otherwise stay in its first language, marked as such for readers."""

from datetime import date

import pytest

from tests.support.apps import frozen_app
from tests.support.files import write_actions
from tests.support.reading import parse
from tests.support.shipped import ACTION_URL, shipped_action

ENGLISH_ONLY_URL = "/actions/english-only/"


def _capitalised(wording: str) -> str:
    return _words(wording[:1].upper() + wording[1:])


def _words(text: str) -> str:
    """Return text with its spaces, non-breaking ones too, made plain (typography aside)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def shipped():
    return shipped_action() | {"deadline": date(2026, 12, 24)}


@pytest.fixture(scope="module")
def client(tmp_path_factory, shipped):
    """The shipped action (English and French), and one offering English only."""
    actions = tmp_path_factory.mktemp("content-language") / "actions"
    english_only = {k: v for k, v in shipped.items() if k != "translations"} | {
        "reference": "UA 3/19",
        "title": "An action written in English only",
    }
    write_actions(actions, {"ua-2-19": shipped, "english-only": english_only})
    return frozen_app(ACTIONS_DIR=str(actions), WARM_UP=False).test_client()


def _labels(page, name: str) -> list[str]:
    return [
        _words(page.find("label", attrs={"for": box["id"]}).contents[0])
        for box in page.find_all("input", attrs={"name": name})
    ]


def test_the_french_page_shows_the_actions_french_text(client, shipped):
    french = shipped["translations"]["fr"]
    page = parse(client.get(ACTION_URL + "?lang=fr"))
    assert _words(page.h1.get_text()) == _words(french["title"])
    assert _words(french["title"]) in _words(page.title.get_text())
    summary = page.find("section", class_="action-summary")
    assert french["summary"].split()[:6] == summary.p.get_text().split()[:6]
    assert _labels(page, "points") == [_capitalised(p["wording"]) for p in french["points"]]
    # In the page's own language: no container says otherwise.
    assert not _marked(page)


def test_the_english_page_is_unchanged(client, shipped):
    page = parse(client.get(ACTION_URL + "?lang=en"))
    assert page.h1.get_text(strip=True) == shipped["title"]
    summary = page.find("section", class_="action-summary")
    assert shipped["summary"].split()[:6] == summary.p.get_text().split()[:6]
    assert _labels(page, "points") == [_capitalised(p["wording"]) for p in shipped["points"]]
    assert not _marked(page)


def _marked(page) -> list:
    """Return what the page marks as another language, but the letter's languages' names."""
    return [
        tag
        for tag in page.main.find_all(attrs={"lang": True})
        if not tag.get("for", "").startswith("letter_language-")
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_letter_language_is_named_in_itself_and_marked_so(client, language):
    """ "English" on a French page is read by a screen reader as English, and the other way."""
    page = parse(client.get(f"{ACTION_URL}?lang={language}"))
    options = page.select("input[name=letter_language]")
    labels = {
        option["value"]: page.find("label", attrs={"for": option["id"]}) for option in options
    }
    assert {value: label["lang"] for value, label in labels.items()} == {"en": "en", "fr": "fr"}
    assert labels["en"].get_text(strip=True) == "English"
    assert labels["fr"].get_text(strip=True) == "Français"


def test_an_action_without_french_shows_its_english_marked_as_english(client, shipped):
    response = client.get(ENGLISH_ONLY_URL + "?lang=fr")
    assert response.status_code == 200
    page = parse(response)
    assert page.html["lang"] == "fr"
    assert page.h1.get_text(strip=True) == "An action written in English only"
    assert page.h1["lang"] == "en"
    summary = page.find("section", class_="action-summary")
    assert summary.find("p", lang="en").get_text().split()[:6] == shipped["summary"].split()[:6]
    points = page.find("input", attrs={"name": "points"}).find_parent(class_="choices")
    assert points["lang"] == "en"
    assert _labels(page, "points") == [_capitalised(p["wording"]) for p in shipped["points"]]


def test_the_french_home_page_lists_the_french_title_and_headline(client, shipped):
    french = shipped["translations"]["fr"]
    page = parse(client.get("/?lang=fr"))
    items = {_words(item.h3.get_text()): item for item in page.find_all("li", "action-item")}
    listed = items[_words(french["title"])]
    assert _words(french["headline"]) in _words(listed.get_text())
    assert "lang" not in listed.h3.attrs
    assert items["An action written in English only"].h3["lang"] == "en"
