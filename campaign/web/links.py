"""The public links organisers give out: an action's page, and what it may carry.

An organiser's command runs without a request, so these links are built from the site's
public address (`--base-url` or CAMPAIGN_PUBLIC_URL), with the same paths and query the
pages themselves write.
"""

from collections.abc import Collection, Sequence
from urllib.parse import urlencode

from campaign.compose import compose_next_steps
from campaign.content import Action
from campaign.web.locale import LANGUAGE_PARAMETER

Query = Sequence[tuple[str, str]]


def action_link(base_url: str, slug: str, query: Query = ()) -> str:
    """Return the address of the action's page on the public site, with this query."""
    link = f"{base_url.rstrip('/')}/actions/{slug}/"
    return f"{link}?{urlencode(query)}" if query else link


def preselect_query(
    action: Action,
    *,
    points: Collection[str] = (),
    recipients: Collection[str] = (),
    language: str | None = None,
) -> list[tuple[str, str]]:
    """Return the query of a link that ticks these points and officials, in this language.

    It is the query of the page's own share link (the next steps' "ask friends to write
    too"): the points and, when not all of them, the officials, in the action's order; then
    the language, last, as the page's language switch names it. Only choices the form takes
    from a link (PRESELECTABLE) go into it, never anything a supporter types.
    """
    chosen = [r for r in action.recipients if r.id in recipients] or list(action.recipients)
    query = [*compose_next_steps(action, chosen, set(points)).share]
    if language:
        query.append((LANGUAGE_PARAMETER, language))
    return query
