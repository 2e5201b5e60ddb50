"""Configuration: environment, secret key, and start-up refusing bad content."""

import logging

import pytest
import yaml

from campaign import create_app
from campaign.config import ConfigError
from campaign.content import ContentError
from tests.conftest import ACTION_FILE, LETTER_URL, form_with, parse, write_file


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


def test_a_tweet_over_the_limit_stops_start_up(tmp_path):
    data = yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))
    data["points"][1]["tweet"] = "x" * 260
    path = write_file(tmp_path, "action.yaml", yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(ContentError, match=r"action.yaml: points entry \(justice\): field 'tweet'"):
        create_app({"SECRET_KEY": "x", "ACTION_FILE": str(path)})


SECOND_ACTION = """
reference: "UA 9/99"
title: "A second action"
issued: 2026-11-01
language: en
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
    path = write_file(tmp_path, "action.yaml", SECOND_ACTION)
    app = create_app({"SECRET_KEY": "x", "WTF_CSRF_ENABLED": False, "ACTION_FILE": str(path)})
    client = app.test_client()
    page = parse(client.get("/?points=visit"))
    assert page.select_one("h1").get_text(strip=True) == "A second action"
    assert [i["value"] for i in page.select("input[name=points]")] == ["release", "visit", "care"]
    assert [i["value"] for i in page.select("input[name=points][checked]")] == ["visit"]
    response = client.post(
        LETTER_URL, data=form_with(points=["release", "care"], recipients=["kremlin"])
    )
    assert response.mimetype == "application/pdf"
