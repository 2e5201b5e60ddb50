"""Configuration: environment, secret key, actions folder, time zone, and bad content."""

import logging
from zoneinfo import ZoneInfo

import pytest
import yaml

from campaign import create_app
from campaign.config import ConfigError
from campaign.content import ContentError
from tests.support.files import write_file
from tests.support.forms import form_with
from tests.support.reading import parse
from tests.support.shipped import ACTION_FILE


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("CAMPAIGN_SECRET_KEY", raising=False)
    monkeypatch.setenv("CAMPAIGN_ENV", "production")
    with pytest.raises(ConfigError, match="CAMPAIGN_SECRET_KEY is not set"):
        create_app()


def test_without_a_secret_key_a_temporary_one_is_made_and_said(monkeypatch, caplog):
    monkeypatch.delenv("CAMPAIGN_SECRET_KEY", raising=False)
    with caplog.at_level(logging.WARNING):
        one = create_app()
        two = create_app()
    assert one.config["SECRET_KEY"]
    assert one.config["SECRET_KEY"] != two.config["SECRET_KEY"]
    assert "temporary key" in caplog.text


def test_environment_configures_the_app(monkeypatch):
    monkeypatch.setenv("CAMPAIGN_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("CAMPAIGN_ENV", "production")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"


def test_a_mistake_in_the_content_stops_start_up(tmp_path):
    bad = write_file(tmp_path, "recipients.yaml", "recipients:\n  - id: kremlin\n")
    with pytest.raises(ContentError, match=r"recipients.yaml: recipients entry 1 \(kremlin\)"):
        create_app({"SECRET_KEY": "x", "RECIPIENTS_FILE": str(bad)})


def _actions_dir(tmp_path, **actions: str):
    """Write a temporary actions folder: each keyword is a slug, its value the file's text."""
    folder = tmp_path / "actions"
    folder.mkdir()
    for slug, text in actions.items():
        write_file(folder, f"{slug}.yaml", text)
    return folder


def test_a_tweet_over_the_limit_stops_start_up(tmp_path):
    data = yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))
    data["points"][1]["tweets"] = ["x" * 260]
    folder = _actions_dir(tmp_path, **{"ua-2-19": yaml.safe_dump(data, allow_unicode=True)})
    with pytest.raises(
        ContentError,
        match=r"actions/ua-2-19.yaml: points entry 2 \(justice\): field 'tweets': item 1: ",
    ):
        create_app({"SECRET_KEY": "x", "ACTIONS_DIR": str(folder)})


def test_the_actions_folder_is_read_from_the_environment(tmp_path, monkeypatch):
    folder = _actions_dir(tmp_path, **{"ua-9-99": SECOND_ACTION})
    monkeypatch.setenv("CAMPAIGN_ACTIONS_DIR", str(folder))
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["ACTIONS_DIR"] == str(folder)
    assert [a.slug for a in app.extensions["campaign"].content.actions] == ["ua-9-99"]


def test_time_zone_defaults_to_toronto():
    assert create_app({"SECRET_KEY": "x"}).config["TIMEZONE"] == ZoneInfo("America/Toronto")


def test_time_zone_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("CAMPAIGN_TIMEZONE", "America/Halifax")
    assert create_app({"SECRET_KEY": "x"}).config["TIMEZONE"] == ZoneInfo("America/Halifax")


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "../../etc/passwd", "EST5EDT;rm"])
def test_an_unknown_time_zone_stops_start_up(zone):
    with pytest.raises(ConfigError, match=r"CAMPAIGN_TIMEZONE .* is not a time zone"):
        create_app({"SECRET_KEY": "x", "TIMEZONE": zone})


# Only what an action must have: no deadline, no tweet settings, no sending note.
SECOND_ACTION = """
reference: "UA 9/99"
title: "A second action"
issued: 2026-11-01
language: en
recipients:
  - id: kremlin
    role: primary
headline: Something is happening to prisoners.
summary: Something is happening.
why_it_matters: It matters.
background: [Some background.]
letter:
  openings: [I am writing about the second action.]
  concerns: [This is the concern.]
  calls: [Please do the following.]
  closes: [Thank you.]
points:
  - id: release
    wording: release the prisoners
    phrasings: [Please release the prisoners.]
    tweet: Please release the prisoners.
  - id: visit
    wording: allow family visits
    phrasings: [Please allow family visits.]
    tweet: Please allow family visits.
  - id: care
    wording: provide medical care
    phrasings: [Please provide medical care.]
    tweet: Please provide medical care.
"""


def test_a_second_action_needs_only_yaml(tmp_path):
    folder = _actions_dir(tmp_path, **{"ua-9-99": SECOND_ACTION})
    app = create_app({"SECRET_KEY": "x", "WTF_CSRF_ENABLED": False, "ACTIONS_DIR": str(folder)})
    client = app.test_client()
    page = parse(client.get("/actions/ua-9-99/?points=visit"))
    assert page.select_one("h1").get_text(strip=True) == "A second action"
    assert [i["value"] for i in page.select("input[name=points]")] == ["release", "visit", "care"]
    assert [i["value"] for i in page.select("input[name=points][checked]")] == ["visit"]
    assert [i["value"] for i in page.select("input[name=recipients]")] == ["kremlin"]
    response = client.post(
        "/actions/ua-9-99/letter",
        data=form_with(points=["release", "care"], recipients=["kremlin"], format="text"),
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "I am writing about the second action." in text
    assert "Please release the prisoners." in text
    assert "Please provide medical care." in text
    printed = client.post(
        "/actions/ua-9-99/letter",
        data=form_with(points=["release", "care"], recipients=["kremlin"], guide="y"),
    )
    assert printed.mimetype == "application/pdf"
    # The shipped action is not in this folder, so its address is unknown here.
    assert client.get("/actions/ua-2-19/").status_code == 404


@pytest.mark.parametrize("set_by", ["environment", "mapping"])
def test_the_old_single_action_setting_stops_start_up(monkeypatch, set_by):
    # A deployment still naming one action file would otherwise be served whatever
    # actions/ holds, without a word.
    config = {"SECRET_KEY": "x"}
    if set_by == "environment":
        monkeypatch.setenv("CAMPAIGN_ACTION_FILE", "action.yaml")
    else:
        config["ACTION_FILE"] = "action.yaml"
    with pytest.raises(ConfigError, match="CAMPAIGN_ACTION_FILE is no longer read"):
        create_app(config)
