"""Configuration: defaults, then CAMPAIGN_* environment variables, then the caller's mapping."""

import logging
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask

PROJECT_DIR = Path(__file__).resolve().parent.parent

DEFAULTS: dict[str, Any] = {
    # "production" refuses to start without a SECRET_KEY; anything else makes a temporary one.
    "ENV": "development",
    "SECRET_KEY": None,
    # One YAML file per action; its name is the action's address (actions/ua-2-19.yaml is
    # served at /actions/ua-2-19/). The officials they write to are in RECIPIENTS_FILE.
    "ACTIONS_DIR": str(PROJECT_DIR / "actions"),
    "RECIPIENTS_FILE": str(PROJECT_DIR / "recipients.yaml"),
    # Where the actions are run from: a letter written without JavaScript (which sends the
    # supporter's own date) is dated in this time zone, and actions close on its calendar.
    "TIMEZONE": "America/Toronto",
    # The fonts and print stylesheet the PDF step may use, and nothing else.
    "PDF_ASSETS_DIR": str(PROJECT_DIR / "campaign" / "pdf" / "assets"),
    # Generous for the form (a few kilobytes at most), small enough to refuse junk early.
    "MAX_CONTENT_LENGTH": 64 * 1024,
    # The page sends about 20 fields; far more is a script repeating one (413).
    "MAX_FORM_PARTS": 60,
    # Per client, counted on POST /letter whatever the format. Limits are "N per period",
    # several separated by ";". RATELIMIT_ENABLED=false switches them off.
    "LETTER_RATE_LIMIT": "20 per minute;100 per hour",
    # For the visitors of a letter-writing evening's event link (`flask --app campaign
    # event-link`) while it lasts, shared by those at one address: a room writing together
    # is one client, whose usual limit would stop the evening.
    "EVENT_RATE_LIMIT": "120 per minute;1000 per hour",
    # The live preview is asked for as the supporter types (at most a few times a second).
    "PREVIEW_RATE_LIMIT": "180 per minute;2000 per hour",
    "RATELIMIT_ENABLED": True,
    # Where the counters live. None: in production, the file ratelimit.sqlite3 in Flask's
    # instance folder, which every worker of the instance shares with no server to run;
    # otherwise (development, tests) each worker's memory, so no run inherits another's
    # counts. "redis://host:6379" shares them between machines; "sqlite:///path/file" puts
    # the file elsewhere; "memory://" keeps them per worker (a limit counts once per worker).
    "RATELIMIT_STORAGE_URI": None,
    # Seconds the store may take to connect and to answer (Redis), or to let another worker
    # finish writing (SQLite). Past that, the worker counts in its own memory, logs it, and
    # asks the store again a few seconds later: a store that fails or hangs costs a letter
    # about this long, once every few seconds per worker, and stops none.
    "RATELIMIT_STORAGE_TIMEOUT": 0.25,
    # Flask-Limiter's default, named because the shared file implements only this strategy.
    "RATELIMIT_STRATEGY": "fixed-window",
    "RATELIMIT_HEADERS_ENABLED": True,
    # How many reverse proxies stand in front of the app and set X-Forwarded-For/-Proto.
    # 0 trusts no forwarded header: every client is the address that connected.
    "PROXY_COUNT": 0,
    # The host names the site answers to, comma-separated: "letters.example.org,.example.org"
    # (a leading dot takes in every subdomain). Any other Host gets 400, so nothing is made
    # for a name an attacker chose; a balancer's health check must send a listed name too.
    # None (unset) answers any host.
    "TRUSTED_HOSTS": None,
    # Seconds a letter may wait for a free worker, counted from when the proxy passed it on
    # (X-Request-Start, trusted with PROXY_COUNT): past it, the form is shown again at once
    # with a 503 and Retry-After rather than the letter rendered late.
    "QUEUE_TIMEOUT": 5.0,
    # Seconds a PDF may take to render before the supporter is asked to try again.
    "RENDER_TIMEOUT": 10.0,
    # Render a sample letter at start-up, so no supporter waits for fonts to load.
    "WARM_UP": True,
    "WTF_CSRF_ENABLED": True,
    # A supporter may read the page for a while before sending; the form says when it expired.
    "WTF_CSRF_TIME_LIMIT": 4 * 3600,
    # Where supporters reach the site, e.g. "https://letters.example.org": the links that
    # organisers' commands print start with it.
    "PUBLIC_URL": None,
    # The organisers' page (/organisers/): where `flask --app campaign organisers
    # set-password` keeps the password's hash (None: organisers-password in Flask's instance
    # folder), how long a sign-in lasts, and how many tries at the password a client has.
    "ORGANISERS_PASSWORD_FILE": None,
    "ORGANISERS_SESSION_MINUTES": 120,
    "ORGANISERS_RATE_LIMIT": "5 per minute;20 per hour",
    # Counts of letters made (per action, day, channel, language and point set) and of
    # supporters who posted theirs: sums only, never who or when in the day. False stores
    # nothing and opens no database (tests, benchmarks and similarity runs).
    "COUNTS_ENABLED": True,
    # None: the SQLite file counts.sqlite3 in Flask's instance folder, which every worker of
    # the instance shares. "postgresql://user@host/db" for several instances behind a load
    # balancer (through psycopg 3).
    "DATABASE_URL": None,
    # Seconds a count may wait for the database (a busy SQLite file, a PostgreSQL statement;
    # connecting to PostgreSQL waits at least 2 s). Past that the letter is made anyway, its
    # count waits in the worker's memory, and the database is asked again a few seconds later.
    "DATABASE_TIMEOUT": 0.5,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
}

log = logging.getLogger(__name__)


class ConfigError(Exception):
    """The app cannot start with this configuration."""


def load_config(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    """Fill app.config in order of precedence, then check what production needs."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("CAMPAIGN")
    if overrides:
        app.config.from_mapping(overrides)
    if "ACTION_FILE" in app.config:
        raise ConfigError(
            "CAMPAIGN_ACTION_FILE is no longer read: actions are the YAML files of the folder "
            "CAMPAIGN_ACTIONS_DIR (default actions/), one file per action"
        )
    try:
        app.config["TIMEZONE"] = ZoneInfo(str(app.config["TIMEZONE"]))
    except (ValueError, ZoneInfoNotFoundError) as error:
        raise ConfigError(
            f"CAMPAIGN_TIMEZONE {app.config['TIMEZONE']!r} is not a time zone such as "
            "America/Toronto"
        ) from error
    app.config["TRUSTED_HOSTS"] = parse_host_names(app.config["TRUSTED_HOSTS"])
    if not app.config["SECRET_KEY"]:
        if app.config["ENV"] == "production":
            raise ConfigError(
                "CAMPAIGN_SECRET_KEY is not set: production refuses to start without one. "
                'Make one with: python -c "import secrets; print(secrets.token_hex(32))"'
            )
        app.config["SECRET_KEY"] = secrets.token_hex(32)
        app.config["SECRET_KEY_TEMPORARY"] = True
        log.warning(
            "CAMPAIGN_SECRET_KEY is not set: using a temporary key, so forms opened before "
            "a restart will need to be sent again. Set one for any real deployment."
        )


def parse_host_names(value: str | list[str] | None) -> list[str] | None:
    """Return the host names of a comma-separated list (CAMPAIGN_TRUSTED_HOSTS); None if none."""
    names = value.split(",") if isinstance(value, str) else value or []
    return [name.strip() for name in names if name.strip()] or None
