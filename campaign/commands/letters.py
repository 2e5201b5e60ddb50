"""`flask --app campaign letters template|batch`: a letter-writing evening's letters at once.

An organiser gathers the attendees' answers in a spreadsheet, one row each with the form's
fields as columns, and prints everyone's letters as one file. Each row is checked by the
form itself, so its limits and messages are the page's; each kit is made by the one kit
pipeline, in a pool of processes forked from this one, so the app and its warmed renderer
are loaded once, as the production server preloads them. Nothing from the spreadsheet is
written anywhere but the output: reports name a row, a field and the form's message, never
what was typed.
"""

import csv
import gc
import io
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from typing import BinaryIO, TextIO

import click
from flask import current_app
from flask.cli import with_appcontext
from pypdf import PdfReader, PdfWriter
from werkzeug.datastructures import MultiDict

from campaign.commands.common import open_action
from campaign.compose import Answers
from campaign.content import Action
from campaign.counts import counts
from campaign.kit import KitOptions, KitTooLarge, make_guide, make_kit
from campaign.pdf import DoesNotFit
from campaign.services import Services, services
from campaign.web.action import TOO_LARGE_TO_SEND, TOO_LONG_TO_PRINT
from campaign.web.forms import LetterForm

# The form's fields an attendee fills in, in the form's order: the spreadsheet's columns.
COLUMNS = (
    "name",
    "about",
    "location",
    "return_address",
    "address",
    "country",
    "message",
    "points",
    "recipients",
    "paper",
    "guide",
    "envelopes",
    "letter_language",
)
# Without these no row could pass the form's check; the others have the form's defaults.
REQUIRED_COLUMNS = ("name", "about", "points", "recipients")
# Several values in one cell, `;` between them, as the form sends several ticked boxes.
LISTS = ("points", "recipients")
# A choice among the form's own values, which people type in any case.
CHOICES = ("return_address", "paper", "letter_language")
# Ticked or not: what spreadsheets and people write for a checkbox (empty is not ticked).
CHECKBOXES = ("guide", "envelopes")
YES = frozenset({"yes", "y", "true", "1", "x"})
NO = frozenset({"no", "n", "false", "0", ""})
NOT_YES_OR_NO = "Write yes or no (empty is no)"
EXTRA_CELLS = "The row has more cells than the header has columns"
COULD_NOT_MAKE = "The letters could not be made ({reason})"
# Plain progress lines, when nobody watches a terminal: every so many rows or seconds.
PROGRESS_ROWS = 10
PROGRESS_SECONDS = 5.0
BAR_WIDTH = 30


class SheetError(click.ClickException):
    """The spreadsheet as a whole cannot be read: its encoding, header or CSV."""


@dataclass(frozen=True)
class Problem:
    """Something wrong with one row: its number as a spreadsheet shows it, the field, and the
    form's message. Never the value."""

    row: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, {self.field}" if self.field else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Attendee:
    """One row the form accepted: what its kit is made from."""

    row: int
    answers: Answers
    options: KitOptions  # never with a guide: the evening has one, at the front
    language: str
    wants_guide: bool

    @property
    def letters(self) -> int:
        """Return how many letters the kit holds: one per official."""
        return len(self.answers.recipients)


@dataclass(frozen=True)
class Made:
    """A kit as a worker returns it: its PDF, or the kind of failure (an exception's name)."""

    pdf: bytes | None
    failure: str | None = None


@dataclass(frozen=True)
class Evening:
    """What every kit of the batch shares. Forked workers inherit it (see `made_kits`)."""

    action: Action
    services: Services
    today: date
    timeout: float | None


# The batch being made, set in the parent just before the pool forks its workers.
_evening: Evening | None = None


@click.group("letters")
def cli() -> None:
    """Make a letter-writing evening's letters from a spreadsheet of attendees' answers."""


@cli.command("template")
@click.argument("slug")
@with_appcontext
def template_command(slug: str) -> None:
    """Print a spreadsheet (CSV) to fill in for the action SLUG: one row per attendee.

    The columns are the form's fields; the example row shows what each takes. points and
    recipients take the ids listed on the terminal, several with `;` between them; paper is
    letter or a4; guide and envelopes yes or no; letter_language one of the action's.
    """
    action = open_action(slug)
    writer = csv.writer(sys.stdout)
    writer.writerow(COLUMNS)
    writer.writerow(example_row(action))
    click.echo(f"points: {', '.join(point.id for point in action.points)}", err=True)
    click.echo(f"recipients: {', '.join(r.id for r in action.recipients)}", err=True)
    click.echo(f"letter_language: {', '.join(action.languages)}", err=True)


