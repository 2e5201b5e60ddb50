"""Load the actions and the directory of officials from YAML, or say exactly what is wrong."""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from campaign.content.errors import ContentError
from campaign.content.models import (
    KINDS,
    ONLINE_KINDS,
    ROLES,
    Action,
    ActionText,
    Closure,
    Content,
    GroupAddress,
    LetterWording,
    Official,
    OfficialWording,
    OnlineChannel,
    Phrasing,
    Point,
    Recipient,
    TweetSettings,
    TwitterHandle,
)
from campaign.content.rules import MIN_POINTS
from campaign.content.yaml_reader import read_yaml

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_HANDLE = re.compile(r"@\w{1,15}", re.ASCII)
# An address a mail program accepts in a mailto: link: a local part, @, and a domain with a dot.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def _is_language_code(code: str) -> bool:
    """Say whether the code names a language Babel can write dates and amounts in."""
    try:
        return bool(_LANGUAGE.fullmatch(code)) and Locale.parse(code) is not None
    except (ValueError, UnknownLocaleError):
        return False


class _Entry:
    """A mapping read from YAML, whose every complaint names where it sits."""

    def __init__(self, data: Any, where: str):
        if not isinstance(data, dict):
            raise ContentError(f"{where}: must be a mapping of fields")
        self.data = data
        self.where = where
        self.used: set[str] = set()

    def fail(self, key: str, problem: str) -> ContentError:
        return ContentError(f"{self.where}: field '{key}': {problem}")

    def _get(self, key: str, optional: bool) -> Any:
        self.used.add(key)
        value = self.data.get(key)
        if value is None and not optional:
            raise self.fail(key, "is missing")
        return value

    def text(self, key: str, *, optional: bool = False) -> str | None:
        value = self._get(key, optional)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be non-empty text")
        return " ".join(value.split())

    def texts(self, key: str, *, optional: bool = False) -> tuple[str, ...]:
        value = self._get(key, optional)
        if value is None:
            return ()
        if not isinstance(value, list) or (not value and not optional):
            raise self.fail(key, "must be a list of text")
        for number, item in enumerate(value, start=1):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(key, f"item {number} must be non-empty text")
        return tuple(" ".join(item.split()) for item in value)

    def phrasings(
        self, key: str, facts: tuple[str, ...] | None, *, marks: tuple[str, ...] = ()
    ) -> tuple[Phrasing, ...]:
        """Read a list of phrasings: each text, or a mapping of its text and what it says.

        A mapping may give `states` (ids of facts, from `facts` when the file lists them)
        and the `marks` this paragraph takes: `kind` (a point's) or `fits` (a lead-in's).
        """
        value = self._get(key, optional=False)
        if not isinstance(value, list) or not value:
            raise self.fail(key, "must be a list of text")
        found = []
        for number, item in enumerate(value, start=1):
            if isinstance(item, dict):
                entry = _Entry(item, f"{self.where}: field '{key}': item {number}")
                found.append(entry.phrasing(facts, marks))
            elif isinstance(item, str) and item.strip():
                found.append(Phrasing(" ".join(item.split())))
            else:
                raise self.fail(
                    key, f"item {number} must be non-empty text, or a mapping with 'text'"
                )
        return tuple(found)

    def phrasing(self, facts: tuple[str, ...] | None, marks: tuple[str, ...]) -> Phrasing:
        """Read one phrasing given as a mapping: `text`, `states`, and its `marks`."""
        text = self.text("text")
        kind = self._kinds("kind") if "kind" in marks else None
        fits = self._kinds("fits") if "fits" in marks else None
        states = self._get("states", optional=True) or []
        if not isinstance(states, list) or not all(isinstance(s, str) for s in states):
            raise self.fail("states", "must be a list of fact ids, such as [legal-duty]")
        for fact in states:
            if not SLUG.fullmatch(fact):
                raise self.fail(
                    "states", f"'{fact}' must be lower-case letters, digits and hyphens"
                )
            if facts is not None and fact not in facts:
                raise self.fail(
                    "states", f"'{fact}' is not one of the action's facts: {', '.join(facts)}"
                )
        self.finish()
        return Phrasing(
            text,
            kind=kind[0] if kind else None,
            fits=frozenset(fits) if fits is not None else None,
            states=frozenset(states),
        )

    def _kinds(self, key: str) -> tuple[str, ...] | None:
        """Read a kind of point phrasing (`kind`) or a list of them (`fits`), if given."""
        value = self._get(key, optional=True)
        if value is None:
            return None
        single = key == "kind"
        items = ([value] if isinstance(value, str) else None) if single else value
        allowed = f"must be {'one' if single else 'a list'} of {', '.join(KINDS)}"
        if not isinstance(items, list) or not items or any(i not in KINDS for i in items):
            raise self.fail(key, allowed)
        return tuple(items)

    def identifier(self, key: str) -> str:
        value = self.text(key)
        if not SLUG.fullmatch(value):
            raise self.fail(key, "must be lower-case letters, digits and hyphens")
        return value

    def language(self, key: str) -> str:
        """Read a language code such as en or fr, one that dates and amounts can be written in."""
        value = self.text(key)
        if not _is_language_code(value):
            raise self.fail(key, "must be a language code such as en or fr")
        return value

    def language_key(self, key: Any) -> str:
        """Check that a key of this mapping is a language code, as `translations` are keyed."""
        code = str(key)
        if not _is_language_code(code):
            raise self.fail(code, "must be keyed by a language code such as fr")
        return code

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise self.fail(key, f"must be one of {', '.join(allowed)}")
        return value

    def date(self, key: str, *, optional: bool = False) -> date | None:
        value = self._get(key, optional)
        if value is None:
            return None
        if not isinstance(value, date):
            raise self.fail(key, "must be a date written YYYY-MM-DD")
        return value

    def amount(self, key: str) -> Decimal:
        value = self._get(key, optional=False)
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            amount = Decimal(-1)
        if isinstance(value, bool) or not amount.is_finite() or amount < 0:
            raise self.fail(key, "must be an amount such as 2.65")
        return amount.quantize(Decimal("0.01"))

    def entry(self, key: str) -> "_Entry":
        return _Entry(self._get(key, optional=False), f"{self.where}: field '{key}'")

    def optional_entry(self, key: str) -> "_Entry | None":
        """Return the entry under `key`, or None when the file does not give it."""
        if self._get(key, optional=True) is None:
            return None
        return self.entry(key)

    def entries(self, key: str, *, optional: bool = False) -> list["_Entry"]:
        value = self._get(key, optional)
        if value is None:
            return []
        if not isinstance(value, list) or not value:
            raise self.fail(key, "must be a non-empty list")
        return [
            _Entry(item, _entry_where(self.where, key, n, item)) for n, item in enumerate(value, 1)
        ]

    def finish(self) -> None:
        unknown = sorted(str(key) for key in self.data if key not in self.used)
        if unknown:
            raise ContentError(f"{self.where}: unknown field '{unknown[0]}'")


