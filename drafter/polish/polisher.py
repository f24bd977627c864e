"""Polishing a document: each paragraph through the chain, the guard, one retry, the cache; the template survives."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..document import PLACEHOLDER, Document, Paragraph, PolishRecord
from ..errors import DrafterError
from .cache import ReplyCache
from .faults import CallFailed, CircuitBreaker, CircuitOpen, Retrying
from .guard import Guard, Violation
from .settings import PolishSettings

__all__ = ["REVERTED", "Outcome", "PolishReport", "polish_document", "revert_paragraph"]

REVERTED = "reverted by editor"
# Reasoning models wrap their thoughts in <think>…</think> before the answer; only the answer is a rewrite.
_THINK = re.compile(r"<think>.*?</think>", re.S)


@dataclass
class Outcome:
    """What happened to paragraph `number` (1-based, as in Document.paragraphs())."""

    number: int
    status: str
    reasons: list[str] = field(default_factory=list)  # rule codes or fault names, for the summary


@dataclass
class PolishReport:
    """The result of one polishing run: per-paragraph outcomes and what it cost."""

    model: str
    outcomes: list[Outcome] = field(default_factory=list)
    calls: int = 0
    cache_hits: int = 0
    seconds: float = 0.0
    notes: list[Any] = field(default_factory=list)  # NoteOutcome per expanded (or kept) practices note

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    def reasons(self) -> Counter[str]:
        """Why paragraphs were kept as template: rule code or fault -> paragraphs."""
        return Counter(r for o in self.outcomes if o.status == "rejected" for r in dict.fromkeys(o.reasons))

    def summary(self) -> str:
        """One line for the terminal: polished / kept (with reasons) / cached, calls and time."""
        polished = self.count("accepted") + self.count("cached")
        kept = self.count("rejected")
        why = ", ".join(f"{r} ×{n}" for r, n in self.reasons().most_common())
        parts = [
            f"{polished} polished ({self.count('cached')} cached)",
            f"{kept} kept as template" + (f" ({why})" if why else ""),
        ]
        if self.count("skipped"):
            parts.append(f"{self.count('skipped')} skipped")
        if self.notes:
            expanded = sum(n.status == "accepted" for n in self.notes)
            parts.append(f"{expanded} of {len(self.notes)} notes expanded")
        return (
            f"polish {self.model}: "
            + ", ".join(parts)
            + f"; {self.calls} calls, {self.cache_hits} cache hits, {self.seconds:.1f} s"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "accepted": self.count("accepted"),
            "cached": self.count("cached"),
            "rejected": self.count("rejected"),
            "skipped": self.count("skipped"),
            "reasons": dict(self.reasons()),
            "calls": self.calls,
            "cache_hits": self.cache_hits,
            "seconds": round(self.seconds, 2),
            "notes": [{"note": n.note, "status": n.status, "reasons": n.reasons} for n in self.notes],
        }


@dataclass
class _Job:
    number: int
    paragraph: Paragraph
    original: str
    replies_cached: bool = True  # every reply so far came from the cache
    last_cached: bool = False  # the latest reply came from the cache
    reply: str | None = None
    problems: list[Violation] = field(default_factory=list)


def _clean(reply: str) -> str:
    return _THINK.sub("", reply).strip()


class _Run:
    """One run's state: the chain, the guard, the cache, the breaker and the counters."""

    def __init__(self, chain: Any, guard: Guard, cache: ReplyCache, settings: PolishSettings, model_id: str, sleep):
        from .chain import PROMPT_VERSION

        self.chain, self.guard, self.cache, self.settings, self.model_id = chain, guard, cache, settings, model_id
        # The cache knows a model by its name and the server that answers for it.
        self.cache_id = f"{model_id}@{settings.endpoint}" if settings.model else model_id
        self.version = PROMPT_VERSION
        self.retrying = Retrying(CircuitBreaker(settings.breaker), settings.retries, settings.backoff, sleep)

    def ask(self, jobs: list[_Job], retry: bool, fresh: bool = False) -> Iterator[tuple[_Job, str | Exception]]:
        """Replies for jobs as they come: cached ones first (none when `fresh`), then the model's,
        `max_concurrency` at a time."""
        from langchain_core.runnables import RunnableLambda

        from .chain import chain_input, retry_feedback

        misses, inputs, keys = [], [], []
        for job in jobs:
            key = f"{job.reply}\x00{retry_feedback([v.message for v in job.problems])}" if retry else ""
            hit = None if fresh else self.cache.get(self.cache_id, self.version, job.original, key)
            job.last_cached = hit is not None
            if hit is not None:
                yield job, hit
                continue
            job.replies_cached = False
            misses.append(job)
            keys.append(key)
            inputs.append(
                chain_input(job.original, job.reply, [v.message for v in job.problems])
                if retry
                else chain_input(job.original)
            )
        call = RunnableLambda(lambda inp: self.retrying(self.chain.invoke, inp))
        config = {"max_concurrency": self.settings.max_concurrency}
        for i, result in call.batch_as_completed(inputs, config=config, return_exceptions=True):
            if isinstance(result, str):
                self.cache.put(self.cache_id, self.version, misses[i].original, keys[i], result)
            yield misses[i], result

    def rejects(self, job: _Job, reply: str | Exception) -> bool:
        """Whether the guard would reject this reply (the job is left as it is)."""
        return not isinstance(reply, Exception) and bool(self.guard.check(job.original, _clean(reply)))

    def judge(self, job: _Job, reply: str) -> bool:
        """Guard the reply; True when it breaks a rule (job.problems says which)."""
        job.reply = _clean(reply)
        job.problems = self.guard.check(job.original, job.reply)
        return bool(job.problems)

    def settle(self, job: _Job, reply: str | Exception, retried: bool = False) -> Outcome:
        """Record the paragraph's final polish: accepted/cached with the new text, or rejected with the reason."""
        if isinstance(reply, Exception):
            fault = _fault(reply)
            if retried:
                first = "; ".join(map(str, job.problems))
                return self._record(job, "rejected", [*_codes(job.problems), fault], f"{first}; retry failed: {fault}")
            return self._record(job, "rejected", [fault], fault)
        if retried:
            self.judge(job, reply)
        if job.problems:
            return self._record(job, "rejected", _codes(job.problems), "; ".join(map(str, job.problems)))
        return self._record(job, "cached" if job.replies_cached else "accepted", [], text=job.reply)

    def _record(self, job: _Job, status: str, reasons: list[str], reason: str | None = None, text=None) -> Outcome:
        candidate = job.reply if text is None else None
        job.paragraph.polish = PolishRecord(status, self.model_id, job.original, text, reason, candidate)
        return Outcome(job.number, status, reasons)