def example_row(action: Action) -> tuple[str, ...]:
    """Return an attendee's row that the form accepts, with the action's real ids."""
    example = {
        "name": "Alex Martin",
        "about": "I am a teacher and a member of our local Amnesty group.",
        "location": "Halifax, Nova Scotia",
        "return_address": "own",
        "address": "12 Example Street\nHalifax, NS B3H 1A1",
        "country": action.country or "",
        "message": "Please act without delay.",
        "points": ";".join(point.id for point in action.points[:2]),
        "recipients": ";".join(recipient.id for recipient in action.recipients),
        "paper": "letter",
        "guide": "yes",
        "envelopes": "no",
        "letter_language": action.languages[0],
    }
    return tuple(example[column] for column in COLUMNS)


@cli.command("batch")
@click.argument("slug")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The one PDF of every attendee's letters (- for standard output).",
)
@click.option(
    "--split",
    type=click.Path(file_okay=False, path_type=Path),
    help="A folder for one PDF per attendee, named by row: attendee-003.pdf (and guide.pdf).",
)
@click.option(
    "--guide/--no-guide",
    default=None,
    help="One sending guide for the evening first, for every official written to "
    "[default: when a row asks for one].",
)
@click.option("--lang", help="The guide's language [default: the action's].")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="every core",
    help="How many processes make letters at once.",
)
@with_appcontext
def batch_command(
    slug: str,
    sheet: Path,
    out: Path | None,
    split: Path | None,
    guide: bool | None,
    lang: str | None,
    jobs: int,
) -> None:
    """Make the letters of every attendee in SHEET (a CSV, as `letters template` writes it).

    Each row is checked as the form checks it; a row with mistakes is reported (row number,
    field, message) and skipped, and the others are made, each attendee's letters together
    in the sheet's order. Exits with 1 when any row was skipped.
    """
    if out is None and split is None:
        raise click.UsageError("Say where the letters go: --out letters.pdf, or --split DIR")
    if out is not None and str(out) != "-" and not out.parent.is_dir():
        raise click.UsageError(f"--out: there is no folder {out.parent}")
    action = open_action(slug)
    language = lang or action.language
    if language not in current_app.config["LANGUAGES"]:
        raise click.UsageError(
            f"--lang {language!r}: the guide can be in {', '.join(current_app.config['LANGUAGES'])}"
        )
    columns, rows = read_sheet(sheet)
    attendees, problems = check_rows(action, columns, rows)
    for problem in problems:
        click.echo(str(problem), err=True)
    evening = Evening(
        action=action,
        services=services(),
        today=services().today(),
        timeout=current_app.config["RENDER_TIMEOUT"],
    )
    started = time.monotonic()
    kits, failed = make_kits(evening, attendees, jobs)
    for problem in failed:
        click.echo(str(problem), err=True)
    problems += failed
    made = [attendee for attendee, _ in kits]
    if not made:
        raise click.ClickException(f"No row of {sheet.name} could be made: nothing was written")
    wanted = guide if guide is not None else any(attendee.wants_guide for attendee in made)
    guide_pdf = evening_guide(evening, made, language) if wanted else None
    write_output(action, kits, guide_pdf, out=out, split=split)
    letters = sum(attendee.letters for attendee in made)
    click.echo(
        f"Made {letters} letters for {len(made)} attendees in {time.monotonic() - started:.1f} s"
        f"{f', with a sending guide in {language}' if guide_pdf else ''}.",
        err=True,
    )
    if problems:
        rows_skipped = sorted({problem.row for problem in problems})
        numbers = ", ".join(map(str, rows_skipped))
        click.echo(
            f"Skipped row {numbers}: correct it and make it again."
            if len(rows_skipped) == 1
            else f"Skipped rows {numbers}: correct them and make those rows again.",
            err=True,
        )
        raise SystemExit(1)


def read_sheet(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Return the columns' names and each row that is not blank, with its number.

    Spreadsheets write UTF-8 with or without a byte-order mark, `,` or `;` between cells
    (`;` where a comma is the decimal mark), Windows line ends, and cells that span lines.
    A row's number is the one the spreadsheet shows: the header is row 1.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(
            f'{path.name} is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8"'
        ) from None
    header_line = text.split("\n", 1)[0]  # the form's field names hold no separator or quote
    separator = ";" if header_line.count(";") > header_line.count(",") else ","
    records = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    number = 1
    try:
        header = next(records, [])
        rows = []
        for number, cells in enumerate(records, start=2):
            if any(cell.strip() for cell in cells):
                rows.append((number, cells))
    except csv.Error as error:  # its messages name characters of the format, never a value
        raise SheetError(f"{path.name} is not CSV from row {number + 1}: {error}") from None
    return column_names(path, header), rows


