"""Compose a supporter's letters: a pure function of the action, the officials and the answers."""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from campaign.compose.answers import Answers
from campaign.compose.choice import choose_letter_phrasings
from campaign.compose.text import isolate_bidi
from campaign.compose.variation import Variation
from campaign.content.models import Action, LetterWording, Recipient

# What ends a sentence, in the scripts supporters write in; closing quotes and brackets
# may follow it ("I said 'never again.'").
_SENTENCE_ENDINGS = tuple(".!?…。！？؟۔।")
_CLOSERS = "\"')]»”’›"
_OPENERS = "\"'([«“‘‹¡¿"
# How many of the supporter's first words an opening may not repeat.
_CLASHING_WORDS = 3


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
    # The language the letter is written in: its dates and fixed words are written in it too.
    language: str = "en"

    @property
    def is_copy(self) -> bool:
        """Say whether the page is a copy of a letter written to another official."""
        return self.addressee.id != self.recipient.id

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


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN ")


def about_sentence(about: str) -> str:
    """Return the supporter's sentence about themselves with a capital and a closing stop.

    A lowercase Latin letter opening it, after any opening quote or bracket, is capitalised
    ("i am" becomes "I am"); letters of other scripts keep the case they were written in.
    A full stop is added unless the sentence already ends as one, in its own script's
    punctuation too, possibly inside closing quotes or brackets. Empty stays empty.
    """
    if not about:
        return about
    if opens_lowercase_latin(about):
        start = len(about) - len(about.lstrip(_OPENERS))
        about = about[:start] + about[start].upper() + about[start + 1 :]
    return about if ends_as_sentence(about) else f"{about}."


def ends_as_sentence(text: str) -> bool:
    """Say whether the text ends with a sentence's closing punctuation, in any script."""
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDINGS)


def opens_lowercase_latin(text: str) -> bool:
    """Say whether the text opens, after any quote or bracket, with a lowercase Latin letter."""
    first = text.lstrip(_OPENERS)[:1]
    return first.islower() and _is_latin(first) and len(first.upper()) == 1


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def repeats_first_words(about: str, opening: str) -> bool:
    """Say whether the opening repeats the first words of the supporter's sentence.

    It does when the sentence's first three words, compared case-insensitively and without
    punctuation, come one after another anywhere in the opening: "I am deeply concerned"
    clashes with "..., I am deeply worried by ...". A sentence of fewer words clashes with
    nothing.
    """
    first = _words(about)[:_CLASHING_WORDS]
    if len(first) < _CLASHING_WORDS:
        return False
    words = _words(opening)
    return any(
        words[i : i + _CLASHING_WORDS] == first for i in range(len(words) - _CLASHING_WORDS + 1)
    )


def _openings(about: str, openings: Sequence[str]) -> Sequence[str]:
    """Return the openings that do not repeat the supporter's first words, or all if none."""
    fitting = [opening for opening in openings if not repeats_first_words(about, opening)]
    return fitting or openings


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
    *,
    language: str | None = None,
) -> list[Letter]:
    """Return one letter per chosen official, in the action's order, in one of its languages.

    The language (by default the action's first) gives the phrasings, the officials'
    salutations and the closing formula: the addressee's own where theirs depends on them.

    With the action's primary official chosen, there is one letter, to them: the other
    officials' pages are copies of it (its salutation and body, its list of copies). Without
    them, each official is written to in their own name and asked to pass the appeal on.
    Either way the wording is the supporter's own variation, chosen from their answers
    unless one is given.
    """
    action = action.in_language(language or action.language)
    variation = variation or Variation.from_answers(answers)
    wording = action.letter
    # Officials abroad get their country on the envelope, as seen from where the supporter posts.
    posted_from = answers.country or action.country
    chosen = [
        replace(r, posted_from=posted_from) for r in action.recipients if r.id in answers.recipients
    ]
    # The phrasings vary; the points keep the action's order, as one careful writer would.
    point_ids = [p.id for p in action.points if p.id in answers.points]
    # The lead-in fits the points that follow it, and no fact is stated twice.
    chosen_wording = choose_letter_phrasings(
        action, point_ids, _openings(answers.about, wording.openings), variation.order
    )
    opening = chosen_wording["opening"]
    about = about_sentence(answers.about)
    body = {
        "opening": f"{isolate_bidi(about)} {opening}" if about else opening,
        "concern": chosen_wording["concern"],
        "call": chosen_wording["call"],
        "points": tuple(chosen_wording[f"point:{pid}"] for pid in point_ids),
        "message": tuple(p for p in answers.message.split("\n\n") if p),
        "close": chosen_wording["close"],
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
        else:
            addressee = recipient
            # Every copy official has phrasings of it (checked at start-up).
            convey = variation.pick(f"convey:{recipient.id}", recipient.convey)
        return Letter(
            reference=action.reference,
            recipient=recipient,
            addressee=addressee,
            convey=convey,
            copies=tuple(r for r in chosen if r is not addressee),
            sender=sender,
            date=today,
            valediction=_valediction(addressee, wording),
            language=action.language,
            **body,
        )

    return [letter(recipient) for recipient in chosen]


def _valediction(addressee: Recipient, wording: LetterWording) -> str:
    """Return the closing formula: the addressee's own where theirs depends on them."""
    return addressee.valediction or wording.valediction


def every_phrasing(action: Action, letter: Letter) -> list[Letter]:
    """Return copies of the letter that hold, between them, every phrasing of its words.

    Each copy takes the next phrasing of the concern, the lead-in, the close, the closing
    formula and one point (twice: a point and the last point are set apart), in the letter's
    language; together they are every block of the action's words a letter can print.
    """
    written = action.in_language(letter.language)
    wording = written.letter
    phrasings: dict[str, Sequence[str]] = {
        "concern": wording.concerns,
        "call": wording.calls,
        "close": wording.closes,
        "valediction": sorted({_valediction(r, wording) for r in written.recipients}),
        "point": [phrasing for point in written.points for phrasing in point.phrasings],
    }
    count = max(map(len, phrasings.values()))
    copies = []
    for number in range(count):
        chosen = {name: texts[number % len(texts)] for name, texts in phrasings.items()}
        point = chosen.pop("point")
        copies.append(replace(letter, **chosen, points=(point, point)))
    return copies
