"""Review an action as an organiser should before launching it (`flask actions check`).

Beyond the checks every action passes at start-up (tweets within X's limit, every character
printable), it checks a sample of over 20,000 composed letters against the rules every letter
keeps, makes the kit at maximum input on every paper and counts its pages, and measures how
alike 40 simulated supporters' letters are.
"""

import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from difflib import SequenceMatcher
from itertools import combinations, product

from campaign.compose import Answers, LongestVariation, compose_letters
from campaign.compose.checker import check_letters
from campaign.compose.tweet import heaviest_tweets
from campaign.content import Action, Official
from campaign.content.checks import Problem, check_action
from campaign.content.rules import FIELD_LIMITS, MAX_POINTS, TWEET_MAX_WEIGHT
from campaign.documents import PAPERS, LetterDocuments
from campaign.kit import KitOptions, compose_kit, lay_out_kit
from campaign.pdf import PdfRenderer, RenderError
from campaign.services import content_checks

# Letters from different supporters must not read alike (officials discard bulk mail).
SIMILARITY_TARGET = 0.5
SUPPORTERS = 40


@dataclass(frozen=True)
class Finding:
    """One thing the review looked at: whether it holds, what was measured, what is wrong."""

    ok: bool
    summary: str
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Similarity:
    """How alike supporters' letters are, pair by pair (difflib's ratio over their words)."""

    median: float
    maximum: float
    identical_pairs: int
    pairs: int

    @property
    def ok(self) -> bool:
        return self.median <= SIMILARITY_TARGET and self.identical_pairs == 0


def review_action(
    action: Action,
    *,
    documents: LetterDocuments,
    renderer: PdfRenderer,
    directory: str,
    officials: Sequence[Official],
    today: date,
    language: str | None = None,
) -> list[Finding]:
    """Return what the review found in one of the action's languages (by default its first).

    One finding per check, in the order they are printed.
    """
    language = language or action.language
    loaded, action = action, action.in_language(language)
    checks = content_checks(renderer, directory, officials)
    tweet_problems = tuple(check_action(action, [checks["tweets"]]))
    glyph_problems = tuple(check_action(action, [checks["printable"]]))
    phrasing_problems = tuple(check_action(action, [checks["phrasings"]]))
    pairs = len(action.tweet.facts or ("",)) * sum(len(p.tweets) for p in action.points)
    heaviest = max(heaviest_tweets(action), default=0)
    findings = [
        Finding(
            not tweet_problems,
            f"tweets within X's limit of {TWEET_MAX_WEIGHT}: {pairs} facts and wordings, "
            f"the heaviest one-point tweet weighs {heaviest}",
            tweet_problems,
        ),
    ]
    findings.append(
        Finding(
            not glyph_problems, "every character printable with the bundled fonts", glyph_problems
        )
    )
    findings.append(
        Finding(
            not phrasing_problems,
            "every choice of points has phrasings that fit their lead-in and state each fact once",
            phrasing_problems,
        )
    )
    findings.append(_letter_checker(action, today))
    findings.append(_page_fit(loaded, documents, renderer, today, language))
    similarity = measure_similarity(supporter_bodies(action, today))
    findings.append(
        Finding(
            similarity.ok,
            f"{SUPPORTERS} supporters choosing the same points: median similarity "
            f"{similarity.median:.3f} (target <= {SIMILARITY_TARGET}), maximum "
            f"{similarity.maximum:.3f}, identical pairs {similarity.identical_pairs} (target 0)",
            ()
            if similarity.ok
            else (
                Problem(
                    f"{action.source}: field 'letter'",
                    "letters from different supporters read too alike: give each paragraph "
                    "more phrasings that differ in vocabulary and order of facts",
                ),
            ),
        )
    )
    return findings


# Enough broken letters to see the pattern; the count says how many more there are.
_VIOLATIONS_LISTED = 20


def _letter_checker(action: Action, today: date) -> Finding:
    report = check_letters(action, today)
    listed = report.violations[:_VIOLATIONS_LISTED]
    problems = [Problem(f"{action.source}: field 'letter'", str(v)) for v in listed]
    if len(report.violations) > len(listed):
        more = len(report.violations) - len(listed)
        problems.append(Problem(f"{action.source}: field 'letter'", f"and {more} more"))
    return Finding(
        not report.violations,
        f"letter checker: {report.letters} letters, {len(report.violations)} violations",
        tuple(problems),
    )


