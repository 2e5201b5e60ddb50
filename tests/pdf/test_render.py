"""PdfRenderer: the first layout that fits its pages wins, and the compact one rescues letters."""

import logging
import shutil
from dataclasses import dataclass, field
from datetime import date

import pytest

from campaign.compose import Answers, LongestVariation, check_answers
from campaign.config import PROJECT_DIR
from campaign.documents import LetterDocuments
from campaign.kit import KitOptions, compose_kit, make_kit
from campaign.pdf import ASSETS_DIR, DoesNotFit, PdfRenderer, RenderError
from campaign.services import shared_renderer
from tests.support.forms import wide_answers
from tests.support.reading import pdf_pages

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def renderer():
    return shared_renderer()


@pytest.fixture(scope="module")
def documents():
    return LetterDocuments(PROJECT_DIR / "templates")


def _document(*pages: str) -> str:
    """Return HTML with one paragraph per page."""
    body = "".join(
        f'<p style="break-before: {"page" if n else "auto"}">{text}</p>'
        for n, text in enumerate(pages)
    )
    return f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{body}</body></html>'


class Layouts:
    """Layouts made on demand, remembering which were made."""

    def __init__(self, *documents: str):
        self.documents = documents
        self.made: list[int] = []

    def __iter__(self):
        for number, document in enumerate(self.documents):
            self.made.append(number)
            yield document


def test_the_first_layout_that_fits_is_printed_and_later_ones_are_not_made(renderer):
    layouts = Layouts(_document("normal"), _document("compact"))
    assert pdf_pages(renderer.render_pdf(layouts, "letter", pages=1)) == ["normal"]
    assert layouts.made == [0]


def test_a_layout_that_overflows_gives_way_to_the_next(renderer):
    layouts = Layouts(_document("normal", "overflow"), _document("compact"))
    assert pdf_pages(renderer.render_pdf(layouts, "letter", pages=1)) == ["compact"]
    assert layouts.made == [0, 1]


def test_when_no_layout_fits_nothing_is_printed(renderer):
    layouts = Layouts(_document("a", "b", "c"), _document("d", "e"))
    with pytest.raises(DoesNotFit, match="no layout fits the 1 pages allowed"):
        renderer.render_pdf(layouts, "letter", pages=1)
    assert layouts.made == [0, 1]


@dataclass
class Split:
    """A layout in parts, made of paragraphs: `shared` gives each page's slot text."""

    shared_slots: list[str]
    personal_text: str
    front_text: str | None = None
    asked: list[list[int]] = field(default_factory=list)

    def front(self):
        return None if self.front_text is None else _document(self.front_text)

    def shared(self):
        return _slotted([(text, "") for text in self.shared_slots])

    def personal(self, pages):
        self.asked.append(list(pages))
        return _slotted([(self.shared_slots[page], self.personal_text) for page in pages])

    def whole(self):
        return _slotted([(text, self.personal_text) for text in self.shared_slots])


def _slotted(pages: list[tuple[str, str]]) -> str:
    """Return HTML with a page for each (slot text, text after it)."""
    body = "".join(
        f'<div style="break-before: {"page" if n else "auto"}; width: 6em">'
        f"<p data-slot>{slot}</p><p>{text}</p></div>"
        for n, (slot, text) in enumerate(pages)
    )
    return f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{body}</body></html>'


def test_a_split_layout_prints_each_pages_own_part_in_the_supporters_page(renderer):
    split = Split(["To Ann", "To Bob", "To Cy"], "yours truly", front_text="guide")
    printed = pdf_pages(renderer.render_pdf([split], "a4", pages=4))
    assert printed == ["guide", "To Ann yours truly", "To Bob yours truly", "To Cy yours truly"]
    # The parts are one line each: one supporter's page serves all three.
    assert split.asked == [[0]]
    assert printed[1:] == pdf_pages(renderer.render_pdf([split.whole()], "a4", pages=3))


def test_parts_of_another_height_get_a_supporters_page_of_their_own(renderer):
    # "To Bo Bo Bo Bo" takes two lines in 6em: the supporter's text moves down a line there.
    split = Split(["To Ann", "To Bo Bo Bo Bo Bo Bo", "To Cy"], "yours truly")
    printed = renderer.render_pdf([split], "a4", pages=3)
    assert split.asked == [[0, 1]]
    assert printed == renderer.render_pdf([split.whole()], "a4", pages=3)


def test_shared_parts_are_laid_out_once_and_kept(renderer):
    first = Split(["To Ann", "To Bob"], "letter 1", front_text="guide")
    again = Split(["To Ann", "To Bob"], "letter 2", front_text="guide")
    assert pdf_pages(renderer.render_pdf([first], "a4", pages=3))[1:] == [
        "To Ann letter 1",
        "To Bob letter 1",
    ]
    assert pdf_pages(renderer.render_pdf([again], "a4", pages=3))[1:] == [
        "To Ann letter 2",
        "To Bob letter 2",
    ]
    # One layout of the guide and one of the parts per paper and text, kept.
    kept = list(renderer._kept)
    assert kept.count(("a4", first.front())) == 1
    assert kept.count(("a4", first.shared())) == 1


