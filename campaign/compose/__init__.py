"""The pure core: composing letters and tweets from the action and a supporter's answers."""

from campaign.compose.answers import Answers
from campaign.compose.letter import Letter, Sender, compose_letters
from campaign.compose.tweet import RecipientTweets, Tweet, compose_tweets, tweet_weight
from campaign.compose.variation import LongestVariation, Variation

__all__ = [
    "Answers",
    "Letter",
    "LongestVariation",
    "RecipientTweets",
    "Sender",
    "Tweet",
    "Variation",
    "compose_letters",
    "compose_tweets",
    "tweet_weight",
]
