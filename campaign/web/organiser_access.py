"""Who may see the organisers' page: one shared password, kept only as a strong hash.

The hash lives in a file of its own (ORGANISERS_PASSWORD_FILE, by default in Flask's instance
folder), written by `flask --app campaign organisers set-password`. A sign-in is a mark in the
signed session cookie: when it was made, and a fingerprint of the hash it was checked against,
so it lapses after ORGANISERS_SESSION_MINUTES and as soon as the password changes.
"""

import hashlib
import hmac
import os
import tempfile
from collections.abc import MutableMapping
from datetime import datetime
from enum import Enum
from pathlib import Path

from flask import Flask
from werkzeug.security import check_password_hash, generate_password_hash

PASSWORD_FILE_NAME = "organisers-password"  # noqa: S105 (a file name)
MIN_PASSWORD_LENGTH = 12
# werkzeug's scrypt (N=2^15, r=8, p=1), salted: slow to guess even from a stolen file.
HASH_METHOD = "scrypt"
SESSION_KEY = "organiser"


class PasswordTooShort(ValueError):
    """A password shorter than MIN_PASSWORD_LENGTH characters."""

    def __init__(self) -> None:
        super().__init__(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")


class Access(Enum):
    """Where a visitor stands with the organisers' page."""

    SIGNED_IN = "signed-in"
    EXPIRED = "expired"  # was signed in: the time ran out, or the password changed
    SIGNED_OUT = "signed-out"


def password_file(app: Flask) -> Path:
    """Return where the password's hash is kept for this app."""
    configured = app.config["ORGANISERS_PASSWORD_FILE"]
    return Path(configured) if configured else Path(app.instance_path) / PASSWORD_FILE_NAME


def read_password_hash(path: Path) -> str | None:
    """Return the stored hash, or None when no password has been set."""
    try:
        stored = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return stored or None


def store_password(path: Path, password: str) -> None:
    """Keep the password's hash, readable by its owner only, replacing any other at once.

    The hash is written to a private file beside it, then renamed over it: a server reading
    meanwhile sees the old hash or the new, never half of one.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordTooShort()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:  # mkstemp makes it 0600
            file.write(generate_password_hash(password, method=HASH_METHOD) + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def password_matches(stored_hash: str, password: str) -> bool:
    """Say whether the password is the one whose hash is stored (compared in constant time)."""
    return check_password_hash(stored_hash, password)


def _fingerprint(secret_key: str, stored_hash: str) -> str:
    """Return what the session keeps of the hash: a keyed digest, so it tells nothing of it."""
    key = f"organisers:{secret_key}".encode()
    return hmac.new(key, stored_hash.encode(), hashlib.sha256).hexdigest()[:32]


def sign_in(session: MutableMapping, *, now: datetime, stored_hash: str, secret_key: str) -> None:
    """Mark the session as an organiser's from now, for this password."""
    session[SESSION_KEY] = {
        "since": int(now.timestamp()),
        "password": _fingerprint(secret_key, stored_hash),
    }


def sign_out(session: MutableMapping) -> None:
    session.pop(SESSION_KEY, None)


def access(
    session: MutableMapping, *, now: datetime, stored_hash: str, secret_key: str, minutes: float
) -> Access:
    """Say whether the session is signed in, and forget a sign-in that has lapsed."""
    mark = session.get(SESSION_KEY)
    if not isinstance(mark, dict):
        return Access.SIGNED_OUT
    since, fingerprint = mark.get("since"), mark.get("password")
    fresh = isinstance(since, int) and 0 <= now.timestamp() - since < minutes * 60
    same_password = isinstance(fingerprint, str) and hmac.compare_digest(
        fingerprint, _fingerprint(secret_key, stored_hash)
    )
    if fresh and same_password:
        return Access.SIGNED_IN
    sign_out(session)
    return Access.EXPIRED
