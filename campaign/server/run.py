"""Start gunicorn and nginx together for one instance, and stop both together.

Settings come from the environment, as gunicorn.conf.py and the app read them:
CAMPAIGN_HOST and CAMPAIGN_PORT (where nginx listens), CAMPAIGN_RUN_DIR (this instance's
private directory: sockets, nginx's configuration, pid and temporary files; by default
instance/server-<port>), CAMPAIGN_CLIENT_CONNECTIONS (connections per client address).
"""

import grp
import os
import pwd
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from campaign.config import PROJECT_DIR
from campaign.server.pages import PagesMissing, page_languages

TEMPLATE = PROJECT_DIR / "deploy" / "nginx.conf.template"
STATIC_DIR = PROJECT_DIR / "campaign" / "static"
# Debian installs nginx in /usr/sbin, which an unprivileged user's PATH may not hold.
NGINX_PLACES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
START_TIMEOUT = 90.0
MAX_OPEN_FILES = 65536
_PLACEHOLDER = re.compile(r"\$\{(CAMPAIGN_[A-Z_]+)\}")


class StartError(Exception):
    """The server could not start; the message says why."""


def fill_template(template: str, values: dict[str, str]) -> str:
    """Fill the template's ${CAMPAIGN_…} placeholders; leave nginx's own ${…} variables."""

    def value(match: re.Match) -> str:
        try:
            return values[match.group(1)]
        except KeyError:
            raise StartError(f"{TEMPLATE.name}: no value for ${{{match.group(1)}}}") from None

    return _PLACEHOLDER.sub(value, template)


def listen_address(host: str, port: str) -> str:
    """Return nginx's `listen` address for a host and port (IPv6 hosts in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def find_nginx() -> str:
    found = shutil.which("nginx") or next((p for p in NGINX_PLACES if os.access(p, os.X_OK)), None)
    if found is None:
        raise StartError("nginx is not installed: `make run` installs it (Debian's package)")
    return found


def open_files_allowed() -> int:
    """Raise this process's open-file limit as far as allowed (up to 65,536); return it.

    nginx and gunicorn inherit it: a flood of idle connections should meet nginx's limit on
    connections per client, not the operating system's default of 1,024 files.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_OPEN_FILES if hard == resource.RLIM_INFINITY else min(hard, MAX_OPEN_FILES)
    if wanted > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    return max(soft, wanted)


def nginx_user() -> str:
    """Return nginx's `user` directive: the project's owner when started by root, else none."""
    if os.geteuid() != 0:
        return "# user: the one who started nginx"
    owner = PROJECT_DIR.stat()
    return f"user {pwd.getpwuid(owner.st_uid).pw_name} {grp.getgrgid(owner.st_gid).gr_name};"


def make_nginx_dirs(run_dir: Path) -> None:
    """Make the run directory and the folders for nginx's temporary files inside it."""
    for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
        (run_dir / sub).mkdir(parents=True, exist_ok=True)
    # nginx's workers may pass through (not list) the directory to reach the sockets and the
    # error pages, whoever they run as.
    run_dir.chmod(0o711)


def written_languages(directory: Path) -> tuple[str, ...]:
    """Return the languages gunicorn's master wrote the error pages in, or stop start-up."""
    try:
        return page_languages(directory)
    except PagesMissing as error:
        raise StartError(str(error)) from None


def language_values(languages: tuple[str, ...]) -> dict[str, str]:
    """Return the template's language placeholders for the languages of the error pages.

    Longer names first, so that `pt_BR` is found before `pt`; a catalogue's `_` is a tag's
    `-` in Accept-Language, where case does not count (nginx's plain map keys ignore it).
    """
    names = sorted(languages, key=len, reverse=True)
    tags = {language: language.replace("_", "-") for language in names}
    return {
        "CAMPAIGN_LANGUAGES": "|".join(names),
        "CAMPAIGN_LANGUAGE_TAGS": "|".join(tags.values()),
        # On one line: the template's comments name the placeholder too.
        "CAMPAIGN_LANGUAGE_OF_TAG": " ".join(
            f"{tag} {language};" for language, tag in tags.items()
        ),
    }


