"""Every check of loaded content, run from one place at start-up and by `actions check`.

Some checks need what later layers know (how a tweet is made and weighed, which characters
the bundled fonts print): those layers pass them in, so content depends on nothing above it.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, is_dataclass

from campaign.content.errors import ContentError
from campaign.content.models import Action, Content, Official


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content: where it is (file, entry, field) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


# A check looks at one action (with its officials) and yields what is wrong with it.
Check = Callable[[Action], Iterable[Problem]]


def check_action(action: Action, checks: Iterable[Check]) -> list[Problem]:
    """Return every problem the checks find in one action, in the order of the checks."""
    return [problem for check in checks for problem in check(action)]


def check_content(content: Content, checks: Iterable[Check]) -> None:
    """Raise ContentError naming every problem found in any action, in any of its languages.

    Return if there is none.
    """
    checks = tuple(checks)
    problems = [
        problem
        for action in content.actions
        for language in action.languages
        for problem in check_action(action.in_language(language), checks)
    ]
    if problems:
        raise ContentError("\n".join(dict.fromkeys(str(problem) for problem in problems)))


def texts(value: object, where: str) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for every piece of text inside loaded content."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, tuple):
        head, _, name = where.rpartition(": field ")
        for number, item in enumerate(value, 1):
            label = getattr(item, "id", None)
            if isinstance(label, str) and head:
                # Named as the loader names entries: "points entry 2 (justice)".
                kind = name.strip("'")
                yield from texts(item, f"{head}: {kind} entry {number} ({label})")
            else:
                yield from texts(item, where)
    elif is_dataclass(value):
        for field in fields(value):
            yield from texts(getattr(value, field.name), f"{where}: field '{field.name}'")


def printable(
    missing: Callable[[str], list[str]], directory: str, officials: Sequence[Official]
) -> Check:
    """Return a check that every character of an action and its officials can be printed.

    `missing` returns the characters of a text that no bundled font has; officials are named
    by their entry in the directory file (`directory`, listing `officials` in order).
    """
    numbers = {official.id: number for number, official in enumerate(officials, 1)}

    def check(action: Action) -> Iterator[Problem]:
        places = [(field.name, getattr(action, field.name)) for field in fields(action)]
        found = [
            where_text
            for name, value in places
            if name not in ("slug", "source", "recipients")
            for where_text in texts(value, f"{action.source}: field '{name}'")
        ]
        for official in action.recipients:
            entry = f"recipients entry {numbers.get(official.id, '?')} ({official.id})"
            found += texts(official, f"{directory}: {entry}")
        for where, text in found:
            characters = missing(text)
            if characters:
                yield Problem(where, f"has characters no bundled font can print: {characters}")

    return check
