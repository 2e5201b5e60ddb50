"""`flask --app campaign share SLUG`: a share kit for a letter-writing table.

It prints the action's link (with points and officials ticked, and the page's language,
when asked) and writes the link's QR code (SVG and PNG) and a one-page poster (PDF) around
it. The link holds only what the form takes from a link; the poster is made by the same
restricted PDF step as the letters, so it fetches nothing but the bundled fonts and styles.
"""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from campaign.commands.common import open_action, public_base_url
from campaign.content import Action
from campaign.content.rules import MAX_POINTS
from campaign.documents import PAPERS
from campaign.documents.poster import QUIET_ZONE, qr_code
from campaign.pdf import RenderError
from campaign.services import services
from campaign.web.links import action_link, preselect_query

# The PNG's modules: 12 pixels each, at 300 dots an inch, is a millimetre a module (a code
# of five or six centimetres) when printed at its size; the SVG draws a millimetre each too.
PNG_SCALE = 12
PNG_DPI = 300


@click.command("share")
@click.argument("slug")
@click.option("--points", "point_ids", multiple=True, metavar="ID", help="A point to tick.")
@click.option(
    "--recipients", "recipient_ids", multiple=True, metavar="ID", help="An official to tick."
)
@click.option(
    "--lang", "language", metavar="LANG", help="The page's and poster's language, e.g. fr."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The folder to write the QR code and poster into.",
)
@click.option(
    "--paper",
    type=click.Choice(list(PAPERS)),
    default="letter",
    show_default=True,
    help="The poster's paper size.",
)
@click.option(
    "--base-url",
    help="Where supporters reach the site, e.g. https://letters.example.org "
    "(default: CAMPAIGN_PUBLIC_URL).",
)
@with_appcontext
def share_command(
    slug: str,
    point_ids: tuple[str, ...],
    recipient_ids: tuple[str, ...],
    language: str | None,
    out: Path,
    paper: str,
    base_url: str | None,
) -> None:
    """Print the link to the action SLUG, and write its QR code and a poster for it.

    Repeat --points and --recipients to tick several.
    """
    base_url = public_base_url(base_url)
    action = open_action(slug)
    _check_choices(action, point_ids, recipient_ids, language)
    query = preselect_query(action, points=point_ids, recipients=recipient_ids, language=language)
    link = action_link(base_url, slug, query)
    poster = _poster(action, link, language or action.language, paper)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / share_stem(slug, language)
    code = qr_code(link)
    code.save(f"{stem}.svg", kind="svg", border=QUIET_ZONE, scale=1, unit="mm")
    code.save(f"{stem}.png", kind="png", border=QUIET_ZONE, scale=PNG_SCALE, dpi=PNG_DPI)
    Path(f"{stem}.pdf").write_bytes(poster)
    click.echo(link)
    click.echo(f"Wrote {stem}.svg, {stem}.png and {stem}.pdf", err=True)


def share_stem(slug: str, language: str | None) -> str:
    """Return the kit's file names without their suffix: the action's, and the language asked."""
    return f"share-{slug}-{language}" if language else f"share-{slug}"


def _check_choices(
    action: Action,
    point_ids: tuple[str, ...],
    recipient_ids: tuple[str, ...],
    language: str | None,
) -> None:
    """Refuse, in one sentence, a point, official or language the action's page would not take."""
    for kind, given, known in (
        ("point", point_ids, [p.id for p in action.points]),
        ("official", recipient_ids, [r.id for r in action.recipients]),
    ):
        unknown = [value for value in given if value not in known]
        if unknown:
            raise click.UsageError(
                f"The action {action.slug!r} has no {kind} {unknown[0]!r}: "
                f"its {kind}s are {', '.join(known)}"
            )
    if len(set(point_ids)) > MAX_POINTS:
        raise click.UsageError(f"Choose at most {MAX_POINTS} points: a letter makes no more")
    offered = [lang for lang in action.languages if lang in current_app.config["LANGUAGES"]]
    if language is not None and language not in offered:
        raise click.UsageError(
            f"The action {action.slug!r} is not offered in {language!r}: "
            f"its languages are {', '.join(offered)}"
        )


def _poster(action: Action, link: str, language: str, paper: str) -> bytes:
    """Return the poster as a one-page PDF, made by the letters' PDF step."""
    html = services().documents.render_poster(action, link, language)
    try:
        return services().renderer.render_pdf([html], paper, pages=1)
    except RenderError as error:
        raise click.ClickException(f"The poster could not be made: {error}") from error
