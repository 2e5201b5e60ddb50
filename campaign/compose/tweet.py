"""Compose tweets to the officials who have an account, each within X's weighted limit."""

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

with warnings.catch_warnings():
    # twitter-text-parser still loads its emoji list through pkg_resources (pinned in
    # pyproject.toml), which warns on import; the warning is about them, not us.
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    from twitter_text import parse_tweet

from campaign.content.checks import Problem
from campaign.content.models import Action, Recipient
from campaign.content.rules import TWEET_MAX_WEIGHT

INTENT_URL = "https://x.com/intent/tweet?text="


@lru_cache(maxsize=1024)
def tweet_weight(text: str) -> int:
    """Return the length X counts: URLs weigh 23, emoji and CJK characters 2.

    Counting is slow (about 1.7 ms per 280 characters) and tweets are made from the action's
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
    """Yield each official with an account in the action's language, and that account."""
    for recipient in recipients:
        handle = recipient.handle_for(action.language)
        if handle is not None:
            yield recipient, handle


def _tweet_text(handle: str, wordings: Sequence[str], action: Action) -> str:
    tail = [*action.tweet.hashtags, *([action.tweet.link] if action.tweet.link else [])]
    return " ".join([handle, *wordings, *tail])


def _weighed(text: str, combined: bool = False) -> Tweet:
    return Tweet(text=text, weight=tweet_weight(text), combined=combined)


def compose_tweets(
    action: Action, recipients: Sequence[Recipient], point_ids: Sequence[str]
) -> list[RecipientTweets]:
    """Return one tweet per chosen point, and a combined one when it fits, per handle.

    Officials with no account in the action's language get no tweets.
    """
    wordings = [p.tweet for p in action.points if p.id in point_ids]
    result = []
    for recipient, handle in _accounts(action, recipients):
        # One-point tweets always fit: tweets_fit refuses content where they would not.
        tweets = [_weighed(_tweet_text(handle, [wording], action)) for wording in wordings]
        if len(wordings) > 1:
            combined = _weighed(_tweet_text(handle, wordings, action), combined=True)
            if combined.weight <= TWEET_MAX_WEIGHT:
                tweets.append(combined)
        result.append(RecipientTweets(recipient=recipient, handle=handle, tweets=tuple(tweets)))
    return result


def tweets_fit(action: Action) -> Iterator[Problem]:
    """Find the points whose one-point tweet to some account would exceed X's limit."""
    for _, handle in _accounts(action, action.recipients):
        for number, point in enumerate(action.points, 1):
            weight = tweet_weight(_tweet_text(handle, [point.tweet], action))
            if weight > TWEET_MAX_WEIGHT:
                yield Problem(
                    f"{action.source}: points entry {number} ({point.id}): field 'tweet'",
                    f"the tweet to {handle} weighs {weight}, over X's limit of {TWEET_MAX_WEIGHT}",
                )
