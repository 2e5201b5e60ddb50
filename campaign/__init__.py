"""campaign: turn human-rights urgent actions into letters and tweets people send."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import StrictUndefined

from campaign.config import PROJECT_DIR, load_config
from campaign.services import Services, utc_now


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: configuration, content, the PDF step, pages, error pages, commands."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_DIR / "templates"),
        static_folder="static",
    )
    load_config(app, config)
    app.jinja_env.undefined = StrictUndefined
    register_services(app)
    register_counts(app)
    register_blueprints(app)
    register_protections(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_services(app: Flask) -> None:
    """Load and check every action, and prepare (and warm) the PDF renderer."""
    services = Services.start(
        actions_dir=Path(app.config["ACTIONS_DIR"]),
        recipients_file=Path(app.config["RECIPIENTS_FILE"]),
        templates_dir=Path(app.template_folder),
        assets_dir=Path(app.config["PDF_ASSETS_DIR"]),
        zone=app.config["TIMEZONE"],
        clock=app.config.get("CLOCK") or utc_now,
    )
    if app.config["WARM_UP"]:  # with unusable fonts, the warm-up renders nothing
        services.warm_up()
    app.extensions["campaign"] = services


def register_counts(app: Flask) -> None:
    """Count letters in a database (made on first use), or nothing when counting is off."""
    from campaign.counts import start_counts

    app.extensions["counts"] = start_counts(app)


def register_blueprints(app: Flask) -> None:
    from campaign.web import action, favicon, health, home, locale, next_steps, organisers, preview

    locale.register(app)
    app.register_blueprint(home.bp)
    app.register_blueprint(action.bp)
    app.register_blueprint(preview.bp)
    app.register_blueprint(next_steps.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(favicon.bp)
    app.register_blueprint(organisers.bp)


def register_protections(app: Flask) -> None:
    """Security headers, cookie flags, request limits and rate limits."""
    from campaign.web import ratelimit, security

    security.register(app)
    ratelimit.register(app)


def register_errorhandlers(app: Flask) -> None:
    from campaign.web import errors

    errors.register(app)


def register_commands(app: Flask) -> None:
    """The organisers' commands: `flask --app campaign actions …`, `… event-link …`."""
    from campaign.commands import actions, counts, events, letters, organisers, share

    app.cli.add_command(actions.cli)
    app.cli.add_command(events.event_link_command)
    app.cli.add_command(share.share_command)
    app.cli.add_command(organisers.cli)
    app.cli.add_command(counts.cli)
    app.cli.add_command(counts.stats_command)
    app.cli.add_command(letters.cli)
