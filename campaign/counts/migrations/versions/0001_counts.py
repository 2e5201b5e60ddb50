"""The letter and posted counts.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letter_counts",
        sa.Column("action", sa.String(100), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("language", sa.String(16), primary_key=True),
        sa.Column("point_set", sa.String(400), primary_key=True),
        sa.Column("requests", sa.Integer, nullable=False),
        sa.Column("letters", sa.Integer, nullable=False),
    )
    op.create_table(
        "posted_counts",
        sa.Column("action", sa.String(100), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("supporters", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("posted_counts")
    op.drop_table("letter_counts")
