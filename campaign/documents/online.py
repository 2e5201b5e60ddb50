"""How each letter can be sent online: its text to copy, the official's web forms and emails."""

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from urllib.parse import quote

from campaign.compose.guide import dial_from_canada
from campaign.compose.letter import Letter
from campaign.documents.text import render_online_text

# Characters a line of the letter's box holds, about, on a phone: how tall the box is made where
# the browser cannot size it to its content.
BOX_LINE_CHARS = 40

# A mailto: link carries the letter only while the whole link, percent-encoded, is shorter than
# this: longer links fail in common webmail, which opens them as a web address. Past it, the link
# opens a message with the subject only and the supporter pastes the copied text. With the
# shipped wording a letter of two points and little of the supporter's own fits (about 1,900).
MAILTO_MAX_CHARS = 2000


@dataclass(frozen=True)
class EmailLink:
    """A mailto: link to one address; `with_body` says whether it carries the letter too."""

    address: str
    href: str
    with_body: bool


@dataclass(frozen=True)
class OnlineLetter:
    """One letter as the text page shows it: the text to copy and where to send it online."""

    letter: Letter
    text: str
    web_forms: tuple[str, ...]
    emails: tuple[EmailLink, ...]
    # The official's fax number as dialled from Canada, for those who cannot write online.
    fax: str | None

    @property
    def has_channel(self) -> bool:
        """Say whether the official can be written to online at all."""
        return bool(self.web_forms or self.emails)

    @property
    def rows(self) -> int:
        """Return how many lines the text takes in its box on a phone, each paragraph wrapped."""
        return sum(max(1, ceil(len(line) / BOX_LINE_CHARS)) for line in self.text.splitlines())


def _encode(value: str) -> str:
    """Percent-encode a field of a mailto: link, its line breaks as CRLF (RFC 6068)."""
    return quote(value.replace("\n", "\r\n"), safe="")


def _mailto(address: str, **fields: str) -> str:
    """Return a mailto: link to the address with these fields (subject, body)."""
    query = "&".join(f"{name}={_encode(value)}" for name, value in fields.items())
    return f"mailto:{quote(address, safe='@')}?{query}"


def email_link(address: str, subject: str, body: str) -> EmailLink:
    """Return the link that opens a message to the address: with the letter, if it fits."""
    whole = _mailto(address, subject=subject, body=body)
    if len(whole) < MAILTO_MAX_CHARS:
        return EmailLink(address=address, href=whole, with_body=True)
    return EmailLink(address=address, href=_mailto(address, subject=subject), with_body=False)


def online_letters(letters: Sequence[Letter], subject: str) -> list[OnlineLetter]:
    """Return each letter with its text to copy and its official's online channels.

    An email's subject is the one given (the action's title, naming the case in a few words).
    """
    found = []
    for letter in letters:
        text = render_online_text(letter)
        official = letter.recipient
        found.append(
            OnlineLetter(
                letter=letter,
                text=text,
                web_forms=tuple(c.address for c in official.online_channels("web")),
                emails=tuple(
                    email_link(c.address, subject, text) for c in official.online_channels("email")
                ),
                fax=dial_from_canada(official.fax) if official.fax else None,
            )
        )
    return found
