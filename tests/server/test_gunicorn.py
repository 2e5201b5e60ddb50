"""gunicorn.conf.py: what gunicorn trusts, and which control socket it opens."""

import stat
import time
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from tests.support.live_server import gunicorn_alone
from tests.support.shipped import ACTION_URL

# Every header gunicorn would read as "this came over HTTPS", if it trusted the sender.
SAYS_HTTPS = {"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on", "X-Forwarded-Protocol": "ssl"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("proxy_count", "secure"),
    [("0", False), ("1", True)],
    ids=["no proxy trusted", "one proxy trusted"],
)
def test_only_the_apps_proxy_count_decides_whether_a_request_came_over_https(
    tmp_path, proxy_count, secure
):
    # The request comes from 127.0.0.1, which gunicorn by default trusts to say the scheme.
    with gunicorn_alone(tmp_path / "server.log", CAMPAIGN_PROXY_COUNT=proxy_count) as base:
        request = urllib.request.Request(base + ACTION_URL, headers=SAYS_HTTPS)
        with urllib.request.urlopen(request, timeout=30) as response:
            headers = response.headers
    [set_cookie] = headers.get_all("Set-Cookie")
    seen = {
        "HSTS": "Strict-Transport-Security" in headers,
        "Secure cookie": bool(SimpleCookie(set_cookie)["session"]["secure"]),
    }
    assert seen == {"HSTS": secure, "Secure cookie": secure}


@pytest.mark.slow
def test_without_a_control_socket_setting_gunicorn_opens_none(tmp_path):
    # With no runtime directory, gunicorn's default is the one every gunicorn of the user shares.
    home = tmp_path / "home"
    home.mkdir()
    log = tmp_path / "server.log"
    with gunicorn_alone(log, HOME=str(home), XDG_RUNTIME_DIR=""):
        pass
    # Read once gunicorn has stopped, so a socket it opened would have had time to say so.
    assert "Control socket" not in log.read_text()
    assert not (home / ".gunicorn").exists()


@pytest.mark.slow
def test_gunicorn_opens_the_control_socket_it_is_given(tmp_path):
    control = tmp_path / "x.ctl"
    log = tmp_path / "server.log"
    with gunicorn_alone(log, CAMPAIGN_CONTROL_SOCKET=str(control)):
        # The master opens it once its workers are forked: it may answer a moment after them.
        assert _wait_for_line(log, f"Control socket listening at {control}")
        assert stat.S_ISSOCK(control.stat().st_mode)


def _wait_for_line(log: Path, line: str, seconds: float = 10) -> bool:
    """Return whether the log ends a line with `line` within `seconds`."""
    deadline = time.monotonic() + seconds
    while f"{line}\n" not in log.read_text():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
