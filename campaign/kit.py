"""The one pipeline that makes a supporter's printed kit: letters, guide, envelopes → PDF.

The action page, the worker warm-up, the benchmark and the organisers' commands all make
kits through `make_kit`, so what they measure or warm is what supporters get.
"""

from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from datetime import date

from campaign.compose import Answers, compose_guide, compose_letters, every_phrasing
from campaign.compose.guide import SendingGuide
from campaign.compose.variation import Variation
from campaign.content import Action
from campaign.content.rules import MAX_PDF_BYTES
from campaign.documents import PAPERS, KitLayout, LetterDocuments, LetterPack, translations
from campaign.pdf import PdfRenderer, RenderError


class KitTooLarge(RenderError):
    """The kit was made, but its PDF is larger than any we send (MAX_PDF_BYTES)."""


@dataclass(frozen=True)
class KitOptions:
    """How the kit is printed: paper size, a sending guide first, envelope pages last."""

    paper: str = "letter"
    guide: bool = True
    envelopes: bool = False


def kit_title(action: Action, language: str) -> str:
    """Return the PDF's title: the action, never the supporter, in the letters' language.

    The document declares the letters' language (/Lang), so its title is in it too, with
    the action's reference as the action writes it in that language ("AU 2/19").
    """
    offered = language in action.languages
    reference = action.in_language(language).reference if offered else action.reference
    return translations(language).gettext("Letter — %(reference)s") % {"reference": reference}


def kit_filename(action: Action) -> str:
    """Return the PDF's file name: the action's slug, never anything personal."""
    return f"letters-{action.slug}.pdf"


def compose_kit(
    action: Action,
    answers: Answers,
    options: KitOptions,
    today: date,
    variation: Variation | None = None,
    *,
    language: str | None = None,
    guide_language: str | None = None,
) -> LetterPack:
    """Return what goes into the kit, composed but not yet laid out.

    The letters are in the language given (by default the action's first); the guide is in
    `guide_language`, the page's, which a francophone writing in English reads it in (by
    default the document's). The action's own words in the guide are in that language when
    it offers it, else in the letters'.
    """
    letters = compose_letters(action, answers, today, variation, language=language)
    guide = None
    if options.guide:
        chosen = {letter.recipient.id for letter in letters}
        guide = compose_sending_guide(action, chosen, guide_language, language)
    return LetterPack(
        letters=letters,
        paper=PAPERS[options.paper],
        guide=guide,
        envelopes=options.envelopes,
        guide_language=guide_language,
    )


def compose_sending_guide(
    action: Action,
    recipients: Collection[str],
    guide_language: str | None,
    language: str | None = None,
) -> SendingGuide:
    """Return the sending guide for these officials (ids), in the action's order.

    The action's own words are in `guide_language` when it offers it, else in the letters'
    `language` (by default the action's first).
    """
    offered = guide_language in action.languages
    written = action.in_language(guide_language if offered else language or action.language)
    return compose_guide(written, [r for r in written.recipients if r.id in recipients])


def lay_out_kit(
    documents: LetterDocuments, action: Action, pack: LetterPack
) -> Iterator[KitLayout]:
    """Yield the kit's layouts to try, the preferred one first.

    The document is in its letters' language (a guide alone, in its own): the PDF declares it
    (/Lang) from the HTML's.
    """
    language = pack.letters[0].language if pack.letters else pack.guide_language or action.language
    return documents.layouts(pack, title=kit_title(action, language), language=language)


def make_kit(
    action: Action,
    answers: Answers,
    options: KitOptions,
    *,
    today: date,
    documents: LetterDocuments,
    renderer: PdfRenderer,
    timeout: float | None = None,
    variation: Variation | None = None,
    language: str | None = None,
    guide_language: str | None = None,
) -> bytes:
    """Return the kit as PDF bytes (raising RenderError when it cannot be made).

    The layouts come in parts (see KitLayout): the guide and the officials' parts hold
    nothing of the supporter's, so the renderer lays them out once for everyone who chose
    the same officials and paper, and lays out only the supporter's own text each time.
    A kit over MAX_PDF_BYTES raises KitTooLarge: the limits on answers keep real kits far
    below it, so one past it is a case they missed, refused rather than sent.
    """
    pack = compose_kit(
        action, answers, options, today, variation, language=language, guide_language=guide_language
    )
    pdf = renderer.render_pdf(
        lay_out_kit(documents, action, pack), pack.paper.id, pages=pack.pages, timeout=timeout
    )
    if len(pdf) > MAX_PDF_BYTES:
        raise KitTooLarge(f"the kit's PDF is {len(pdf)} bytes, over the {MAX_PDF_BYTES} allowed")
    return pdf


def make_guide(
    action: Action,
    recipients: Collection[str],
    paper: str,
    *,
    language: str,
    documents: LetterDocuments,
    renderer: PdfRenderer,
    timeout: float | None = None,
) -> bytes:
    """Return the sending guide alone as PDF bytes: the first page of a kit, without letters.

    An evening's letters are printed together with one guide at the front, for every official
    anyone in the room writes to (`recipients`, ids) and in the room's `language`: the kit's
    own guide, laid out by the same template and made by the same renderer.
    """
    guide = compose_sending_guide(action, set(recipients), language)
    pack = LetterPack(letters=(), paper=PAPERS[paper], guide=guide, guide_language=language)
    front = next(lay_out_kit(documents, action, pack)).front()
    return renderer.render_pdf([front], pack.paper.id, pages=pack.pages, timeout=timeout)


def learn_the_actions_words(
    action: Action, documents: LetterDocuments, renderer: PdfRenderer, answers: Answers, today: date
) -> None:
    """Lay out every phrasing of the action's words before any supporter asks for one.

    In each language and on each paper (see campaign/pdf/common.py): a supporter's first
    letter then lays out only what they wrote, as every later one does.
    """
    for language in action.languages:
        for paper in PAPERS:
            options = KitOptions(paper=paper, guide=False)
            pack = compose_kit(action, answers, options, today, language=language)
            letters = every_phrasing(action, pack.letters[0])
            pack = replace(pack, letters=letters)
            layout = next(lay_out_kit(documents, action, pack))  # the usual, not compact
            renderer.learn(layout.personal(range(len(letters))), paper)