def _fault(exc: Exception) -> str:
    if isinstance(exc, CircuitOpen):
        return "circuit open"
    return exc.reason if isinstance(exc, CallFailed) else f"error ({type(exc).__name__})"


def _codes(problems: list[Violation]) -> list[str]:
    return list(dict.fromkeys(v.rule for v in problems))


def polish_document(
    doc: Document,
    settings: PolishSettings,
    model: Any = None,
    *,
    guard: Guard | None = None,
    cache: ReplyCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PolishReport:
    """Polish every paragraph of doc in place; each one the guard rejects twice, or the model fails on, stays template.

    Paragraphs with a 【待补充】 placeholder, and ones an editor reverted, are skipped.

    Args:
        doc (Document): the draft; its paragraphs' `polish` records are set in place.
        settings (PolishSettings): model, endpoint, timeouts, concurrency, cache.
        model: a LangChain chat model (made from settings.model when None).
        guard (Guard): what a rewrite must keep; by default the guard of the draft's built-in kind
            (a Workspace passes the guard of any kind, user kinds included).
        cache (ReplyCache): the reply cache (opened from settings when None).
        progress (callable): called as progress(done, total) after each paragraph settles.
        sleep (callable): how to wait between retries (tests pass a fake).
    RETURNS (PolishReport): what happened to each paragraph, calls made and cache hits.
    """
    started = time.perf_counter()
    if model is None:
        from .providers import make_chat_model

        settings = settings.checked()
        model = make_chat_model(settings)
    from ..bank.kinds import get_kind
    from .chain import build_chain

    model_id = settings.model or type(model).__name__
    guard = guard or Guard(get_kind(doc.kind))
    own_cache = cache is None
    cache = ReplyCache(settings.cache_path()) if own_cache else cache
    hits_before = cache.hits
    report = PolishReport(model_id)
    run = _Run(build_chain(model), guard, cache, settings, model_id, sleep)
    if any(s.note for p in doc.paragraphs() for s in p.sentences):
        from .notes import build_note_chain, expand_notes

        # First, so the paragraphs are polished with the expanded sentences; through the run's
        # retrying, so note calls are retried, counted and trip the same breaker.
        report.notes = expand_notes(
            doc,
            build_note_chain(model),
            cache=cache,
            cache_id=run.cache_id,
            call=run.retrying,
            retry_rejected=settings.retry_rejected,
        )
    jobs = []
    for number, p in enumerate(doc.paragraphs(), 1):
        if p.polish is not None and p.polish.reason == REVERTED:
            report.outcomes.append(Outcome(number, "skipped", [REVERTED]))
        elif PLACEHOLDER.search(p.template_text):
            p.polish = PolishRecord("skipped", model_id, p.template_text, reason="placeholder")
            report.outcomes.append(Outcome(number, "skipped", ["placeholder"]))
        else:
            jobs.append(_Job(number, p, p.template_text))
    done, total = 0, len(jobs)

    def advance() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    retries: list[_Job] = []
    again: list[_Job] = []  # --retry-rejected: a cached reply the guard rejects is asked for afresh

    def first(job: _Job, reply: str | Exception, asked_again: bool) -> None:
        if not isinstance(reply, Exception) and run.judge(job, reply):
            if job.last_cached and settings.retry_rejected and not asked_again:
                again.append(job)
            else:
                retries.append(job)  # broke a rule: one more try, told what broke
            return
        report.outcomes.append(run.settle(job, reply))
        advance()

    try:
        for job, reply in run.ask(jobs, retry=False):
            first(job, reply, False)
        for job, reply in run.ask(list(again), retry=False, fresh=True):
            first(job, reply, True)
        again.clear()
        for job, reply in run.ask(retries, retry=True):
            if job.last_cached and settings.retry_rejected and run.rejects(job, reply):
                again.append(job)
                continue
            report.outcomes.append(run.settle(job, reply, retried=True))
            advance()
        for job, reply in run.ask(list(again), retry=True, fresh=True):
            report.outcomes.append(run.settle(job, reply, retried=True))
            advance()
    finally:
        if own_cache:
            cache.close()
    report.outcomes.sort(key=lambda o: o.number)
    report.calls, report.cache_hits = run.retrying.calls, cache.hits - hits_before
    report.seconds = time.perf_counter() - started
    return report


def revert_paragraph(doc: Document, number: int) -> Paragraph:
    """Put paragraph `number` (1-based, as in the polish summary) back to its template text; later runs skip it."""
    paragraphs = doc.paragraphs()
    if not 1 <= number <= len(paragraphs):
        raise DrafterError(f"--revert {number}: the draft has paragraphs 1 to {len(paragraphs)}")
    p = paragraphs[number - 1]
    if p.polish is None or p.polish.text is None:
        raise DrafterError(f"--revert {number}: paragraph {number} is not polished; nothing to revert")
    p.polish = PolishRecord("skipped", p.polish.model, p.template_text, reason=REVERTED, candidate=p.polish.text)
    return p
