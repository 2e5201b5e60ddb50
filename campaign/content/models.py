"""Typed content of the actions and the officials they write to, as validated from YAML."""

from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal

# What a point's phrasing is, so that the lead-in before it can be chosen to fit:
# "Please …", "I urge you to …" (request); "I ask …", "I call on you …" (first-person);
# "Will you …?" (question); "It is vital that …" (statement).
KINDS = ("request", "first-person", "question", "statement")


class Phrasing(str):
    """One way of writing a paragraph: its text, with what it is and which facts it states.

    It is its text wherever text is wanted. `kind` (a point's phrasing) says what it is, and
    `fits` (a lead-in's) which kinds may follow it; None means unsaid, and fits anything.
    `states` names the facts it states, so that a letter states each of them once.
    """

    kind: str | None
    fits: frozenset[str] | None
    states: frozenset[str]

    def __new__(
        cls,
        text: str,
        *,
        kind: str | None = None,
        fits: frozenset[str] | None = None,
        states: frozenset[str] = frozenset(),
    ) -> "Phrasing":
        phrasing = super().__new__(cls, text)
        phrasing.kind, phrasing.fits, phrasing.states = kind, fits, frozenset(states)
        return phrasing

    def leads_into(self, point: "Phrasing") -> bool:
        """Say whether this lead-in may come before the point's phrasing."""
        return self.fits is None or point.kind is None or point.kind in self.fits


@dataclass(frozen=True)
class Point:
    """One talking point of the call to action."""

    id: str
    wording: str
    phrasings: tuple[Phrasing, ...]
    tweets: tuple[str, ...]  # the demand alone, worded for a tweet in several ways


@dataclass(frozen=True)
class LetterWording:
    """The letter's own paragraphs, each given in several phrasings."""

    openings: tuple[Phrasing, ...]
    concerns: tuple[Phrasing, ...]
    calls: tuple[Phrasing, ...]  # the lead-ins to the points
    closes: tuple[Phrasing, ...]
    valediction: str


@dataclass(frozen=True)
class TweetSettings:
    """What every tweet of the action ends with, and the facts tweets carry, one each.

    `accounts` says, for a language in which officials post nothing, which of their
    accounts its tweets go to (as pairs: the tweets' language, the account's language).
    """

    hashtags: tuple[str, ...]
    link: str | None
    facts: tuple[str, ...] = ()
    accounts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TwitterHandle:
    """An official's account, with the language it posts in."""

    handle: str
    language: str


# The ways an official may be written to online: a web form (`web`, its http(s) address)
# or an email address (`email`).
ONLINE_KINDS = ("web", "email")


@dataclass(frozen=True)
class OnlineChannel:
    """A way of sending an official the letter online: the address of a web form, or an email.

    The text page offers each one beside the letter: a link to the form, or a `mailto:` link.
    """

    kind: str
    address: str


@dataclass(frozen=True)
class OfficialWording:
    """How a letter in one language names, greets and takes leave of an official.

    `valediction` is the closing formula when it depends on the addressee (French repeats
    the salutation in it, with a deference that depends on the office); None leaves the
    action's own. `country` is the address's last line as written in that language.
    """

    salutation: str
    valediction: str | None
    honorific: str | None
    title: str
    organisation: str | None
    country: str


