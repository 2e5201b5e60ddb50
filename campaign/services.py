"""What every request shares: the loaded content and the letter-to-PDF machinery."""

from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from campaign.compose.tweet import check_tweets_fit
from campaign.content import Content, load_content
from campaign.documents import LetterDocuments
from campaign.pdf import PdfRenderer


@dataclass(frozen=True)
class Services:
    """The app's long-lived parts, made once at start-up and shared by all requests."""

    content: Content
    documents: LetterDocuments
    renderer: PdfRenderer

    @classmethod
    def start(cls, *, action_file: Path, recipients_file: Path, templates_dir: Path) -> "Services":
        """Load and validate the content (raising ContentError) and prepare the renderer."""
        content = load_content(action_file, recipients_file)
        check_tweets_fit(content.action, content.recipients, source=action_file.name)
        return cls(
            content=content,
            documents=LetterDocuments(templates_dir),
            renderer=PdfRenderer(),
        )


def services() -> Services:
    """Return the current app's services."""
    return current_app.extensions["campaign"]
