"""Counts that wait in memory while the database cannot take them: merged by key, bounded."""

import threading

from campaign.counts.store import LetterKey, PostedKey

# Rows, not letters: a day of every action, channel, language and point set is far fewer.
MAX_PENDING_ROWS = 10_000


class Pending:
    """The counts not yet written; each key's counts add up, so memory grows with rows only."""

    def __init__(self, limit: int = MAX_PENDING_ROWS) -> None:
        self.limit = limit
        self.letters: dict[LetterKey, tuple[int, int]] = {}
        self.posted: dict[PostedKey, int] = {}
        self.dropped = 0  # counts lost because the buffer was full, since last logged
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.letters) + len(self.posted)

    def add(
        self,
        letters: dict[LetterKey, tuple[int, int]],
        posted: dict[PostedKey, int],
    ) -> None:
        """Merge counts in (new ones, or ones a failed write gives back)."""
        with self._lock:
            for key, (requests, made) in letters.items():
                if key in self.letters or len(self) < self.limit:
                    old_requests, old_made = self.letters.get(key, (0, 0))
                    self.letters[key] = (old_requests + requests, old_made + made)
                else:
                    self.dropped += requests
            for key, supporters in posted.items():
                if key in self.posted or len(self) < self.limit:
                    self.posted[key] = self.posted.get(key, 0) + supporters
                else:
                    self.dropped += supporters

    def take(
        self,
    ) -> tuple[dict[LetterKey, tuple[int, int]], dict[PostedKey, int]]:
        """Return every pending count, leaving none: the caller writes them or adds them back."""
        with self._lock:
            taken = self.letters, self.posted
            self.letters, self.posted = {}, {}
            return taken
