"""Shared fixtures: a fresh app per test, its client, the shipped content, PDF helpers."""

import http.server
import threading
from io import BytesIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from campaign import create_app
from campaign.config import PROJECT_DIR
from campaign.content import load_content

ACTIONS_DIR = PROJECT_DIR / "actions"
ACTION_FILE = ACTIONS_DIR / "ua-2-19.yaml"
RECIPIENTS_FILE = PROJECT_DIR / "recipients.yaml"
# The shipped action's pages.
ACTION_URL = "/actions/ua-2-19/"
LETTER_URL = ACTION_URL + "letter"
PREVIEW_URL = ACTION_URL + "preview"

VALID_FORM = {
    "name": "Ann Example",
    "about": "I am a retired nurse from Halifax.",
    "location": "Halifax, Nova Scotia",
    "address": "12 Example Street\nHalifax, NS B3H 1A1",
    "message": "Please act now.",
    "points": ["investigate", "justice"],
    "recipients": ["kremlin", "embassy", "investigation-committee"],
    "format": "pdf",
    "paper": "letter",
}


@pytest.fixture
def app():
    return create_app(
        {
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test",
            "RATELIMIT_ENABLED": False,
        }
    )


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


def parse(response) -> BeautifulSoup:
    """Return the response's HTML, parsed."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def field_value(page: BeautifulSoup, field_id: str) -> str:
    """Return what a browser shows in an input or textarea (minus a textarea's first newline)."""
    element = page.select_one(f"#{field_id}")
    if element.name == "textarea":
        text = element.get_text()
        return text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
    return element.get("value", "")


def pdf_pages(data: bytes) -> list[str]:
    """Return the text of each page of a PDF, whitespace collapsed."""
    reader = PdfReader(BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def form_with(**changes) -> dict:
    """Return the valid form with some fields changed (None removes a field)."""
    data = dict(VALID_FORM)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def write_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def listener():
    """A local HTTP server that records every request; /redirect points to /internal."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            if self.path == "/redirect":
                self.send_response(302)
                self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/internal")
            else:
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()
