"""The production set-up's nginx configuration, filled from the repository's template."""

import grp
import os
import pwd
import shutil
import subprocess

import pytest

from campaign.server.run import (
    PROJECT_DIR,
    TEMPLATE,
    StartError,
    fill_template,
    find_nginx,
    listen_address,
    nginx_user,
    prepare_run_dir,
)


def test_the_template_is_filled_and_nginx_s_own_variables_are_left_alone():
    filled = fill_template(
        "listen ${CAMPAIGN_LISTEN}; set $x ${msec}; root ${CAMPAIGN_RUN_DIR};",
        {"CAMPAIGN_LISTEN": "127.0.0.1:80", "CAMPAIGN_RUN_DIR": "/srv/run"},
    )
    assert filled == "listen 127.0.0.1:80; set $x ${msec}; root /srv/run;"


def test_a_placeholder_without_a_value_stops_start_up_naming_it():
    with pytest.raises(StartError, match=r"\$\{CAMPAIGN_PORT\}"):
        fill_template("listen ${CAMPAIGN_PORT};", {})


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", "127.0.0.1:8000"),
        ("::1", "[::1]:8000"),
        ("0.0.0.0", "0.0.0.0:8000"),  # noqa: S104 - nginx's listen address, as configured
    ],
)
def test_nginx_listens_where_campaign_host_and_port_say(host, expected):
    assert listen_address(host, "8000") == expected


def test_every_placeholder_of_the_template_gets_a_value_and_nginx_accepts_it(tmp_path):
    config = prepare_run_dir(
        tmp_path, {"CAMPAIGN_HOST": "127.0.0.1", "CAMPAIGN_PORT": "8000"}, ("en", "fr")
    )
    text = config.read_text()
    assert "${CAMPAIGN_" not in text
    assert "${msec}" in text  # nginx's own, for the queue budget
    assert (tmp_path / "tmp" / "body").is_dir()
    checked = subprocess.run(
        [find_nginx(), "-t", "-p", str(tmp_path), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr


def test_the_template_buffers_both_ways_and_bounds_slow_clients():
    text = TEMPLATE.read_text()
    for directive in (
        "proxy_request_buffering on;",
        "proxy_buffering on;",
        "client_header_timeout",
        "client_body_timeout",
        "send_timeout",
        "limit_conn per_client",
        "client_max_body_size 64k;",
    ):
        assert directive in text


def test_a_missing_nginx_is_named(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr("campaign.server.run.NGINX_PLACES", ())
    with pytest.raises(StartError, match="nginx is not installed"):
        find_nginx()


def test_nginx_workers_take_the_project_owner_s_identity_when_root_starts_them(monkeypatch):
    owner = PROJECT_DIR.stat()
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    expected = f"user {pwd.getpwuid(owner.st_uid).pw_name} {grp.getgrgid(owner.st_gid).gr_name};"
    assert nginx_user() == expected
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert nginx_user().startswith("#")
