"""Formatter: dates and postage written for a language by Babel, whatever the machine's locale."""

import locale
from datetime import date
from decimal import Decimal

import babel.dates
import babel.numbers
import pytest
from babel import Locale

from campaign.documents import Formatter

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "day", "written"),
    [
        ("en", date(2026, 11, 21), "21 November 2026"),
        ("en", date(2019, 1, 15), "15 January 2019"),
        ("en", date(2024, 2, 29), "29 February 2024"),
        ("en", date(2025, 12, 1), "1 December 2025"),
        ("fr", date(2026, 11, 21), "21 novembre 2026"),
        ("fr", date(2019, 1, 15), "15 janvier 2019"),
        ("fr", date(2025, 8, 1), "1 août 2025"),
    ],
)
def test_long_date(language, day, written):
    assert Formatter(language).long_date(day) == written


@pytest.mark.parametrize(
    ("language", "amount", "written"),
    [
        ("en", Decimal("2.65"), "$2.65"),
        ("en", Decimal("0.9"), "$0.90"),
        ("en", Decimal(1), "$1.00"),
        ("en", Decimal("6.20"), "$6.20"),
        ("en", Decimal("1234.5"), "$1,234.50"),
        # French as written in Canada: decimal comma, the sign after a no-break space.
        ("fr", Decimal("2.65"), f"2,65{NBSP}$"),
        ("fr", Decimal("0.9"), f"0,90{NBSP}$"),
        ("fr", Decimal("6.20"), f"6,20{NBSP}$"),
        ("fr", Decimal("1234.5"), f"1{NBSP}234,50{NBSP}$"),
    ],
)
def test_postage_is_written_in_canadian_dollars(language, amount, written):
    assert Formatter(language).postage(amount) == written


@pytest.mark.parametrize(
    ("language", "place", "written"),
    [
        ("en", "Halifax, Nova Scotia", "Halifax, Nova Scotia, 21 November 2026"),
        ("fr", "Montréal, Québec", "Montréal, Québec, 21 novembre 2026"),
        ("en", "", "21 November 2026"),
        ("fr", "", "21 novembre 2026"),
        # A right-to-left place arrives isolated (compose/letter.py) and is kept so.
        ("en", "\u2068حيفا\u2069", "\u2068حيفا\u2069, 21 November 2026"),
    ],
)
def test_dateline_with_and_without_a_place(language, place, written):
    assert Formatter(language).dateline(place, date(2026, 11, 21)) == written


@pytest.fixture
def machine_in_german(monkeypatch):
    """Make every default locale the machine could lend German: environment, C library, Babel."""
    for name in ("LANGUAGE", "LANG", "LC_ALL", "LC_TIME", "LC_MONETARY", "LC_NUMERIC"):
        monkeypatch.setenv(name, "de_DE.UTF-8")
    # Babel reads the environment once, at import: set its defaults as that would have.
    german = Locale("de", "DE")
    monkeypatch.setattr(babel.dates, "LC_TIME", german)
    monkeypatch.setattr(babel.numbers, "LC_NUMERIC", german)
    monkeypatch.setattr(babel.numbers, "LC_MONETARY", german, raising=False)
    # The C library's locale (what strftime and locale.currency use), where one is installed.
    saved = locale.setlocale(locale.LC_ALL)
    for name in ("de_DE.UTF-8", "de_DE.utf8", "de_DE"):
        try:
            locale.setlocale(locale.LC_ALL, name)
            break
        except locale.Error:
            continue
    yield
    locale.setlocale(locale.LC_ALL, saved)


@pytest.mark.usefixtures("machine_in_german")
@pytest.mark.parametrize(
    ("language", "date_written", "postage_written"),
    [("en", "21 November 2026", "$2.65"), ("fr", "21 novembre 2026", f"2,65{NBSP}$")],
)
def test_the_machines_locale_changes_nothing(language, date_written, postage_written):
    formatter = Formatter(language)
    assert formatter.long_date(date(2026, 11, 21)) == date_written
    assert formatter.postage(Decimal("2.65")) == postage_written
    assert formatter.dateline("Halifax", date(2026, 11, 21)) == f"Halifax, {date_written}"


def test_the_german_machine_would_have_shown_through():
    # The fixture is a real test only if Babel, left to its defaults, would write German.
    german = Locale("de", "DE")
    assert babel.dates.format_date(date(2026, 3, 21), "d MMMM y", locale=german) == "21 März 2026"
    assert babel.numbers.format_decimal(Decimal("2.65"), locale=german) == "2,65"


@pytest.mark.usefixtures("machine_in_german")
def test_a_month_whose_german_name_differs_is_still_english():
    assert Formatter("en").long_date(date(2026, 3, 21)) == "21 March 2026"
    assert Formatter("fr").long_date(date(2026, 3, 21)) == "21 mars 2026"


class NoStrftime(date):
    """A date that refuses the C library's formatting, which follows the machine's locale."""

    def strftime(self, fmt):
        raise AssertionError("strftime follows the machine's locale")

    def __format__(self, fmt):
        raise AssertionError("format() of a date uses strftime")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_dates_are_not_written_with_strftime(language):
    # This machine may have no other C locale installed, so prove it another way too.
    formatter = Formatter(language)
    day = NoStrftime(2026, 11, 21)
    assert formatter.long_date(day) == formatter.long_date(date(2026, 11, 21))
    assert formatter.dateline("Halifax", day).startswith("Halifax, 21 ")


@pytest.mark.parametrize(
    ("place", "parts"),
    [
        ("Halifax", ("Halifax, ", "21 November 2026")),
        ("", ("", "21 November 2026")),
    ],
)
def test_dateline_parts_keep_the_date_whole_for_the_page(place, parts):
    formatter = Formatter("en")
    assert formatter.dateline_parts(place, date(2026, 11, 21)) == parts
    assert "".join(parts) == formatter.dateline(place, date(2026, 11, 21))
