"""Which date a letter carries: the supporter's own, never the server's."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def letter_date(now: datetime, zone: ZoneInfo, sent: date | None = None) -> date:
    """Return the date to print on a letter written at `now` (an aware time).

    `sent` is the date the supporter's browser gave, if any: it is their own calendar, so a
    supporter in Halifax writing at 21:00 does not get tomorrow's date from a UTC server. It
    is used only when it is within a day of the date where the action is run (`zone`), which
    covers every time zone on Earth; otherwise, and without it, that date is used.
    """
    local = now.astimezone(zone).date()
    if sent is not None and abs(sent - local) <= timedelta(days=1):
        return sent
    return local
