"""An action's text in each language it offers, and the officials' words in each.

A language's block must hold every paragraph, point and phrasing the first language has:
loading refuses one that lacks any, naming the file, the entry and the field.
"""

import copy

import pytest
import yaml

from campaign.content import ContentError, load_action, load_officials
from tests.support.files import write_file
from tests.support.shipped import ACTION_FILE, RECIPIENTS_FILE, shipped_action

FR = ("actions/ua-2-19.yaml: field 'translations': field 'fr'",)


@pytest.fixture(scope="module")
def officials():
    return load_officials(RECIPIENTS_FILE)


def _load(tmp_path, officials, change):
    data = shipped_action()
    change(data)
    folder = tmp_path / "actions"
    folder.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return load_action(write_file(folder, "ua-2-19.yaml", text), officials)


def _refused(tmp_path, officials, change) -> str:
    with pytest.raises(ContentError) as raised:
        _load(tmp_path, officials, change)
    return str(raised.value)


def test_the_action_offers_english_then_french_in_its_own_order(officials):
    action = load_action(ACTION_FILE, officials)
    assert action.languages == ("en", "fr")
    french = action.in_language("fr")
    assert (french.language, french.languages) == ("fr", ("en", "fr"))
    assert french.title == "Russie : la répression homophobe reprend en Tchétchénie"
    assert [p.id for p in french.points] == [p.id for p in action.points]
    assert french.points[0].wording.startswith("mener une enquête rapide, efficace")
    assert french.targeted_for == ("gaies ou lesbiennes", "orientation sexuelle")
    assert french.tweet.hashtags == ("#Tchétchénie",)
    assert len(french.background) == len(action.background) == 3
    # The dates, facts and officials are the action's, given once.
    assert (french.issued, french.facts) == (action.issued, action.facts)
    assert [r.id for r in french.recipients] == [r.id for r in action.recipients]
    assert action.in_language("en") is action
    with pytest.raises(KeyError):
        action.in_language("de")


def test_languages_follow_the_files_order(tmp_path, officials):
    def add_a_copy_of_french_as_spanish_first(data):
        data["translations"] = {
            "es": copy.deepcopy(data["translations"]["fr"]),
            **data["translations"],
        }

    assert _load(tmp_path, officials, add_a_copy_of_french_as_spanish_first).languages == (
        "en",
        "es",
        "fr",
    )


def test_officials_are_greeted_and_named_in_the_letters_language(officials):
    french = load_action(ACTION_FILE, officials).in_language("fr")
    kremlin, embassy, committee = french.recipients
    assert kremlin.salutation == committee.salutation == "Monsieur le Président,"
    assert kremlin.valediction == (
        "Je vous prie d'agréer, Monsieur le Président, l'expression de ma très haute considération."
    )
    assert embassy.salutation == "Excellence,"
    assert embassy.valediction == (
        "Je vous prie d'agréer, Excellence, l'assurance de ma très haute considération."
    )
    assert committee.valediction.endswith("l'expression de ma haute considération.")
    # The name and the postal lines stay as the post needs them.
    assert kremlin.address_block == (
        "Monsieur Vladimir Putin",
        "Président de la Fédération de Russie",
        "Ul. Ilyinka, 23",
        "103132 Moscow",
        "FÉDÉRATION DE RUSSIE",
    )
    assert embassy.convey[0].startswith("En votre qualité d'ambassadeur de Russie au Canada")


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        (
            lambda fr: fr["background"].pop(),
            "field 'background'",
            "has 2 paragraphs; the first language has 3",
        ),
        (lambda fr: fr.pop("summary"), "field 'summary'", "is missing"),
        (
            lambda fr: fr["letter"].update(closes=fr["letter"]["closes"][:1]),
            "field 'letter: closes'",
            "has 1 phrasings: give at least 2, as the first language has 8",
        ),
        (
            lambda fr: fr["points"].pop(2),
            "field 'points'",
            "must be the first language's points, in its order: "
            "investigate, justice, safety, condemn",
        ),
        (
            lambda fr: fr["points"][1].update(phrasings=fr["points"][1]["phrasings"][:1]),
            "field 'points: justice: phrasings'",
            "has 1 phrasings: give at least 2, as the first language has 6",
        ),
        (
            lambda fr: fr["points"][3].update(tweets=fr["points"][3]["tweets"][:1]),
            "field 'points: condemn: tweets'",
            "has 1 tweets: give at least 2, as the first language has 7",
        ),
        (
            lambda fr: fr["recipients"].pop(),
            "field 'recipients'",
            "gives no convey phrasings for investigation-committee",
        ),
        (
            lambda fr: fr["tweet"].update(facts=fr["tweet"]["facts"][:1]),
            "field 'tweet: facts'",
            "has 1 facts: give at least 2, as the first language has 18",
        ),
    ],
)
def test_a_language_lacking_what_the_first_has_is_refused(
    tmp_path, officials, change, where, problem
):
    message = _refused(tmp_path, officials, lambda d: change(d["translations"]["fr"]))
    assert message == f"{FR[0]}: {where}: {problem}"


def test_a_translation_keyed_by_no_language_is_refused(tmp_path, officials):
    def misnamed(data):
        data["translations"]["french"] = data["translations"].pop("fr")

    assert _refused(tmp_path, officials, misnamed) == (
        "actions/ua-2-19.yaml: field 'translations': field 'french': "
        "must be keyed by a language code such as fr"
    )


def test_an_officials_language_without_a_salutation_is_refused(tmp_path):
    data = yaml.safe_load(RECIPIENTS_FILE.read_text(encoding="utf-8"))
    del data["recipients"][1]["translations"]["fr"]["salutation"]
    path = write_file(tmp_path, "recipients.yaml", yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(ContentError) as raised:
        load_officials(path)
    assert str(raised.value) == (
        "recipients.yaml: recipients entry 2 (embassy): field 'translations': field 'fr': "
        "field 'salutation': is missing"
    )
