"""The counts as CSV rows, for `flask --app campaign stats --csv` and the organisers' page."""

import csv
from collections.abc import Iterable, Iterator
from typing import TextIO

CSV_HEADER = ("action", "day", "channel", "language", "point_set", "requests", "letters", "posted")


def csv_rows(letter_rows: Iterable[tuple], posted_rows: Iterable[tuple]) -> Iterator[tuple]:
    """Yield the stored rows as they are, sorted: letters first, then supporters who posted.

    A letters row leaves `posted` empty; a posted row has only action, day and `posted`.
    """
    for action, day, channel, language, points, requests, letters in sorted(letter_rows):
        yield action, day.isoformat(), channel, language, points, requests, letters, ""
    for action, day, supporters in sorted(posted_rows):
        yield action, day.isoformat(), "", "", "", "", "", supporters


def write_csv(file: TextIO, letter_rows: Iterable[tuple], posted_rows: Iterable[tuple]) -> None:
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(letter_rows, posted_rows))
