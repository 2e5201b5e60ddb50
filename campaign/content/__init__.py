"""The actions and the directory of officials, loaded from YAML at start-up."""

from campaign.content.errors import ContentError
from campaign.content.load import load_action, load_content, load_officials
from campaign.content.models import (
    Action,
    Closure,
    Content,
    GroupAddress,
    Official,
    OnlineChannel,
    Point,
    Recipient,
)

__all__ = [
    "Action",
    "Closure",
    "Content",
    "ContentError",
    "GroupAddress",
    "Official",
    "OnlineChannel",
    "Point",
    "Recipient",
    "load_action",
    "load_content",
    "load_officials",
]
