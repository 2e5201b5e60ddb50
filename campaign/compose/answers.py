"""What a supporter told us, already cleaned and checked by the form."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Answers:
    """A supporter's answers: who they are, what they say, which points, to whom."""

    name: str
    about: str
    location: str = ""
    address: str = ""
    message: str = ""
    points: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
