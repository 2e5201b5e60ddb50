"""What every request shares: the loaded content, the clock and the letter-to-PDF machinery."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from itertools import combinations
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app

from campaign.compose import Answers, compose_tweets, letter_date, tweets_fit
from campaign.compose.choice import phrasings_combine
from campaign.content import Action, Content, Official, load_content
from campaign.content.checks import Check, check_content, printable
from campaign.content.rules import MAX_POINTS, MIN_POINTS
from campaign.documents import PAPERS, LetterDocuments
from campaign.kit import KitOptions, learn_the_actions_words, make_kit
from campaign.pdf import ASSETS_DIR, PdfRenderer


def utc_now() -> datetime:
    """Return the current time, aware, in UTC: the app's clock unless a test sets another."""
    return datetime.now(UTC)


def letter_date_now(zone: ZoneInfo) -> date:
    """Return today's date where the actions are run from."""
    return letter_date(utc_now(), zone)


@dataclass(frozen=True)
class Services:
    """The app's long-lived parts, made once at start-up and shared by all requests."""

    content: Content
    documents: LetterDocuments
    renderer: PdfRenderer
    zone: ZoneInfo
    clock: Callable[[], datetime] = utc_now

    @classmethod
    def start(
        cls,
        *,
        actions_dir: Path,
        recipients_file: Path,
        templates_dir: Path,
        assets_dir: Path,
        zone: ZoneInfo,
        clock: Callable[[], datetime] = utc_now,
    ) -> "Services":
        """Load and check every action (raising ContentError) and prepare the renderer."""
        content = load_content(actions_dir, recipients_file)
        renderer = shared_renderer(assets_dir)
        checks = content_checks(renderer, recipients_file.name, content.officials)
        if renderer.font_problems:
            # PDFs are refused, and the log says why: a character only an unusable font has
            # is no fault of the content, and must not stop tweets and text too.
            del checks["printable"]
        check_content(content, checks.values())
        return cls(
            content=content,
            documents=LetterDocuments(templates_dir),
            renderer=renderer,
            zone=zone,
            clock=clock,
        )

    def today(self, sent: date | None = None) -> date:
        """Return the date for a letter: the supporter's (`sent`, when plausible), else ours."""
        return letter_date(self.clock(), self.zone, sent)

    def make_kit(
        self,
        action: Action,
        answers: Answers,
        options: KitOptions,
        *,
        today: date,
        timeout: float | None = None,
        language: str | None = None,
        guide_language: str | None = None,
    ) -> bytes:
        """Return the supporter's kit as PDF bytes, through the one kit pipeline.

        The letters are in `language`, the guide in `guide_language` (the page's).
        """
        return make_kit(
            action,
            answers,
            options,
            today=today,
            documents=self.documents,
            renderer=self.renderer,
            timeout=timeout,
            language=language,
            guide_language=guide_language,
        )

    def warm_up(self, *, again: bool = False) -> None:
        """Do, before serving, the slow first-time work: fonts, layout, tweet counts.

        The server preloads the app, so this first runs before the workers fork; each worker
        then renders once more (`again`) as it starts, touching its copy of that memory, so
        that its first supporter's letter is as quick as its thousandth.
        """
        for action in self.content.actions:
            point_ids = [point.id for point in action.points]
            for count in range(MIN_POINTS, MAX_POINTS + 1):
                for chosen in combinations(point_ids, count):
                    compose_tweets(
                        action, action.recipients, Answers(name="", about="", points=chosen)
                    )
        if self.renderer.font_problems or (self.renderer.warm and not again):
            return  # a renderer with unusable fonts refuses PDFs: there is nothing to warm
        for open_action in self.content.open_actions(self.today()):
            learn_the_actions_words(
                open_action, self.documents, self.renderer, warm_up_answers(open_action),
                self.today(),
            )  # fmt: skip
        action = self.content.actions[0]
        answers = warm_up_answers(action)
        for paper in PAPERS:
            options = KitOptions(paper=paper, guide=True, envelopes=True)
            self.make_kit(action, answers, options, today=self.today())
        self.renderer.warm = True


# A name in every script the bundled fonts cover, so warming up loads every font.
WARM_UP_NAME = "Ann Zoë Дмитрий Αλέξανδρος محمد דוד अमित 王小明 やまだ 김민수 👍"


def warm_up_answers(action: Action) -> Answers:
    """Return a full letter's answers to every official of the action, in every script."""
    return Answers(
        name=WARM_UP_NAME,
        about="I am writing to warm up the renderer.",
        location="Halifax, Nova Scotia",
        address="12 Example Street\nHalifax, NS",
        message=WARM_UP_NAME,
        points=tuple(point.id for point in action.points[:MAX_POINTS]),
        recipients=tuple(r.id for r in action.recipients),
    )


def content_checks(
    renderer: PdfRenderer, directory: str, officials: Sequence[Official]
) -> dict[str, Check]:
    """Return the checks every action passes before it is served, by what they check."""
    return {
        "tweets": tweets_fit,
        "phrasings": phrasings_combine,
        "printable": printable(renderer.coverage.missing, directory, officials),
    }


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
