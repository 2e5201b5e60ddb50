"""The chart's geometry: every day of the range, columns in proportion, a round scale."""

from datetime import date, timedelta

import pytest

from campaign.counts import DayFigure
from campaign.web.chart import BAR_SHARE, DayRow, day_rows, draw_chart, scale_top

DAY = date(2026, 11, 18)


def figure(days: int, channel: str, letters: int) -> DayFigure:
    return DayFigure(DAY + timedelta(days=days), channel, letters, requests=1)


FIGURES = [figure(0, "pdf", 3), figure(0, "tweet", 2), figure(2, "pdf", 6)]


def test_days_without_letters_are_rows_of_zeros():
    assert day_rows(FIGURES, ("pdf", "tweet")) == (
        DayRow(DAY, (3, 2)),
        DayRow(DAY + timedelta(days=1), (0, 0)),
        DayRow(DAY + timedelta(days=2), (6, 0)),
    )


def test_the_range_runs_on_to_the_day_given():
    rows = day_rows(FIGURES, ("pdf",), until=DAY + timedelta(days=4))
    assert [row.letters for row in rows] == [(3,), (0,), (6,), (0,), (0,)]


def test_no_figures_no_rows():
    assert day_rows([], ("pdf",)) == ()
    assert draw_chart([], ("pdf",)).bars == ()


@pytest.mark.parametrize(
    ("peak", "top", "step"),
    [
        (0, 1, 1),
        (1, 1, 1),
        (4, 4, 1),
        (5, 6, 2),
        (9, 10, 5),
        (11, 15, 5),
        (40, 40, 10),
        (999, 1000, 500),
    ],
)
def test_the_scale_is_round_with_few_ticks(peak, top, step):
    assert scale_top(peak) == (top, step)


def test_columns_stack_channels_in_proportion():
    chart = draw_chart(FIGURES, ("pdf", "tweet"))
    pdf_1, tweet_1, pdf_3 = chart.bars
    assert [bar.letters for bar in chart.bars] == [3, 2, 6]
    per_letter = {bar.height / bar.letters for bar in chart.bars}
    assert max(per_letter) - min(per_letter) < 1e-9
    assert pdf_1.y + pdf_1.height == chart.bottom  # on the axis
    assert tweet_1.y + tweet_1.height == pytest.approx(pdf_1.y)  # on the PDF letters
    assert pdf_3.x - pdf_1.x == pytest.approx(2 * pdf_1.width / BAR_SHARE)
    assert chart.ticks[0].y == chart.bottom
    assert chart.ticks[-1].value * next(iter(per_letter)) == pytest.approx(chart.bottom - chart.top)


def test_summary_figures():
    chart = draw_chart(FIGURES, ("pdf", "tweet"))
    assert chart.total == 11
    assert chart.channel_totals == (9, 2)
    assert chart.busiest == DayRow(DAY + timedelta(days=2), (6, 0))


def test_a_long_range_names_a_few_days():
    chart = draw_chart([figure(0, "pdf", 1), figure(59, "pdf", 1)], ("pdf",))
    assert len(chart.rows) == 60
    assert 1 < len(chart.labels) <= 6
    assert all(chart.left <= label.x <= chart.right for label in chart.labels)
