"""`flask --app campaign actions list|check`: the actions a deployment serves, and their review.

The group is also declared as a Flask command plugin (pyproject.toml), so `actions check` can
name every mistake in a new action file even when that mistake stops the app from starting.
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click
from flask import Flask
from flask.cli import ScriptInfo

from campaign.config import PROJECT_DIR, load_config
from campaign.content import ContentError, load_action, load_officials
from campaign.content.load import action_files, action_label
from campaign.documents import LetterDocuments
from campaign.review import review_action
from campaign.services import Services, letter_date_now, shared_renderer


@click.group("actions")
def cli() -> None:
    """List and check the actions: one YAML file each in the actions folder."""


def _app() -> Flask:
    return click.get_current_context().ensure_object(ScriptInfo).load_app()


@cli.command("list")
def list_actions() -> None:
    """Print each action: slug, reference, title, open or closed, deadline."""
    services: Services = _app().extensions["campaign"]
    today = services.today()
    rows = [("slug", "reference", "title", "status", "deadline")]
    for action in sorted(services.content.actions, key=lambda a: a.issued, reverse=True):
        status = f"closed {action.closed.date}" if action.is_closed(today) else "open"
        deadline = str(action.deadline) if action.deadline else "-"
        rows.append((action.slug, action.reference, action.title, status, deadline))
    widths = [max(len(row[n]) for row in rows) for n in range(len(rows[0]) - 1)]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            + "  "
            + row[-1]
        )


def _settings() -> Mapping[str, Any]:
    """Return the app's configuration; as start-up would read it when the app cannot start."""
    try:
        return _app().config
    except ContentError:
        bare = Flask("campaign")
        load_config(bare, None)
        return bare.config


@cli.command("check")
@click.argument("slugs", nargs=-1)
def check_actions(slugs: tuple[str, ...]) -> None:
    """Load and review every action (or those named) exactly as start-up does, and more.

    For each action, in each of its languages: tweets within X's limit, every character
    printable, the letter checker's rules over a sample of composed letters, one page per
    letter at maximum input on both papers, and how alike 40 supporters' letters are. A
    language lacking a paragraph, point or phrasing another has fails to load. Exits with 1
    when anything fails, naming the file, entry and field of each problem.
    """
    settings = _settings()
    actions_dir = Path(settings["ACTIONS_DIR"])
    recipients_file = Path(settings["RECIPIENTS_FILE"])
    try:
        officials = load_officials(recipients_file)
        paths = action_files(actions_dir)
    except ContentError as error:
        click.echo(f"FAIL  {error}")
        raise SystemExit(1) from None
    by_slug = {path.stem: path for path in paths}
    unknown = [slug for slug in slugs if slug not in by_slug]
    for slug in unknown:
        click.echo(f"FAIL  {actions_dir.name}/{slug}.yaml: no such action file")
    chosen = [by_slug[slug] for slug in slugs if slug in by_slug] if slugs else paths
    renderer = shared_renderer(Path(settings["PDF_ASSETS_DIR"]))
    documents = LetterDocuments(PROJECT_DIR / "templates")
    today = letter_date_now(settings["TIMEZONE"])
    failed = len(unknown)
    for path in chosen:
        click.echo(f"{path.stem}  ({action_label(path)})")
        try:
            action = load_action(path, officials)
        except ContentError as error:
            click.echo(f"  FAIL  loads and validates as at start-up\n        {error}")
            failed += 1
            continue
        click.echo(
            "  ok    loads and validates as at start-up, with every paragraph, point and "
            f"phrasing in each of its languages: {', '.join(action.languages)}"
        )
        findings = []
        for language in action.languages:
            click.echo(f"  in {language}:")
            found = review_action(
                action,
                documents=documents,
                renderer=renderer,
                directory=recipients_file.name,
                officials=officials,
                today=today,
                language=language,
            )
            for finding in found:
                click.echo(f"  {'ok  ' if finding.ok else 'FAIL'}  {finding.summary}")
                for problem in finding.problems:
                    click.echo(f"        {problem}")
            findings += found
        failed += not all(finding.ok for finding in findings)
    checked = len(chosen) + len(unknown)
    if failed:
        click.echo(f"{failed} of {checked} action(s) have problems.")
        raise SystemExit(1)
    click.echo(f"All {checked} action(s) hold.")