def column_names(path: Path, header: Sequence[str]) -> list[str]:
    """Return the header's column names, checked: every one the form's, none twice.

    Names are read as people type them (any case, spaces around); a blank one, such as a
    spreadsheet's trailing separator makes, is no column and its cells are ignored.
    """
    names = [cell.strip().lower() for cell in header]
    unknown = [name for name in names if name and name not in COLUMNS]
    if unknown:
        raise SheetError(
            f"{path.name} has columns the form does not: {', '.join(unknown)}. "
            f"The columns are {', '.join(COLUMNS)}"
        )
    twice = sorted({name for name in names if name and names.count(name) > 1})
    if twice:
        raise SheetError(f"{path.name} has these columns more than once: {', '.join(twice)}")
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise SheetError(
            f"{path.name} lacks the columns {', '.join(missing)}, which every letter needs: "
            "see `flask --app campaign letters template`"
        )
    return names


def check_rows(
    action: Action, columns: Sequence[str], rows: Sequence[tuple[int, list[str]]]
) -> tuple[list[Attendee], list[Problem]]:
    """Check every row as the form checks a supporter's answers; return those it accepts and
    what is wrong with the others.

    The form is built as a request would build it, without CSRF (no browser, no session),
    so that its limits and messages are the page's own, in English.
    """
    attendees, problems = [], []
    coverage = services().renderer.coverage
    with current_app.test_request_context(method="POST"):
        for number, cells in rows:
            data, found = form_data(number, columns, cells)
            form = LetterForm(action, coverage=coverage, formdata=data, meta={"csrf": False})
            valid = form.validate()
            found += [Problem(number, field.name, str(m)) for field in form for m in field.errors]
            if found or not valid:
                problems += sorted(found, key=_field_order)
                continue
            attendees.append(
                Attendee(
                    row=number,
                    answers=form.answers(),
                    options=replace(form.kit_options(), guide=False),
                    language=form.chosen_language(),
                    wants_guide=bool(form.guide.data),
                )
            )
    return attendees, problems


def _field_order(problem: Problem) -> int:
    return COLUMNS.index(problem.field) if problem.field in COLUMNS else -1


def form_data(
    number: int, columns: Sequence[str], cells: Sequence[str]
) -> tuple[MultiDict, list[Problem]]:
    """Return a row as the form would post it, and what cannot be posted at all.

    An empty choice is not sent, so the form's default applies, as for a link without it.
    """
    data: MultiDict[str, str] = MultiDict([("format", "pdf")])
    problems = []
    if any(cell.strip() for cell in cells[len(columns) :]):
        problems.append(Problem(number, None, EXTRA_CELLS))
    for name, cell in zip(columns, cells, strict=False):
        if not name:
            continue
        if name in LISTS:
            for value in cell.split(";"):
                if value.strip():
                    data.add(name, value.strip())
        elif name in CHECKBOXES:
            answer = cell.strip().lower()
            if answer in YES:
                data.add(name, "y")
            elif answer not in NO:
                problems.append(Problem(number, name, NOT_YES_OR_NO))
        elif name in CHOICES:
            if cell.strip():
                data.add(name, cell.strip().lower())
        else:
            data.add(name, cell)
    return data, problems


def make_kits(
    evening: Evening, attendees: Sequence[Attendee], jobs: int
) -> tuple[list[tuple[Attendee, bytes]], list[Problem]]:
    """Make each attendee's kit, showing progress; count each one made, as it is made.

    Returns the kits in the sheet's order, and the rows whose kit could not be made.
    """
    kits, problems = [], []
    progress = Progress(len(attendees), sum(a.letters for a in attendees))
    for attendee, made in made_kits(evening, attendees, jobs):
        if made.pdf is None:
            problems.append(failure_problem(attendee.row, made.failure))
        else:
            kits.append((attendee, made.pdf))
            counts().letters_made(
                evening.action.slug,
                channel="batch",
                language=attendee.language,
                points=attendee.answers.points,
                letters=attendee.letters,
            )
        progress.advance(attendee.letters)
    progress.finish()
    return kits, problems


def failure_problem(row: int, failure: str | None) -> Problem:
    """Say why a row's kit was not made, as the form says it to a supporter when it can."""
    if failure == DoesNotFit.__name__:
        return Problem(row, "message", str(TOO_LONG_TO_PRINT))
    if failure == KitTooLarge.__name__:
        return Problem(row, "message", str(TOO_LARGE_TO_SEND))
    return Problem(row, None, COULD_NOT_MAKE.format(reason=failure))


def made_kits(
    evening: Evening, attendees: Sequence[Attendee], jobs: int
) -> Iterator[tuple[Attendee, Made]]:
    """Yield each attendee with their kit, in the sheet's order, made by `jobs` processes.

    The workers are forked from this process, the app and its warmed renderer already
    loaded (as the production server's are); the memory they share is frozen first, so the
    collector does not copy it into each of them.
    """
    global _evening
    _evening = evening
    jobs = min(jobs, len(attendees))
    try:
        if jobs <= 1:
            for attendee in attendees:
                yield attendee, make_attendee_kit(attendee)
            return
        gc.freeze()
        pool = ProcessPoolExecutor(jobs, mp_context=get_context("fork"))
        try:
            futures = [pool.submit(make_attendee_kit, attendee) for attendee in attendees]
            for attendee, future in zip(attendees, futures, strict=True):
                yield attendee, future.result()
        finally:
            pool.shutdown(cancel_futures=True)
    finally:
        _evening = None
        gc.unfreeze()


