"""compose_tweets: varied wording, one fact each, never a reply, within X's weighted limit."""

from dataclasses import replace
from itertools import combinations
from urllib.parse import parse_qs, urlsplit

import pytest

from campaign.compose import Answers, compose_tweets, tweet_weight, tweets_fit
from campaign.content.rules import MAX_POINTS, MIN_POINTS, TWEET_MAX_WEIGHT

HANDLE = "@KremlinRussia_E"


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("a" * 280, 280),
        ("https://example.org/a/very/long/path/that/is/longer/than/23", 23),
        ("see https://example.org", 4 + 23),
        ("😀", 2),
        ("👩\u200d👩\u200d👧", 2),  # one ZWJ sequence counts as one emoji
        ("漢字", 4),
        ("é", 1),
    ],
)
def test_tweet_weight_counts_as_x_does(text, weight):
    assert tweet_weight(text) == weight


def _supporter(number: int, points) -> Answers:
    return Answers(name=f"Supporter {number}", about="I am a nurse.", points=tuple(points))


def _tweets(action, points, number=0, recipients=None):
    groups = compose_tweets(action, recipients or action.recipients, _supporter(number, points))
    return groups[0].tweets if groups else ()


POINT_SETS = [
    chosen
    for count in range(MIN_POINTS, MAX_POINTS + 1)
    for chosen in combinations(["investigate", "justice", "safety", "condemn"], count)
]


def _facts_in(action, text):
    return [fact for fact in action.tweet.facts if fact in text]


def _wordings_in(point, text):
    return [wording for wording in point.tweets if wording in text]


def test_tweets_go_to_the_english_handle_only(action):
    groups = compose_tweets(action, action.recipients, _supporter(1, ["investigate", "justice"]))
    assert [(g.recipient.id, g.handle) for g in groups] == [("kremlin", HANDLE)]
    for tweet in groups[0].tweets:
        assert HANDLE in tweet.text
        assert "#Chechnya" in tweet.text


@pytest.mark.parametrize("points", POINT_SETS)
def test_every_tweet_is_a_fact_the_handle_and_demands_never_a_reply(action, points):
    for number in range(12):
        tweets = _tweets(action, points, number)
        singles = [t for t in tweets if not t.combined]
        assert len(singles) == len(points)
        for tweet in tweets:
            assert not tweet.text.startswith("@")
            assert tweet.text.count(HANDLE) == 1
            assert len(_facts_in(action, tweet.text)) == 1, tweet.text
            assert tweet.weight == tweet_weight(tweet.text) <= TWEET_MAX_WEIGHT
        for tweet, point in zip(singles, [p for p in action.points if p.id in points], strict=True):
            assert len(_wordings_in(point, tweet.text)) == 1, tweet.text
            others = [p for p in action.points if p is not point]
            assert not any(_wordings_in(other, tweet.text) for other in others)
        for tweet in tweets:
            if tweet.combined:
                assert all(_wordings_in(action.point(p), tweet.text) for p in points)


@pytest.mark.parametrize("points", POINT_SETS)
def test_a_supporters_tweets_carry_different_facts(action, points):
    for number in range(12):
        facts = [_facts_in(action, t.text)[0] for t in _tweets(action, points, number)]
        assert len(set(facts)) == len(facts)


@pytest.mark.parametrize("points", POINT_SETS)
def test_two_or_three_points_get_a_combined_tweet_for_most_supporters(action, points):
    combined = [any(t.combined for t in _tweets(action, points, n)) for n in range(40)]
    assert sum(combined) >= 30


def test_the_same_answers_give_the_same_tweets(action):
    points = ["investigate", "safety", "condemn"]
    assert _tweets(action, points, 7) == _tweets(action, points, 7)
    assert _tweets(action, points, 7) != _tweets(action, points, 8)


# Measured over 40 supporters for every choice of points: at most 11 pairs of identical
# tweets among the 7,140 (two points) or 12,720 (three) pairs of their tweets.
@pytest.mark.parametrize("points", POINT_SETS)
def test_identical_tweets_are_rare_among_40_supporters(action, points):
    supporters = [_tweets(action, points, n) for n in range(40)]
    texts = [tweet.text for tweets in supporters for tweet in tweets]
    identical = sum(a == b for a, b in combinations(texts, 2))
    assert identical <= 15
    same_set = sum(
        {t.text for t in a} == {t.text for t in b} for a, b in combinations(supporters, 2)
    )
    assert same_set == 0


def test_no_tweets_for_recipients_without_a_handle(action):
    without = [r for r in action.recipients if r.id != "kremlin"]
    assert compose_tweets(action, without, _supporter(1, ["investigate", "justice"])) == []


def _with_wordings(action, *wordings):
    """Give the first points each one tweet wording."""
    points = (
        tuple(
            replace(point, tweets=(wording,))
            for point, wording in zip(action.points, wordings, strict=False)
        )
        + action.points[len(wordings) :]
    )
    return replace(action, points=points)


