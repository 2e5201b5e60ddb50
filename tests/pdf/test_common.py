"""The action's words in a letter: laid out once, kept, and printed as if laid out with it."""

from datetime import date
from xml.etree.ElementTree import tostring

import pytest

import campaign.pdf.render
from campaign.compose import LongestVariation, check_answers
from campaign.config import PROJECT_DIR
from campaign.documents import PAPERS, LetterDocuments
from campaign.kit import KitOptions, compose_kit, lay_out_kit, learn_the_actions_words, make_kit
from campaign.pdf import PdfRenderer
from campaign.pdf.common import CommonParts
from campaign.pdf.parsing import read_tree
from campaign.services import warm_up_answers
from tests.support.forms import form_with
from tests.support.reading import pdf_pages

TODAY = date(2026, 11, 21)
ONE_LETTER = KitOptions(paper="letter", guide=False, envelopes=False)


@pytest.fixture
def renderer():
    """A renderer of its own: nothing laid out or kept yet."""
    return PdfRenderer({paper.id: paper.css() for paper in PAPERS.values()})


@pytest.fixture(scope="module")
def documents():
    return LetterDocuments(PROJECT_DIR / "templates")


@pytest.fixture
def laid_out(monkeypatch):
    """Record the text of every document the renderer lays out, in order."""
    texts: list[str] = []
    real = campaign.pdf.render.html_document

    def recording(source, *args):
        html = source if isinstance(source, str) else tostring(source, encoding="unicode")
        texts.append(" ".join(read_tree(html).itertext()))
        return real(source, *args)

    monkeypatch.setattr(campaign.pdf.render, "html_document", recording)
    return texts


def _answers(action, **changes):
    checked = check_answers(form_with(**changes), action)
    assert checked.valid, checked.mistakes
    return checked.answers


def _kit_and_whole(action, documents, renderer, answers, options=ONE_LETTER):
    """Return the kit as printed, and the same kit laid out as one document."""
    variation = LongestVariation()  # the same phrasings for every supporter
    kit = make_kit(
        action, answers, options, today=TODAY, documents=documents, renderer=renderer,
        variation=variation,
    )  # fmt: skip
    pack = compose_kit(action, answers, options, TODAY, variation)
    wholes = [layout.whole() for layout in lay_out_kit(documents, action, pack)]
    return kit, renderer.render_pdf(wholes, options.paper, pages=pack.pages)


@pytest.mark.parametrize(
    "options",
    [ONE_LETTER, KitOptions(paper="a4", guide=True, envelopes=True)],
    ids=["one letter", "guide, letters and envelopes on A4"],
)
def test_the_actions_words_are_laid_out_once_and_print_as_laid_out_with_the_letter(
    action, documents, renderer, laid_out, options
):
    ann = _answers(action, name="Ann Example", recipients=["kremlin"])
    first, whole = _kit_and_whole(action, documents, renderer, ann, options)
    assert first == whole  # byte for byte, the words laid out apart
    bea = _answers(action, name="Bea Sample", about="I teach in Moncton.", recipients=["kremlin"])
    laid_out.clear()
    second, whole = _kit_and_whole(action, documents, renderer, bea, options)
    assert second == whole
    # Bea's kit laid out her own page alone (then the whole, to compare): the concern,
    # the points and the close were kept from Ann's, and only put in place.
    own = laid_out[0]
    assert "Bea Sample" in own
    assert "I teach in Moncton." in own
    letter = next(page for page in pdf_pages(second) if "Dear President Putin" in page)
    (composed,) = compose_kit(action, bea, options, TODAY, LongestVariation()).letters
    for kept in (_start(composed.concern), _start(composed.close), composed.valediction):
        assert kept in letter
        assert kept not in own
    assert len(laid_out) == 2


