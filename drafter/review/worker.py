"""A second process for the rules of a long document: some rule families run in a forked worker while
this process matches themes and runs the rest.

Only a long text (PARALLEL_FROM characters and more) with jobs > 1 forks, and only where fork is
safe: a platform that has it and a process with no other thread running (the CLI; never the web
server, whose requests already run side by side). The worker inherits the document, the loaded
segmenter and the rule lists; it sends back findings only. Findings are merged family by family and
sorted exactly as run_rules sorts them, so the result is the same with or without the worker. A
worker that dies is not an error: its families are run here instead.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from typing import Any

from .findings import Finding
from .rules import family_findings, sort_findings
from .source import Source

__all__ = ["PARALLEL_FROM", "WORKER_FAMILIES", "RuleRun", "available_jobs"]

PARALLEL_FROM = 250_000  # characters (~750 KB): below this a check takes well under a second
# The families the worker takes: about half of a long check's time (measured on a 10 MB report:
# repetition 1.9 s, norm 1.1 s, number 0.9 s, typo 0.4 s of CPU against 4.5 s for kind fit, theme
# matching and the other families here).
WORKER_FAMILIES = ("repetition", "norm", "number", "typo")


def available_jobs() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _work(src: Source, families: Sequence[str], conn: Any) -> None:
    try:
        conn.send(("ok", {f: family_findings(src, f) for f in families}))
    except BaseException as exc:  # reported to the parent, which raises it as if it had run the rules
        conn.send(("error", exc))
    finally:
        conn.close()


class RuleRun:
    """The rule findings of one document; start it early, ask for findings() when they are needed.

    Args:
        src (Source): the document.
        families (tuple of str): the rule families to run (run_rules' order).
        jobs (int): processes to use; a worker is forked only when jobs > 1 and the text is long.
    """

    def __init__(self, src: Source, families: Sequence[str], jobs: int = 1):
        self.src, self.families = src, tuple(families)
        self.away = tuple(f for f in self.families if f in WORKER_FAMILIES)
        self._proc: Any = None
        self._conn: Any = None
        if jobs > 1 and self.away and len(src.text) >= PARALLEL_FROM and _can_fork():
            self._start()

    @property
    def forked(self) -> bool:
        return self._proc is not None

    def _start(self) -> None:
        ctx = multiprocessing.get_context("fork")
        receive, send = ctx.Pipe(duplex=False)
        self.src.view()  # worked out once, before the fork, for both processes
        proc = ctx.Process(target=_work, args=(self.src, self.away, send), daemon=True)
        proc.start()
        send.close()
        self._proc, self._conn = proc, receive

    def _from_worker(self) -> dict[str, list[Finding]] | None:
        try:
            status, value = self._conn.recv()
        except (EOFError, OSError):
            return None  # the worker died: its families are run here
        finally:
            self._conn.close()
            self._proc.join()
        if status == "error":
            raise value
        return value

    def close(self) -> None:
        """Stop the worker, if any, without waiting for its findings (the check failed elsewhere)."""
        if self._proc is not None:
            self._conn.close()
            self._proc.kill()
            self._proc.join()
            self._proc = None

    def findings(self) -> list[Finding]:
        """Every finding of the families, sorted by position then rule (as run_rules gives them)."""
        here = [f for f in self.families if not (self.forked and f in self.away)]
        found = {f: family_findings(self.src, f) for f in here}
        if self.forked:
            away = self._from_worker()
            found.update(away if away is not None else {f: family_findings(self.src, f) for f in self.away})
        return sort_findings(x for f in self.families for x in found[f])