def _entry_where(where: str, key: str, number: int, item: Any) -> str:
    label = item.get("id") if isinstance(item, dict) else None
    suffix = f" ({label})" if isinstance(label, str) else ""
    return f"{where}: {key} entry {number}{suffix}"


def _unique_ids(items: list, where: str, kind: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ContentError(f"{where}: {kind} id '{item.id}' is used twice")
        seen.add(item.id)


def action_label(path: Path) -> str:
    """Return how messages name an action file: its folder and name, as organisers see it."""
    return f"{path.parent.name}/{path.name}"


def load_action(path: Path, officials: tuple[Official, ...]) -> Action:
    """Read one action file: its wording, points, officials and dates.

    The file's name without `.yaml` is the action's slug, used in its address.
    """
    label = action_label(path)
    if not SLUG.fullmatch(path.stem) or path.suffix != ".yaml":
        raise ContentError(
            f"{label}: the file name is the action's address: use lower-case letters, digits "
            "and hyphens, ending in .yaml (for example ua-2-19.yaml)"
        )
    root = _Entry(read_yaml(path, label), label)
    facts = _load_facts(root)
    wording = _load_letter(root, facts, "Yours sincerely,")
    points = _load_points(root, facts)
    country = root.text("country", optional=True)
    recipients = _load_roles(root, officials, country)
    tweet = root.optional_entry("tweet")
    settings = _load_tweet_settings(tweet)
    issued = root.date("issued")
    deadline = root.date("deadline", optional=True)
    if deadline is not None and deadline < issued:
        raise root.fail("deadline", "must not be before the date the action was issued")
    action = Action(
        slug=path.stem,
        source=label,
        reference=root.text("reference"),
        title=root.text("title"),
        issued=issued,
        deadline=deadline,
        closed=_load_closure(root, issued),
        sending_note=root.text("sending_note", optional=True),
        language=root.language("language"),
        headline=root.text("headline"),
        summary=root.text("summary"),
        why_it_matters=root.text("why_it_matters"),
        background=root.texts("background"),
        letter=wording,
        points=points,
        recipients=recipients,
        tweet=settings,
        country=country,
        group_address=_load_group_address(root),
        facts=facts or (),
        targeted_for=root.texts("targeted_for", optional=True),
    )
    action = replace(action, texts=_load_translations(root, action, facts))
    root.finish()
    return action


def _load_letter(entry: _Entry, facts: tuple[str, ...] | None, valediction: str) -> LetterWording:
    """Read the letter's paragraphs, each in several phrasings, and its closing formula."""
    letter = entry.entry("letter")
    wording = LetterWording(
        openings=letter.phrasings("openings", facts),
        concerns=letter.phrasings("concerns", facts),
        calls=letter.phrasings("calls", facts, marks=("fits",)),
        closes=letter.phrasings("closes", facts),
        valediction=letter.text("valediction", optional=True) or valediction,
    )
    letter.finish()
    return wording


def _load_points(entry: _Entry, facts: tuple[str, ...] | None) -> tuple[Point, ...]:
    points = tuple(_load_point(item, facts) for item in entry.entries("points"))
    _unique_ids(points, entry.where, "point")
    if len(points) < MIN_POINTS:
        raise entry.fail("points", f"must list at least {MIN_POINTS} points")
    return points


def _load_tweet_settings(
    tweet: "_Entry | None", base: TweetSettings | None = None
) -> TweetSettings:
    """Read what every tweet carries: a further language keeps the first one's link and accounts."""
    if tweet is None:
        return replace(base, hashtags=(), facts=()) if base else TweetSettings((), None)
    settings = TweetSettings(
        hashtags=tweet.texts("hashtags", optional=True),
        link=tweet.text("link", optional=True) if base is None else base.link,
        facts=tweet.texts("facts", optional=True),
        accounts=_load_accounts(tweet) if base is None else base.accounts,
    )
    tweet.finish()
    return settings


def _load_accounts(tweet: _Entry) -> tuple[tuple[str, str], ...]:
    """Read `accounts`: for a language officials post nothing in, the language of the accounts
    its tweets go to (such as `fr: en`)."""
    accounts = tweet.optional_entry("accounts")
    if accounts is None:
        return ()
    pairs = tuple((accounts.language_key(key), accounts.language(key)) for key in accounts.data)
    accounts.finish()
    return pairs


# The letter's paragraphs, as the file names them and as messages do.
_PARAGRAPHS = ("openings", "concerns", "calls", "closes")


def _load_translations(
    root: _Entry, action: Action, facts: tuple[str, ...] | None
) -> tuple[tuple[str, ActionText], ...]:
    """Read the action's text in each further language it offers, under `translations`.

    Each language gives every field of the first language's text, so that no letter, page
    or tweet in it lacks a paragraph, point or phrasing the first language has.
    """
    block = root.optional_entry("translations")
    if block is None:
        return ()
    texts = []
    for code in block.data:
        language = block.language_key(code)
        if language == action.language:
            raise block.fail(code, "is the action's first language: its text is above")
        texts.append((language, _load_text(block.entry(code), action, facts)))
    block.finish()
    return tuple(texts)


def _load_text(entry: _Entry, action: Action, facts: tuple[str, ...] | None) -> ActionText:
    """Read one further language's text, and refuse it if it lacks what the first one has."""
    text = ActionText(
        reference=entry.text("reference", optional=True) or action.reference,
        title=entry.text("title"),
        sending_note=entry.text("sending_note", optional=action.sending_note is None),
        closed=_load_translated_closure(entry, action),
        headline=entry.text("headline"),
        summary=entry.text("summary"),
        why_it_matters=entry.text("why_it_matters"),
        background=entry.texts("background"),
        letter=_load_letter(entry, facts, action.letter.valediction),
        points=_load_points(entry, facts),
        tweet=_load_tweet_settings(entry.optional_entry("tweet"), action.tweet),
        targeted_for=entry.texts("targeted_for", optional=not action.targeted_for),
        convey=_load_convey(entry, action),
    )
    entry.finish()
    _same_content(entry, action, text)
    return text


def _load_convey(entry: _Entry, action: Action) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Read each copy official's `convey` phrasings in this language, by id."""
    copies = [r.id for r in action.recipients if r.role == "copy"]
    found = []
    for item in entry.entries("recipients", optional=not copies):
        official_id = item.identifier("id")
        if official_id not in copies:
            raise item.fail(
                "id", f"must be one of the action's copy officials: {', '.join(copies)}"
            )
        found.append((official_id, item.texts("convey")))
        item.finish()
    missing = [official_id for official_id in copies if official_id not in dict(found)]
    if missing:
        raise entry.fail("recipients", f"gives no convey phrasings for {', '.join(missing)}")
    return tuple(found)


def _enough(entry: _Entry, field: str, given: int, first: int, what: str = "phrasings") -> None:
    """Refuse fewer phrasings than the first language's, or than two where it has several."""
    needed = min(first, 2)
    if given < needed:
        raise entry.fail(
            field, f"has {given} {what}: give at least {needed}, as the first language has {first}"
        )


def _same_content(entry: _Entry, action: Action, text: ActionText) -> None:
    """Refuse a language whose text lacks a paragraph, point or phrasing of the first one's."""
    if len(text.background) != len(action.background):
        raise entry.fail(
            "background",
            f"has {len(text.background)} paragraphs; "
            f"the first language has {len(action.background)}",
        )
    for name in _PARAGRAPHS:
        given, first = getattr(text.letter, name), getattr(action.letter, name)
        _enough(entry, f"letter: {name}", len(given), len(first))
    first_ids = [p.id for p in action.points]
    ids = [p.id for p in text.points]
    if ids != first_ids:
        raise entry.fail(
            "points", f"must be the first language's points, in its order: {', '.join(first_ids)}"
        )
    for point, first_point in zip(text.points, action.points, strict=True):
        where = f"points: {point.id}"
        _enough(entry, f"{where}: phrasings", len(point.phrasings), len(first_point.phrasings))
        _enough(entry, f"{where}: tweets", len(point.tweets), len(first_point.tweets), "tweets")
    _enough(entry, "tweet: facts", len(text.tweet.facts), len(action.tweet.facts), "facts")
    if action.tweet.hashtags and not text.tweet.hashtags:
        raise entry.fail("tweet: hashtags", "is missing: the first language's tweets have some")
    for official_id, convey in text.convey:
        first = action.recipient(official_id).convey
        _enough(entry, f"recipients: {official_id}: convey", len(convey), len(first))


def _load_group_address(root: _Entry) -> GroupAddress | None:
    """Read the local group's address supporters may sign with, if the action gives one."""
    entry = root.optional_entry("group_address")
    if entry is None:
        return None
    group = GroupAddress(name=entry.text("name"), lines=entry.texts("lines"))
    entry.finish()
    return group


def _load_facts(root: _Entry) -> tuple[str, ...] | None:
    """Read the ids of the facts phrasings may state, or None when the file lists none."""
    if root.data.get("facts") is None:
        root.used.add("facts")
        return None
    facts = root.texts("facts")
    for fact in facts:
        if not SLUG.fullmatch(fact):
            raise root.fail("facts", f"'{fact}' must be lower-case letters, digits and hyphens")
    return facts


def _load_point(entry: _Entry, facts: tuple[str, ...] | None) -> Point:
    point = Point(
        id=entry.identifier("id"),
        wording=entry.text("wording"),
        phrasings=entry.phrasings("phrasings", facts, marks=("kind",)),
        tweets=_load_tweets(entry),
    )
    entry.finish()
    return point


def _load_tweets(entry: _Entry) -> tuple[str, ...]:
    """Read a point's tweet wordings: a list under `tweets`, or one (older files) under `tweet`."""
    if "tweet" in entry.data and "tweets" not in entry.data:
        return (entry.text("tweet"),)
    return entry.texts("tweets")


def _load_roles(
    root: _Entry, officials: tuple[Official, ...], country: str | None
) -> tuple[Recipient, ...]:
    """Read the officials an action writes to: ids from the directory, each with a role."""
    directory = {official.id: official for official in officials}
    recipients, entries = [], root.entries("recipients")
    for entry in entries:
        official_id = entry.identifier("id")
        if official_id not in directory:
            raise entry.fail(
                "id", f"no official '{official_id}' in the directory of officials (recipients.yaml)"
            )
        role = entry.choice("role", ROLES)
        convey = entry.texts("convey", optional=True)
        recipients.append(
            Recipient.of(directory[official_id], role, posted_from=country, convey=convey)
        )
        entry.finish()
    _unique_ids(recipients, root.where, "recipient")
    primaries = sum(r.role == "primary" for r in recipients)
    if primaries != 1:
        raise root.fail("recipients", "must give exactly one official the role primary")
    for entry, recipient in zip(entries, recipients, strict=True):
        if recipient.role == "primary" and recipient.convey:
            raise entry.fail("convey", "is only for officials with the role copy")
        if recipient.role == "copy" and not recipient.convey:
            raise entry.fail(
                "convey",
                "is missing: give the phrasings that ask this official to pass the appeal on to "
                "the primary official, for letters written to them alone",
            )
    return tuple(recipients)


def _load_closure(root: _Entry, issued: date) -> Closure | None:
    entry = root.optional_entry("closed")
    if entry is None:
        return None
    closure = Closure(date=entry.date("date"), note=entry.text("note"))
    entry.finish()
    if closure.date < issued:
        raise entry.fail("date", "must not be before the date the action was issued")
    return closure


def _load_translated_closure(entry: _Entry, action: Action) -> Closure | None:
    """Read a further language's closing note (`closed: note:`), on the first one's date.

    Without one, the note stays in the first language, marked as such for the pages.
    """
    block = entry.optional_entry("closed")
    if action.closed is None:
        if block is not None:
            raise entry.fail("closed", "is for a closed action: close it above, with its date")
        return None
    if block is None:
        return replace(action.closed, language=action.language)
    closure = replace(action.closed, note=block.text("note"))
    block.finish()
    return closure


def load_officials(path: Path) -> tuple[Official, ...]:
    """Read the directory of officials: who they are, addresses and contact details."""
    root = _Entry(read_yaml(path), path.name)
    officials = tuple(_load_official(entry) for entry in root.entries("recipients"))
    root.finish()
    _unique_ids(list(officials), path.name, "recipient")
    return officials


def _load_official(entry: _Entry) -> Official:
    handles = []
    for item in entry.entries("twitter", optional=True):
        handle = item.text("handle")
        if not _HANDLE.fullmatch(handle):
            raise item.fail("handle", "must be an @name of at most 15 letters, digits or _")
        handles.append(TwitterHandle(handle=handle, language=item.identifier("language")))
        item.finish()
    official = Official(
        id=entry.identifier("id"),
        name=entry.text("name"),
        honorific=entry.text("honorific", optional=True),
        title=entry.text("title"),
        organisation=entry.text("organisation", optional=True),
        address=entry.texts("address"),
        country=entry.text("country"),
        salutation=entry.text("salutation"),
        fax=entry.text("fax", optional=True),
        phones=entry.texts("phones", optional=True),
        twitter=tuple(handles),
        postage_cad=entry.amount("postage_cad"),
        online=tuple(_load_online(item) for item in entry.entries("online", optional=True)),
        valediction=entry.text("valediction", optional=True),
    )
    official = replace(official, wordings=_load_official_wordings(entry, official))
    entry.finish()
    last = official.address[-1].casefold()
    if last == official.country.casefold() or last.endswith(f", {official.country.casefold()}"):
        raise entry.fail(
            "address",
            "must not end with the country: it is printed from 'country', on its own last line",
        )
    return official


def _load_official_wordings(
    entry: _Entry, official: Official
) -> tuple[tuple[str, OfficialWording], ...]:
    """Read how letters in other languages name and greet the official, under `translations`.

    Each language gives the salutation and the office (`title`); the honorific, the
    organisation and the country are the directory's own unless it gives them too, and
    `valediction` is the closing formula when it depends on the addressee.
    """
    block = entry.optional_entry("translations")
    if block is None:
        return ()
    wordings = []
    for code in block.data:
        language = block.language_key(code)
        item = block.entry(code)
        wordings.append(
            (
                language,
                OfficialWording(
                    salutation=item.text("salutation"),
                    valediction=item.text("valediction", optional=True),
                    honorific=item.text("honorific", optional=True),
                    title=item.text("title"),
                    organisation=item.text("organisation", optional=official.organisation is None),
                    country=item.text("country", optional=True) or official.country,
                ),
            )
        )
        item.finish()
    block.finish()
    return tuple(wordings)


def _load_online(entry: _Entry) -> OnlineChannel:
    """Read one online channel: `web: <http(s) address>` or `email: <address>`, and only one."""
    given = [kind for kind in ONLINE_KINDS if kind in entry.data]
    if len(given) != 1:
        raise ContentError(f"{entry.where}: must give one of {' or '.join(ONLINE_KINDS)}")
    kind = given[0]
    address = entry.text(kind)
    entry.finish()
    if kind == "web" and not _is_web_address(address):
        raise entry.fail(kind, "must be a web address starting with http:// or https://")
    if kind == "email" and not _EMAIL.fullmatch(address):
        raise entry.fail(kind, "must be an email address such as letters@example.org")
    return OnlineChannel(kind=kind, address=address)


def _is_web_address(address: str) -> bool:
    """Say whether the text is an http(s) address with a host, which a link can open."""
    try:
        parts = urlsplit(address)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in address


def action_files(actions_dir: Path) -> list[Path]:
    """Return the action files of a folder, in order of name."""
    if not actions_dir.is_dir():
        raise ContentError(f"{actions_dir.name}: is not a folder of action files")
    return sorted(
        path
        for path in actions_dir.iterdir()
        if path.suffix in (".yaml", ".yml") and not path.name.startswith(".")
    )


def load_content(actions_dir: Path, recipients_path: Path) -> Content:
    """Load the directory of officials and every action; raise ContentError at the first mistake."""
    officials = load_officials(recipients_path)
    paths = action_files(actions_dir)
    if not paths:
        raise ContentError(f"{actions_dir.name}: holds no action file (such as ua-2-19.yaml)")
    actions = tuple(load_action(path, officials) for path in paths)
    return Content(actions=actions, officials=officials)
