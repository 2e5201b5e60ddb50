"""Migrations: up from an empty database on both kinds, by the command and at start-up."""

from multiprocessing import get_context

from sqlalchemy import create_engine, inspect, text

from campaign.counts.database import database_url
from tests.counts.conftest import make_counts
from tests.support.apps import make_app

TABLES = {"alembic_version", "letter_counts", "posted_counts"}


def tables(url: str) -> set[str]:
    engine = create_engine(database_url(url, "/nonexistent"))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def head(url: str) -> str:
    engine = create_engine(database_url(url, "/nonexistent"))
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        engine.dispose()


def test_the_command_migrates_an_empty_database(database_url_for_test):
    app = make_app(COUNTS_ENABLED=True, DATABASE_URL=database_url_for_test, WARM_UP=False)
    runner = app.test_cli_runner()

    first = runner.invoke(args=["counts", "migrate"])
    again = runner.invoke(args=["counts", "migrate"])

    assert first.exit_code == 0, first.output
    assert "database of counts is up to date" in first.output
    assert again.exit_code == 0, again.output
    assert tables(database_url_for_test) == TABLES
    assert head(database_url_for_test) == "0001"


def test_the_first_count_migrates_a_database_nobody_migrated(database_url_for_test):
    counting = make_counts(database_url_for_test)
    counting.letters_made("ua-2-19", channel="text", language="en", points=["justice"], letters=1)
    assert tables(database_url_for_test) == TABLES
    assert counting.total_letters("ua-2-19") == 1


def _start(url: str, together) -> None:
    counting = make_counts(url)
    together.wait()
    counting.migrate()


def test_instances_starting_together_migrate_once(database_url_for_test):
    """Four processes migrate at once: each waits for the other's lock, none fails."""
    context = get_context("fork")
    together = context.Barrier(4)
    starts = [
        context.Process(target=_start, args=(database_url_for_test, together)) for _ in range(4)
    ]
    for start in starts:
        start.start()
    for start in starts:
        start.join(timeout=120)
    assert [start.exitcode for start in starts] == [0, 0, 0, 0]
    assert head(database_url_for_test) == "0001"


def test_the_sqlite_file_is_in_the_instance_folder_by_default(tmp_path):
    url = database_url(None, str(tmp_path / "instance"))
    assert url.database == str(tmp_path / "instance" / "counts.sqlite3")
    assert database_url("postgresql://u@db/counts", "x").drivername == "postgresql+psycopg"


def test_counting_off_opens_no_database(tmp_path):
    app = make_app(DATABASE_URL=f"sqlite:///{tmp_path / 'counts.sqlite3'}", WARM_UP=False)
    counting = app.extensions["counts"]
    counting.letters_made("ua-2-19", channel="pdf", language="en", points=["justice"], letters=1)
    counting.migrate_at_start()
    result = app.test_cli_runner().invoke(args=["counts", "migrate"])
    assert result.exit_code == 2
    assert "Counting is off" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_app_that_counts_nothing_makes_no_database_file(tmp_path):
    """`actions check`, `share` and the like load the app: no file appears until a count."""
    app = make_app(COUNTS_ENABLED=True, DATABASE_URL=f"sqlite:///{tmp_path / 'db' / 'c.sqlite3'}")
    app.test_cli_runner().invoke(args=["actions", "list"])
    assert list(tmp_path.iterdir()) == []
