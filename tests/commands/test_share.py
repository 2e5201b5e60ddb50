"""`flask --app campaign share SLUG`: the link an organiser gives out, its QR code and poster.

The link is the page's own share link (only the boxes ticked, and the language); a scanner
reads the PNG and the printed poster back to exactly that link; a wrong request is one
sentence, and writes nothing.
"""

import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from campaign.commands.share import PNG_SCALE
from campaign.documents.poster import qr_code
from campaign.web.forms import PRESELECTABLE
from campaign.web.links import preselect_query
from tests.support.apps import make_app
from tests.support.files import write_actions
from tests.support.reading import parse, pdf_pages
from tests.support.shipped import shipped_action

BASE = "https://letters.example.org"
SLUG = "ua-2-19"
# What the organiser asks for: two points, the embassy alone.
CHOICES = ["--points", "justice", "--points", "investigate", "--recipients", "embassy"]
# The same, in the order the page's share link writes them (the action's).
TICKED = [("points", "investigate"), ("points", "justice"), ("recipients", "embassy")]
SVG = "{http://www.w3.org/2000/svg}"


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["share", *args])


def _action(app):
    """Return the action as loaded, in its first language."""
    return app.extensions["campaign"].content.action(SLUG)


@pytest.fixture(scope="module")
def app():
    return make_app(WARM_UP=False)


@pytest.fixture(scope="module")
def kits(app, tmp_path_factory):
    """Make the English kit (Letter) and the French one (A4) once: link, folder, file stem."""
    made = {}
    for language, paper in (("en", "letter"), ("fr", "a4")):
        out = tmp_path_factory.mktemp(f"share-{language}")
        lang = ["--lang", language] if language != "en" else []
        result = _run(
            app, SLUG, *CHOICES, *lang, "--paper", paper, "--out", out, "--base-url", BASE
        )
        assert result.exit_code == 0, result.output
        stem = f"share-{SLUG}-fr" if language == "fr" else f"share-{SLUG}"
        made[language] = (result.stdout.strip(), out / stem)
    return made


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, "make test installs zbar-tools (zbarimg) and poppler-utils (pdftoppm)"
    return found


