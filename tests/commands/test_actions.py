"""`flask actions list|check`: what organisers see, and every kind of mistake named."""

import copy
import shutil
from datetime import date

import pytest
import yaml
from click.testing import CliRunner
from flask.cli import FlaskGroup

from tests.support.apps import make_app
from tests.support.shipped import ACTION_FILE, RECIPIENTS_FILE

SHIPPED = yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def actions_dir(tmp_path, monkeypatch):
    """A temporary actions folder holding the shipped action, used by the app and commands."""
    folder = tmp_path / "actions"
    folder.mkdir()
    shutil.copy(ACTION_FILE, folder / ACTION_FILE.name)
    # The commands read configuration as start-up does: from the environment.
    monkeypatch.setenv("CAMPAIGN_ACTIONS_DIR", str(folder))
    monkeypatch.setenv("CAMPAIGN_SECRET_KEY", "test")
    return folder


def write_action(folder, name, change=None):
    data = copy.deepcopy(SHIPPED)
    if change:
        change(data)
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def flask_cli(*args):
    """Run `flask --app campaign ARGS` as an organiser would, the app made by the factory."""
    group = FlaskGroup(create_app=lambda: make_app(WARM_UP=False))
    return CliRunner().invoke(group, list(args), catch_exceptions=False)


def test_list_shows_slug_reference_title_status_and_deadline(actions_dir):
    write_action(
        actions_dir,
        "ua-9-25.yaml",
        lambda d: d.update(reference="UA 9/25", issued=date(2025, 3, 1),
                           deadline=date(2025, 4, 30),
                           closed={"date": date(2025, 5, 1), "note": "The men were released."}),
    )  # fmt: skip
    result = flask_cli("actions", "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["slug", "reference", "title", "status", "deadline"]
    newest, oldest = lines[1], lines[2]
    assert newest.startswith("ua-9-25")
    assert "UA 9/25" in newest
    assert "closed 2025-05-01" in newest
    assert newest.endswith("2025-04-30")
    assert oldest.startswith("ua-2-19")
    assert " open " in oldest
    assert oldest.endswith("-")


def test_check_passes_the_shipped_action_with_every_figure(actions_dir):
    result = flask_cli("actions", "check")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "ua-2-19  (actions/ua-2-19.yaml)" in out
    for line in [
        "ok    loads and validates as at start-up",
        "ok    tweets within X's limit of 280",
        "ok    every character printable with the bundled fonts",
        "ok    letter checker: 21000 letters, 0 violations",
        "ok    one page per letter at maximum input, with guide and envelopes: "
        "letter 7 of 7, a4 7 of 7 pages",
        "ok    40 supporters choosing the same points: median similarity",
    ]:
        assert line in out
    assert "identical pairs 0" in out
    assert out.rstrip().endswith("All 1 action(s) hold.")


def _long_tweet(d):
    d["points"][1]["tweets"] = ["Please act. " * 30]


def _unprintable(d):
    d["title"] = "Russia: ნიობე"


def _long_phrasings(d):
    long = " ".join(["Please make sure that every detail of this grave matter is examined."] * 8)
    for point in d["points"]:
        point["phrasings"] = [long]


def _identical(d):
    letter = d["letter"]
    for part in ("openings", "concerns", "calls", "closes"):
        letter[part] = letter[part][:1]
    for point in d["points"]:
        point["phrasings"] = point["phrasings"][:1]


MISTAKES = [
    # What an organiser may get wrong in a new action, and what the check must name.
    (
        lambda d: d["recipients"].append({"id": "embasy", "role": "copy"}),
        "actions/new-action.yaml: recipients entry 4 (embasy): field 'id': "
        "no official 'embasy' in the directory of officials (recipients.yaml)",
    ),
    (
        lambda d: d["recipients"][1].update(role="cc"),
        "actions/new-action.yaml: recipients entry 2 (embassy): field 'role': "
        "must be one of primary, copy",
    ),
    (
        lambda d: d.update(issued="January 2019"),
        "actions/new-action.yaml: field 'issued': must be a date written YYYY-MM-DD",
    ),
    (lambda d: d.pop("headline"), "actions/new-action.yaml: field 'headline': is missing"),
    (
        lambda d: d.update(closed={"date": date(2020, 1, 1)}),
        "actions/new-action.yaml: field 'closed': field 'note': is missing",
    ),
    (
        _long_tweet,
        "actions/new-action.yaml: points entry 2 (justice): field 'tweets': item 1: "
        "the tweet to @KremlinRussia_E with it weighs",
    ),
    (
        _unprintable,
        "actions/new-action.yaml: field 'title': has characters no bundled font can print",
    ),
    (
        _long_phrasings,
        "actions/new-action.yaml: field 'letter': at maximum input a letter on letter paper "
        "runs past one page",
    ),
    (
        _identical,
        "actions/new-action.yaml: field 'letter': letters from different supporters read too alike",
    ),
]


@pytest.mark.parametrize(("change", "message"), MISTAKES)
def test_check_names_the_file_and_field_of_each_mistake(actions_dir, change, message):
    write_action(actions_dir, "new-action.yaml", change)
    result = flask_cli("actions", "check", "new-action")
    assert result.exit_code == 1
    assert message in result.output
    assert "FAIL" in result.output
    assert result.output.rstrip().endswith("1 of 1 action(s) have problems.")


def test_check_reviews_the_other_actions_when_one_cannot_load(actions_dir):
    write_action(actions_dir, "broken.yaml", lambda d: d.pop("title"))
    result = flask_cli("actions", "check")
    assert result.exit_code == 1
    assert "actions/broken.yaml: field 'title': is missing" in result.output
    assert "ua-2-19  (actions/ua-2-19.yaml)" in result.output
    assert "ok    40 supporters choosing the same points" in result.output


@pytest.mark.parametrize("name", ["UA 2-19.yaml", "ua_2_19.yaml", "Ua-2-19.yaml", "new.yml"])
def test_a_file_name_that_cannot_be_an_address_is_refused(actions_dir, name):
    write_action(actions_dir, name)
    result = flask_cli("actions", "check")
    assert result.exit_code == 1
    assert f"actions/{name}: the file name is the action's address" in result.output


def test_an_unknown_slug_is_named(actions_dir):
    result = flask_cli("actions", "check", "ua-1-99")
    assert result.exit_code == 1
    assert "actions/ua-1-99.yaml: no such action file" in result.output


def test_a_broken_directory_of_officials_stops_the_check(actions_dir, tmp_path, monkeypatch):
    broken = tmp_path / "recipients.yaml"
    text = RECIPIENTS_FILE.read_text(encoding="utf-8")
    broken.write_text(text.replace('postage_cad: "0.90"', "postage_cad: x"), encoding="utf-8")
    monkeypatch.setenv("CAMPAIGN_RECIPIENTS_FILE", str(broken))
    result = flask_cli("actions", "check")
    assert result.exit_code == 1
    assert "recipients.yaml: recipients entry 2 (embassy): field 'postage_cad'" in result.output


def test_the_commands_are_registered_by_the_factory(app):
    assert set(app.cli.commands["actions"].commands) == {"list", "check"}
