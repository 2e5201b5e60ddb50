"""The action and its recipients, loaded from YAML at start-up."""

from campaign.content.load import load_action, load_content, load_recipients
from campaign.content.models import Action, Content, Point, Recipient
from campaign.content.yaml_reader import ContentError

__all__ = [
    "Action",
    "Content",
    "ContentError",
    "Point",
    "Recipient",
    "load_action",
    "load_content",
    "load_recipients",
]
