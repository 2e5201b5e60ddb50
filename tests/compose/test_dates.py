"""letter_date: a letter carries the supporter's own date, never the server's.

Time is frozen by passing an aware datetime: no test reads the real clock.
"""

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from campaign.compose import letter_date

TORONTO = ZoneInfo("America/Toronto")
HALIFAX = ZoneInfo("America/Halifax")

# 21:00 in Halifax on 21 November (UTC-4) is 01:00 UTC on 22 November, and 20:00 in Toronto.
HALIFAX_EVENING = datetime(2026, 11, 22, 1, 0, tzinfo=UTC)


def test_the_instant_is_the_one_the_story_needs():
    assert HALIFAX_EVENING.astimezone(HALIFAX) == datetime(2026, 11, 21, 21, 0, tzinfo=HALIFAX)
    assert HALIFAX_EVENING.date() == date(2026, 11, 22)  # what a UTC server would say


@pytest.mark.parametrize(
    ("sent", "written"),
    [
        (date(2026, 11, 21), date(2026, 11, 21)),  # the supporter's own calendar
        (None, date(2026, 11, 21)),  # no date from the browser: the action's zone
    ],
)
def test_a_supporter_in_halifax_at_nine_in_the_evening_gets_today(sent, written):
    assert letter_date(HALIFAX_EVENING, TORONTO, sent) == written


@pytest.mark.parametrize(
    ("sent", "written"),
    [
        (date(2026, 11, 19), date(2026, 11, 21)),  # two days behind: ignored
        (date(2026, 11, 20), date(2026, 11, 20)),  # a day behind (Hawaii, say): kept
        (date(2026, 11, 21), date(2026, 11, 21)),
        (date(2026, 11, 22), date(2026, 11, 22)),  # a day ahead (Kiribati, say): kept
        (date(2026, 11, 23), date(2026, 11, 21)),  # two days ahead: ignored
        (date(2019, 1, 15), date(2026, 11, 21)),  # a stale or forged date: ignored
        (date(2099, 12, 31), date(2026, 11, 21)),
    ],
)
def test_a_sent_date_more_than_a_day_from_the_zones_date_is_ignored(sent, written):
    assert letter_date(HALIFAX_EVENING, TORONTO, sent) == written


@pytest.mark.parametrize(
    ("now", "written"),
    [
        # Midnight in Toronto (EST, UTC-5) falls at 05:00 UTC.
        (datetime(2026, 11, 22, 4, 59, tzinfo=UTC), date(2026, 11, 21)),
        (datetime(2026, 11, 22, 5, 0, tzinfo=UTC), date(2026, 11, 22)),
        # In summer (EDT, UTC-4) it falls at 04:00 UTC.
        (datetime(2026, 7, 1, 3, 59, tzinfo=UTC), date(2026, 6, 30)),
        (datetime(2026, 7, 1, 4, 0, tzinfo=UTC), date(2026, 7, 1)),
        # The same instant given in another offset gives the same date.
        (datetime(2026, 11, 22, 10, 0, tzinfo=timezone(timedelta(hours=9))), date(2026, 11, 21)),
    ],
)
def test_without_a_sent_date_the_zones_calendar_decides(now, written):
    assert letter_date(now, TORONTO) == written
