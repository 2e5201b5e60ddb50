"""The letter's date: the supporter's own calendar when their page gives it, else Toronto's.

The clock stands at 01:00 UTC on 22 November 2026: 21:00 on 21 November in Halifax, 20:00 in
Toronto, where the actions are run from.
"""

from datetime import UTC, datetime

import pytest

from tests.support.apps import TODAY, frozen_app
from tests.support.forms import form_with
from tests.support.reading import parse, pdf_pages
from tests.support.shipped import LETTER_URL, PREVIEW_URL


def _dateline(client, **changes) -> str:
    """Post for the letter as a .txt file and return its line of place and date."""
    response = client.post(LETTER_URL, data=form_with(format="text", download="txt", **changes))
    assert response.status_code == 200
    return response.get_data(as_text=True).split("\n\n")[1]


@pytest.mark.parametrize(
    ("client_date", "dated"),
    [
        ("2026-11-21", TODAY),  # Halifax, at 21:00
        (None, TODAY),  # no script: Toronto's date, not the server's UTC one
        ("", TODAY),
        ("2026-11-22", "22 November 2026"),  # already tomorrow, in Tokyo
        ("2026-11-20", "20 November 2026"),  # a day behind Toronto: the limit
        ("2026-11-19", TODAY),  # beyond a day either way, no one's calendar: ignored
        ("2026-11-23", TODAY),
        ("2026-11-25", TODAY),
        ("yesterday", TODAY),
        ("2026-02-30", TODAY),
        ("2026-11-21" + "x" * 5000, TODAY),
    ],
)
def test_the_letter_is_dated_by_the_supporters_calendar_within_a_day(client_date, dated):
    client = frozen_app().test_client()
    assert _dateline(client, client_date=client_date) == f"Halifax, Nova Scotia, {dated}"


def test_the_printed_letter_and_the_preview_carry_the_supporters_date():
    client = frozen_app().test_client()
    printed = client.post(LETTER_URL, data=form_with(client_date="2026-11-22"))
    assert printed.mimetype == "application/pdf"
    assert "Halifax, Nova Scotia, 22 November 2026" in pdf_pages(printed.data)[0]
    preview = parse(client.post(PREVIEW_URL, data=form_with(client_date="2026-11-22")))
    assert "Halifax, Nova Scotia, 22 November 2026" in preview.get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("zone", "dated"),
    [("America/Toronto", TODAY), ("America/Halifax", TODAY), ("Asia/Tokyo", "22 November 2026")],
)
def test_without_the_supporters_date_the_actions_time_zone_dates_the_letter(zone, dated):
    client = frozen_app(TIMEZONE=zone).test_client()
    assert _dateline(client) == f"Halifax, Nova Scotia, {dated}"


def test_a_new_day_begins_at_midnight_where_the_actions_are_run():
    # 05:00 UTC is midnight in Toronto (UTC-5 in November).
    before = frozen_app(datetime(2026, 11, 22, 4, 59, tzinfo=UTC)).test_client()
    after = frozen_app(datetime(2026, 11, 22, 5, 0, tzinfo=UTC)).test_client()
    assert _dateline(before) == f"Halifax, Nova Scotia, {TODAY}"
    assert _dateline(after) == "Halifax, Nova Scotia, 22 November 2026"