@dataclass(frozen=True)
class Official:
    """Someone actions ask supporters to write to, as listed in the directory of officials."""

    id: str
    name: str
    honorific: str | None
    title: str
    organisation: str | None
    address: tuple[str, ...]
    country: str
    salutation: str
    fax: str | None
    phones: tuple[str, ...]
    twitter: tuple[TwitterHandle, ...]
    postage_cad: Decimal
    # Where the letter can be sent online, in the order the directory gives them.
    online: tuple[OnlineChannel, ...]
    # The closing formula letters to them end with, if theirs differs from the action's.
    valediction: str | None = field(default=None, kw_only=True)
    # How letters in other languages than the directory's own name and greet them.
    wordings: tuple[tuple[str, OfficialWording], ...] = field(default=(), kw_only=True)

    @property
    def full_name(self) -> str:
        """Return the name as written on an envelope, with any honorific."""
        return f"{self.honorific} {self.name}" if self.honorific else self.name

    @property
    def address_block(self) -> tuple[str, ...]:
        """Return every line of the postal address, starting with the name.

        The country ends it, on its own line in capitals, as Canada Post asks for mail
        abroad; mail posted within the official's own country leaves it out.
        """
        lines = [self.full_name, self.title]
        if self.organisation:
            lines.append(self.organisation)
        country = () if self.posted_within else (self.country.upper(),)
        return (*lines, *self.address, *country)

    @property
    def posted_within(self) -> bool:
        """Say whether letters to the official are posted in their own country (not known here)."""
        return False

    def online_channels(self, kind: str) -> tuple[OnlineChannel, ...]:
        """Return the official's online channels of one kind (web or email)."""
        return tuple(channel for channel in self.online if channel.kind == kind)

    def handle_for(self, language: str) -> str | None:
        """Return the account posting in this language, if the action gives one."""
        return next((t.handle for t in self.twitter if t.language == language), None)

    def in_language(self, language: str) -> "Official":
        """Return the official as a letter in this language names and greets them.

        The name and the postal lines stay as the directory gives them, for the post; a
        language the directory gives no wording for leaves the official as they are.
        """
        wording = dict(self.wordings).get(language)
        if wording is None:
            return self
        return replace(
            self,
            salutation=wording.salutation,
            valediction=wording.valediction,
            honorific=wording.honorific,
            title=wording.title,
            organisation=wording.organisation,
            country=wording.country,
        )


ROLES = ("primary", "copy")


@dataclass(frozen=True)
class Recipient(Official):
    """An official as one action writes to them: the letter's addressee, or sent a copy."""

    role: str
    # Where letters to them are posted from: the action's country, or the supporter's.
    posted_from: str | None = None
    # A copy official's ways of being asked to pass the appeal on to the primary official
    # and the authorities, for letters written to them when the primary is left out.
    convey: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        official: Official,
        role: str,
        posted_from: str | None = None,
        convey: tuple[str, ...] = (),
    ) -> "Recipient":
        """Return the official with the role an action gives them, written to from a country."""
        own = {f.name: getattr(official, f.name) for f in fields(Official)}
        return cls(**own, role=role, posted_from=posted_from, convey=convey)

    def in_language(self, language: str, convey: tuple[str, ...] = ()) -> "Recipient":
        """Return the official in their role, named, greeted and asked to convey in a language."""
        return replace(Official.in_language(self, language), convey=convey or self.convey)

    @property
    def posted_within(self) -> bool:
        posted_from = (self.posted_from or "").casefold()
        return posted_from == self.country.casefold()


@dataclass(frozen=True)
class GroupAddress:
    """A local group's address, which supporters may sign with instead of their own."""

    name: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Closure:
    """When an action stopped taking letters, and what supporters are told about it.

    `language` is the note's when it is not the action's own: a further language that gives
    no note of its own keeps the first language's, which pages then mark as such.
    """

    date: date
    note: str
    language: str | None = None


@dataclass(frozen=True)
class ActionText:
    """An action's text in one more language than its first: what its fields say in it.

    `convey` gives each copy official's phrasings by their id.
    """

    reference: str
    title: str
    sending_note: str | None
    closed: Closure | None
    headline: str
    summary: str
    why_it_matters: str
    background: tuple[str, ...]
    letter: LetterWording
    points: tuple[Point, ...]
    tweet: TweetSettings
    targeted_for: tuple[str, ...]
    convey: tuple[tuple[str, tuple[str, ...]], ...]


# What of an action is written in a language: each the Action field of the same name (the
# copy officials' `convey` phrasings belong to the recipients, and are applied apart).
LANGUAGE_FIELDS = tuple(f.name for f in fields(ActionText) if f.name != "convey")


