"""`flask --app campaign stats [SLUG] [--csv FILE]`: the figures as a table, or as CSV rows."""

import csv
import io

import pytest

from tests.support.apps import make_app

LETTER = {"language": "en", "points": ["justice", "investigate"]}


@pytest.fixture
def counted_app(tmp_path):
    app = make_app(
        COUNTS_ENABLED=True, DATABASE_URL=f"sqlite:///{tmp_path / 'c.sqlite3'}", WARM_UP=False
    )
    counting = app.extensions["counts"]
    counting.letters_made("ua-2-19", channel="pdf", letters=3, **LETTER)
    counting.letters_made("ua-2-19", channel="tweet", letters=2, **LETTER)
    counting.letters_made("ua-2-19", channel="text", language="fr", points=["safety"], letters=1)
    counting.posted("ua-2-19")
    yield app
    counting.database.dispose()


def lines(output: str) -> list[str]:
    return [" ".join(line.split()) for line in output.splitlines() if line.strip()]


def test_stats_prints_each_actions_figures(counted_app):
    result = counted_app.test_cli_runner().invoke(args=["stats"])
    assert result.exit_code == 0, result.output
    today = counted_app.extensions["campaign"].today().isoformat()
    assert lines(result.output) == [
        "ua-2-19: 6 letters made; 1 supporter said they posted theirs",
        "day channel letters requests",
        f"{today} pdf 3 1",
        f"{today} text 1 1",
        f"{today} tweet 2 1",
        "points chosen requests",
        "investigate, justice 2",
        "safety 1",
        "language letters",
        "en 5",
        "fr 1",
    ]


def test_stats_csv_writes_the_stored_rows(counted_app, tmp_path):
    runner = counted_app.test_cli_runner()
    to_file = runner.invoke(args=["stats", "ua-2-19", "--csv", str(tmp_path / "counts.csv")])
    to_stdout = runner.invoke(args=["stats", "--csv", "-"])

    assert to_file.exit_code == 0, to_file.output
    rows = list(csv.reader(io.StringIO((tmp_path / "counts.csv").read_text())))
    assert to_stdout.output.splitlines() == [",".join(row) for row in rows]
    today = counted_app.extensions["campaign"].today().isoformat()
    assert rows == [
        ["action", "day", "channel", "language", "point_set", "requests", "letters", "posted"],
        ["ua-2-19", today, "pdf", "en", "investigate;justice", "1", "3", ""],
        ["ua-2-19", today, "text", "fr", "safety", "1", "1", ""],
        ["ua-2-19", today, "tweet", "en", "investigate;justice", "1", "2", ""],
        ["ua-2-19", today, "", "", "", "", "", "1"],
    ]


def test_an_unknown_action_is_one_sentence_and_exit_2(counted_app, tmp_path):
    result = counted_app.test_cli_runner().invoke(
        args=["stats", "ua-9-99", "--csv", str(tmp_path / "out.csv")]
    )
    assert result.exit_code == 2
    assert "No action 'ua-9-99': the actions are ua-2-19" in result.output
    assert not (tmp_path / "out.csv").exists()


def test_an_action_with_no_letters_yet_says_so(tmp_path):
    app = make_app(COUNTS_ENABLED=True, DATABASE_URL=f"sqlite:///{tmp_path / 'c.sqlite3'}")
    result = app.test_cli_runner().invoke(args=["stats", "ua-2-19"])
    assert lines(result.output) == ["ua-2-19: 0 letters made; 0 supporters said they posted theirs"]
    app.extensions["counts"].database.dispose()


def test_a_database_that_cannot_be_read_is_one_sentence(tmp_path):
    (tmp_path / "file").write_text("")
    app = make_app(COUNTS_ENABLED=True, DATABASE_URL=f"sqlite:///{tmp_path / 'file' / 'c.db'}")
    result = app.test_cli_runner().invoke(args=["stats"])
    assert result.exit_code == 1
    assert "No figures: the SQLite database cannot be read." in result.output
