"""What every request shares: the loaded content and the letter-to-PDF machinery."""

from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path

from flask import current_app

from campaign.compose.tweet import check_tweets_fit
from campaign.content import Content, ContentError, load_content
from campaign.documents import PAPERS, LetterDocuments
from campaign.pdf import ASSETS_DIR, GlyphCoverage, PdfRenderer


@dataclass(frozen=True)
class Services:
    """The app's long-lived parts, made once at start-up and shared by all requests."""

    content: Content
    documents: LetterDocuments
    renderer: PdfRenderer

    @classmethod
    def start(
        cls, *, action_file: Path, recipients_file: Path, templates_dir: Path, assets_dir: Path
    ) -> "Services":
        """Load and validate the content (raising ContentError) and prepare the renderer."""
        content = load_content(action_file, recipients_file)
        check_tweets_fit(content.action, content.recipients, source=action_file.name)
        renderer = shared_renderer(assets_dir)
        _check_printable(content.action, action_file.name, renderer.coverage)
        for number, recipient in enumerate(content.recipients, 1):
            where = f"{recipients_file.name}: recipients entry {number} ({recipient.id})"
            _check_printable(recipient, where, renderer.coverage)
        return cls(content=content, documents=LetterDocuments(templates_dir), renderer=renderer)


def _texts(value: object, where: str) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for every piece of text inside loaded content."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, tuple):
        for item in value:
            label = getattr(item, "id", None)
            yield from _texts(item, f"{where} ({label})" if isinstance(label, str) else where)
    elif is_dataclass(value):
        for field in fields(value):
            yield from _texts(getattr(value, field.name), f"{where}: field '{field.name}'")


def _check_printable(value: object, where: str, coverage: GlyphCoverage) -> None:
    """Refuse content with characters the bundled fonts cannot print."""
    for place, text in _texts(value, where):
        missing = coverage.missing(text)
        if missing:
            raise ContentError(f"{place}: has characters no bundled font can print: {missing}")


@cache
def shared_renderer(assets_dir: Path = ASSETS_DIR) -> PdfRenderer:
    """Return this process's renderer; its fonts and stylesheets depend only on bundled files.

    Loading the fonts is the slowest part of starting up, so every app made in one process
    (one per test, or one per worker after a preloading fork) shares them.
    """
    return PdfRenderer({paper.id: paper.css() for paper in PAPERS.values()}, assets_dir)


def services() -> Services:
    """Return the current app's services."""
    return current_app.extensions["campaign"]
