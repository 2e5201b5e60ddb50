"""A supporter's words appear in their letter and nowhere else: not in logs, URLs, cookies,
PDF metadata or files, the counts' database included."""

import http.cookiejar
import logging
import os
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
import weasyprint
from bs4 import BeautifulSoup
from pypdf import PdfReader

from campaign import create_app
from campaign.compose import compose_letters
from campaign.config import PROJECT_DIR
from tests.support.forms import form_with
from tests.support.live_server import live_server
from tests.support.reading import pdf_pages
from tests.support.shipped import ACTION_URL, LETTER_URL, PREVIEW_URL

POSTED_URL = ACTION_URL + "posted"

CANARIES = {
    "name": "Canaryname Qz7",
    "about": "Canaryabout Qz7 is who I am.",
    "location": "Canarytown Qz7",
    "address": "Canarystreet Qz7\nCanarycity Qz7",
    "country": "Canaryland Qz7",
    "message": "Canarywords Qz7 are mine.",
}
MARK = "Qz7"
# Where letters are composed: for the page (tweets, text) and for the printed kit.
COMPOSERS = ("campaign.web.action.compose_letters", "campaign.kit.compose_letters")


def _form(**changes):
    return form_with(**(CANARIES | changes))


def _files_written_since(start: float) -> Iterator[tuple[Path, bytes]]:
    """Yield each file written under the temporary folder and the project since start, read.

    Other processes (tests running in parallel, an editor) may remove a file before it is
    read: a file that is gone is passed over.
    """
    roots = [Path(tempfile.gettempdir()), PROJECT_DIR]
    skip = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in skip and not d.startswith("pytest-of-")]
            for name in files:
                path = Path(folder, name)
                try:
                    if path.stat().st_mtime < start or not path.is_file():
                        continue
                    data = path.read_bytes()
                except OSError:
                    continue
                yield path, data


def database_files(database: Path) -> list[Path]:
    """Return the SQLite file of counts and its write-ahead log, as they are on disk."""
    return [path for path in (database, Path(f"{database}-wal")) if path.exists()]


def assert_no_canary_in_database(database: Path) -> None:
    """Check the bytes of the counts' SQLite file and its log: no canary, not even in free pages.

    Every path that counts is checked with it: the pages' (below) and the organisers' batch
    letters (`letters batch`, whose test writes CANARIES into its CSV and calls this).
    """
    files = database_files(database)
    assert files, f"nothing was counted in {database}"
    for path in files:
        assert MARK.encode() not in path.read_bytes(), path


@pytest.fixture
def everything_at_debug():
    loggers = [logging.getLogger()] + [
        logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
    ]
    levels = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    yield
    for logger, level in levels:
        logger.setLevel(level)


