"""A closed action in French: the frame's note is translated, and the action's own closing
note comes in French when the action gives one (`translations: fr: closed: note:`), else in
its first language, marked as such."""

from datetime import date

import pytest

from campaign.content import ContentError
from tests.support.apps import frozen_app
from tests.support.files import write_actions
from tests.support.forms import form_with
from tests.support.reading import parse
from tests.support.shipped import ACTION_URL, LETTER_URL, shipped_action
from tests.support.wording import english_left, english_pieces, extracted_messages

ENGLISH_NOTE = "Thank you: the detainees were released."
FRENCH_NOTE = "Merci : les personnes détenues ont été libérées."


def _closed(french_note: str | None) -> dict:
    action = shipped_action()
    action["closed"] = {"date": date(2019, 6, 30), "note": ENGLISH_NOTE}
    if french_note:
        action["translations"]["fr"]["closed"] = {"note": french_note}
    return action


def _client(tmp_path, action: dict):
    actions = write_actions(tmp_path / "actions", {"ua-2-19": action})
    return frozen_app(ACTIONS_DIR=str(actions), WARM_UP=False).test_client()


def _visible_text(page) -> str:
    for hidden in page(["script", "style"]):
        hidden.decompose()
    return " ".join(page.get_text(" ").split())


def test_the_french_closed_pages_show_no_english_wording(tmp_path):
    client = _client(tmp_path, _closed(FRENCH_NOTE))
    pages = {
        "action": client.get(f"{ACTION_URL}?lang=fr"),
        "letter": client.post(f"{LETTER_URL}?lang=fr", data=form_with()),
        "home": client.get("/?lang=fr"),
    }
    assert [response.status_code for response in pages.values()] == [200, 410, 200]
    texts = {name: _visible_text(parse(response)) for name, response in pages.items()}
    assert "Cette action est terminée" in texts["action"]
    for text in texts.values():
        assert FRENCH_NOTE in text
    pieces = english_pieces(extracted_messages()) | {ENGLISH_NOTE}
    assert {name: english_left(text, pieces) for name, text in texts.items()} == {
        name: [] for name in texts
    }


def test_the_closing_note_is_in_the_page_s_language(tmp_path):
    client = _client(tmp_path, _closed(FRENCH_NOTE))
    for query, note in (("?lang=fr", FRENCH_NOTE), ("", ENGLISH_NOTE)):
        closed = parse(client.get(ACTION_URL + query)).select_one(".closed-note")
        assert note in closed.get_text()
        assert closed.select("[lang]") == []


def test_a_note_given_in_the_first_language_only_is_marked_as_such(tmp_path):
    client = _client(tmp_path, _closed(None))
    closed = parse(client.get(f"{ACTION_URL}?lang=fr")).select_one(".closed-note")
    assert closed.find("span", string=ENGLISH_NOTE)["lang"] == "en"
    assert "Cette action est terminée" in closed.get_text()


def test_a_translated_note_for_an_open_action_stops_start_up(tmp_path):
    action = shipped_action()
    action["translations"]["fr"]["closed"] = {"note": FRENCH_NOTE}
    with pytest.raises(ContentError, match=r"field 'fr': field 'closed': is for a closed action"):
        _client(tmp_path, action)