def test_nothing_a_supporter_wrote_is_kept(action, documents, renderer):
    typed = {
        "name": "Zelda Quintero",
        "about": "I am a beekeeper from Gimli.",
        "location": "Gimli, Manitoba",
        "address": "7 Honeycomb Lane\nGimli, MB R0C 1B0",
        "message": "Remember Zelig and his friends.",
    }
    answers = _answers(action, **typed)
    for paper in ("letter", "a4"):
        options = KitOptions(paper=paper, guide=True, envelopes=True)
        make_kit(action, answers, options, today=TODAY, documents=documents, renderer=renderer)
    # What the renderer keeps: the keys it finds things by, and the text of what it found.
    common, shared = renderer._common._kept, renderer._kept
    kept = " ".join(
        [
            repr(list(common)),
            repr(list(shared)),
            *(_text(box) for box in common.values()),
            *(_text(page._page_box) for document in shared.values() for page in document.pages),
        ]
    )
    (letter, *_) = compose_kit(action, answers, options, TODAY).letters
    assert _start(letter.concern) in kept  # the action's words are kept
    for words in typed.values():
        for line in words.split("\n"):
            assert line not in kept


def _start(paragraph: str) -> str:
    """Return a paragraph's first words, which print on one line."""
    return " ".join(paragraph.split()[:4])


def _text(box) -> str:
    """Return all the text in a laid-out box and the boxes in it."""
    own = getattr(box, "text", "")
    return " ".join([own, *(_text(child) for child in getattr(box, "children", ()))])


def _block_document(*blocks: str) -> str:
    body = "".join(f'<p class="x" data-common="">{block}</p>' for block in blocks)
    return f'<html lang="en"><head></head><body class="letter">{body}</body></html>'


def _counting(renderer):
    """Return CommonParts laying out as the renderer does, and the list of its layouts."""
    layouts = []

    def lay_out(root, paper):
        layouts.append(" ".join(root.itertext()))
        return renderer._document(root, paper)

    return CommonParts(lay_out, kept=2), layouts


def test_a_block_is_laid_out_once_while_kept_and_the_least_used_gives_way(renderer):
    common, layouts = _counting(renderer)
    assert len(common.hollow(read_tree(_block_document("one", "two")), "a4")) == 2
    assert layouts == ["one two"]  # the missing blocks, laid out together
    root = read_tree(_block_document("one"))
    assert len(common.hollow(root, "a4")) == 1  # "one" is now the most recently used
    assert layouts == ["one two"]
    (block,) = root.find("body")
    assert block.text is None  # emptied, its place kept at the height of the kept box
    assert block.get("class") == "x"
    assert block.get("style").startswith("height: ")
    common.hollow(read_tree(_block_document("three")), "a4")  # two are kept: "two" goes
    common.hollow(read_tree(_block_document("one", "three")), "a4")
    assert layouts == ["one two", "three"]
    common.hollow(read_tree(_block_document("two")), "a4")
    assert layouts == ["one two", "three", "two"]


def test_the_same_block_on_another_paper_or_in_another_language_is_laid_out_again(renderer):
    common, layouts = _counting(renderer)
    common.hollow(read_tree(_block_document("one")), "a4")
    common.hollow(read_tree(_block_document("one")), "letter")
    common.hollow(read_tree(_block_document("one").replace('lang="en"', 'lang="fr"')), "a4")
    assert layouts == ["one", "one", "one"]


def test_a_block_too_long_for_a_page_is_left_in_its_document(renderer):
    common, _ = _counting(renderer)
    long = "word " * 3000
    root = read_tree(_block_document("short", long))
    parts = common.hollow(root, "a4")
    short, left = root.find("body")
    assert list(parts) == [short]  # the long one was split by a page break: not kept
    assert left.text == long
    assert left.get("style") is None


def test_after_the_warm_up_no_supporters_letter_lays_out_the_actions_words(
    action, documents, renderer
):
    learn_the_actions_words(action, documents, renderer, warm_up_answers(action), TODAY)
    learned = len(renderer._common._kept)
    assert learned > 0
    point_ids = [point.id for point in action.points]
    for number in range(12):
        answers = _answers(
            action,
            name=f"Supporter {number}",
            about=f"I am supporter number {number}.",
            points=point_ids[number % 3 : number % 3 + 2 + number % 2],
            recipients=[["kremlin"], ["embassy"], ["investigation-committee"]][number % 3],
        )
        for language, paper in (("en", "letter"), ("fr", "a4")):
            make_kit(
                action, answers, ONE_LETTER if paper == "letter" else KitOptions(paper=paper),
                today=TODAY, documents=documents, renderer=renderer, language=language,
            )  # fmt: skip
    assert len(renderer._common._kept) == learned  # each block was there already
