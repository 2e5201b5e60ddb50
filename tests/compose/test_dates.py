from datetime import date

import pytest

from campaign.compose.dates import format_long_date


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (date(2026, 11, 21), "21 November 2026"),
        (date(2019, 1, 15), "15 January 2019"),
        (date(2024, 2, 29), "29 February 2024"),
        (date(2025, 12, 1), "1 December 2025"),
    ],
)
def test_format_long_date(day, written):
    assert format_long_date(day) == written