def maximal_answers(action: Action) -> Answers:
    """Return answers at every limit, in long real words, to every official, longest points."""

    def fill(unit: str, field: str) -> str:
        limit = FIELD_LIMITS[field].max_chars
        return (unit * limit)[:limit].strip()

    longest = sorted(action.points, key=lambda p: max(map(len, p.phrasings)))[-MAX_POINTS:]
    lines = FIELD_LIMITS["address"].max_lines
    line = ("Apartment 1204, 5678 Wellington Street West " * 2)[:49]
    return Answers(
        name=fill("Maximiliana Wolkenstein-Haverbrook ", "name"),
        about=fill("I am a retired paediatric nurse and a grandmother of four. ", "about"),
        location=fill("Saint-Jean-sur-Richelieu, Québec ", "location"),
        address="\n".join([line] * lines),
        country=fill("Saint Vincent and the Grenadines ", "country"),
        message=fill(
            "We are thinking of everyone detained, and we will not forget them. ", "message"
        ),
        points=tuple(p.id for p in longest),
        recipients=tuple(r.id for r in action.recipients),
    )


def _page_fit(
    action: Action,
    documents: LetterDocuments,
    renderer: PdfRenderer,
    today: date,
    language: str | None = None,
) -> Finding:
    """Make the kit at maximum input on every paper, its letters in the language given."""
    language = language or action.language
    everyone = maximal_answers(action.in_language(language))
    # Letters to copy officials without the primary ask them to pass the appeal on: longer.
    copies_only = tuple(r.id for r in action.recipients if r.role != "primary")
    kits = [everyone, replace(everyone, recipients=copies_only)] if copies_only else [everyone]
    counts, problems = [], []
    source = action.in_language(language).source
    for paper, answers in product(PAPERS.values(), kits):
        options = KitOptions(paper=paper.id, guide=True, envelopes=True)
        pack = compose_kit(action, answers, options, today, LongestVariation(), language=language)
        try:
            pages = renderer.count_pages(
                lay_out_kit(documents, action, pack), paper.id, pages=pack.pages
            )
        except RenderError as error:
            pages = 0
            problems.append(Problem(source, f"the kit could not be rendered: {error}"))
        if answers is everyone:
            counts.append(f"{paper.id} {pages} of {pack.pages}")
        if pages > pack.pages:
            problems.append(
                Problem(
                    f"{source}: field 'letter'",
                    f"at maximum input a letter on {paper.id} paper runs past one page: "
                    "shorten the longest phrasings",
                )
            )
    return Finding(
        not problems,
        "one page per letter at maximum input, with guide and envelopes: "
        + ", ".join(counts)
        + " pages",
        tuple(problems),
    )


_FIRST = ["Ann", "Bashir", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Inès", "Jonas"]
_LAST = ["MacLeod", "Tremblay", "Nguyen", "Okafor"]
_TOWNS = ["Halifax, Nova Scotia", "Montréal, Québec", "Winnipeg, Manitoba", "Victoria, BC"]
_ABOUT = [
    "I am a retired nurse",
    "I teach history at a secondary school",
    "I am a student of international law",
    "I run a small bakery",
    "I am a father of three",
]


def simulated_supporters(action: Action, count: int = SUPPORTERS) -> list[Answers]:
    """Return distinct, plausible supporters choosing the same points, the same on every run."""
    points = tuple(point.id for point in action.points[:MAX_POINTS])
    supporters = []
    for n in range(count):
        first, last = _FIRST[n % len(_FIRST)], _LAST[n // len(_FIRST) % len(_LAST)]
        town = _TOWNS[n % len(_TOWNS)]
        supporters.append(
            Answers(
                name=f"{first} {last}",
                about=f"{_ABOUT[n % len(_ABOUT)]} in {town.split(',')[0]}.",
                location=town,
                message="I will follow this case closely." if n % 3 == 0 else "",
                points=points,
                recipients=(action.primary.id,),
            )
        )
    return supporters


def supporter_bodies(action: Action, today: date) -> Iterator[list[str]]:
    """Yield each simulated supporter's letter body as words, without their own text."""
    for answers in simulated_supporters(action):
        letter = compose_letters(action, answers, today)[0]
        body = " ".join(letter.paragraphs)
        for personal in (answers.about, answers.message):
            if personal:
                body = body.replace(personal, " ", 1)
        yield body.split()


def measure_similarity(bodies: Iterator[list[str]] | list[list[str]]) -> Similarity:
    """Return the pairwise similarity figures of these word sequences."""
    ratios, identical = [], 0
    for a, b in combinations(list(bodies), 2):
        ratios.append(SequenceMatcher(None, a, b, autojunk=False).ratio())
        identical += a == b
    return Similarity(statistics.median(ratios), max(ratios), identical, len(ratios))
