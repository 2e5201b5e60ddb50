"""Compose tweets to the officials who have an account, each within X's weighted limit.

X filters identical posts from many accounts as spam, and shows a post that begins with a
handle (a reply) to few people. So each tweet is one fact from the action, the official's
handle after it, and the demand, worded and arranged as the supporter's answers pick: the
same answers always give the same tweets, different answers mostly different ones.
"""

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import cycle, islice, product
from urllib.parse import quote

with warnings.catch_warnings():
    # twitter-text-parser still loads its emoji list through pkg_resources (pinned in
    # pyproject.toml), which warns on import; the warning is about them, not us.
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    from twitter_text import parse_tweet

from campaign.compose.answers import Answers
from campaign.compose.variation import Variation
from campaign.content.checks import Problem
from campaign.content.models import Action, Point, Recipient
from campaign.content.rules import TWEET_MAX_WEIGHT

INTENT_URL = "https://x.com/intent/tweet?text="

# The orders a tweet's parts may come in, joined by spaces. "handle:" is the handle with a
# colon, leading into the demand. None begins with the handle. The first is the one start-up
# checks for every fact and wording: it has every other's characters and one more (the
# colon), and a tweet falls back to it when the arrangement picked would not fit.
ARRANGEMENTS = (
    ("fact", "handle:", "demand", "tail"),
    ("fact", "tail", "handle:", "demand"),
    ("fact", "demand", "handle", "tail"),
    ("fact", "demand", "tail", "handle"),
)


@lru_cache(maxsize=8192)
def tweet_weight(text: str) -> int:
    """Return the length X counts: URLs weigh 23, emoji and CJK characters 2.

    Counting is slow (about 1 ms per 200 characters) and tweets are made from the action's
    own wording only, so each distinct tweet is counted once per process.
    """
    return parse_tweet(text).weightedLength


@dataclass(frozen=True)
class Tweet:
    """A tweet's text and its weighted length, counted once."""

    text: str
    weight: int
    combined: bool = False

    @property
    def intent_url(self) -> str:
        """Return the link that opens X with exactly this text, percent-encoded."""
        return INTENT_URL + quote(self.text, safe="")


@dataclass(frozen=True)
class RecipientTweets:
    """The tweets addressed to one official's account."""

    recipient: Recipient
    handle: str
    tweets: tuple[Tweet, ...]


def _accounts(action: Action, recipients: Sequence[Recipient]) -> Iterator[tuple[Recipient, str]]:
    """Yield each official with an account in the action's language, and that account.

    Officials posting nothing in it are tweeted at the account the action names for it (by
    default the one in its first language).
    """
    fallback = action.tweet_account_language(action.language)
    for recipient in recipients:
        handle = recipient.handle_for(action.language) or recipient.handle_for(fallback)
        if handle is not None:
            yield recipient, handle


def _arrangements(has_fact: bool) -> tuple[tuple[str, ...], ...]:
    """Return the arrangements to use: without a fact, those that would not begin with a handle.

    An action that lists no facts gets tweets of the demand alone.
    """
    if has_fact:
        return ARRANGEMENTS
    return tuple(a[1:] for a in ARRANGEMENTS if not a[1].startswith("handle"))


def _tweet_text(
    action: Action, handle: str, fact: str, demands: Sequence[str], arrangement: Sequence[str]
) -> str:
    tail = " ".join([*action.tweet.hashtags, *([action.tweet.link] if action.tweet.link else [])])
    parts = {
        "fact": fact,
        "handle": handle,
        "handle:": f"{handle}:",
        "demand": " ".join(demands),
        "tail": tail,
    }
    return " ".join(parts[name] for name in arrangement if parts[name])


def _weighed(text: str, combined: bool = False) -> Tweet:
    return Tweet(text=text, weight=tweet_weight(text), combined=combined)


def _fact_order(facts: Sequence[str], variation: Variation, handle: str) -> list[str]:
    """Return the facts in the order this supporter's tweets to one account use them.

    Each next fact is picked among those not yet used, so a supporter's tweets to one
    official carry different facts while there are enough.
    """
    left, ordered = list(facts), []
    while left:
        fact = variation.pick(f"tweet {handle} fact {len(ordered)}", left)
        ordered.append(fact)
        left.remove(fact)
    return ordered or [""]


def _arranged(
    action: Action,
    handle: str,
    fact: str,
    demands: Sequence[str],
    variation: Variation,
    slot: str,
    combined: bool = False,
) -> Tweet | None:
    """Return the tweet in the arrangement picked, or the first that fits; None if none does."""
    arrangements = _arrangements(bool(fact))
    for arrangement in [*variation.order(slot, arrangements), arrangements[0]]:
        tweet = _weighed(_tweet_text(action, handle, fact, demands, arrangement), combined)
        if tweet.weight <= TWEET_MAX_WEIGHT:
            return tweet
    return None


