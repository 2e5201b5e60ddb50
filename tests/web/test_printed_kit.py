"""The printed kit read back: page order, window position, fonts, tags, text, pixels."""

import shutil
import subprocess
from datetime import UTC, datetime
from io import BytesIO

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from campaign.content.rules import FIELD_LIMITS
from campaign.documents.paper import PAPERS, Rect
from campaign.documents.text import SEPARATOR
from campaign.review import maximal_answers
from tests.support.apps import frozen_app
from tests.support.forms import VALID_FORM, form_with
from tests.support.names import SAMPLE_NAMES
from tests.support.reading import field_value, parse, pdf_pages
from tests.support.shipped import ACTION_URL, LETTER_URL

ALL = ["kremlin", "embassy", "investigation-committee"]


def _post(client, **changes):
    response = client.post(LETTER_URL, data=form_with(**changes))
    assert response.mimetype == "application/pdf", response.get_data(as_text=True)[:300]
    return response.data


def _lines(page) -> list[tuple[str, Rect]]:
    """Return the page's lines of text with their bounding boxes, top to bottom."""
    rows: dict[int, list[dict]] = {}
    for word in page.extract_words(keep_blank_chars=False, use_text_flow=True):
        rows.setdefault(round(word["top"]), []).append(word)
    lines = []
    for words in (rows[key] for key in sorted(rows)):
        left, right = min(w["x0"] for w in words), max(w["x1"] for w in words)
        top, bottom = min(w["top"] for w in words), max(w["bottom"] for w in words)
        text = " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"]))
        lines.append((text, Rect(left, top, right - left, bottom - top)))
    return lines


def test_guide_is_ticked_on_the_page_and_envelopes_are_not(client):
    page = parse(client.get(ACTION_URL))
    assert page.select_one("input[name=guide]").has_attr("checked")
    assert not page.select_one("input[name=envelopes]").has_attr("checked")


@pytest.mark.parametrize(
    ("guide", "envelopes", "first", "pages"),
    [
        (None, None, "Dear President Putin,", 3),
        ("y", None, "How to send your letters", 4),
        ("y", "y", "How to send your letters", 7),
        (None, "y", "Dear President Putin,", 6),
    ],
)
def test_pages_come_in_order(client, guide, envelopes, first, pages):
    texts = pdf_pages(_post(client, guide=guide, envelopes=envelopes))
    assert len(texts) == pages
    assert first in texts[0]
    letters = texts[1:4] if guide else texts[:3]
    marks = ["", "Copy for His Excellency Alexander Darchiev,", "Copy for Aleksandr Bastrykin,"]
    for text, mark in zip(letters, marks, strict=True):
        assert mark in text
        assert "Dear President Putin," in text
    if envelopes:
        for text, name in zip(
            texts[-3:], ["Vladimir Putin", "Alexander Darchiev", "Aleksandr Bastrykin"], strict=True
        ):
            assert name in text
            assert "Ann Example" in text
            assert "Dear" not in text


