"""`flask --app campaign letters template|batch`: an evening's letters from a spreadsheet.

Every row is checked as the form checks it, a bad one reported by row and field and skipped;
spreadsheets' own ways of writing CSV are read; the letters come out in the sheet's order,
and nothing typed goes anywhere but the output.
"""

import csv
import io
import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from campaign import kit
from campaign.commands import letters
from campaign.commands.letters import COLUMNS, Progress, write_whole
from campaign.counts import counts
from campaign.kit import make_guide
from campaign.pdf import DoesNotFit
from tests.support.apps import make_app
from tests.support.reading import pdf_pages

SLUG = "ua-2-19"
OFFICIALS = "kremlin;embassy;investigation-committee"


def attendee(who: str, **changes: str) -> dict[str, str]:
    """Return an attendee's row the form accepts, some cells changed."""
    row = {
        "name": who,
        "about": "I am a student from Moncton.",
        "location": "Moncton, New Brunswick",
        "return_address": "own",
        "address": "1 Main Street\nMoncton, NB",
        "country": "Canada",
        "message": "Please act now.",
        "points": "investigate;justice",
        "recipients": OFFICIALS,
        "paper": "letter",
        "guide": "yes",
        "envelopes": "no",
        "letter_language": "en",
    }
    return row | changes


