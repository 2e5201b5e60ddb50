"""Compose a supporter's letters: a pure function of the action, the officials and the answers."""

from dataclasses import dataclass, replace
from datetime import date

from campaign.compose.answers import Answers
from campaign.compose.text import isolate_bidi
from campaign.compose.variation import Variation
from campaign.content.models import Action, Recipient

_SENTENCE_ENDINGS = tuple(".!?…\"')»”’")


@dataclass(frozen=True)
class Sender:
    """Who signs the letter and where a reply can reach them.

    `address` is the return address below the name, ending with the country; it is the
    supporter's own, the action's group address, or empty, as the supporter chose.
    """

    name: str
    address: tuple[str, ...]
    location: str


@dataclass(frozen=True)
class Letter:
    """One letter to one official, ready to be laid out on a page or as text.

    `recipient` is who the page is posted to (their address shows in the window);
    `addressee` is who the letter is written to: the recipient, or the action's primary
    official when the page is a copy of the letter to them. `convey` asks a copy official
    written to instead of the primary to pass the appeal on.
    """

    reference: str
    recipient: Recipient
    addressee: Recipient
    copies: tuple[Recipient, ...]
    sender: Sender
    date: date
    opening: str
    concern: str
    call: str
    points: tuple[str, ...]
    message: tuple[str, ...]
    close: str
    valediction: str
    convey: str | None = None

    @property
    def is_copy(self) -> bool:
        """Say whether the page is a copy of a letter written to another official."""
        return self.addressee.id != self.recipient.id

    @property
    def copy_mark(self) -> str | None:
        """Return the line that marks a copy as the recipient's, or None for the letter itself."""
        if not self.is_copy:
            return None
        return f"Copy for {self.recipient.full_name}, {self.recipient.title}"

    @property
    def salutation(self) -> str:
        return self.addressee.salutation

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Return the body in reading order, each point and message paragraph on its own."""
        convey = (self.convey,) if self.convey else ()
        return (
            self.opening,
            self.concern,
            *convey,
            self.call,
            *self.points,
            *self.message,
            self.close,
        )


def _as_sentence(text: str) -> str:
    return text if text.endswith(_SENTENCE_ENDINGS) else f"{text}."


def return_address(action: Action, answers: Answers) -> tuple[str, ...]:
    """Return the lines the supporter signs with below their name, the country last."""
    country = answers.country or action.country
    if answers.return_address == "none":
        return ()
    if answers.return_address == "group" and action.group_address is not None:
        lines = (action.group_address.name, *action.group_address.lines)
        country = action.country
    else:
        lines = tuple(line for line in answers.address.split("\n") if line)
    # A country alone is no address: it ends one the supporter or the group gave.
    return (*lines, country) if lines and country else lines


def compose_letters(
    action: Action,
    answers: Answers,
    today: date,
    variation: Variation | None = None,
) -> list[Letter]:
    """Return one letter per chosen official, in the action's order.

    With the action's primary official chosen, there is one letter, to them: the other
    officials' pages are copies of it (its salutation and body, its list of copies). Without
    them, each official is written to in their own name and asked to pass the appeal on.
    Either way the wording is the supporter's own variation, chosen from their answers
    unless one is given.
    """
    variation = variation or Variation.from_answers(answers)
    wording = action.letter
    # Officials abroad get their country on the envelope, as seen from where the supporter posts.
    posted_from = answers.country or action.country
    chosen = [
        replace(r, posted_from=posted_from) for r in action.recipients if r.id in answers.recipients
    ]
    point_ids = variation.order("points", [p.id for p in action.points if p.id in answers.points])
    opening = variation.pick("opening", wording.openings)
    body = {
        "opening": f"{isolate_bidi(_as_sentence(answers.about))} {opening}",
        "concern": variation.pick("concern", wording.concerns),
        "call": variation.pick("call", wording.calls),
        "points": tuple(
            variation.pick(f"point:{pid}", action.point(pid).phrasings) for pid in point_ids
        ),
        "message": tuple(p for p in answers.message.split("\n\n") if p),
        "close": variation.pick("close", wording.closes),
    }
    sender = Sender(
        name=answers.name,
        address=return_address(action, answers),
        location=isolate_bidi(answers.location),
    )
    primary = next((r for r in chosen if r.role == "primary"), None)

    def letter(recipient: Recipient) -> Letter:
        if primary is not None:
            # One letter, to the primary; every page is it, the same list of copies too.
            addressee, convey = primary, None
            copies = tuple(r for r in chosen if r is not primary)
        else:
            addressee = recipient
            # Every copy official has phrasings of it (checked at start-up).
            convey = variation.pick(f"convey:{recipient.id}", recipient.convey)
            copies = tuple(r for r in chosen if r is not recipient)
        return Letter(
            reference=action.reference,
            recipient=recipient,
            addressee=addressee,
            convey=convey,
            copies=copies,
            sender=sender,
            date=today,
            valediction=wording.valediction,
            **body,
        )

    return [letter(recipient) for recipient in chosen]
