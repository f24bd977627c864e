"""A one-line progress bar on the terminal (stderr), silent when stderr is not a terminal.

The library reports progress through callbacks (progress(done, total)); only the command line draws."""

from __future__ import annotations

import sys
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """`done/total` with a bar, redrawn in place; writes nothing unless the stream is a TTY."""

    WIDTH = 24

    def __init__(self, total: int, label: str = "polishing", stream: TextIO | None = None, enabled: bool | None = None):
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled

    def advance(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        if self.enabled and self.total:
            filled = self.WIDTH * self.done // self.total
            bar = "█" * filled + "·" * (self.WIDTH - filled)
            self.stream.write(f"\r{self.label} {bar} {self.done}/{self.total}")
            self.stream.flush()

    def update(self, done: int, total: int) -> None:
        """A progress callback for the library: progress(done, total)."""
        self.total = total
        self.advance(done - self.done)

    def close(self) -> None:
        if self.enabled and self.total:
            self.stream.write("\r\033[K")
            self.stream.flush()