def sheet_text(rows: list[dict[str, str]], *, delimiter: str = ",", line_end: str = "\n") -> str:
    """Return rows as a spreadsheet writes them, header first."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.lineterminator = line_end
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_sheet(folder: Path, rows, *, encoding: str = "utf-8", **style) -> Path:
    path = folder / "attendees.csv"
    path.write_bytes(sheet_text(rows, **style).encode(encoding))
    return path


@pytest.fixture
def app():
    return make_app()


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["letters", *args])


def batch(app, sheet: Path, out: Path, *options: str):
    return run(app, "batch", SLUG, str(sheet), "--out", str(out), *options)


def pages_of(path: Path) -> list[str]:
    return pdf_pages(path.read_bytes())


def test_the_template_is_the_forms_fields_and_an_example_that_makes_letters(app, tmp_path):
    result = run(app, "template", SLUG)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert tuple(rows[0]) == COLUMNS
    example = dict(zip(rows[0], rows[1], strict=True))
    assert example["points"].count(";") == 1
    assert example["recipients"] == OFFICIALS
    sheet = tmp_path / "attendees.csv"
    sheet.write_text(result.stdout, encoding="utf-8", newline="")

    made = batch(app, sheet, tmp_path / "letters.pdf")
    assert made.exit_code == 0, made.output
    pages = pages_of(tmp_path / "letters.pdf")
    assert len(pages) == 1 + 3  # the evening's guide, then a letter to each official
    assert pages[0].startswith("How to send your letters")
    assert "Sign each letter" in pages[0]
    assert "for all 3)" in pages[0]  # an attendee's postage: one letter per official
    assert all(example["name"] in page for page in pages[1:])


def test_a_bad_row_is_reported_by_number_and_field_and_the_others_are_made(app, tmp_path):
    rows = [
        attendee("Ann First", recipients="kremlin"),
        attendee("Bob Second", about=""),
        attendee("Cy Third", name="N" * 101),
        attendee("Di Fourth", points="justice"),
        attendee("Ed Fifth", recipients="kremlin;embassy", envelopes="yes"),
    ]
    result = batch(app, write_sheet(tmp_path, rows), tmp_path / "letters.pdf")

    assert result.exit_code == 1
    # The form's own messages (tests/support/forms.py has them), the row as a spreadsheet
    # numbers it: the header is row 1.
    assert "row 3, about: Enter a sentence about yourself" in result.stderr
    assert "row 4, name: Your name must be 100 characters or fewer" in result.stderr
    assert "row 5, points: Choose 2 or 3 points" in result.stderr
    assert "row 2" not in result.stderr
    assert "row 6" not in result.stderr
    assert "Skipped rows 3, 4, 5: correct them" in result.stderr
    pages = pages_of(tmp_path / "letters.pdf")
    # The guide, one letter, then two letters and their two envelopes.
    assert len(pages) == 1 + 1 + 2 * 2
    assert "Ann First" in pages[1]
    assert all("Ed Fifth" in page for page in pages[2:4])


def test_a_row_whose_letters_cannot_be_printed_is_reported_as_the_form_says_it(
    app, tmp_path, monkeypatch
):
    def make_kit(action, answers, options, **kwargs):
        if answers.name == "Too Long":
            raise DoesNotFit("no layout fits")
        return kit.make_kit(action, answers, options, **kwargs)

    monkeypatch.setattr(letters, "make_kit", make_kit)  # the workers are forked with it
    rows = [attendee(name, recipients="kremlin") for name in ("Ann Alpha", "Too Long", "Kim")]
    result = batch(app, write_sheet(tmp_path, rows), tmp_path / "letters.pdf", "--jobs", "2")
    assert result.exit_code == 1
    assert "row 3, message: Your letter is too long to print on one page." in result.stderr
    assert "Skipped row 3: correct it and make it again." in result.stderr
    assert len(pages_of(tmp_path / "letters.pdf")) == 1 + 2


@pytest.mark.parametrize(
    ("encoding", "style"),
    [
        ("utf-8-sig", {}),  # Excel's "CSV UTF-8" starts with a byte-order mark
        ("utf-8", {"delimiter": ";"}),  # where a comma is the decimal mark
        ("utf-8", {"line_end": "\r\n"}),  # Windows line ends, inside cells too
        ("utf-8-sig", {"delimiter": ";", "line_end": "\r\n"}),
    ],
)
def test_what_spreadsheets_write_is_read(app, tmp_path, encoding, style):
    rows = [
        attendee("Zoë Première", address="1 rue Principale\r\nMoncton, NB"),
        attendee("Ann Second"),
    ]
    sheet = write_sheet(tmp_path, rows, encoding=encoding, **style)
    result = batch(app, sheet, tmp_path / "letters.pdf", "--no-guide")
    assert result.exit_code == 0, result.output
    pages = pages_of(tmp_path / "letters.pdf")
    assert len(pages) == 6
    assert all("Zoë Première" in page and "1 rue Principale" in page for page in pages[:3])
    assert all("Ann Second" in page for page in pages[3:])


def test_letters_come_in_the_sheets_order_and_each_in_its_own_language(app, tmp_path):
    names = ["Ann Alpha", "Lou Bravo", "Sam Charlie", "Kim Delta"]
    rows = [attendee(name, recipients="kremlin") for name in names]
    rows[2]["letter_language"] = "fr"
    result = batch(app, write_sheet(tmp_path, rows), tmp_path / "letters.pdf", "--no-guide")
    assert result.exit_code == 0, result.output
    pages = pages_of(tmp_path / "letters.pdf")
    assert [next(n for n in names if n in page) for page in pages] == names
    assert pages[2].startswith("Monsieur le Président")
    assert all(page.startswith("Dear President") for i, page in enumerate(pages) if i != 2)


def test_one_guide_covers_every_official_written_to_in_the_evenings_language(app, tmp_path):
    rows = [
        attendee("Ann Alpha", recipients="kremlin", guide="no"),
        attendee("Lou Bravo", recipients="embassy", guide="no"),
    ]
    sheet = write_sheet(tmp_path, rows)
    unasked = batch(app, sheet, tmp_path / "unasked.pdf")
    assert unasked.exit_code == 0, unasked.output
    assert len(pages_of(tmp_path / "unasked.pdf")) == 2  # no row asked for the guide

    asked = batch(app, sheet, tmp_path / "letters.pdf", "--guide", "--lang", "fr")
    assert asked.exit_code == 0, asked.output
    guide = pages_of(tmp_path / "letters.pdf")[0]
    assert guide.startswith("Comment envoyer vos lettres")
    assert "Vladimir Putin, Président" in guide
    assert "Alexander Darchiev, Ambassadeur" in guide
    assert "Bastrykin" not in guide  # nobody wrote to him
    assert "Signez chaque lettre" in guide
    assert "pour les 2)" in guide


def test_split_makes_a_file_per_attendee_named_by_row_and_the_guide(app, tmp_path):
    rows = [attendee("Ann Alpha"), attendee("Bob Bad", about=""), attendee("Kim Delta")]
    folder = tmp_path / "evening"
    result = run(app, "batch", SLUG, str(write_sheet(tmp_path, rows)), "--split", str(folder))
    assert result.exit_code == 1
    assert sorted(os.listdir(folder)) == ["attendee-002.pdf", "attendee-004.pdf", "guide.pdf"]
    assert all("Ann Alpha" in page for page in pages_of(folder / "attendee-002.pdf"))
    assert all("Kim Delta" in page for page in pages_of(folder / "attendee-004.pdf"))
    assert pages_of(folder / "guide.pdf")[0].startswith("How to send your letters")


def test_two_processes_make_the_same_letters_as_one(app, tmp_path):
    rows = [attendee(f"Attendee {n}", recipients="kremlin") for n in "ABCDEF"]
    rows[3]["letter_language"] = "fr"
    sheet = write_sheet(tmp_path, rows)
    texts = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs-{jobs}.pdf"
        result = batch(app, sheet, out, "--jobs", jobs)
        assert result.exit_code == 0, result.output
        texts.append(pages_of(out))
    assert texts[0] == texts[1]
    assert len(texts[0]) == 1 + 6


def test_progress_lines_say_the_rate_and_the_time_left_when_not_on_a_terminal(app, tmp_path):
    rows = [attendee(f"Attendee {n}", recipients="kremlin") for n in "ABC"]
    result = batch(app, write_sheet(tmp_path, rows), tmp_path / "letters.pdf")
    assert result.exit_code == 0, result.output
    assert "3/3 attendees, " in result.stderr
    assert " letters/s, about " in result.stderr
    assert "\r" not in result.stderr
    assert result.stdout == ""  # the PDF goes to --out


def test_on_a_terminal_progress_is_a_bar_redrawn_in_place():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown, seconds = Terminal(), iter(range(100))
    progress = Progress(attendees=4, letters=12, stream=shown, clock=lambda: next(seconds))
    for _ in range(4):
        progress.advance(3)  # an attendee's three letters a second
    progress.finish()
    redrawn = shown.getvalue().split("\r")[1:]
    assert len(redrawn) == 4
    half = "[" + "#" * 15 + "-" * 15 + "] 2/4 attendees, 3.0 letters/s, about 2 s left\033[K"
    assert redrawn[1] == half
    assert redrawn[-1].endswith("4/4 attendees, 3.0 letters/s, about 0 s left\033[K\n")


def test_the_pdf_can_go_to_standard_output(app, tmp_path):
    sheet = write_sheet(tmp_path, [attendee("Ann Alpha", recipients="kremlin")])
    result = run(app, "batch", SLUG, str(sheet), "--out", "-", "--no-guide")
    assert result.exit_code == 0, result.output
    assert len(PdfReader(io.BytesIO(result.stdout_bytes)).pages) == 1


def test_the_output_needs_a_place_to_go(app, tmp_path):
    sheet = write_sheet(tmp_path, [attendee("Ann Alpha")])
    nowhere = run(app, "batch", SLUG, str(sheet))
    assert nowhere.exit_code == 2
    assert "--out letters.pdf, or --split DIR" in nowhere.stderr
    missing = batch(app, sheet, tmp_path / "no-such-folder" / "letters.pdf")
    assert missing.exit_code == 2
    assert "there is no folder" in missing.stderr


@pytest.mark.parametrize(
    ("header", "said"),
    [
        ("name,about,points,recipients,email,Phone", "columns the form does not: email, phone"),
        ("name,about,points", "lacks the columns recipients"),
        ("name,about,points,recipients,Name", "more than once: name"),
    ],
)
def test_a_sheet_with_wrong_columns_is_refused_naming_them(app, tmp_path, header, said):
    sheet = tmp_path / "attendees.csv"
    sheet.write_text(f"{header}\nAnn,Me,investigate;justice,kremlin,x,y\n", encoding="utf-8")
    result = batch(app, sheet, tmp_path / "letters.pdf")
    assert result.exit_code == 1
    assert said in result.stderr
    assert not (tmp_path / "letters.pdf").exists()


def test_column_names_are_read_as_people_type_them(app, tmp_path):
    sheet = tmp_path / "attendees.csv"
    sheet.write_text(
        " Name ,About,POINTS, recipients,\nAnn Alpha,I write.,investigate;justice,kremlin,\n",
        encoding="utf-8",
    )
    result = batch(app, sheet, tmp_path / "letters.pdf", "--no-guide")
    assert result.exit_code == 0, result.output
    assert "Ann Alpha" in pages_of(tmp_path / "letters.pdf")[0]


def test_a_sheet_that_is_not_utf8_is_refused_with_what_to_do(app, tmp_path):
    sheet = write_sheet(tmp_path, [attendee("Zoë Latin")], encoding="latin-1")
    result = batch(app, sheet, tmp_path / "letters.pdf")
    assert result.exit_code == 1
    assert 'save it from the spreadsheet as "CSV UTF-8"' in result.stderr
    assert "Zoë" not in result.output


def test_checkboxes_take_yes_or_no_and_nothing_else(app, tmp_path):
    rows = [attendee("Ann Alpha", recipients="kremlin", envelopes="maybe")]
    result = batch(app, write_sheet(tmp_path, rows), tmp_path / "letters.pdf")
    assert result.exit_code == 1
    assert "row 2, envelopes: Write yes or no (empty is no)" in result.stderr
    assert "No row of attendees.csv could be made" in result.stderr
    assert not (tmp_path / "letters.pdf").exists()


def listing(folder: Path) -> set[str]:
    return set(os.listdir(folder))


def test_nothing_typed_is_left_anywhere_but_the_output(app, tmp_path, caplog):
    caplog.set_level("DEBUG")
    canary = "Canary7Q3Z"
    rows = [
        attendee(f"{canary} Good", about=f"I am {canary}.", message=f"Free {canary} now."),
        attendee(f"{canary} Bad", about=f"{canary} " * 80),  # too long: reported, skipped
    ]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    sheet = write_sheet(tmp_path, rows)
    temp_before, out_before = listing(Path(tempfile.gettempdir())), listing(out_dir)

    result = batch(app, sheet, out_dir / "letters.pdf")

    assert result.exit_code == 1
    assert "row 3, about: The sentence about yourself must be 300 characters" in result.stderr
    assert listing(out_dir) == out_before | {"letters.pdf"}
    assert listing(Path(tempfile.gettempdir())) - temp_before == set()
    assert canary not in result.output
    assert canary not in caplog.text
    reader = PdfReader(out_dir / "letters.pdf")
    assert canary not in str(reader.metadata)
    assert any(canary in page for page in pages_of(out_dir / "letters.pdf"))
    assert (out_dir / "letters.pdf").stat().st_mode & 0o077 == 0  # its owner's alone


def test_a_file_that_fails_while_written_leaves_nothing(tmp_path):
    with pytest.raises(TypeError):
        write_whole(tmp_path / "letters.pdf", "text, not the bytes of a PDF")
    assert os.listdir(tmp_path) == []


def test_each_row_made_counts_as_a_batch_and_nothing_else_is_stored(tmp_path):
    database = tmp_path / "counts.sqlite3"
    app = make_app(COUNTS_ENABLED=True, DATABASE_URL=f"sqlite:///{database}")
    canary = "Canary5K8W"
    rows = [
        attendee(f"{canary} One", recipients="kremlin;embassy"),
        attendee(f"{canary} Two", letter_language="fr", points="justice;safety;condemn"),
        attendee(f"{canary} Bad", about=""),
    ]
    result = batch(app, write_sheet(tmp_path, rows), tmp_path / "letters.pdf", "--jobs", "2")
    assert result.exit_code == 1

    with app.app_context():
        (figures,) = counts().figures(SLUG)
    assert [(d.channel, d.letters, d.requests) for d in figures.days] == [("batch", 5, 2)]
    assert dict(figures.languages) == {"en": 2, "fr": 3}
    assert dict(figures.point_sets) == {("investigate", "justice"): 1, _sorted_points(): 1}
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(FULL)")
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("counts.sqlite3*"))
    assert canary.encode() not in stored


def _sorted_points() -> tuple[str, ...]:
    return tuple(sorted(("justice", "safety", "condemn")))


def test_the_guide_alone_is_a_document_in_its_own_language(app):
    with app.app_context():
        services = app.extensions["campaign"]
        action = services.content.action(SLUG)
        pdf = make_guide(
            action,
            {"kremlin"},
            "a4",
            language="fr",
            documents=services.documents,
            renderer=services.renderer,
        )
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    (page,) = pdf_pages(pdf)
    assert page.startswith("Comment envoyer vos lettres")
    assert "Signez votre lettre" in page  # one official: one letter
    assert "enveloppe DL à fenêtre" in page
