"""The wording of the site's scripts, in the page's language, given to them by the page.

The scripts hold no wording: every page writes these messages, as JSON, in its body's
data-messages attribute (base.html), and the scripts fill in their named placeholders (%(n)s)
themselves: the page keeps no inline script, as its Content-Security-Policy wants. A message
that counts something comes in each plural form of the page's language, keyed by the
categories of Intl.PluralRules ("one", "other"), which the scripts choose by the count.
"""

from collections.abc import Sequence
from functools import cache

from flask_babel import get_locale, get_translations
from flask_babel import gettext as _
from markupsafe import Markup

from campaign.documents.catalogues import alternatives as offered


def gettext(message: str) -> str:
    """Return a message in the page's language, its placeholders left for the script."""
    return get_translations().gettext(message)


def ngettext(singular: str, plural: str) -> dict[str, str]:
    """Return a counted message's forms, by plural category, placeholders left for the script.

    The languages the site speaks have two forms: gettext's for 1 is the "one" category's
    (in French, for 0 too), and its form for 2 is the "other" category's.
    """
    translations = get_translations()
    return {
        "one": translations.ngettext(singular, plural, 1),
        "other": translations.ngettext(singular, plural, 2),
    }


def site_messages() -> dict[str, object]:
    """Return every message the scripts may show, by the name the scripts use."""
    return _site_messages(str(get_locale()))


@cache
def _site_messages(language: str) -> dict[str, object]:
    """Return the scripts' messages in the page's language (named, to be kept by it)."""
    return {
        "copied": gettext("Copied"),
        "selected": gettext("Selected: press Ctrl+C (or Cmd+C) to copy"),
        "charactersLeft": ngettext(
            "You have %(n)s character remaining", "You have %(n)s characters remaining"
        ),
        "charactersOver": ngettext(
            "You have %(n)s character too many", "You have %(n)s characters too many"
        ),
        "pointsOver": gettext(
            "You have chosen %(ticked)s points. Untick %(untick)s to keep %(min)s or %(max)s."
        ),
        "pointsUnder": ngettext(
            "You have chosen %(n)s point. Choose at least %(min)s.",
            "You have chosen %(n)s points. Choose at least %(min)s.",
        ),
        "showPreview": gettext("Show preview"),
        "hidePreview": gettext("Hide preview"),
        "previewPaused": gettext("The preview is paused. Your letter is not affected."),
        "downloadedAgain": gettext("Downloaded again"),
        "downloaded": gettext("Your letters have downloaded."),
        "making": gettext("Making your letter…"),
        "unreachable": gettext("We could not reach the site. Sending your form the usual way…"),
        "postedFailed": gettext("We could not count it just now. Please try again in a moment."),
        "tweetLength": gettext("%(count)s of %(limit)s characters"),
        "tweetTooLong": gettext(
            "%(count)s of %(limit)s characters: %(over)s too many. Shorten it before posting."
        ),
        "openInX": gettext("Open in X"),
        "openInXTooLong": gettext("Open in X (too long for X: shorten it first)"),
    }


def names_list(names: Sequence[str]) -> str:
    """Return names as a sentence lists them, in the page's language: "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s", names=", ".join(names[:-1]), last=names[-1])


def alternatives(choices: Sequence[str]) -> Markup:
    """Return choices as a sentence offers them, in the page's language: "A or B"."""
    return offered(choices, _)
