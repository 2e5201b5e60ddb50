"""`flask --app campaign organisers set-password`: the password of the organisers' page.

Only a strong hash of it is kept (see campaign/web/organiser_access.py); setting a new one
ends every organiser's session.
"""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from campaign.web.organiser_access import (
    MIN_PASSWORD_LENGTH,
    PasswordTooShort,
    password_file,
    store_password,
)


@click.group("organisers")
def cli() -> None:
    """The organisers' page, /organisers/."""


def _long_enough(password: str) -> str:
    """Refuse a short password at the prompt, which then asks again."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.BadParameter(str(PasswordTooShort()))
    return password


@cli.command("set-password")
@click.option(
    "--from-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input, for scripts.",
)
@with_appcontext
def set_password(from_stdin: bool) -> None:
    """Set the password of /organisers/; signed-in organisers must sign in again."""
    if from_stdin:
        password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    else:
        password = click.prompt(
            f"New password (at least {MIN_PASSWORD_LENGTH} characters)",
            hide_input=True,
            confirmation_prompt="Type it again",
            value_proc=_long_enough,
        )
    path = password_file(current_app)
    try:
        store_password(path, password)
    except PasswordTooShort as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Password set (its hash is in {path}). Sign in at /organisers/.")
