"""Typos and confused words, from the lexicon in the phrase bank (phrasebank/typos.yaml).

An entry is a wrong word (`wrong`, literal) or a `pattern` (regex), the right word
(`right`, regex groups allowed), a note on the usage rule, a level (错误/疑似/提示),
and `unless`: regexes that, found within WINDOW characters either side of a hit,
mean the word is right there (制订 beside 计划/方案). Only entries marked `safe`
give a fix that `drafter check --fix` applies. Text inside 《》 is exempt (a title
keeps its wording).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

from ...bank.kinds import data_root
from ...errors import NormRuleError
from ...yamlio import load_file
from ..findings import Finding
from ..source import Source
from .norm import LEVELS
from .patterns import LazyPattern, SpanIndex, cached_rules, required_literal, trigger_counts

__all__ = ["WINDOW", "Typo", "check", "load_typos", "typos_path"]

WINDOW = 10
KEYS = {"id", "wrong", "pattern", "right", "note", "level", "unless", "safe", "examples"}
_ID = re.compile(r"^[a-z0-9_.-]+$")
_TITLE = re.compile(r"《[^《》\n]*》")


@dataclass(frozen=True)
class Typo:
    id: str
    regex: LazyPattern
    right: str
    note: str
    level: str
    safe: bool = False
    unless: tuple[LazyPattern, ...] = ()
    hits: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()
    literal: bool = field(default=True)

    @property
    def severity(self) -> str:
        return LEVELS[self.level]

    def matches(self, text: str, counts: Mapping[str, int] | None = None):
        """Every match not excused by an `unless` context within WINDOW characters (counts: of the triggers)."""
        for m in self.regex.finditer(text, counts):
            if m.end() == m.start():
                continue
            window = text[max(0, m.start() - WINDOW) : m.end() + WINDOW]
            if any(u.search(window) for u in self.unless):
                continue
            yield m

    def replacement(self, m: re.Match[str]) -> str:
        return self.right if self.literal else m.expand(self.right)


def typos_path() -> Path:
    return data_root() / "typos.yaml"


def _entry(raw: Any, file: Path, n: int) -> Typo:
    if not isinstance(raw, dict):
        raise NormRuleError(file, f"typos[{n}] is not a mapping")
    tid = raw.get("id")
    if not isinstance(tid, str) or not _ID.match(tid):
        raise NormRuleError(file, f"typos[{n}].id: {tid!r} is not an ASCII id")
    unknown = sorted(set(raw) - KEYS)
    if unknown:
        raise NormRuleError(file, f"unknown keys {unknown}; allowed: {', '.join(sorted(KEYS))}", tid)
    if ("wrong" in raw) == ("pattern" in raw):
        raise NormRuleError(file, "give exactly one of wrong / pattern", tid)
    for key in ("right", "note"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise NormRuleError(file, f"missing or empty: {key}", tid)
    if raw.get("level") not in LEVELS:
        raise NormRuleError(file, f"level {raw.get('level')!r} is not one of {', '.join(LEVELS)}", tid)
    safe = raw.get("safe", False)
    if not isinstance(safe, bool) or (safe and raw["level"] != "错误"):
        raise NormRuleError(file, "safe must be true or false, and true only on level 错误", tid)
    unless = raw.get("unless") or []
    if not isinstance(unless, list):
        raise NormRuleError(file, "unless must be a list of regexes", tid)
    source = raw["pattern"] if "pattern" in raw else re.escape(raw["wrong"])
    try:
        re.compile(source)
        for u in unless:
            re.compile(u)
    except (re.error, TypeError) as exc:
        raise NormRuleError(file, f"regex does not compile: {exc}", tid) from None
    regex = LazyPattern(source, raw["wrong"] if "wrong" in raw else required_literal(source))
    unless_re = tuple(LazyPattern(u) for u in unless)
    examples = raw.get("examples") or {}
    return Typo(
        id=tid,
        regex=regex,
        right=raw["right"],
        note=raw["note"],
        level=raw["level"],
        safe=safe,
        unless=unless_re,
        hits=tuple(examples.get("hit") or ()),
        misses=tuple(examples.get("miss") or ()),
        literal="wrong" in raw,
    )


def _validated(path: Path) -> list[dict[str, Any]]:
    """Read and validate the lexicon; its entries as JSON-able records (kept in the user cache)."""
    raw = load_file(path, lambda problem: NormRuleError(path, problem))
    if not isinstance(raw, dict) or not isinstance(raw.get("typos"), list):
        raise NormRuleError(path, "expected a mapping with a 'typos' list")
    entries = tuple(_entry(e, path, n) for n, e in enumerate(raw["typos"]))
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            raise NormRuleError(path, "duplicate id", e.id)
        seen.add(e.id)
    return [
        {
            **{f.name: getattr(e, f.name) for f in fields(e) if f.name not in ("regex", "unless")},
            "pattern": e.regex.pattern,
            "trigger": e.regex.trigger,
            "unless": [u.pattern for u in e.unless],
        }
        for e in entries
    ]


def _from_record(r: dict[str, Any]) -> Typo:
    values = {k: v for k, v in r.items() if k not in ("pattern", "trigger", "unless", "hits", "misses")}
    return Typo(
        **values,
        regex=LazyPattern(r["pattern"], r["trigger"]),
        unless=tuple(LazyPattern(u) for u in r["unless"]),
        hits=tuple(r["hits"]),
        misses=tuple(r["misses"]),
    )


@cache
def _load(path: Path, mtime: float) -> tuple[Typo, ...]:
    return tuple(_from_record(r) for r in cached_rules("typos", path, lambda: _validated(path)))


def load_typos(path: str | Path | None = None) -> tuple[Typo, ...]:
    """The lexicon (the built-in one by default); cached until the file changes."""
    path = Path(path) if path is not None else typos_path()
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise NormRuleError(path, "file not found") from None
    return _load(path.resolve(), mtime)


def check(src: Source, entries: tuple[Typo, ...] | None = None) -> list[Finding]:
    """One finding per typo span (the first entry that matches a span keeps it)."""
    if entries is None:
        entries = load_typos()
    text, index = src.view()
    titles = SpanIndex(m.span() for m in _TITLE.finditer(text))
    counts = trigger_counts(text, (e.regex for e in entries))
    out: dict[tuple[int, int], Finding] = {}
    for e in entries:
        for m in e.matches(text, counts):
            if titles.holds(m.start(), m.end(), strict=True):
                continue
            start, end = src.original_span(index, m.start(), m.end())
            if (start, end) in out:
                continue
            right = e.replacement(m)
            out[start, end] = Finding(
                "typo",
                e.severity,
                f"错别字或误用「{m.group()}」，应为「{right}」：{e.note}",
                start,
                end,
                src.text[start:end],
                suggest=right,
                fix=right if e.safe and right != m.group() else None,
                rule_id=f"typo.{e.id}",
            )
    return list(out.values())
