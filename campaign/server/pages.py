"""The site's own pages for the refusals nginx makes before the app is asked.

nginx cannot ask the app which language a refused request wants, so the app writes each page
once per language it speaks (`<language>/<code>.html`), and nginx chooses among them as the
app would (deploy/nginx.conf.template's maps). The languages are listed in a file beside the
pages, which campaign.server reads to fill those maps: nginx names no language whose pages
were not written.
"""

import re
from pathlib import Path

from flask import Flask
from werkzeug.exceptions import HTTPException

from campaign.web.errors import render_error
from campaign.web.locale import LANGUAGE_PARAMETER

# Codes nginx answers itself (deploy/nginx.conf.template's error_page): a malformed or
# oversized request, too many connections from one client, the app not answering.
NGINX_CODES = (400, 413, 429, 503)
# The languages the pages were written in, one a line, written once every page is.
LANGUAGES_FILE = "languages"
# A catalogue's folder name ("fr", "pt_BR"): nothing nginx's configuration would read as more.
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})?")


class PagesMissing(RuntimeError):
    """The error pages' languages are not listed, or name something that is no language."""


def error_page(app: Flask, code: int, language: str) -> str:
    """Return the page for a code in a language, as the app shows it at the site's root.

    Its address names the language, so its links keep it, and its language switch leads to
    the site's home page in the other languages (a static page has no address of its own).
    """
    error = HTTPException()
    error.code = code
    with app.test_request_context("/", query_string={LANGUAGE_PARAMETER: language}):
        page, _ = render_error(error)
    return page


def write_error_pages(app: Flask, directory: Path) -> None:
    """Write `<language>/<code>.html` for each language the site speaks and code nginx uses."""
    languages = app.config["LANGUAGES"]
    for language in languages:
        folder = directory / language
        folder.mkdir(parents=True, exist_ok=True)
        for code in NGINX_CODES:
            page = error_page(app, code, language)
            (folder / f"{code}.html").write_text(page, encoding="utf-8")
    (directory / LANGUAGES_FILE).write_text("".join(f"{lang}\n" for lang in languages))


def page_languages(directory: Path) -> tuple[str, ...]:
    """Return the languages the error pages were written in, as write_error_pages listed them."""
    try:
        languages = tuple((directory / LANGUAGES_FILE).read_text().split())
    except FileNotFoundError:
        raise PagesMissing(f"{directory / LANGUAGES_FILE} is missing: no error pages") from None
    if not languages:
        raise PagesMissing(f"{directory / LANGUAGES_FILE} lists no language")
    wrong = [language for language in languages if not _LANGUAGE.fullmatch(language)]
    if wrong:
        raise PagesMissing(f"{directory / LANGUAGES_FILE} lists {wrong}, which are no languages")
    return languages