def _with_facts(action, *facts):
    return replace(action, tweet=replace(action.tweet, facts=facts))


# fact + " @KremlinRussia_E: " (19) + wording + " #Chechnya" (10): a fact of 10 and a wording
# of 241 make exactly 280.
@pytest.mark.parametrize(("length", "fits"), [(240, True), (241, True), (242, False)])
def test_single_tweet_limit_is_checked_at_start_up(action, length, fits):
    action = _with_facts(_with_wordings(action, "x" * length), "F" * 10)
    problems = list(tweets_fit(action))
    if fits:
        assert problems == []
        (tweet, *_) = _tweets(action, [action.points[0].id, "justice"])
        assert tweet.weight <= TWEET_MAX_WEIGHT
    else:
        assert [str(problem) for problem in problems] == [
            "actions/ua-2-19.yaml: points entry 1 (investigate): field 'tweets': item 1: "
            f"the tweet to {HANDLE} with it weighs {39 + length}, over X's limit of 280 "
            "with tweet fact 1"
        ]


# The combined tweet: fact (10) + " @KremlinRussia_E: " (19) + two wordings and the space
# between them + " #Chechnya" (10): wordings of 120 and 120 make exactly 280 (its other
# arrangements may be a character shorter).
@pytest.mark.parametrize(("second", "combined"), [(120, True), (121, False)])
def test_a_combined_tweet_may_fill_the_limit_exactly(action, second, combined):
    action = _with_facts(_with_wordings(action, "a" * 120, "b" * second), "F" * 10)
    tweets = _tweets(action, [point.id for point in action.points[:2]])
    made = [tweet for tweet in tweets if tweet.combined]
    if combined:
        (tweet,) = made
        assert tweet.weight == tweet_weight(tweet.text) <= TWEET_MAX_WEIGHT
        assert "a" * 120 in tweet.text
        assert "b" * 120 in tweet.text
    else:
        assert made == []


def test_a_fact_too_long_for_any_tweet_is_named_once(action):
    facts = ("Short fact.", "A" * 260, "Another short fact.")
    problems = list(tweets_fit(_with_facts(action, *facts)))
    assert [str(problem) for problem in problems] == [
        "actions/ua-2-19.yaml: field 'tweet': field 'facts': item 2: "
        f"every tweet to {HANDLE} with it is over X's limit of 280"
    ]


def test_every_wording_too_long_for_a_tweet_is_named(action):
    action = _with_wordings(action, "x" * 300, "short", "y" * 300)
    problems = list(tweets_fit(action))
    assert [problem.where for problem in problems] == [
        "actions/ua-2-19.yaml: points entry 1 (investigate): field 'tweets': item 1",
        "actions/ua-2-19.yaml: points entry 3 (safety): field 'tweets': item 1",
    ]


def test_wordings_are_not_weighed_for_officials_without_an_account(action):
    without = tuple(r for r in action.recipients if r.id != "kremlin")
    action = replace(_with_wordings(action, "x" * 300), recipients=without)
    assert list(tweets_fit(action)) == []


@pytest.mark.parametrize(
    "text",
    ["Please investigate.", "Investigate 😀👩\u200d👩\u200d👧🇨🇦 漢字 https://example.org/x"],
)
def test_tweets_within_the_limit_whatever_the_wording_weighs(action, text):
    # Wordings up to the heaviest start-up lets through, in every arrangement.
    fact = "F" * 10
    room = TWEET_MAX_WEIGHT - tweet_weight(f"{fact} {HANDLE}: {text} #Chechnya")
    action = _with_facts(_with_wordings(action, text + " x" * (room // 2)), fact)
    assert list(tweets_fit(action)) == []
    for number in range(20):
        for tweet in _tweets(action, ["investigate", "justice"], number):
            assert tweet.weight <= TWEET_MAX_WEIGHT
            assert not tweet.text.startswith("@")


def test_an_action_without_facts_tweets_the_demand_without_leading_handle(action):
    action = _with_facts(action)
    assert list(tweets_fit(action)) == []
    for number in range(20):
        for tweet in _tweets(action, ["investigate", "justice"], number):
            assert not tweet.text.startswith("@")
            assert HANDLE in tweet.text


def test_intent_url_carries_exactly_the_text(action):
    action = _with_wordings(action, "Café & 100% #1? ✓ 😀\nnext line (it's *)")
    tweet = _tweets(action, ["investigate", "justice"])[0]
    url = urlsplit(tweet.intent_url)
    assert (url.scheme, url.netloc, url.path) == ("https", "x.com", "/intent/tweet")
    assert parse_qs(url.query, keep_blank_values=True) == {"text": [tweet.text]}
    assert " " not in tweet.intent_url
    assert "#" not in tweet.intent_url.split("?", 1)[1]