def test_canaries_stay_in_the_letter(monkeypatch, caplog, capfd, everything_at_debug, tmp_path):
    start = time.time() - 1
    # Everything the app might write to a temporary file lands here, to be searched after.
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    caplog.set_level(logging.DEBUG)
    database = tmp_path / "counts.sqlite3"
    app = create_app(
        {
            "SECRET_KEY": "x",
            "WTF_CSRF_ENABLED": True,
            "RATELIMIT_ENABLED": True,
            "LETTER_RATE_LIMIT": "8 per minute",
            "PROPAGATE_EXCEPTIONS": False,
            # Every path that counts, counts here: the file is searched below.
            "COUNTS_ENABLED": True,
            "DATABASE_URL": f"sqlite:///{database}",
        }
    )
    client = app.test_client()
    token = BeautifulSoup(client.get(ACTION_URL).data, "html.parser").select_one(
        "input[name=csrf_token]"
    )["value"]
    responses = {}
    for fmt in ("pdf", "tweet", "text"):
        responses[fmt] = client.post(LETTER_URL, data=_form(format=fmt, csrf_token=token))
    responses["txt"] = client.post(
        LETTER_URL, data=_form(format="text", download="txt", csrf_token=token)
    )
    responses["preview"] = client.post(PREVIEW_URL, data=_form(csrf_token=token))
    # The button sends the token alone; answers posted here by hand are never read.
    responses["posted"] = client.post(POSTED_URL, data=_form(csrf_token=token))
    # A point that is no point's id, never counted either.
    responses["mistake"] = client.post(
        LETTER_URL, data=_form(points=["justice", MARK], csrf_token=token)
    )
    responses["csrf"] = client.post(LETTER_URL, data=_form(csrf_token="stale"))
    # Refused before it is counted by the rate limit: eight posts below are counted.
    responses["too big"] = client.post(LETTER_URL, data=_form(message="Qz7" * 30000))

    real_render = weasyprint.HTML.render

    def broken_render(self, *args, **kwargs):
        raise ValueError(f"render failed on {CANARIES['name']}")

    monkeypatch.setattr(weasyprint.HTML, "render", broken_render)
    responses["render failed"] = client.post(LETTER_URL, data=_form(csrf_token=token))

    def broken_compose(*args, **kwargs):
        raise RuntimeError(f"compose failed on {CANARIES['about']}")

    for composer in COMPOSERS:
        monkeypatch.setattr(composer, broken_compose)
    responses["server error"] = client.post(LETTER_URL, data=_form(csrf_token=token))
    responses["rate limited"] = client.post(LETTER_URL, data=_form(csrf_token=token))
    monkeypatch.setattr(weasyprint.HTML, "render", real_render)
    for composer in COMPOSERS:
        monkeypatch.setattr(composer, compose_letters)

    statuses = {kind: r.status_code for kind, r in responses.items()}
    assert statuses == {
        "pdf": 200,
        "tweet": 200,
        "text": 200,
        "txt": 200,
        "preview": 200,
        "posted": 200,
        "mistake": 400,
        "csrf": 400,
        "too big": 413,
        "render failed": 503,
        "server error": 500,
        "rate limited": 429,
    }
    # The letter itself carries the supporter's words...
    letter = " ".join(pdf_pages(responses["pdf"].data))
    for value in CANARIES.values():
        assert " ".join(value.split()) in letter
    # ...and nothing else does.
    assert MARK not in caplog.text
    captured = capfd.readouterr()
    assert MARK not in captured.out
    assert MARK not in captured.err
    serializer = app.session_interface.get_signing_serializer(app)
    for kind, response in responses.items():
        assert MARK not in str(response.headers), kind
        assert MARK not in response.request.url, kind
        cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
        assert MARK not in str(serializer.loads(cookie.value)), kind
    metadata = PdfReader(BytesIO(responses["pdf"].data)).metadata
    assert MARK not in " ".join(str(v) for v in metadata.values())
    assert MARK.encode() not in responses["pdf"].data.split(b"stream", 1)[0]
    for path, data in _files_written_since(start):
        assert MARK.encode() not in data, path
    # The counts hold the letters, tweets, text page and press of "posted"; nothing typed.
    figures = app.extensions["counts"].figures("ua-2-19")[0]
    assert {day.channel for day in figures.days} == {"pdf", "tweet", "text"}
    assert figures.posted == 1
    assert_no_canary_in_database(database)


@pytest.mark.slow
def test_the_production_servers_logs_hold_no_supporters_words(tmp_path):
    log = tmp_path / "server.log"
    database = tmp_path / "counts.sqlite3"
    counting = {"CAMPAIGN_COUNTS_ENABLED": "true", "CAMPAIGN_DATABASE_URL": f"sqlite:///{database}"}
    with live_server(log, CAMPAIGN_LOG_LEVEL="debug", CAMPAIGN_SECRET_KEY="x", **counting) as base:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = BeautifulSoup(opener.open(base + ACTION_URL).read(), "html.parser")
        token = page.select_one("input[name=csrf_token]")["value"]
        statuses = []
        for url, changes in [
            (LETTER_URL, {"format": "pdf"}),
            (LETTER_URL, {"format": "tweet"}),
            (LETTER_URL, {"format": "text", "download": "txt"}),
            (LETTER_URL, {"points": ["x"]}),
            (PREVIEW_URL, {}),
            (POSTED_URL, {}),
        ]:
            body = urllib.parse.urlencode(_form(csrf_token=token, **changes), doseq=True)
            try:
                with opener.open(base + url, data=body.encode()) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
        assert statuses == [200, 200, 200, 400, 200, 200]
    text = log.read_text()
    assert f'"POST {LETTER_URL}" 200' in text
    assert f'"POST {LETTER_URL}" 400' in text
    assert f'"POST {PREVIEW_URL}" 200' in text
    assert f'"POST {POSTED_URL}" 200' in text
    assert MARK not in text
    assert_no_canary_in_database(database)
    assert "127.0.0.1 " not in text.split("Listening at")[-1]  # no client addresses logged
