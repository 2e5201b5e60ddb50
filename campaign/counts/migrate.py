"""Bring the counts' database to the newest schema with Alembic (migrations/ beside this)."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection

from campaign.counts.database import MIGRATION_TIMEOUT, Database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, made here: the package needs no alembic.ini."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def migrate(database: Database, timeout: float = MIGRATION_TIMEOUT) -> None:
    """Upgrade to the newest schema; concurrent starts wait for one another (see migrating)."""
    with database.migrating(timeout) as connection:
        command.upgrade(alembic_config(connection), "head")
