"""nginx's own refusals (400, 413, 429, 503) in the language the app would have chosen.

The pages are written by the app once per language it speaks; nginx, run alone here with
the repository's template, chooses among them: the address's ?lang=, then the browser's
first language the site speaks, then English. (test_production.py checks the same through
the whole server.)
"""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from campaign.server.pages import NGINX_CODES, PagesMissing, page_languages, write_error_pages
from campaign.server.run import (
    StartError,
    language_values,
    prepare_run_dir,
    written_languages,
)
from tests.support.apps import make_app
from tests.support.http import raw_connection, request
from tests.support.live_server import free_port
from tests.support.nginx import nginx_serving
from tests.support.reading import parse
from tests.support.shipped import LETTER_URL

TITLES = {"en": "That was too much to send", "fr": "Cet envoi était trop volumineux"}
TOO_BIG = b"x" * 100_000


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("run") / "_errors"
    write_error_pages(make_app(WARM_UP=False), directory)
    return directory


def _page(pages: Path, language: str, code: int) -> BeautifulSoup:
    text = (pages / language / f"{code}.html").read_text(encoding="utf-8")
    return BeautifulSoup(text, "html.parser")


def test_a_page_is_written_per_language_and_code_and_the_languages_listed(pages):
    assert page_languages(pages) == ("en", "fr")
    for language in ("en", "fr"):
        for code in NGINX_CODES:
            page = _page(pages, language, code)
            assert page.html["lang"] == language, (language, code)
    assert _page(pages, "fr", 413).select_one("h1").get_text() == TITLES["fr"]
    assert _page(pages, "en", 413).select_one("h1").get_text() == TITLES["en"]
    assert "Le service est très sollicité" in _page(pages, "fr", 503).get_text()


def test_a_static_page_keeps_its_language_and_switches_to_the_home_page(pages):
    french = _page(pages, "fr", 400)
    assert [a["href"] for a in french.select("main a")] == ["/?lang=fr"]
    switch = french.select("header a.language-switch")
    assert [(a.get_text(), a["lang"], a["href"]) for a in switch] == [
        ("English", "en", "/?lang=en")
    ]
    english = _page(pages, "en", 400).select("header a.language-switch")
    assert [(a.get_text(), a["href"]) for a in english] == [("Français", "/?lang=fr")]


def test_the_pages_follow_the_languages_the_app_is_configured_with(tmp_path):
    write_error_pages(make_app(WARM_UP=False, LANGUAGES=("en",)), tmp_path)
    assert page_languages(tmp_path) == ("en",)
    assert not (tmp_path / "fr").exists()


@pytest.mark.parametrize(
    ("listed", "message"),
    [
        (None, "is missing"),
        ("", "lists no language"),
        ("en\nfr;\n", "which are no languages"),
        ("en\n$host\n", "which are no languages"),
    ],
)
def test_start_up_stops_when_the_pages_languages_are_missing_or_wrong(tmp_path, listed, message):
    if listed is not None:
        (tmp_path / "languages").write_text(listed)
    with pytest.raises(PagesMissing, match=message):
        page_languages(tmp_path)
    with pytest.raises(StartError, match=message):
        written_languages(tmp_path)


@pytest.fixture(scope="module")
def nginx(pages):
    """nginx alone, configured as `make run` does: it refuses oversized bodies itself."""
    run_dir = pages.parent
    port = free_port()
    env = {"CAMPAIGN_HOST": "127.0.0.1", "CAMPAIGN_PORT": str(port)}
    config = prepare_run_dir(run_dir, env, page_languages(pages))
    with nginx_serving(run_dir, config, port, "/favicon.ico") as base:
        yield base


def _refused_language(base: str, query: str = "", accept: str | None = None) -> str:
    headers = {"Accept-Language": accept} if accept else {}
    answer = request(base, "POST", LETTER_URL + query, TOO_BIG, headers)
    assert answer.status == 413
    page = parse(answer)
    language = page.html["lang"]
    assert page.select_one("h1").get_text() == TITLES[language]
    return language


@pytest.mark.parametrize(
    ("query", "accept", "language"),
    [
        ("", None, "en"),
        ("?lang=fr", None, "fr"),
        ("?lang=fr", "en", "fr"),
        ("?lang=en", "fr-CA,fr;q=0.9", "en"),
        ("?points=justice&lang=fr", None, "fr"),
        ("", "fr-CA,fr;q=0.9,en;q=0.8", "fr"),
        ("", "fr", "fr"),
        ("", "FR-ca", "fr"),
        ("", "de", "en"),
        ("", "de-DE, fr;q=0.5", "fr"),
        ("", "en-GB,en;q=0.9,fr;q=0.8", "en"),
        ("", "fra,frr", "en"),
        # A language the site does not speak in the address: the browser's, as the app does.
        ("?lang=de", "fr-CA", "fr"),
        ("?lang=FR", None, "en"),
        ("?lang=fr%0A", None, "en"),
    ],
)
def test_nginx_answers_in_the_address_s_then_the_browser_s_language(nginx, query, accept, language):
    assert _refused_language(nginx, query, accept) == language


def _malformed(base: str, accept: str) -> BeautifulSoup:
    """Send a request with a header line nginx refuses (no colon); return its page."""
    connection = raw_connection(
        base,
        b"GET /actions/?lang=fr HTTP/1.1\r\nHost: x\r\n"
        + f"Accept-Language: {accept}\r\n".encode()
        + b"No colon here\r\nConnection: close\r\n\r\n",
    )
    with connection:
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 "), head
    return BeautifulSoup(body.decode(), "html.parser")


def test_a_malformed_request_is_answered_in_the_address_s_language(nginx):
    page = _malformed(nginx, "en")
    assert (page.html["lang"], page.select_one("h1").get_text()) == (
        "fr",
        "Cette demande comportait une erreur",
    )


def test_a_regional_catalogue_is_found_before_its_language_and_by_its_tag():
    values = language_values(("en", "pt", "pt_BR"))
    assert values["CAMPAIGN_LANGUAGES"] == "pt_BR|en|pt"
    assert values["CAMPAIGN_LANGUAGE_TAGS"] == "pt-BR|en|pt"
    assert values["CAMPAIGN_LANGUAGE_OF_TAG"] == "pt-BR pt_BR; en en; pt pt;"
