"""What the pages tell the counts: letters once they are made, and letters said to be posted.

Counting comes after the letter, never in its way: the counts never raise (campaign.counts),
and should one fail anyway the supporter still gets what they asked for. Only the channel,
the letter's language, the points' ids and how many letters are counted: nothing typed.
"""

from collections.abc import Callable

from flask import current_app, session
from flask_babel import format_decimal, ngettext

from campaign.content import Action
from campaign.counts import counts
from campaign.web.forms import LetterForm

# The session's list of actions whose letters this supporter said they posted (slugs only).
POSTED_KEY = "posted"


def count_letters(action: Action, form: LetterForm, channel: str, letters: int) -> None:
    """Count one supporter's request that made `letters` letters (or tweets to officials).

    Tweets are counted in their own language, letters in the letter's. A request that made
    none (tweets for officials with no account) is not counted.
    """
    if letters < 1:
        return
    language = form.tweet_language() if channel == "tweet" else form.chosen_language()
    _safely(
        lambda: counts().letters_made(
            action.slug,
            channel=channel,
            language=language,
            points=form.answers().points,
            letters=letters,
        )
    )


def count_posted(action: Action) -> bool:
    """Count that this supporter posted the action's letters, once per session and action.

    Returns whether this press was counted (False when the session had said so already).
    The session remembers the action's slug, nothing about the supporter.
    """
    posted = session.get(POSTED_KEY)
    posted = posted if isinstance(posted, list) else []
    if action.slug in posted:
        return False
    session[POSTED_KEY] = [*posted, action.slug]
    _safely(lambda: counts().posted(action.slug))
    return True


def has_posted(action: Action) -> bool:
    """Say whether this supporter already said they posted the action's letters."""
    posted = session.get(POSTED_KEY)
    return isinstance(posted, list) and action.slug in posted


def letters_so_far(action: Action) -> str | None:
    """Return "1,234 letters made so far" in the page's language, or None before any."""
    total = 0
    try:
        total = counts().total_letters(action.slug)
    except Exception as error:  # nor may it stop the page of the form
        current_app.logger.error("Reading the counts failed: %s", type(error).__name__)
    if total < 1:
        return None
    return ngettext(
        "%(letters)s letter made so far",
        "%(letters)s letters made so far",
        total,
        letters=format_decimal(total),
    )


def _safely(count: Callable[[], None]) -> None:
    """Count, or log once that counting failed: the letter is already on its way.

    Only the error's type is logged: a database's message may quote what it was given.
    """
    try:
        count()
    except Exception as error:  # nothing may stop a letter that is made
        current_app.logger.error("Counting failed: %s", type(error).__name__)