def _decoded(image: Path) -> str:
    """Return what a barcode scanner reads in an image (zbar, as a phone's reader would)."""
    result = subprocess.run(
        [_tool("zbarimg"), "--raw", "-q", image], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"no code read in {image.name}: {result.stderr}"
    return result.stdout.removesuffix("\n")


def _poster(stem: Path) -> PdfReader:
    return PdfReader(BytesIO(stem.with_name(stem.name + ".pdf").read_bytes()))


def _file(stem: Path, suffix: str) -> Path:
    return stem.with_name(stem.name + suffix)


@pytest.mark.slow
def test_the_link_ticks_what_was_asked_and_holds_only_preselect_choices(kits):
    link, _ = kits["fr"]
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{BASE}/actions/{SLUG}/"
    query = parse_qsl(parts.query)
    assert query == [*TICKED, ("lang", "fr")]
    assert {name for name, _ in query} <= {*PRESELECTABLE, "lang"}
    english, _ = kits["en"]
    assert parse_qsl(urlsplit(english).query) == TICKED


@pytest.mark.slow
def test_the_link_opens_the_page_in_its_language_with_the_boxes_ticked(app, kits):
    parts = urlsplit(kits["fr"][0])
    page = parse(app.test_client().get(f"{parts.path}?{parts.query}"))
    assert page.html["lang"] == "fr"
    ticked = {(box["name"], box["value"]) for box in page.select("input[type=checkbox][checked]")}
    assert {pair for pair in ticked if pair[0] in ("points", "recipients")} == set(TICKED)


@pytest.mark.slow
def test_the_link_is_the_one_the_pages_share_panel_gives_for_the_same_boxes(app, kits):
    panel = parse(
        app.test_client().get(
            f"/actions/{SLUG}/next-steps?points=justice&points=investigate&recipients=embassy"
        )
    )
    shared = panel.select_one("#share-link-sent")["value"]
    assert urlsplit(shared).path == urlsplit(kits["en"][0]).path
    assert urlsplit(shared).query == urlsplit(kits["en"][0]).query


def test_without_choices_the_link_is_the_actions_page_and_every_official_is_no_choice(app):
    action = _action(app)
    everyone = [r.id for r in action.recipients]
    assert preselect_query(action) == []
    assert preselect_query(action, points=["safety"], recipients=everyone) == [("points", "safety")]


@pytest.mark.slow
def test_the_png_scans_to_exactly_the_link(kits):
    for link, stem in kits.values():
        assert _decoded(_file(stem, ".png")) == link


@pytest.mark.slow
def test_the_svg_is_the_code_a_millimetre_a_module_with_its_quiet_zone(kits):
    link, stem = kits["en"]
    svg = ElementTree.parse(_file(stem, ".svg")).getroot()  # noqa: S314 (the command's own)
    assert svg.tag == f"{SVG}svg"
    code = qr_code(link)
    assert code.error in ("M", "Q")
    side = code.symbol_size(border=4)[0]
    assert side == code.symbol_size(border=0)[0] + 8
    assert svg.get("viewBox") == f"0 0 {side} {side}"
    assert (svg.get("width"), svg.get("height")) == (f"{side}mm", f"{side}mm")


@pytest.mark.slow
def test_the_png_keeps_a_white_quiet_zone_of_four_modules_at_300_dpi(kits):
    # A scanner finds the code without it on a clean page, not beside a flyer's other ink.
    link, stem = kits["en"]
    side = qr_code(link).symbol_size(border=0)[0]
    margin = 4 * PNG_SCALE
    with Image.open(_file(stem, ".png")) as image:
        assert image.size == (side * PNG_SCALE + 2 * margin,) * 2
        assert [round(dpi) for dpi in image.info["dpi"]] == [300, 300]
        grey = image.convert("L")
        inner = grey.crop((margin, margin, grey.width - margin, grey.height - margin))
        assert grey.getextrema()[0] == 0
        assert sum(grey.histogram()[:255]) == sum(inner.histogram()[:255])  # ink inside only


def test_the_posters_code_is_drawn_inline_with_its_quiet_zone(app):
    link = f"{BASE}/actions/{SLUG}/?points=safety"
    html = app.extensions["campaign"].documents.render_poster(_action(app), link, "en")
    poster = BeautifulSoup(html, "html.parser")
    # It asks the PDF step for its stylesheet, a bundled file, and for nothing else.
    assert [tag.get("href") or tag.get("src") for tag in poster.select("[href], [src]")] == [
        "poster.css"
    ]
    svg = poster.select_one(".poster-code svg")
    side = qr_code(link).symbol_size(border=4)[0]
    assert svg["viewbox"] == f"0 0 {side} {side}"
    assert svg.select_one("path")["d"] == f"M0 0h{side}v{side}h-{side}z"  # painted light
    assert svg.select_one("title").string == link


@pytest.mark.slow
def test_the_poster_is_one_page_with_the_action_and_the_link_in_print(app, kits):
    link, stem = kits["en"]
    poster = _poster(stem)
    assert len(poster.pages) == 1
    assert poster.metadata.title == "UA 2/19: Russia: Homophobic crackdown in Chechnya resumes"
    assert [float(n) for n in poster.pages[0].mediabox[2:]] == [612, 792]  # Letter
    (text,) = pdf_pages(_file(stem, ".pdf").read_bytes())
    action = _action(app)
    assert action.title in text
    assert action.headline in text
    assert "Scan to write a letter" in text
    assert link in "".join(text.split())  # a long link breaks across lines


@pytest.mark.slow
def test_the_french_poster_is_in_french(app, kits):
    link, stem = kits["fr"]
    poster = _poster(stem)
    assert len(poster.pages) == 1
    assert poster.metadata.title == (
        "AU 2/19\u00a0: Russie : la répression homophobe reprend en Tchétchénie"
    )
    assert [round(float(n)) for n in poster.pages[0].mediabox[2:]] == [595, 842]  # A4
    (text,) = pdf_pages(_file(stem, ".pdf").read_bytes())
    french = _action(app).in_language("fr")
    assert french.title in text
    assert " ".join(french.headline.split()) in text
    assert "Balayez le code pour écrire une lettre" in text
    assert "ACTION URGENTE AU 2/19" in text  # as printed: in capitals
    assert "Scan" not in text
    assert "Chechnya" not in text
    assert link in "".join(text.split())


@pytest.mark.slow
def test_the_printed_posters_code_scans_to_exactly_the_link(kits, tmp_path):
    for language, (link, stem) in kits.items():
        picture = tmp_path / language
        subprocess.run(
            [_tool("pdftoppm"), "-r", "150", "-png", "-singlefile", _file(stem, ".pdf"), picture],
            check=True,
        )
        assert _decoded(picture.with_suffix(".png")) == link


def _closed_app(tmp_path):
    closed = shipped_action() | {"closed": {"date": date(2019, 6, 30), "note": "Ended."}}
    actions = write_actions(tmp_path / "actions", {SLUG: shipped_action(), "old": closed})
    return make_app(WARM_UP=False, ACTIONS_DIR=str(actions))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "No action 'nope'"),
        ([SLUG, "--points", "justice", "--points", "amnesty"], "has no point 'amnesty'"),
        ([SLUG, "--recipients", "ambassador"], "has no official 'ambassador'"),
        (
            [SLUG, *(f"--points={p}" for p in ("investigate", "justice", "safety", "condemn"))],
            "at most 3 points",
        ),
        ([SLUG, "--lang", "de"], "not offered in 'de'"),
        (["old"], "is closed"),
    ],
    ids=[
        "unknown action",
        "unknown point",
        "unknown official",
        "four points",
        "language",
        "closed",
    ],
)
def test_a_wrong_request_is_refused_with_a_sentence_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "kit"
    result = _run(_closed_app(tmp_path), *args, "--out", out, "--base-url", BASE)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_without_the_sites_address_it_refuses(app, tmp_path):
    result = _run(app, SLUG, "--out", tmp_path / "kit")
    assert result.exit_code == 2
    assert "--base-url" in result.output
    assert not (tmp_path / "kit").exists()
