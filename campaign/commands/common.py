"""What organisers' commands share: the site's public address, and an action still open.

Each refusal is one sentence and exit status 2 (click's usage error), never a traceback.
"""

import click
from flask import current_app

from campaign.content import Action
from campaign.services import services


def public_base_url(given: str | None) -> str:
    """Return where supporters reach the site: `--base-url`, else CAMPAIGN_PUBLIC_URL.

    A command run on an organiser's laptop cannot know the public address from a request,
    and a link to the wrong host would be printed on posters, so without one it refuses.
    """
    base_url = given or current_app.config["PUBLIC_URL"]
    if not base_url:
        raise click.UsageError(
            "Say where supporters reach the site: --base-url https://letters.example.org, "
            "or set CAMPAIGN_PUBLIC_URL"
        )
    return base_url


def open_action(slug: str) -> Action:
    """Return the action SLUG (as loaded, in its first language), refusing one that is closed.

    A closed action's page takes no more letters: a link to it would send people nowhere.
    """
    content = services().content
    action = content.action(slug)
    if action is None:
        slugs = ", ".join(sorted(a.slug for a in content.actions))
        raise click.UsageError(f"No action {slug!r}: the actions are {slugs}")
    if action.is_closed(services().today()):
        raise click.UsageError(f"The action {slug!r} is closed: it takes no more letters")
    return action
