"""Event links: a letter-writing evening's own link to an action, signed and dated.

A room of people writing together shares one internet address, and so one client's rate
limit. An organiser makes a link (`flask --app campaign event-link SLUG --hours 4`); a visitor
who opens it keeps its token in their session cookie, and their letters to that action count
against the larger EVENT_RATE_LIMIT until the link expires. The token names only the action
and the moment it expires: nothing about who opened it. A forged, altered, expired or
misplaced token is ignored: the normal limit applies and the page is the usual one.
"""

from datetime import UTC, datetime, timedelta

from flask import current_app, g, request, session
from itsdangerous import BadSignature, URLSafeSerializer

from campaign.web.links import action_link

# The query parameter of the link, and the session key that keeps it for the visit.
PARAMETER = "event"
SESSION_KEY = "event"
SALT = "campaign-event-link"
# Longer than any evening: a link that lived for weeks would be a second, laxer limit.
MAX_HOURS = 24


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALT)


def sign_event(secret: str, slug: str, expires: datetime) -> str:
    """Return the token of an event link to the action `slug` valid until `expires`."""
    return _serializer(secret).dumps({"action": slug, "until": int(expires.timestamp())})


def event_expiry(secret: str, token: str, slug: str, now: datetime) -> datetime | None:
    """Return when the token's event ends, if it is genuine, for this action, and not over."""
    try:
        payload = _serializer(secret).loads(token)
    except BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("action") != slug:
        return None
    until = payload.get("until")
    if not isinstance(until, int):
        return None
    expires = datetime.fromtimestamp(until, UTC)
    return expires if now < expires else None


def event_link(base_url: str, slug: str, token: str) -> str:
    """Return the link an organiser shares: the action's page carrying the token."""
    return action_link(base_url, slug, [(PARAMETER, token)])


def expiry_for(hours: float, now: datetime) -> datetime:
    """Return when a link made now for `hours` expires, refusing spans no evening needs."""
    if not 0 < hours <= MAX_HOURS:
        raise ValueError(f"an event link lasts more than 0 and at most {MAX_HOURS} hours")
    return now + timedelta(hours=hours)


def _slug() -> str | None:
    """Return the slug of the action this request is about, once its URL has been read."""
    action = g.get("action")
    return action.slug if action is not None else None


def remember_event() -> None:
    """Keep the token of an event link just opened, so the visitor's letters count under it.

    Only a token that is genuine now is kept; any other leaves the session as it was.
    """
    token = request.args.get(PARAMETER)
    slug = _slug()
    if token and slug and _valid(token, slug):
        session[SESSION_KEY] = token
        g.campaign_event = True


def _valid(token: str, slug: str) -> bool:
    secret = current_app.config["SECRET_KEY"]
    return event_expiry(secret, token, slug, datetime.now(UTC)) is not None


def in_event() -> bool:
    """Say whether this request comes from a visitor of a live event link to this action."""
    if "campaign_event" not in g:
        token = session.get(SESSION_KEY)
        slug = _slug()
        g.campaign_event = bool(isinstance(token, str) and slug and _valid(token, slug))
    return g.campaign_event
