"""Dates written out the way a letter gives them."""

from datetime import date

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_long_date(day: date) -> str:
    """Return the date as '21 November 2026', whatever the machine's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