def _combined(
    action: Action,
    handle: str,
    points: Sequence[Point],
    facts: Sequence[str],
    variation: Variation,
) -> Tweet | None:
    """Return one tweet with every point's demand, if some fact and wordings make it fit.

    Few combinations of a fact and two or three wordings fit, so the supporter's pick is
    made among all of those that do (counted piece by piece, then the tweet itself): picking
    each piece in turn would give most supporters the same few short ones. Facts the
    single tweets did not use (the first `len(facts) - len(points)`) are preferred.
    """
    room = TWEET_MAX_WEIGHT - len(points)  # the spaces before each demand
    # The demands' wordings together, each combination weighed once for every fact.
    demands = [
        (sum(map(tweet_weight, wordings)), "\x1f".join(wordings))
        for wordings in product(*(p.tweets for p in points))
    ]
    left = {fact: room - _bare_weight(action, handle, fact) for fact in facts}
    # Each candidate as one text, its fact and wordings joined by a separator no text has.
    fitting = [
        f"{fact}\x1f{wordings}"
        for fact in facts
        for weight, wordings in demands
        if weight <= left[fact]
    ]
    unused = set(facts[: max(1, len(facts) - len(points))])
    fresh = [candidate for candidate in fitting if candidate.split("\x1f")[0] in unused]
    slot = f"tweet {handle} combined"
    for candidate in variation.order(slot, fresh or fitting) if fitting else ():
        fact, *wordings = candidate.split("\x1f")
        tweet = _arranged(action, handle, fact, wordings, variation, slot, combined=True)
        if tweet is not None:
            return tweet
    return None


def _bare_weight(action: Action, handle: str, fact: str) -> int:
    """Return the weight of a tweet's fact, handle and tail, without its demand."""
    return tweet_weight(_tweet_text(action, handle, fact, [""], ARRANGEMENTS[0]))


def compose_tweets(
    action: Action,
    recipients: Sequence[Recipient],
    answers: Answers,
    *,
    language: str | None = None,
) -> list[RecipientTweets]:
    """Return one tweet per chosen point, and a combined one when it fits, per handle.

    The tweets are in the language given (by default the action's first). Officials with
    no account in it, nor in the one the action names for it, get no tweets.
    """
    action = action.in_language(language or action.language)
    variation = Variation.from_answers(answers)
    points = [p for p in action.points if p.id in answers.points]
    result = []
    for recipient, handle in _accounts(action, recipients):
        facts = _fact_order(action.tweet.facts, variation, handle)
        tweets = []
        for point, fact in zip(points, cycle(facts), strict=False):
            demand = variation.pick(f"tweet {handle} {point.id}", point.tweets)
            # Always found: tweets_fit refuses content where the first arrangement would not fit.
            tweets.append(
                _arranged(action, handle, fact, [demand], variation, f"tweet {handle} {point.id}")
            )
        if len(points) > 1:
            # Its fact is one the single tweets did not use, when the action has enough.
            unused = list(islice(cycle(facts), len(points), len(points) + len(facts)))
            combined = _combined(action, handle, points, unused, variation)
            if combined is not None:
                tweets.append(combined)
        result.append(RecipientTweets(recipient=recipient, handle=handle, tweets=tuple(tweets)))
    return result


def _single_weight(action: Action, handle: str, fact: str, wording: str) -> int:
    """Return the weight of a one-point tweet in the arrangement start-up checks."""
    arrangement = _arrangements(bool(fact))[0]
    return tweet_weight(_tweet_text(action, handle, fact, [wording], arrangement))


def heaviest_tweets(action: Action) -> list[int]:
    """Return, per account, the weight of the heaviest one-point tweet its content can make."""
    return [
        max(
            _single_weight(action, handle, fact, wording)
            for fact in action.tweet.facts or ("",)
            for point in action.points
            for wording in point.tweets
        )
        for _, handle in _accounts(action, action.recipients)
    ]


def tweets_fit(action: Action) -> Iterator[Problem]:
    """Find the facts and tweet wordings that would make some one-point tweet exceed X's limit.

    A fact too long even with the lightest wording is named once; otherwise each wording too
    long with some fact is named, with the heaviest such fact.
    """
    facts = action.tweet.facts or ("",)
    lightest = min((w for point in action.points for w in point.tweets), key=tweet_weight)
    for _, handle in _accounts(action, action.recipients):
        fitting = []
        for number, fact in enumerate(facts, 1):
            if _single_weight(action, handle, fact, lightest) > TWEET_MAX_WEIGHT:
                yield Problem(
                    f"{action.source}: field 'tweet': field 'facts': item {number}",
                    f"every tweet to {handle} with it is over X's limit of {TWEET_MAX_WEIGHT}",
                )
            else:
                fitting.append(number)
        for number, point in enumerate(action.points, 1):
            for item, wording in enumerate(point.tweets, 1):
                yield from _wording_fits(action, handle, number, point, item, wording, fitting)


def _wording_fits(
    action: Action,
    handle: str,
    number: int,
    point: Point,
    item: int,
    wording: str,
    fitting: Sequence[int],
) -> Iterator[Problem]:
    """Name the wording if, with some fact that fits other wordings, its tweet is too long."""
    facts = action.tweet.facts or ("",)
    weights = {n: _single_weight(action, handle, facts[n - 1], wording) for n in fitting}
    heaviest = max(weights, key=weights.__getitem__, default=None)
    if heaviest is not None and weights[heaviest] > TWEET_MAX_WEIGHT:
        yield Problem(
            f"{action.source}: points entry {number} ({point.id}): field 'tweets': item {item}",
            f"the tweet to {handle} with it weighs {weights[heaviest]}, "
            f"over X's limit of {TWEET_MAX_WEIGHT}"
            + (f" with tweet fact {heaviest}" if action.tweet.facts else ""),
        )
