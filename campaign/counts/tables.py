"""The two tables of counts: nothing in them could tell who wrote, or when in the day.

A row is a sum for a day, never an event: there is no time of day, no name, no address, and
no hash of anything a supporter typed. Point sets are the action's own point ids.
"""

from sqlalchemy import Column, Date, Integer, MetaData, String, Table

metadata = MetaData()

letter_counts = Table(
    "letter_counts",
    metadata,
    Column("action", String(100), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("channel", String(16), primary_key=True),
    Column("language", String(16), primary_key=True),
    # The chosen point ids, sorted and joined by POINT_SEPARATOR.
    Column("point_set", String(400), primary_key=True),
    # Supporter requests (or batch rows), and the letters they made.
    Column("requests", Integer, nullable=False),
    Column("letters", Integer, nullable=False),
)

posted_counts = Table(
    "posted_counts",
    metadata,
    Column("action", String(100), primary_key=True),
    Column("day", Date, primary_key=True),
    # Supporters who said they posted their letters.
    Column("supporters", Integer, nullable=False),
)

LETTER_KEY = ("action", "day", "channel", "language", "point_set")
POSTED_KEY = ("action", "day")
POINT_SEPARATOR = ";"