def prepare_run_dir(run_dir: Path, env: dict[str, str], languages: tuple[str, ...]) -> Path:
    """Write nginx's configuration into the run directory; return its path.

    `languages` are those the error pages were written in (campaign/server/pages.py).
    """
    files = open_files_allowed()
    make_nginx_dirs(run_dir)
    values = {
        **language_values(languages),
        "CAMPAIGN_LISTEN": listen_address(env["CAMPAIGN_HOST"], env["CAMPAIGN_PORT"]),
        "CAMPAIGN_RUN_DIR": str(run_dir),
        "CAMPAIGN_STATIC_DIR": str(STATIC_DIR),
        "CAMPAIGN_CLIENT_CONNECTIONS": env.get("CAMPAIGN_CLIENT_CONNECTIONS", "32"),
        "CAMPAIGN_NGINX_USER": nginx_user(),
        "CAMPAIGN_NGINX_WORKERS": env.get("CAMPAIGN_NGINX_WORKERS", "auto"),
        "CAMPAIGN_NGINX_FILES": str(files),
        "CAMPAIGN_NGINX_CONNECTIONS": str(files // 2),
    }
    config = run_dir / "nginx.conf"
    config.write_text(fill_template(TEMPLATE.read_text(), values))
    return config


def _wait_for_socket(path: Path, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise StartError(f"{what} stopped while starting (exit {process.returncode})")
        if path.exists():
            probe = socket.socket(socket.AF_UNIX)
            try:
                probe.connect(str(path))
                return
            except OSError:
                pass
            finally:
                probe.close()
        if time.monotonic() > deadline:
            raise StartError(f"{what} did not start within {START_TIMEOUT:.0f} s")
        time.sleep(0.05)


def _wait_for_port(host: str, port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise StartError(f"nginx stopped while starting (exit {process.returncode})")
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise StartError(f"nginx did not listen within {START_TIMEOUT:.0f} s") from None
            time.sleep(0.05)


def _stop(process: subprocess.Popen | None, sig: int) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(sig)


def main() -> int:
    env = dict(os.environ)
    env.setdefault("CAMPAIGN_HOST", "127.0.0.1")
    env.setdefault("CAMPAIGN_PORT", "8000")
    # nginx is a proxy in front of the app: trust its X-Forwarded-For (and any one more a
    # deployer puts in front, when they say so).
    env.setdefault("CAMPAIGN_PROXY_COUNT", "1")
    run_dir = Path(
        env.get("CAMPAIGN_RUN_DIR") or PROJECT_DIR / "instance" / f"server-{env['CAMPAIGN_PORT']}"
    ).resolve()
    app_socket, liveness = run_dir / "app.sock", run_dir / "liveness.sock"
    error_pages = run_dir / "_errors"
    # One count for all of the instance's workers, in its own directory, with no server to
    # run: a limit means the same whatever the number of workers (Redis for several machines).
    env.setdefault("CAMPAIGN_RATELIMIT_STORAGE_URI", f"sqlite:///{run_dir}/ratelimit.sqlite3")
    env |= {
        "CAMPAIGN_BIND": f"unix:{app_socket}",
        "CAMPAIGN_LIVENESS_SOCKET": str(liveness),
        "CAMPAIGN_CONTROL_SOCKET": str(run_dir / "gunicorn.ctl"),
        "CAMPAIGN_PIDFILE": str(run_dir / "gunicorn.pid"),
        "CAMPAIGN_ERROR_PAGES": str(error_pages),
    }
    gunicorn = nginx = None
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        nginx_binary = find_nginx()
        open_files_allowed()  # before gunicorn, which inherits it
        make_nginx_dirs(run_dir)
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
             "campaign.wsgi:app"],
            cwd=PROJECT_DIR, env=env,
        )  # fmt: skip
        _wait_for_socket(app_socket, gunicorn, "gunicorn")
        _wait_for_socket(liveness, gunicorn, "gunicorn")
        # Liveness is served once the master has written the error pages (gunicorn.conf.py).
        config = prepare_run_dir(run_dir, env, written_languages(error_pages))
        nginx = subprocess.Popen(  # noqa: S603 - our configuration, Debian's nginx
            [nginx_binary, "-p", str(run_dir), "-c", str(config), "-g", "daemon off;"],
            env=env,
        )
        _wait_for_port(env["CAMPAIGN_HOST"], int(env["CAMPAIGN_PORT"]), nginx)
        address = listen_address(env["CAMPAIGN_HOST"], env["CAMPAIGN_PORT"])
        print(
            f"campaign: serving on http://{address} (nginx, then gunicorn on {app_socket})",
            file=sys.stderr,
            flush=True,
        )
        while not stopping:
            for name, process in (("gunicorn", gunicorn), ("nginx", nginx)):
                if process.poll() is not None:
                    raise StartError(f"{name} stopped (exit {process.returncode})")
            time.sleep(0.2)
        return 0
    except StartError as error:
        if not stopping:
            print(f"campaign: {error}", file=sys.stderr, flush=True)
            return 1
        return 0
    finally:
        _stop(nginx, signal.SIGQUIT)  # finish the responses under way, then stop
        _stop(gunicorn, signal.SIGTERM)
        for process in (nginx, gunicorn):
            if process is not None:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
