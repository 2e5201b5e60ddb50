"""What every request shares: the loaded content and the letter-to-PDF machinery."""

from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from functools import cache
from itertools import combinations
from pathlib import Path

from flask import current_app

from campaign.compose import Answers, compose_letters, compose_tweets
from campaign.compose.guide import compose_guide
from campaign.compose.rules import MAX_POINTS, MIN_POINTS
from campaign.compose.tweet import check_tweets_fit
from campaign.content import Content, ContentError, load_content
from campaign.documents import PAPERS, LetterDocuments, LetterPack
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

    def warm_up(self, *, again: bool = False) -> None:
        """Do, before serving, the slow first-time work: fonts, layout, tweet counts.

        The server preloads the app, so this first runs before the workers fork; each worker
        then renders once more (`again`) as it starts, touching its copy of that memory, so
        that its first supporter's letter is as quick as its thousandth.
        """
        action, recipients = self.content.action, self.content.recipients
        point_ids = [point.id for point in action.points]
        for count in range(MIN_POINTS, MAX_POINTS + 1):
            for chosen in combinations(point_ids, count):
                compose_tweets(action, recipients, chosen)
        if self.renderer.warm and not again:
            return
        answers = Answers(
            name=WARM_UP_NAME,
            about="I am writing to warm up the renderer.",
            location="Halifax, Nova Scotia",
            address="12 Example Street\nHalifax, NS",
            message=WARM_UP_NAME,
            points=tuple(point_ids[:MAX_POINTS]),
            recipients=tuple(r.id for r in recipients),
        )
        letters = compose_letters(action, recipients, answers, date.today())
        for paper in PAPERS.values():
            guide = compose_guide(action, recipients)
            pack = LetterPack(letters=letters, paper=paper, guide=guide, envelopes=True)
            layouts = self.documents.layouts(pack, title=action.reference, language="en")
            self.renderer.render_pdf(layouts, paper.id, pages=pack.pages)
        self.renderer.warm = True


# A name in every script the bundled fonts cover, so warming up loads every font.
WARM_UP_NAME = "Ann Zoë Дмитрий Αλέξανδρος محمد דוד अमित 王小明 やまだ 김민수 👍"


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
