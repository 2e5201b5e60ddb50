"""The action a request is about: loaded once from the URL, and given to URLs built for it."""

from flask import Blueprint, abort, g
from flask_babel import get_locale

from campaign.content import Action
from campaign.services import services


def load_action_from_url(endpoint: str | None, values: dict | None) -> None:
    """Take the slug out of the URL's values and load its action into `g` (404 if unknown)."""
    slug = (values or {}).pop("slug", None)
    action = services().content.action(slug) if isinstance(slug, str) else None
    if action is None:
        abort(404)
    g.action = action


def add_slug(endpoint: str, values: dict) -> None:
    """Let URLs for the current action be built without repeating its slug."""
    if "slug" not in values and "action" in g:
        values["slug"] = g.action.slug


def action_blueprint(name: str, import_name: str) -> Blueprint:
    """Return a blueprint whose every URL lives under one action's address."""
    bp = Blueprint(name, import_name, url_prefix="/actions/<slug>")
    bp.url_value_preprocessor(load_action_from_url)
    bp.url_defaults(add_slug)
    return bp


def current_action() -> Action:
    """Return the action of this request."""
    return g.action


def in_page_language(action: Action) -> Action:
    """Return the action as written in the page's language, or its first if it offers none.

    Pages show an action's own words (title, summary, points, officials) through this one
    choice, so a language the action does not offer falls back rather than failing. Letters
    do not: they follow the language chosen for them.
    """
    language = str(get_locale() or action.language)
    return action.in_language(language) if language in action.languages else action


def displayed_action() -> Action:
    """Return the action of this request as its pages show it, in the page's language."""
    return in_page_language(current_action())