def make_attendee_kit(attendee: Attendee) -> Made:
    """Make one attendee's kit through the one kit pipeline, with the evening's renderer.

    Runs in a worker: a failure comes back as its kind only, since an exception's message
    could hold what the attendee wrote.
    """
    evening = _evening
    try:
        pdf = make_kit(
            evening.action,
            attendee.answers,
            attendee.options,
            today=evening.today,
            documents=evening.services.documents,
            renderer=evening.services.renderer,
            timeout=evening.timeout,
            language=attendee.language,
        )
    except Exception as error:  # reported as the row's, and the batch goes on
        return Made(None, type(error).__name__)
    return Made(pdf)


def evening_guide(evening: Evening, made: Sequence[Attendee], language: str) -> bytes:
    """Return one sending guide for every official anyone wrote to, on the paper most used."""
    officials = {recipient for attendee in made for recipient in attendee.answers.recipients}
    paper = Counter(attendee.options.paper for attendee in made).most_common(1)[0][0]
    return make_guide(
        evening.action,
        officials,
        paper,
        language=language,
        documents=evening.services.documents,
        renderer=evening.services.renderer,
        timeout=evening.timeout,
    )


def write_output(
    action: Action,
    kits: Sequence[tuple[Attendee, bytes]],
    guide_pdf: bytes | None,
    *,
    out: Path | None,
    split: Path | None,
) -> None:
    """Write the one file (the guide first), and one file per attendee, each whole or not at all."""
    guide = [guide_pdf] if guide_pdf else []
    if out is not None:
        merged = merge([*guide, *(pdf for _, pdf in kits)], title=f"Letters — {action.reference}")
        if str(out) == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(merged)
            sys.stdout.buffer.flush()
        else:
            write_whole(out, merged)
    if split is not None:
        split.mkdir(parents=True, exist_ok=True)
        for attendee, pdf in kits:
            write_whole(split / f"attendee-{attendee.row:03d}.pdf", pdf)
        if guide_pdf:
            write_whole(split / "guide.pdf", guide_pdf)


def merge(pdfs: Sequence[bytes], *, title: str) -> bytes:
    """Return the PDFs as one, in order, titled by the action alone."""
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": title})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def write_whole(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: into a hidden file beside it, then renamed.

    The file is readable by its owner alone (it holds what the attendees wrote).
    """
    with _beside(path) as handle:
        handle.write(data)


@contextmanager
def _beside(path: Path) -> Iterator[BinaryIO]:
    """Yield a new file in the target's folder that becomes the target when the block ends,
    and is removed if it fails."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
        os.replace(name, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(name)
        raise


class Progress:
    """Say how far the batch is: a bar redrawn in place on a terminal, else a line now and
    then. Both give the letters made per second and the time left, on standard error."""

    def __init__(
        self,
        attendees: int,
        letters: int,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty()
        self.attendees, self.letters = attendees, letters
        self.done, self.letters_done = 0, 0
        self.clock = clock
        self.started = self.shown_at = clock()

    def advance(self, letters: int) -> None:
        """Count one attendee more, whose kit held so many letters."""
        self.done += 1
        self.letters_done += letters
        now = self.clock()
        if self.terminal:
            filled = BAR_WIDTH * self.done // max(1, self.attendees)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stream.write(f"\r[{bar}] {self.line(now)}\033[K")
            self.stream.flush()
        elif (
            self.done % PROGRESS_ROWS == 0
            or now - self.shown_at >= PROGRESS_SECONDS
            or self.done == self.attendees
        ):
            self.stream.write(self.line(now) + "\n")
            self.shown_at = now

    def finish(self) -> None:
        if self.terminal and self.done:
            self.stream.write("\n")

    def line(self, now: float) -> str:
        """Return "12/40 attendees, 3.1 letters/s, about 9 s left"."""
        elapsed = max(now - self.started, 1e-9)
        rate = self.letters_done / elapsed
        left = (self.letters - self.letters_done) / rate if rate else 0.0
        return f"{self.done}/{self.attendees} attendees, {rate:.1f} letters/s, {_about(left)} left"


def _about(seconds: float) -> str:
    """Return a duration as a person says it: "about 9 s", "about 3 min"."""
    if seconds < 90:
        return f"about {seconds:.0f} s"
    return f"about {seconds / 60:.0f} min"
