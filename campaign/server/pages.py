"""The site's own pages for the refusals nginx makes before the app is asked."""

from pathlib import Path

from flask import Flask
from werkzeug.exceptions import HTTPException

from campaign.web.errors import render_error

# Codes nginx answers itself (deploy/nginx.conf.template's error_page): a malformed or
# oversized request, too many connections from one client, the app not answering.
NGINX_CODES = (400, 413, 429, 503)


def write_error_pages(app: Flask, directory: Path) -> None:
    """Write `<code>.html` into the directory for each code nginx may answer with."""
    directory.mkdir(parents=True, exist_ok=True)
    for code in NGINX_CODES:
        error = HTTPException()
        error.code = code
        with app.test_request_context("/"):
            page, _ = render_error(error)
        (directory / f"{code}.html").write_text(page, encoding="utf-8")
