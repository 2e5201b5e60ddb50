"""Liveness and readiness, as a load balancer asks for them."""

import shutil

from campaign.pdf import ASSETS_DIR
from tests.support.apps import make_app
from tests.support.live_server import free_port


def _lines(answer) -> list[str]:
    return answer.get_data(as_text=True).splitlines()


def test_liveness_is_a_plain_ok_that_no_cache_keeps():
    answer = make_app().test_client().get("/healthz")
    assert (answer.status_code, answer.get_data(as_text=True)) == (200, "ok\n")
    assert answer.headers["Cache-Control"] == "no-store"


def test_ready_when_content_fonts_and_the_store_are_usable():
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    answer = app.test_client().get("/readyz")
    assert answer.status_code == 200
    assert _lines(answer) == [
        "ready",
        "content: ok (1 actions, 1 open)",
        "fonts: ok",
        "rate-limit store: ok",
    ]


def test_not_ready_when_a_font_is_unusable(tmp_path):
    assets = tmp_path / "assets"
    shutil.copytree(ASSETS_DIR, assets)
    (assets / "fonts" / "NotoSerifHebrew-Regular.ttf").write_bytes(b"not a font")
    answer = make_app(PDF_ASSETS_DIR=str(assets)).test_client().get("/readyz")
    assert answer.status_code == 503
    lines = _lines(answer)
    assert lines[0] == "not ready"
    assert lines[2].startswith("fonts: PDFs disabled (fonts/NotoSerifHebrew-Regular.ttf: ")


def test_a_store_that_cannot_be_reached_is_reported_but_leaves_the_instance_ready():
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}")
    answer = app.test_client().get("/readyz")
    assert answer.status_code == 200
    assert _lines(answer)[3] == "rate-limit store: unreachable, counting locally (ConnectionError)"
