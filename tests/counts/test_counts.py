"""Counting letters and posted letters, and reading the figures, on SQLite and PostgreSQL."""

from datetime import date

import pytest
from sqlalchemy import inspect, select

from campaign.counts import TOTAL_MAX_AGE, ActionFigures, Counts, DayFigure
from campaign.counts.tables import letter_counts
from tests.counts.conftest import DAY, make_counts

NEXT_DAY = date(2026, 11, 22)


def test_letters_add_up_per_day_channel_language_and_point_set(counting):
    both = {"channel": "pdf", "language": "en"}
    counting.letters_made("ua-2-19", points=["justice", "investigate"], letters=3, **both)
    counting.letters_made("ua-2-19", points=["investigate", "justice"], letters=2, **both)
    counting.letters_made("ua-2-19", channel="tweet", language="fr", points=["safety"], letters=1)
    counting.letters_made("ua-2-19", channel="text", language="en", points=["safety"], letters=3)
    counting.posted("ua-2-19")
    counting.posted("ua-2-19")

    [figures] = counting.figures()

    assert figures == ActionFigures(
        action="ua-2-19",
        days=(
            DayFigure(DAY, "pdf", letters=5, requests=2),
            DayFigure(DAY, "text", letters=3, requests=1),
            DayFigure(DAY, "tweet", letters=1, requests=1),
        ),
        point_sets=((("investigate", "justice"), 2), (("safety",), 2)),
        languages=(("en", 8), ("fr", 1)),
        posted=2,
    )
    assert figures.total == 9
    assert counting.total_letters("ua-2-19") == 9


def test_each_day_is_its_own_row_and_actions_are_apart(database_url_for_test):
    first = make_counts(database_url_for_test, day=DAY)
    second = make_counts(database_url_for_test, day=NEXT_DAY)
    first.letters_made("ua-2-19", channel="pdf", language="en", points=["justice"], letters=2)
    second.letters_made("ua-2-19", channel="pdf", language="en", points=["justice"], letters=1)
    second.letters_made("ua-9-26", channel="batch", language="fr", points=["a", "b"], letters=4)
    second.posted("ua-9-26")

    by_action = {figures.action: figures for figures in second.figures()}

    assert [(d.day, d.channel, d.letters) for d in by_action["ua-2-19"].days] == [
        (DAY, "pdf", 2),
        (NEXT_DAY, "pdf", 1),
    ]
    assert by_action["ua-2-19"].posted == 0
    assert by_action["ua-9-26"].total == 4
    assert by_action["ua-9-26"].posted == 1
    assert [f.action for f in second.figures("ua-9-26")] == ["ua-9-26"]
    assert second.figures("no-such-action") == [ActionFigures("no-such-action", (), (), (), 0)]


def test_only_sums_are_stored_no_time_of_day(counting):
    counting.letters_made("ua-2-19", channel="pdf", language="en", points=["justice"], letters=1)
    columns = {
        table: [column["name"] for column in inspect(counting.database.engine).get_columns(table)]
        for table in ("letter_counts", "posted_counts")
    }
    assert columns["letter_counts"] == [
        *("action", "day", "channel", "language", "point_set"),
        *("requests", "letters"),
    ]
    assert columns["posted_counts"] == ["action", "day", "supporters"]
    with counting.database.engine.connect() as connection:
        rows = connection.execute(select(letter_counts)).all()
    assert [tuple(row) for row in rows] == [("ua-2-19", DAY, "pdf", "en", "justice", 1, 1)]


def test_the_total_is_read_at_most_once_a_minute(counting, clock):
    counting.letters_made("ua-2-19", channel="pdf", language="en", points=["justice"], letters=2)
    assert counting.total_letters("ua-2-19") == 2

    counting.letters_made("ua-2-19", channel="pdf", language="en", points=["justice"], letters=3)
    clock.advance(TOTAL_MAX_AGE - 1)
    assert counting.total_letters("ua-2-19") == 2
    clock.advance(1)
    assert counting.total_letters("ua-2-19") == 5


@pytest.mark.parametrize(
    "mistake",
    [
        {"channel": "fax"},
        {"language": "en; drop table"},
        {"points": ["justice", "what a supporter typed"]},
    ],
)
def test_names_that_are_not_the_actions_own_are_refused(mistake):
    counts = Counts(None, lambda: DAY)
    made = {"channel": "pdf", "language": "en", "points": ["justice"], "letters": 1} | mistake
    with pytest.raises(ValueError, match="not a"):
        counts.letters_made("ua-2-19", **made)


def test_counting_off_stores_nothing_and_reads_zero(tmp_path):
    counts = Counts(None, lambda: DAY)
    counts.letters_made("ua-2-19", channel="pdf", language="en", points=["justice"], letters=1)
    counts.posted("ua-2-19")
    assert counts.total_letters("ua-2-19") == 0
    assert counts.figures() == []
    assert counts.figures("ua-2-19")[0].total == 0


def test_nothing_is_counted_while_paused(counting):
    with counting.paused():
        counting.letters_made("ua-2-19", channel="pdf", language="en", points=[], letters=1)
        counting.posted("ua-2-19")
    counting.letters_made("ua-2-19", channel="pdf", language="en", points=["justice"], letters=2)
    [figures] = counting.figures()
    assert (figures.total, figures.posted) == (2, 0)
