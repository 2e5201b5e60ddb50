"""The pure core: composing letters and tweets from an action and a supporter's answers."""

from campaign.compose.answers import Answers, Checked, Mistake, check_answers, draft_answers
from campaign.compose.dates import letter_date
from campaign.compose.guide import NextSteps, SendingGuide, compose_guide, compose_next_steps
from campaign.compose.letter import Letter, Sender, compose_letters, every_phrasing
from campaign.compose.tweet import RecipientTweets, Tweet, compose_tweets, tweet_weight, tweets_fit
from campaign.compose.variation import LongestVariation, Variation

__all__ = [
    "Answers",
    "Checked",
    "Letter",
    "LongestVariation",
    "Mistake",
    "NextSteps",
    "RecipientTweets",
    "Sender",
    "SendingGuide",
    "Tweet",
    "Variation",
    "check_answers",
    "compose_guide",
    "compose_letters",
    "compose_next_steps",
    "compose_tweets",
    "draft_answers",
    "every_phrasing",
    "letter_date",
    "tweet_weight",
    "tweets_fit",
]
