"""Measure how alike different supporters' letters are.

Posts letters for 40 simulated supporters who all choose the same three points, reads the
PDFs back, removes the supporters' own text, and prints the median and maximum pairwise
similarity of the letter bodies (difflib's ratio over the sequence of words) and the number
of identical pairs. Target: no identical pair, median at most 0.6.

Run with: make similarity
"""

import statistics
import sys
from dataclasses import dataclass
from difflib import SequenceMatcher
from io import BytesIO
from itertools import combinations

from pypdf import PdfReader

from campaign import create_app

POINTS = ["investigate", "justice", "safety"]
TARGET_MEDIAN = 0.6

_FIRST = ["Ann", "Bashir", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Inès", "Jonas"]
_LAST = ["MacLeod", "Tremblay", "Nguyen", "Okafor"]
_TOWNS = ["Halifax, Nova Scotia", "Montréal, Québec", "Winnipeg, Manitoba", "Victoria, BC"]
_ABOUT = [
    "I am a retired nurse",
    "I teach history at a secondary school",
    "I am a student of international law",
    "I run a small bakery",
    "I am a father of three",
]


@dataclass(frozen=True)
class Supporter:
    name: str
    about: str
    location: str
    message: str

    @property
    def form(self) -> dict:
        return {
            "name": self.name,
            "about": self.about,
            "location": self.location,
            "message": self.message,
            "points": POINTS,
            "recipients": ["kremlin"],
            "format": "pdf",
            "paper": "letter",
        }


def simulated_supporters(count: int = 40) -> list[Supporter]:
    """Return distinct, plausible supporters, the same ones on every run."""
    supporters = []
    for n in range(count):
        first, last = _FIRST[n % len(_FIRST)], _LAST[n // len(_FIRST) % len(_LAST)]
        town = _TOWNS[n % len(_TOWNS)]
        about = f"{_ABOUT[n % len(_ABOUT)]} in {town.split(',')[0]}."
        message = "I will follow this case closely." if n % 3 == 0 else ""
        supporters.append(Supporter(f"{first} {last}", about, town, message))
    return supporters


def _without(words: list[str], removed: list[str]) -> list[str]:
    """Return the words with the first occurrence of a run of words taken out."""
    size = len(removed)
    for start in range(len(words) - size + 1):
        if size and words[start : start + size] == removed:
            return words[:start] + words[start + size :]
    return words


def letter_body(pdf: bytes, supporter: Supporter) -> list[str]:
    """Return the words between salutation and close, without the supporter's own text."""
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    body = text.split("Dear President Putin,", 1)[1].split("Yours sincerely,", 1)[0]
    words = body.split()
    for personal in (supporter.about, supporter.message):
        words = _without(words, personal.split())
    return words


@dataclass(frozen=True)
class Similarity:
    median: float
    maximum: float
    identical_pairs: int
    pairs: int


def measure_similarity(bodies: list[list[str]]) -> Similarity:
    """Return the pairwise similarity figures of these word sequences."""
    ratios, identical = [], 0
    for a, b in combinations(bodies, 2):
        ratios.append(SequenceMatcher(None, a, b, autojunk=False).ratio())
        identical += a == b
    return Similarity(statistics.median(ratios), max(ratios), identical, len(ratios))


def main() -> int:
    app = create_app(
        {"WTF_CSRF_ENABLED": False, "SECRET_KEY": "similarity", "RATELIMIT_ENABLED": False}
    )
    client = app.test_client()
    supporters = simulated_supporters()
    bodies = []
    for supporter in supporters:
        response = client.post("/letter", data=supporter.form)
        if response.status_code != 200:
            print(f"letter for supporter failed with {response.status_code}", file=sys.stderr)
            return 1
        bodies.append(letter_body(response.data, supporter))
    result = measure_similarity(bodies)
    words = statistics.mean(len(b) for b in bodies)
    print(f"supporters: {len(supporters)} (points: {', '.join(POINTS)}), {result.pairs} pairs")
    print(f"mean body length: {words:.0f} words")
    print(f"median similarity: {result.median:.3f} (target <= {TARGET_MEDIAN})")
    print(f"maximum similarity: {result.maximum:.3f}")
    print(f"identical pairs: {result.identical_pairs} (target 0)")
    ok = result.median <= TARGET_MEDIAN and result.identical_pairs == 0
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
