"""A persistent cache of model replies (SQLite), keyed by model and endpoint, prompt version, paragraph and retry turn.

The `model` given to get/put is the model's identity: its name and the endpoint serving it
(`qwen2.5@http://host-a/v1`), so a reply from one server is never replayed for another.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

from ..errors import DrafterError

__all__ = ["ReplyCache"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS replies (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    paragraph TEXT NOT NULL,
    retry TEXT NOT NULL,
    reply TEXT NOT NULL,
    created REAL NOT NULL
)
"""


def _key(model: str, prompt_version: str, paragraph: str, retry: str) -> str:
    # Length-prefixed so no two different tuples can join into the same string.
    parts = (model, prompt_version, paragraph, retry)
    return hashlib.sha256("".join(f"{len(p)}:{p}" for p in parts).encode("utf-8")).hexdigest()


class ReplyCache:
    """Replies the model gave before; only successful replies are stored (never timeouts or errors).

    Used from one thread: the runner looks up and stores around each batch, not inside it.
    `path=None` keeps the cache in memory (for one run only).
    """

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path is not None else None
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(self.path) if self.path else ":memory:")
            self.db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise DrafterError(f"{path}: can't open the polish cache ({exc}); choose another with --cache") from None
        self.hits = 0

    def get(self, model: str, prompt_version: str, paragraph: str, retry: str = "") -> str | None:
        """The stored reply, or None."""
        row = self.db.execute(
            "SELECT reply FROM replies WHERE key = ?", (_key(model, prompt_version, paragraph, retry),)
        ).fetchone()
        if row is not None:
            self.hits += 1
        return row[0] if row else None

    def put(self, model: str, prompt_version: str, paragraph: str, retry: str, reply: str) -> None:
        """Store one reply (replacing an older one for the same key)."""
        self.db.execute(
            "INSERT OR REPLACE INTO replies VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                _key(model, prompt_version, paragraph, retry),
                model,
                prompt_version,
                paragraph,
                retry,
                reply,
                time.time(),
            ),
        )
        self.db.commit()

    def size(self) -> int:
        """How many replies are stored."""
        return self.db.execute("SELECT COUNT(*) FROM replies").fetchone()[0]

    def close(self) -> None:
        self.db.close()
