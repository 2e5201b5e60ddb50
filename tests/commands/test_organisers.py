"""`flask --app campaign organisers set-password`: asked twice, long enough, kept only as a
private scrypt hash that the page then accepts."""

import stat

import pytest
from werkzeug.security import check_password_hash

from campaign.web.organiser_access import read_password_hash
from tests.support.apps import make_app

PASSWORD = "correct horse battery"


@pytest.fixture
def password_file(tmp_path):
    return tmp_path / "instance" / "organisers-password"


@pytest.fixture
def runner(password_file):
    app = make_app(WARM_UP=False, ORGANISERS_PASSWORD_FILE=str(password_file))
    return app.test_cli_runner()


def _set(runner, typed: str, *args: str):
    return runner.invoke(args=["organisers", "set-password", *args], input=typed)


def test_the_password_is_asked_twice_and_kept_only_as_a_private_hash(runner, password_file):
    result = _set(runner, f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("New password (at least 12 characters)") == 1
    assert "Type it again" in result.output
    assert PASSWORD not in result.output  # hidden as it is typed
    stored = password_file.read_text()
    assert PASSWORD not in stored
    assert stored.startswith("scrypt:")
    assert check_password_hash(stored.strip(), PASSWORD)
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    # Nothing else is left beside it (the hash is written to a temporary file, then renamed).
    assert [path.name for path in password_file.parent.iterdir()] == [password_file.name]


def test_a_short_password_is_refused_and_asked_again(runner, password_file):
    short = "a" * 11
    result = _set(runner, f"{short}\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "The password must be at least 12 characters long." in result.output
    assert check_password_hash(read_password_hash(password_file), PASSWORD)


def test_two_different_passwords_are_asked_again(runner, password_file):
    result = _set(runner, f"{PASSWORD}\nsomething else entirely\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert check_password_hash(read_password_hash(password_file), PASSWORD)


def test_a_script_can_give_it_on_standard_input(runner, password_file):
    result = _set(runner, f"{PASSWORD}\n", "--from-stdin")
    assert result.exit_code == 0, result.output
    assert check_password_hash(read_password_hash(password_file), PASSWORD)


def test_a_short_password_from_a_script_fails_and_keeps_the_old_one(runner, password_file):
    _set(runner, f"{PASSWORD}\n", "--from-stdin")
    before = password_file.read_text()
    result = _set(runner, "short\n", "--from-stdin")
    assert result.exit_code == 1
    assert "The password must be at least 12 characters long." in result.output
    assert password_file.read_text() == before


def test_setting_it_again_replaces_the_hash(runner, password_file):
    _set(runner, f"{PASSWORD}\n", "--from-stdin")
    _set(runner, "a new long password\n", "--from-stdin")
    stored = read_password_hash(password_file)
    assert check_password_hash(stored, "a new long password")
    assert not check_password_hash(stored, PASSWORD)