@dataclass(frozen=True)
class Action:
    """An urgent action: what is happening, what to ask for, to whom, and how to say it.

    Its fields are in its first language (`language`); `texts` holds the others, and
    `in_language` returns the action as written in one of them.
    """

    slug: str
    source: str  # how messages name its file, e.g. "actions/ua-2-19.yaml"
    reference: str
    title: str
    issued: date
    deadline: date | None
    closed: Closure | None
    sending_note: str | None
    language: str
    headline: str
    summary: str
    why_it_matters: str
    background: tuple[str, ...]
    letter: LetterWording
    points: tuple[Point, ...]
    recipients: tuple[Recipient, ...]
    tweet: TweetSettings
    # Where supporters write from, unless they say otherwise: ends their return address.
    country: str | None = None
    # A local group's address, offered to supporters who would rather not give their own.
    group_address: GroupAddress | None = None
    # The ids of facts its phrasings may state (`states`), when the file lists them.
    facts: tuple[str, ...] = ()
    # Wordings that say who is targeted and why; every letter contains one of them.
    targeted_for: tuple[str, ...] = ()
    # Its text in each further language it offers, in the action's order.
    texts: tuple[tuple[str, ActionText], ...] = ()
    # The language it was first written in, whichever language it is now in.
    first_language: str | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the languages the action offers, its first one first, in the file's order."""
        first = self.first_language or self.language
        return (first, *(language for language, _ in self.texts))

    def in_language(self, language: str) -> "Action":
        """Return the action as written in one of its languages: text, points, officials.

        Raises KeyError for a language the action does not offer. Only the action as loaded
        (in its first language) knows its other languages' text.
        """
        if language == self.language:
            return self
        if language not in self.languages:
            raise KeyError(f"{self.source}: offers no text in '{language}'")
        if self.first_language is not None:
            raise ValueError(f"{self.source}: ask the action as loaded for its other languages")
        text = dict(self.texts)[language]
        convey = dict(text.convey)
        return replace(
            self,
            **{name: getattr(text, name) for name in LANGUAGE_FIELDS},
            # Problems found in it name where its text is: "…yaml: translations: fr".
            source=f"{self.source}: translations: {language}",
            language=language,
            first_language=self.language,
            recipients=tuple(
                r.in_language(language, convey.get(r.id, ())) for r in self.recipients
            ),
        )

    def tweet_account_language(self, language: str) -> str:
        """Return the language of the accounts its tweets go to, when none posts in theirs."""
        return dict(self.tweet.accounts).get(language, self.first_language or self.language)

    def point(self, point_id: str) -> Point:
        """Return the point with this id."""
        return next(point for point in self.points if point.id == point_id)

    def recipient(self, recipient_id: str) -> Recipient:
        """Return the official with this id, in their role for this action."""
        return next(r for r in self.recipients if r.id == recipient_id)

    @property
    def primary(self) -> Recipient:
        """Return the official the letter is addressed to."""
        return next(r for r in self.recipients if r.role == "primary")

    def leaves_out_primary(self, recipient_ids) -> bool:
        """Say whether officials are chosen, but not the one the letter is addressed to.

        Letters to copy officials then ask them to pass the appeal on, and are no copies.
        """
        chosen = {r.id for r in self.recipients} & set(recipient_ids)
        return bool(chosen) and self.primary.id not in chosen

    def is_closed(self, today: date) -> bool:
        """Say whether the action has stopped taking letters (from its closing date on)."""
        return self.closed is not None and today >= self.closed.date


@dataclass(frozen=True)
class Content:
    """Everything loaded at start-up: every action, and the directory of officials."""

    actions: tuple[Action, ...]
    officials: tuple[Official, ...]

    def action(self, slug: str) -> Action | None:
        """Return the action with this slug, if there is one."""
        return next((a for a in self.actions if a.slug == slug), None)

    def open_actions(self, today: date) -> list[Action]:
        """Return the actions taking letters, newest first."""
        return sorted(
            (a for a in self.actions if not a.is_closed(today)),
            key=lambda a: (a.issued, a.slug),
            reverse=True,
        )

    def past_actions(self, today: date) -> list[Action]:
        """Return the closed actions, most recently closed first."""
        closed = [a for a in self.actions if a.is_closed(today)]
        return sorted(closed, key=lambda a: (a.closed.date, a.slug), reverse=True)
