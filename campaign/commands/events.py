"""`flask --app campaign event-link SLUG --hours 4`: a letter-writing evening's own link.

Everyone in a room shares one internet address, and so one client's rate limit; visitors of
the link printed here share the larger EVENT_RATE_LIMIT until it expires (see
campaign/web/events.py).
"""

from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from campaign.commands.common import open_action, public_base_url
from campaign.web.events import MAX_HOURS, event_link, expiry_for, sign_event


@click.command("event-link")
@click.argument("slug")
@click.option(
    "--hours",
    type=click.FloatRange(min=0, min_open=True, max=MAX_HOURS),
    default=4,
    show_default=True,
    help="How long the link lifts the limit, from now.",
)
@click.option(
    "--base-url",
    help="Where supporters reach the site, e.g. https://letters.example.org "
    "(default: CAMPAIGN_PUBLIC_URL).",
)
@with_appcontext
def event_link_command(slug: str, hours: float, base_url: str | None) -> None:
    """Print a link to the action SLUG whose visitors share a larger letter limit."""
    config = current_app.config
    if config.get("SECRET_KEY_TEMPORARY"):
        raise click.UsageError(
            "CAMPAIGN_SECRET_KEY is not set: the link is signed with the server's key, so "
            "run this command with the same CAMPAIGN_SECRET_KEY as the server"
        )
    base_url = public_base_url(base_url)
    open_action(slug)
    expires = expiry_for(hours, datetime.now(UTC))
    click.echo(event_link(base_url, slug, sign_event(config["SECRET_KEY"], slug, expires)))
    local = expires.astimezone(config["TIMEZONE"])
    click.echo(f"Valid until {local:%Y-%m-%d %H:%M} ({config['TIMEZONE'].key}).", err=True)
