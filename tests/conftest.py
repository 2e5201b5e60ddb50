"""Shared fixtures: a fresh app per test, its client, the shipped content, a recording server.

The helpers tests import live in tests.support; the names below stay importable from here.
"""

import os

import pytest

from campaign.content import load_content
from tests.support.apps import make_app
from tests.support.files import write_file
from tests.support.forms import VALID_FORM, form_with
from tests.support.listener import recording_server
from tests.support.postgres_server import PostgresServer, postgres_server
from tests.support.reading import field_value, parse, pdf_pages
from tests.support.shipped import (
    ACTION_FILE,
    ACTION_URL,
    ACTIONS_DIR,
    LETTER_URL,
    PREVIEW_URL,
    RECIPIENTS_FILE,
)

# Apps made in tests count nothing (into instance/ least of all), whatever the shell says;
# the tests of counting point their apps at a temporary database. Servers inherit this.
os.environ["CAMPAIGN_COUNTS_ENABLED"] = "false"

__all__ = [
    "ACTIONS_DIR",
    "ACTION_FILE",
    "ACTION_URL",
    "LETTER_URL",
    "PREVIEW_URL",
    "RECIPIENTS_FILE",
    "VALID_FORM",
    "field_value",
    "form_with",
    "parse",
    "pdf_pages",
    "write_file",
]


@pytest.fixture
def app():
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def content():
    return load_content(ACTIONS_DIR, RECIPIENTS_FILE)


@pytest.fixture(scope="session")
def action(content):
    """The shipped action, UA 2/19, with its officials in their roles."""
    return content.action("ua-2-19")


@pytest.fixture
def listener():
    """A local HTTP server that records every request; /redirect points to /internal."""
    with recording_server() as (base, hits):
        yield base, hits


@pytest.fixture(scope="session")
def postgres() -> PostgresServer:
    """A real PostgreSQL server for the session (make test installs it), removed at the end.

    `postgres.new_database()` gives each test an empty database of its own.
    """
    with postgres_server() as server:
        yield server
