"""compose_tweets: handles, one tweet per point, the combined tweet, X's weighted limit."""

from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest

from campaign.compose import compose_tweets, tweet_weight, tweets_fit
from campaign.content.rules import TWEET_MAX_WEIGHT


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


def test_tweets_go_to_the_english_handle_only(action):
    groups = compose_tweets(action, action.recipients, ["investigate", "justice"])
    assert [(g.recipient.id, g.handle) for g in groups] == [("kremlin", "@KremlinRussia_E")]
    for tweet in groups[0].tweets:
        assert tweet.text.startswith("@KremlinRussia_E ")
        assert tweet.text.endswith("#Chechnya")


@pytest.mark.parametrize(
    "points", [("investigate", "justice"), ("justice", "safety", "condemn"), ("condemn", "safety")]
)
def test_one_tweet_per_point_plus_a_combined_one_when_it_fits(action, points):
    tweets = compose_tweets(action, action.recipients, points)[0].tweets
    singles = [t for t in tweets if not t.combined]
    assert len(singles) == len(points)
    for tweet, point_id in zip(
        singles, [p.id for p in action.points if p.id in points], strict=True
    ):
        assert action.point(point_id).tweet in tweet.text
    for tweet in tweets:
        assert tweet.weight == tweet_weight(tweet.text) <= TWEET_MAX_WEIGHT
    combined = [t for t in tweets if t.combined]
    if combined:
        assert all(action.point(p).tweet in combined[0].text for p in points)


def test_no_tweets_for_recipients_without_a_handle(action):
    without = [r for r in action.recipients if r.id != "kremlin"]
    assert compose_tweets(action, without, ["investigate", "justice"]) == []


def _with_tweets(action, *wordings):
    points = (
        tuple(
            replace(point, tweet=wording)
            for point, wording in zip(action.points, wordings, strict=False)
        )
        + action.points[len(wordings) :]
    )
    return replace(action, points=points)


# "@KremlinRussia_E " is 17 and " #Chechnya" is 10, so a wording of 253 makes exactly 280.
@pytest.mark.parametrize(("length", "fits"), [(252, True), (253, True), (254, False)])
def test_single_tweet_limit_is_checked_at_start_up(action, length, fits):
    action = _with_tweets(action, "x" * length)
    problems = list(tweets_fit(action))
    if fits:
        assert problems == []
        tweet = compose_tweets(action, action.recipients, [action.points[0].id, "justice"])
        assert tweet[0].tweets[0].weight == 27 + length
    else:
        assert [str(problem) for problem in problems] == [
            "actions/ua-2-19.yaml: points entry 1 (investigate): field 'tweet': "
            f"the tweet to @KremlinRussia_E weighs {27 + length}, over X's limit of 280"
        ]


def test_every_point_too_long_for_a_tweet_is_named(action):
    action = _with_tweets(action, "x" * 300, "short", "y" * 300)
    problems = list(tweets_fit(action))
    assert [problem.where for problem in problems] == [
        "actions/ua-2-19.yaml: points entry 1 (investigate): field 'tweet'",
        "actions/ua-2-19.yaml: points entry 3 (safety): field 'tweet'",
    ]


def test_points_are_not_weighed_for_officials_without_an_account(action):
    without = tuple(r for r in action.recipients if r.id != "kremlin")
    action = replace(_with_tweets(action, "x" * 300), recipients=without)
    assert list(tweets_fit(action)) == []


# Combined: 17 + wording + 1 + wording + 10; two wordings of 126 make exactly 280.
@pytest.mark.parametrize(("length", "combined"), [(126, True), (127, False)])
def test_combined_tweet_only_when_within_280(action, length, combined):
    action = _with_tweets(action, "a" * length, "b" * length)
    tweets = compose_tweets(action, action.recipients, ["investigate", "justice"])[0].tweets
    assert any(t.combined for t in tweets) is combined
    if combined:
        assert tweets[-1].weight == TWEET_MAX_WEIGHT


def test_intent_url_carries_exactly_the_text(action):
    action = _with_tweets(action, "Café & 100% #1? ✓ 😀\nnext line")
    tweet = compose_tweets(action, action.recipients, ["investigate", "justice"])[0].tweets[0]
    url = urlsplit(tweet.intent_url)
    assert (url.scheme, url.netloc, url.path) == ("https", "x.com", "/intent/tweet")
    assert parse_qs(url.query, keep_blank_values=True) == {"text": [tweet.text]}
    assert " " not in tweet.intent_url
    assert "#" not in tweet.intent_url.split("?", 1)[1]