def test_letter_reads_in_order(client):
    with pdfplumber.open(BytesIO(_post(client))) as pdf:
        text = " ".join(pdf.pages[0].extract_text().split())
    order = [
        "Ann Example 12 Example Street",
        "Halifax, Nova Scotia,",
        "Vladimir Putin",
        "Russian Federation",
        "Dear President Putin,",
        "I am a retired nurse from Halifax.",
        "Please act now.",
        "Yours sincerely,",
        "Ann Example cc: His Excellency",  # the signature, then the copies
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_guide_tells_a_newcomer_how_to_send(client, action):
    text = pdf_pages(_post(client, guide="y"))[0]
    for expected in (
        "How to send your letters",
        "Sign each letter",
        "check the date",
        "Fold each letter in a Z",
        "#10 window envelope",
        "Please send a tweet, fax or letter without delay.",
        "$2.65",
        "$0.90",
        "$6.20",
        "011 7 495 910 2134",
        "Fax 1 613 236 6342",
        "011 7 495 966 9776",
        "Phone 1 613 235 4341 or 1 613 236 1413",
        "as the action gave it on 15 January 2019: check current rates with Canada Post.",
        "@KremlinRussia_E or @KremlinRussia",
        "as dialled from Canada",
    ):
        assert expected in text, expected
    for recipient in action.recipients:
        for line in recipient.address_block:
            assert line in text


@pytest.mark.parametrize("paper", PAPERS.values(), ids=lambda p: p.id)
@pytest.mark.parametrize("recipients", [ALL, ["embassy"]])
def test_guide_names_the_envelope_pages_the_kit_has(client, paper, recipients):
    pdf = _post(client, guide="y", envelopes="y", paper=paper.id, recipients=recipients)
    reader = PdfReader(BytesIO(pdf))
    envelope = (round(paper.envelope.width), round(paper.envelope.height))
    numbers = [
        number
        for number, page in enumerate(reader.pages, start=1)
        if (round(page.mediabox.width), round(page.mediabox.height)) == envelope
    ]
    assert len(numbers) == len(recipients)
    guide = pdf_pages(pdf)[0]
    size = paper.envelope.size
    if len(numbers) == 1:
        said = f"Page {numbers[0]} of this file is a plain {size} envelope: feed it through"
    else:
        said = f"Pages {numbers[0]} to {numbers[-1]} of this file are plain {size} envelopes"
        assert "one at a time through the printer's envelope or manual feed slot" in guide
    assert said in guide


LONGEST_PLACE = ("Saint-Jean-sur-Richelieu, " * 8)[: FIELD_LIMITS["location"].max_chars].strip()


@pytest.mark.parametrize(
    ("paper", "place"),
    [
        # On 21 November 2026, these places end their line where the date would split.
        (PAPERS["letter"], "Whitehorse, Yukon Territory"),
        (PAPERS["a4"], "Saint-Jean-sur-Richelieu, Quebec"),
        (PAPERS["letter"], LONGEST_PLACE),
        (PAPERS["a4"], LONGEST_PLACE),
    ],
    ids=["letter", "a4", "letter-longest", "a4-longest"],
)
def test_the_date_never_splits_over_two_lines(paper, place):
    client = frozen_app(datetime(2026, 11, 21, 15, tzinfo=UTC)).test_client()
    pdf = _post(client, paper=paper.id, recipients=["kremlin"], location=place)
    with pdfplumber.open(BytesIO(pdf)) as document:
        lines = [text for text, _ in _lines(document.pages[0])]
    heading = lines[: lines.index("Vladimir Putin")]
    assert len(" ".join(heading)) > len(place)  # the whole place is printed
    assert [line for line in heading if line.endswith("21 November 2026")], heading


def test_guide_names_the_dl_envelope_on_a4(client):
    assert "DL window envelope" in pdf_pages(_post(client, guide="y", paper="a4"))[0]


@pytest.mark.parametrize("paper", PAPERS.values(), ids=lambda p: p.id)
@pytest.mark.parametrize(
    ("recipients", "page", "recipient"),
    [
        *((ALL, page, recipient) for page, recipient in enumerate(ALL)),  # and copies
        *(([recipient], 0, recipient) for recipient in ALL),  # each alone
    ],
)
def test_address_sits_in_the_envelope_window(client, action, paper, recipients, page, recipient):
    pdf = _post(client, recipients=recipients, paper=paper.id)
    with pdfplumber.open(BytesIO(pdf)) as document:
        lines = _lines(document.pages[page])
    address = action.recipient(recipient).address_block
    found = [box for text, box in lines if text in address and box.top < paper.height / 2]
    assert len(found) == len(address)
    union = Rect(
        min(b.left for b in found),
        min(b.top for b in found),
        max(b.right for b in found) - min(b.left for b in found),
        max(b.bottom for b in found) - min(b.top for b in found),
    )
    assert paper.window_on_sheet.contains(union), (union, paper.window_on_sheet)
    # Nothing else shows through the window.
    others = [
        t
        for t, box in lines
        if t not in address
        and box.bottom > paper.window_on_sheet.top
        and box.top < paper.window_on_sheet.bottom
        and box.left < paper.window_on_sheet.right
    ]
    assert others == []


@pytest.mark.parametrize("paper", PAPERS.values(), ids=lambda p: p.id)
def test_envelope_pages_have_the_envelopes_size(client, paper):
    reader = PdfReader(BytesIO(_post(client, envelopes="y", paper=paper.id)))
    sizes = [(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages]
    envelope = (round(paper.envelope.width), round(paper.envelope.height))
    assert sizes == [(round(paper.width), round(paper.height))] * 3 + [envelope] * 3


def maximal_form(action, points):
    """Return the valid form with every text field as long as its limits allow."""
    longest = maximal_answers(action)
    return form_with(**{name: getattr(longest, name) for name in FIELD_LIMITS}, points=points)


@pytest.mark.parametrize("paper", PAPERS)
def test_every_page_of_the_kit_fits_at_maximum_lengths(client, action, paper):
    longest = sorted(action.points, key=lambda p: max(map(len, p.phrasings)))[-3:]
    data = maximal_form(action, [p.id for p in longest]) | {
        "paper": paper,
        "recipients": ALL,
        "guide": "y",
        "envelopes": "y",
    }
    for number in range(4):  # several supporters, so several phrasings of each paragraph
        data["name"] = f"{number} " + data["name"][2:]
        texts = pdf_pages(client.post(LETTER_URL, data=data).data)
        assert len(texts) == 1 + 3 + 3, (paper, number)  # guide, letters, envelopes
        assert "How to send your letters" in texts[0]
        for text in texts[1:4]:  # the letter to the President, and its two copies
            assert "Dear President Putin," in text
            assert "Yours sincerely," in text
            assert data["name"] in text


@pytest.mark.parametrize("paper", PAPERS)
def test_a_letter_to_a_copy_official_alone_fits_at_maximum_lengths(client, action, paper):
    longest = sorted(action.points, key=lambda p: max(map(len, p.phrasings)))[-3:]
    data = maximal_form(action, [p.id for p in longest]) | {"paper": paper}
    for recipient in ("embassy", "investigation-committee"):
        for number in range(4):
            data |= {"name": f"{number} " + data["name"][2:], "recipients": [recipient]}
            (text,) = pdf_pages(client.post(LETTER_URL, data=data).data)
            assert action.recipient(recipient).salutation in text
            assert data["name"] in text


def _body(text: str) -> str:
    """Return a letter page's text from the salutation to the end of the copies listed."""
    end = "Aleksandr Bastrykin, Chair of the Investigation Committee"
    start = text.index("Dear President Putin,")
    return text[start : text.index(end, start) + len(end)]


@pytest.mark.parametrize("paper", PAPERS)
def test_each_copy_is_the_letter_to_the_president_marked_for_its_official(client, action, paper):
    letter, *copies = pdf_pages(_post(client, recipients=ALL, paper=paper))
    body = _body(letter)
    assert "Copy" not in letter
    assert body.endswith(
        "cc: His Excellency Alexander Darchiev, Ambassador for the Russian Federation "
        "Aleksandr Bastrykin, Chair of the Investigation Committee"
    )
    assert len(copies) == 2
    for text, recipient in zip(copies, ALL[1:], strict=True):
        official = action.recipient(recipient)
        assert f"Copy for {official.full_name}, {official.title}" in text
        assert _body(text) == body  # the same salutation, body and copies
        assert official.salutation not in text


def test_a_letter_to_the_embassy_alone_asks_it_to_pass_the_appeal_on(client, action):
    guide, letter = pdf_pages(_post(client, recipients=["embassy"], guide="y"))
    embassy = action.recipient("embassy")
    assert "Copy" not in letter
    assert "cc:" not in letter
    assert "(copy)" not in guide
    assert embassy.salutation in letter
    assert "Dear President Putin," not in letter
    assert [p for p in embassy.convey if p in letter] != []


@pytest.mark.parametrize("script", SAMPLE_NAMES)
def test_names_in_every_supported_script_print_with_embedded_fonts(client, script):
    name = SAMPLE_NAMES[script]
    pdf = _post(client, name=name, recipients=["kremlin"])
    with pdfplumber.open(BytesIO(pdf)) as document:
        chars = document.pages[0].chars
    fonts = {c["fontname"].split("+")[-1] for c in chars}
    printed = "".join(c["text"] for c in chars)
    # Every glyph comes from a bundled @font-face ("Letter Serif", "Letter CJK"…), never
    # from a font this machine happens to have.
    assert all(font.startswith("Letter-") for font in fonts), fonts
    for char in name:
        if not char.isspace() and ord(char) not in (0x200D, 0xFE0F):
            assert char in printed, (script, char)
    reader = PdfReader(BytesIO(pdf))
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        descriptor = font.get_object()
        if "/DescendantFonts" in descriptor:
            descriptor = descriptor["/DescendantFonts"][0].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor["/FontDescriptor"])


def test_unprintable_characters_are_explained_before_a_pdf_is_made(client):
    response = client.post(LETTER_URL, data=form_with(name="ნინო ბერიძე"))
    assert response.status_code == 400
    message = parse(response).select_one(".error-summary a").get_text(strip=True)
    assert message.startswith("Your name has characters we cannot print yet (ნ ი ო ბ ე)")
    assert client.post(LETTER_URL, data=form_with(name="ნინო", format="tweet")).status_code == 200


def test_right_to_left_text_is_isolated(app, action):
    from campaign.compose.text import FSI, PDI

    response = app.test_client().post(
        LETTER_URL,
        data=form_with(about="أنا ممرضة", location="תל אביב", format="text", download="txt"),
    )
    text = response.get_data(as_text=True)
    assert f"{FSI}أنا ممرضة.{PDI} " in text
    assert f"{FSI}תל אביב{PDI}, " in text


def test_pdf_is_tagged_with_language_title_and_no_personal_metadata(client):
    pdf = _post(client, guide="y")
    reader = PdfReader(BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "Letter — UA 2/19"
    raw = pdf.decode("latin-1")
    metadata = " ".join(str(v) for v in reader.metadata.values())
    for personal in ("Ann", "Example", "Halifax", "nurse", "B3H"):
        assert personal not in metadata
        assert f"<dc:creator>{personal}" not in raw


def _structure(node) -> list[str]:
    """Return the structure types of a tagged PDF's tree, depth first."""
    node = node.get_object()
    if isinstance(node, list):
        return [kind for child in node for kind in _structure(child)]
    if not isinstance(node, dict):
        return []
    kinds = [str(node["/S"])] if "/S" in node else []
    return kinds + (_structure(node["/K"]) if "/K" in node else [])


def test_the_points_are_a_list_in_the_pdfs_tags(client):
    # The bullets are drawn as text, not list markers; assistive technology still reads a
    # list with an item per point.
    pdf = _post(client, recipients=["kremlin"], points=["investigate", "justice", "safety"])
    kinds = _structure(PdfReader(BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"])
    assert kinds.count("/L") == 1
    assert kinds.count("/LI") == 3
    assert kinds.count("/LBody") == 3


def test_plain_text_letter_has_the_pdfs_wording(client):
    pdf_text = pdf_pages(_post(client, recipients=["kremlin", "embassy"]))
    response = client.post(
        LETTER_URL,
        data=form_with(format="text", download="txt", recipients=["kremlin", "embassy"]),
    )
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    letters = response.get_data(as_text=True).split(SEPARATOR)
    assert len(letters) == 2
    for text, page in zip(letters, pdf_text, strict=True):
        words = " ".join(text.replace("\n- ", "\n").split())
        body = words[words.index(VALID_FORM["about"]) : words.index("Yours sincerely,")]
        assert len(body.split()) > 150
        assert body in " ".join(page.replace("•", "").split())


def test_tweets_page_offers_the_letter_as_text(client):
    page = parse(client.post(LETTER_URL, data=form_with(format="tweet")))
    button = page.find("button", string="Show my letter as text, to send online")
    posted = {i["name"]: i["value"] for i in button.find_parent("form").select("input")}
    assert posted["format"] == "text"


@pytest.mark.parametrize("paper", PAPERS.values(), ids=lambda p: p.id)
def test_rendered_pages_are_neither_blank_nor_overflowing(client, tmp_path, paper):
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "make test installs poppler-utils, which provides pdftoppm"
    pdf = tmp_path / "kit.pdf"
    pdf.write_bytes(_post(client, guide="y", envelopes="y", paper=paper.id))
    subprocess.run([pdftoppm, "-r", "50", "-gray", "-png", pdf, tmp_path / "page"], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 7
    for number, path in enumerate(images, 1):
        image = Image.open(path).convert("L")
        width, height = image.size
        ink = sum(image.histogram()[:128])  # pixels darker than mid-grey
        assert ink > 0.002 * width * height, f"page {number} is blank"
        if number <= 4:  # guide and letters keep their bottom margin clear
            scale = height / paper.height
            band = image.crop((0, int(height - (paper.margin_bottom - 4) * scale), width, height))
            assert sum(band.histogram()[:200]) == 0, f"page {number} overflows"


def wide_form(**changes) -> dict:
    """Return answers within every limit, in the widest letters, that no layout fits on a page."""

    def fill(field: str) -> str:
        return ("WWWWWWW " * 80)[: FIELD_LIMITS[field].max_chars].strip()

    lines = FIELD_LIMITS["message"].max_lines
    return form_with(
        name=fill("name"),
        about=fill("about"),
        location=fill("location"),
        address="\n".join([("WWWWWWW " * 7)[:49].strip()] * lines),
        message="\n".join([("WWWWWWW " * 13)[:95].strip()] * lines),
        points=["investigate", "justice", "safety"],
        recipients=ALL,
        **changes,
    )


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_letter_too_long_for_its_page_is_refused_with_the_answers_kept(client, paper):
    data = wide_form(paper=paper, guide="y", envelopes="y")
    response = client.post(LETTER_URL, data=data)
    assert response.status_code == 400
    page = parse(response)
    summary = [(a["href"], a.get_text(strip=True)) for a in page.select(".error-summary a")]
    assert summary == [
        (
            "#message",
            "Your letter is too long to print on one page. Shorten your message, your "
            "sentence about yourself or your address, and send it again",
        )
    ]
    # Shown again as cleaned (each line trimmed), nothing lost.
    assert field_value(page, "message") == "\n".join(x.strip() for x in data["message"].split("\n"))
    assert field_value(page, "name") == data["name"]
    # The same answers as tweets or text need no page: they are made as usual.
    assert client.post(LETTER_URL, data=data | {"format": "text"}).status_code == 200
