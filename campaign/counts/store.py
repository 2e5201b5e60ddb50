"""Reading and writing the counts: atomic upserts, and sums for the figures."""

from collections.abc import Mapping
from datetime import date

from sqlalchemy import Connection, Insert, Table, func, select
from sqlalchemy.dialects import postgresql, sqlite

from campaign.counts.tables import LETTER_KEY, POSTED_KEY, letter_counts, posted_counts

# (action, day, channel, language, point_set) -> [requests, letters]
LetterKey = tuple[str, date, str, str, str]
# (action, day) -> supporters
PostedKey = tuple[str, date]


def add_counts(
    connection: Connection,
    letters: Mapping[LetterKey, tuple[int, int]],
    posted: Mapping[PostedKey, int],
) -> None:
    """Add the counts to the rows, in one statement per table, whoever else adds at once.

    Each is `INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`: the database adds, so
    two workers adding to one row never lose either's count.
    """
    if letters:
        rows = [
            dict(zip(LETTER_KEY, key, strict=True), requests=requests, letters=made)
            for key, (requests, made) in letters.items()
        ]
        adding = _adding(connection, letter_counts, LETTER_KEY, "requests", "letters")
        connection.execute(adding, rows)
    if posted:
        rows = [dict(zip(POSTED_KEY, key, strict=True), supporters=n) for key, n in posted.items()]
        connection.execute(_adding(connection, posted_counts, POSTED_KEY, "supporters"), rows)


def _adding(connection: Connection, table: Table, key: tuple[str, ...], *sums: str) -> Insert:
    """Return the dialect's insert that adds `sums` to the row of the same key if there is one."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    return statement.on_conflict_do_update(
        index_elements=list(key),
        set_={name: table.c[name] + statement.excluded[name] for name in sums},
    )


def total_letters(connection: Connection, action: str) -> int:
    """Return the letters made for the action, every day and channel."""
    query = select(func.coalesce(func.sum(letter_counts.c.letters), 0)).where(
        letter_counts.c.action == action
    )
    return int(connection.execute(query).scalar_one())


def letter_rows(connection: Connection, action: str | None) -> list[tuple]:
    """Return every letter row (of one action, or all), as (action, day, channel, …) tuples."""
    query = select(
        *(letter_counts.c[name] for name in LETTER_KEY),
        letter_counts.c.requests,
        letter_counts.c.letters,
    )
    if action is not None:
        query = query.where(letter_counts.c.action == action)
    return [tuple(row) for row in connection.execute(query)]


def posted_rows(connection: Connection, action: str | None) -> list[tuple[str, date, int]]:
    """Return every posted row (of one action, or all): (action, day, supporters)."""
    query = select(posted_counts.c.action, posted_counts.c.day, posted_counts.c.supporters)
    if action is not None:
        query = query.where(posted_counts.c.action == action)
    return [tuple(row) for row in connection.execute(query)]
