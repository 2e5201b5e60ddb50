"""Dates and amounts written for a language, by Babel: never the machine's locale."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency

# "21 November 2026", "21 novembre 2026": the day, the month in words, the year.
LONG_DATE = "d MMMM y"
# Postage is given from Canada, in Canadian dollars, and written as in Canada ("$2.65",
# "2,65 $").
POSTAGE_CURRENCY = "CAD"
POSTAGE_TERRITORY = "CA"
# Where and when a letter was written, above the official's address.
DATELINE = "{place}, {date}"


@cache
def _postage_locale(language: str) -> Locale:
    """Return the language as written in Canada when Babel knows it so, else as it is."""
    try:
        return Locale.parse(f"{language}_{POSTAGE_TERRITORY}")
    except UnknownLocaleError:
        return Locale.parse(language)


# Babel writes a date or an amount in a few dozen microseconds; a page writes the same few
# (today, the action's dates and postage) again and again, so each is written once.
@lru_cache(maxsize=4096)
def _long_date(language: str, day: date) -> str:
    return format_date(day, LONG_DATE, locale=language)


@lru_cache(maxsize=4096)
def _postage(language: str, amount: Decimal) -> str:
    return format_currency(amount, POSTAGE_CURRENCY, locale=_postage_locale(language))


@dataclass(frozen=True)
class Formatter:
    """Writes dates and amounts the way a language does."""

    language: str

    def long_date(self, day: date) -> str:
        """Return the date in words: '21 November 2026'."""
        return _long_date(self.language, day)

    def postage(self, amount: Decimal) -> str:
        """Return an amount of postage as written on a price: '$2.65'."""
        return _postage(self.language, amount)

    def dateline(self, place: str, day: date) -> str:
        """Return the line above the address: 'Halifax, Nova Scotia, 21 November 2026'."""
        written = self.long_date(day)
        return DATELINE.format(place=place, date=written) if place else written

    def dateline_parts(self, place: str, day: date) -> tuple[str, str]:
        """Return the dateline in two: what comes before the date ('Halifax, '), the date."""
        written = self.long_date(day)
        line = self.dateline(place, day)
        return line[: line.index(written)], written