def test_a_supporters_page_that_runs_over_gives_way_to_the_next_layout(renderer):
    long = Split(["To Ann", "To Bob"], "word " * 400)
    short = Split(["To Ann", "To Bob"], "brief")
    assert pdf_pages(renderer.render_pdf([long, short], "a4", pages=2)) == [
        "To Ann brief",
        "To Bob brief",
    ]
    with pytest.raises(DoesNotFit):
        renderer.render_pdf([long], "a4", pages=2)
    # Counted whole when nothing fits.
    whole = pdf_pages(renderer.render_pdf([long.whole()], "a4", pages=99))
    assert renderer.count_pages([long], "a4", pages=2) == len(whole) > 2


@pytest.mark.parametrize(
    ("documents", "pages", "counted"),
    [
        ((_document("a"), _document("b")), 1, 1),
        ((_document("a", "b"), _document("c")), 1, 1),
        ((_document("a", "b", "c"), _document("d", "e")), 3, 3),
    ],
)
def test_count_pages_counts_the_layout_render_pdf_would_print(renderer, documents, pages, counted):
    assert renderer.count_pages(Layouts(*documents), "a4", pages=pages) == counted
    printed = renderer.render_pdf(Layouts(*documents), "a4", pages=pages)
    assert len(pdf_pages(printed)) == counted


def test_count_pages_counts_the_last_layout_when_none_fits(renderer):
    layouts = Layouts(_document("a", "b", "c"), _document("d", "e"))
    assert renderer.count_pages(layouts, "a4", pages=1) == 2


def test_the_compact_layout_fits_a_letter_the_normal_one_cannot(action, documents, renderer):
    checked = check_answers(wide_answers(action), action)
    assert checked.valid, checked.mistakes  # nothing here is over a limit
    answers: Answers = checked.answers
    options = KitOptions(paper="letter", guide=True, envelopes=True)
    variation = LongestVariation()  # the longest phrasing of every paragraph
    pack = compose_kit(action, answers, options, TODAY, variation)
    assert pack.pages == 7  # the guide, three letters, three envelopes

    normal = documents.render_html(pack, title="t", language=action.language, compact=False)
    assert renderer.count_pages([normal], "letter", pages=pack.pages) > pack.pages

    pdf = make_kit(
        action,
        answers,
        options,
        today=TODAY,
        documents=documents,
        renderer=renderer,
        variation=variation,
    )
    pages = pdf_pages(pdf)
    assert len(pages) == 7
    assert pages[0].startswith("How to send your letters")
    salutation = "Dear President Putin,"
    for page in pages[1:4]:  # the letter to the President, and its copies
        # Each letter whole on its own page: from the salutation to the signature and copies.
        assert salutation in page
        assert "Yours sincerely," in page
        assert page.index(salutation) < page.index("Yours sincerely,") < page.index("cc:")
        assert page.count(answers.message) == 1
    for page, name in zip(pages[4:], ["Vladimir Putin", "Darchiev", "Bastrykin"], strict=True):
        assert name in page
        assert "Dear" not in page


def test_unusable_fonts_are_named_once_and_no_pdf_is_made(tmp_path, caplog):
    assets = tmp_path / "assets"
    shutil.copytree(ASSETS_DIR, assets)
    fonts = assets / "fonts"
    (fonts / "NotoSerifDevanagari-Regular.ttf").unlink()  # named by letter.css
    (fonts / "Extra.ttf").write_text("<html>Not found</html>")  # named nowhere, yet read
    (fonts / "Symbola.ttf").unlink()
    (fonts / "Symbola.ttf").symlink_to("/proc/self/mem")  # reads fail, even for root
    with caplog.at_level(logging.ERROR):
        renderer = PdfRenderer({"a4": ""}, assets)
    assert renderer.font_problems == [
        "fonts/Extra.ttf: not a valid font (Not a TrueType or OpenType font (bad sfntVersion))",
        "fonts/NotoSerifDevanagari-Regular.ttf: missing",
        "fonts/Symbola.ttf: unreadable (Input/output error)",
    ]
    assert [(r.levelno, r.getMessage(), r.exc_info) for r in caplog.records] == [
        (
            logging.ERROR,
            "Bundled fonts cannot be used, so PDFs are refused (tweets and text work): "
            + "; ".join(renderer.font_problems),
            None,
        )
    ]
    with pytest.raises(RenderError, match=r"fonts/Symbola\.ttf: unreadable"):
        renderer.render_pdf([_document("a")], "a4", pages=1)
    with pytest.raises(RenderError, match=r"fonts/Symbola\.ttf: unreadable"):
        renderer.count_pages([_document("a")], "a4", pages=1)
    # The fonts that work still say what the form may accept for a printed letter.
    assert renderer.coverage.missing("Ann अमित") == ["अ", "म", "ि", "त"]
