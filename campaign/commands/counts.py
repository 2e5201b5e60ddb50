"""`flask --app campaign counts migrate` and `flask --app campaign stats [SLUG] [--csv FILE]`.

The figures are sums per day (see campaign/counts): who wrote, and when in the day, is
nowhere to print.
"""

from collections.abc import Iterator

import click
from flask.cli import with_appcontext

from campaign.counts import ActionFigures, Counts, CountsUnavailable, counts
from campaign.services import services


@click.group("counts")
def cli() -> None:
    """The database of letter counts."""


@cli.command("migrate")
@with_appcontext
def migrate_command() -> None:
    """Create or upgrade the counts' tables (the app also does it as it starts)."""
    counting = _counting()
    try:
        counting.migrate()
    except Exception as error:
        raise click.ClickException(
            f"The {counting.database.kind} database could not be migrated: {error}"
        ) from None
    click.echo(f"The {counting.database.kind} database of counts is up to date.")


@click.command("stats")
@click.argument("slug", required=False)
@click.option(
    "--csv",
    "csv_file",
    type=click.File("w", encoding="utf-8", lazy=True),
    help="Write the stored rows as CSV to this file ('-' for the standard output).",
)
@with_appcontext
def stats_command(slug: str | None, csv_file) -> None:
    """Print each action's letters (or SLUG's): per day by channel, point sets, languages."""
    counting = _counting()
    known = sorted(action.slug for action in services().content.actions)
    try:
        if slug is not None and slug not in known and not _counted(counting, slug):
            raise click.UsageError(f"No action {slug!r}: the actions are {', '.join(known)}")
        if csv_file is not None:
            counting.write_csv(csv_file, slug)
            if csv_file.name != "-":
                click.echo(f"Wrote the counts to {csv_file.name}.", err=True)
            return
        counted = {figures.action: figures for figures in counting.figures(slug)}
    except CountsUnavailable as error:
        raise click.ClickException(f"No figures: {error}.") from None
    slugs = [slug] if slug else sorted(set(known) | set(counted))
    for number, action in enumerate(slugs):
        if number:
            click.echo()
        figures = counted.get(action) or counting.figures(action)[0]
        click.echo("\n".join(_table(figures)))


def _counting() -> Counts:
    counting = counts()
    if not counting.enabled:
        raise click.UsageError("Counting is off (CAMPAIGN_COUNTS_ENABLED=false): no database.")
    return counting


def _counted(counting: Counts, slug: str) -> bool:
    """True if the slug has counts: an action since removed from the folder still has figures."""
    figures = counting.figures(slug)[0]
    return bool(figures.total or figures.posted)


def _table(figures: ActionFigures) -> Iterator[str]:
    """Yield the lines of one action's figures: totals, then days, point sets, languages."""
    posted = f"{figures.posted} supporter{'' if figures.posted == 1 else 's'}"
    yield f"{figures.action}: {figures.total} letters made; {posted} said they posted theirs"
    if not figures.days:
        return
    yield from _columns(
        ("day", "channel", "letters", "requests"),
        [(str(d.day), d.channel, str(d.letters), str(d.requests)) for d in figures.days],
    )
    yield from _columns(
        ("points chosen", "requests"),
        [(", ".join(points) or "(none)", str(n)) for points, n in figures.point_sets],
    )
    yield from _columns(
        ("language", "letters"), [(language, str(n)) for language, n in figures.languages]
    )


def _columns(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Iterator[str]:
    """Yield an indented table: text columns left-aligned, the figures right-aligned."""
    yield ""
    widths = [max(len(row[n]) for row in [header, *rows]) for n in range(len(header))]
    figures = [all(row[n].isdigit() for row in rows) for n in range(len(header))]
    for row in [header, *rows]:
        cells = [
            cell.rjust(width) if figure else cell.ljust(width)
            for cell, width, figure in zip(row, widths, figures, strict=True)
        ]
        yield "  " + "  ".join(cells).rstrip()
