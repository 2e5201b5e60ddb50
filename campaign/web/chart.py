"""The organisers' chart of letters per day by channel: figures in, shapes out.

Pure geometry for templates/organisers/_chart.svg, which draws it: no Flask, no wording. The
same grid of days (every day of the range, a day without letters as zeros) feeds the chart and
the table beside it, so the two cannot disagree.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

# The drawing's own units; the page scales it to the width it has (viewBox, width 100%). Small,
# so that its words (13 units high, site.css) stay legible on a phone's 320 pixels.
WIDTH = 480
HEIGHT = 260
# Room for the letter counts on the left and the days underneath.
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 12, 36
# A column takes this share of its day's slot; the rest is the gap between days.
BAR_SHARE = 0.7
# At most this many days are named under the columns, and this many counts beside them.
MAX_DAY_LABELS = 5
MAX_TICKS = 5


class DayLetters(Protocol):
    """One day's letters on one channel (campaign.counts.DayFigure reads as one)."""

    day: date
    channel: str
    letters: int


@dataclass(frozen=True)
class DayRow:
    """One day of the range: its letters on each channel shown, in order, and their sum."""

    day: date
    letters: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.letters)


@dataclass(frozen=True)
class Bar:
    """One channel's part of one day's column."""

    day: date
    channel: str
    letters: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Tick:
    """A count on the vertical scale, with its grid line's height."""

    value: int
    y: float


@dataclass(frozen=True)
class DayLabel:
    """A day named under its column, centred on it."""

    day: date
    x: float


@dataclass(frozen=True)
class Chart:
    """Everything the template draws, in the drawing's units."""

    channels: tuple[str, ...]
    rows: tuple[DayRow, ...]
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    labels: tuple[DayLabel, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def channel_totals(self) -> tuple[int, ...]:
        """Return each channel's letters over the range, in the order of `channels`."""
        return tuple(sum(row.letters[i] for row in self.rows) for i in range(len(self.channels)))

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    @property
    def busiest(self) -> DayRow | None:
        """Return the day with the most letters (the first of equals), if any has some."""
        row = max(self.rows, key=lambda row: row.total, default=None)
        return row if row and row.total else None


def day_rows(
    figures: Iterable[DayLetters], channels: Sequence[str], *, until: date | None = None
) -> tuple[DayRow, ...]:
    """Return every day from the first with letters to the last (or `until`), zeros included.

    Figures on channels not in `channels` are left out.
    """
    letters: dict[tuple[date, str], int] = {}
    for figure in figures:
        key = (figure.day, figure.channel)
        letters[key] = letters.get(key, 0) + figure.letters
    if not letters:
        return ()
    days = [day for day, _ in letters]
    first, last = min(days), max([*days, *([until] if until else [])])
    return tuple(
        DayRow(day, tuple(letters.get((day, channel), 0) for channel in channels))
        for day in (first + timedelta(days=n) for n in range((last - first).days + 1))
    )


def scale_top(peak: int) -> tuple[int, int]:
    """Return the top of the scale and its step: a round step (1, 2, 5 × 10ⁿ), few ticks."""
    peak = max(peak, 1)
    step = 1
    while True:
        for factor in (1, 2, 5):
            candidate = step * factor
            if math.ceil(peak / candidate) <= MAX_TICKS - 1:
                return candidate * math.ceil(peak / candidate), candidate
        step *= 10


def draw_chart(
    figures: Iterable[DayLetters], channels: Sequence[str], *, until: date | None = None
) -> Chart:
    """Return the stacked columns, one per day, each channel's letters in `channels` order."""
    rows = day_rows(figures, channels, until=until)
    top_value, step = scale_top(max((row.total for row in rows), default=0))
    plot_height = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - RIGHT - LEFT) / max(len(rows), 1)
    per_letter = plot_height / top_value
    bars = []
    for index, row in enumerate(rows):
        x = LEFT + slot * index + slot * (1 - BAR_SHARE) / 2
        base = HEIGHT - BOTTOM
        for channel, letters in zip(channels, row.letters, strict=True):
            if not letters:
                continue
            height = letters * per_letter
            base -= height
            bars.append(Bar(row.day, channel, letters, x, base, slot * BAR_SHARE, height))
    every = math.ceil(len(rows) / MAX_DAY_LABELS) or 1
    return Chart(
        channels=tuple(channels),
        rows=rows,
        bars=tuple(bars),
        ticks=tuple(
            Tick(value, HEIGHT - BOTTOM - value * per_letter)
            for value in range(0, top_value + 1, step)
        ),
        labels=tuple(
            DayLabel(row.day, LEFT + slot * (index + 0.5))
            for index, row in enumerate(rows)
            if index % every == 0
        ),
    )
