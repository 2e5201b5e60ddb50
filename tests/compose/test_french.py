"""Letters and tweets in French: the action's French phrasings, the officials' French
salutations and closing formulas, and every rule and target the English letters keep."""

from datetime import date

import pytest
import yaml

from campaign.compose import Answers, compose_letters, compose_tweets, tweets_fit
from campaign.compose.checker import check_letters
from campaign.content import load_action
from campaign.content.rules import TWEET_MAX_WEIGHT
from campaign.review import SIMILARITY_TARGET, measure_similarity, supporter_bodies
from tests.support.files import write_file
from tests.support.shipped import shipped_action

TODAY = date(2026, 11, 21)
ALL = ("kremlin", "embassy", "investigation-committee")
PRESIDENT = (
    "Je vous prie d'agréer, Monsieur le Président, l'expression de ma très haute considération."
)
AMBASSADOR = "Je vous prie d'agréer, Excellence, l'assurance de ma très haute considération."
CHAIR = "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération."


def answers(**changes) -> Answers:
    base = {
        "name": "Chloé Tremblay",
        "about": "Je suis infirmière à Montréal",
        "location": "Montréal, Québec",
        "address": "12, rue Example\nMontréal (Québec) H2X 1Y4",
        "message": "",
        "points": ("investigate", "safety"),
        "recipients": ALL,
    }
    return Answers(**{**base, **changes})


@pytest.fixture(scope="module")
def french(action):
    return action.in_language("fr")


def test_a_french_letter_is_written_with_the_french_phrasings(action, french):
    letter, *copies = compose_letters(action, answers(), TODAY, language="fr")
    assert letter.language == "fr"
    assert letter.opening.startswith("Je suis infirmière à Montréal. ")
    assert any(letter.opening.endswith(o) for o in french.letter.openings)
    assert letter.concern in french.letter.concerns
    assert letter.call in french.letter.calls
    assert letter.close in french.letter.closes
    investigate, safety = french.point("investigate"), french.point("safety")
    assert letter.points[0] in investigate.phrasings
    assert letter.points[1] in safety.phrasings
    # Every page is the letter to the President, with his salutation and closing formula.
    for page in (letter, *copies):
        assert page.salutation == "Monsieur le Président,"
        assert page.valediction == PRESIDENT


@pytest.mark.parametrize(
    ("official", "salutation", "valediction", "convey"),
    [
        ("embassy", "Excellence,", AMBASSADOR, "président Poutine"),
        ("investigation-committee", "Monsieur le Président,", CHAIR, "président Poutine"),
    ],
)
def test_a_copy_official_written_to_alone_is_greeted_by_their_office(
    action, french, official, salutation, valediction, convey
):
    (letter,) = compose_letters(action, answers(recipients=(official,)), TODAY, language="fr")
    assert (letter.salutation, letter.valediction) == (salutation, valediction)
    assert letter.convey in french.recipient(official).convey
    assert convey in letter.convey


def test_english_stays_the_default_and_unchanged(action):
    default = compose_letters(action, answers(), TODAY)
    assert default == compose_letters(action, answers(), TODAY, language="en")
    assert (default[0].language, default[0].salutation) == ("en", "Dear President Putin,")
    assert {letter.valediction for letter in default} == {"Yours sincerely,"}


def test_french_letters_break_no_rule_of_the_checker(french):
    report = check_letters(french, TODAY)
    assert report.letters == 21000
    assert [str(v) for v in report.violations[:3]] == []


def test_french_letters_from_different_supporters_read_apart(french):
    similarity = measure_similarity(supporter_bodies(french, TODAY))
    assert similarity.median <= SIMILARITY_TARGET
    assert similarity.identical_pairs == 0


def test_french_tweets_go_to_the_kremlins_english_account_within_the_limit(action):
    chosen = answers(points=("investigate", "justice", "safety"))
    letters = compose_letters(action, chosen, TODAY, language="fr")
    (group,) = compose_tweets(action, [x.recipient for x in letters], chosen, language="fr")
    assert group.handle == "@KremlinRussia_E"
    assert len([tweet for tweet in group.tweets if not tweet.combined]) == 3  # one per point
    for tweet in group.tweets:
        assert tweet.weight <= TWEET_MAX_WEIGHT
        assert "#Tchétchénie" in tweet.text
        assert "#Chechnya" not in tweet.text


def test_the_account_french_tweets_go_to_is_the_actions_data(tmp_path, content):
    data = shipped_action()
    data["tweet"]["accounts"] = {"fr": "ru"}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (tmp_path / "actions").mkdir()
    russian = load_action(write_file(tmp_path / "actions", "ua-2-19.yaml", text), content.officials)
    (group,) = compose_tweets(russian, russian.recipients, answers(), language="fr")
    assert group.handle == "@KremlinRussia"


def test_every_french_tweet_fits_xs_limit(french):
    assert list(tweets_fit(french)) == []
