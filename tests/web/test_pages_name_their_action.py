"""The tweets and text pages name the action they are for, by its title in the page's
language (or in its own, marked, when it offers no text in the page's), under the caption
and before the page's one heading."""

import pytest

from tests.support.apps import frozen_app
from tests.support.files import write_actions
from tests.support.forms import form_with
from tests.support.reading import parse
from tests.support.shipped import LETTER_URL, shipped_action

ENGLISH_ONLY_LETTER_URL = "/actions/english-only/letter"
ENGLISH_ONLY_TITLE = "An action written in English only"


@pytest.fixture(scope="module")
def shipped():
    return shipped_action()


@pytest.fixture(scope="module")
def client(tmp_path_factory, shipped):
    """The shipped action (English and French), and one offering English only."""
    actions = tmp_path_factory.mktemp("named") / "actions"
    english_only = {k: v for k, v in shipped.items() if k != "translations"} | {
        "reference": "UA 3/19",
        "title": ENGLISH_ONLY_TITLE,
    }
    write_actions(actions, {"ua-2-19": shipped, "english-only": english_only})
    return frozen_app(ACTIONS_DIR=str(actions), WARM_UP=False).test_client()


def _top(client, address: str, page_format: str):
    """Return the page's captions (text, lang) and its level-one headings."""
    response = client.post(address, data=form_with(format=page_format))
    assert response.status_code == 200
    main = parse(response).select_one("main")
    # Spaces plain: typography makes some non-breaking ("Russie : …").
    captions = [(" ".join(p.get_text().split()), p.get("lang")) for p in main.select("p.caption")]
    return captions, [h1.get_text() for h1 in main.select("h1")], main


@pytest.mark.parametrize(
    ("page_format", "headings"),
    [
        ("tweet", ("Your tweets", "Vos tweets")),
        ("text", ("Your letter as text", "Votre lettre en texte")),
    ],
)
def test_the_page_names_its_action_in_the_page_s_language(client, shipped, page_format, headings):
    english, english_h1, _ = _top(client, LETTER_URL, page_format)
    assert english == [("Urgent Action UA 2/19", None), (shipped["title"], None)]
    french, french_h1, main = _top(client, f"{LETTER_URL}?lang=fr", page_format)
    assert french == [
        ("Action urgente UA 2/19", None),
        (" ".join(shipped["translations"]["fr"]["title"].split()), None),
    ]
    assert (english_h1, french_h1) == ([headings[0]], [headings[1]])
    # The action's name comes before the page's one heading, as a caption does.
    assert main.select_one("p.action-title").find_next("h1") is not None


@pytest.mark.parametrize("page_format", ["tweet", "text"])
def test_an_action_without_the_page_s_language_is_named_in_its_own_marked(client, page_format):
    captions, _, _ = _top(client, f"{ENGLISH_ONLY_LETTER_URL}?lang=fr", page_format)
    assert captions == [("Action urgente UA 3/19", None), (ENGLISH_ONLY_TITLE, "en")]
