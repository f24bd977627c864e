"""Non-standard political formulations: the rule list in the phrase bank (norms.yaml) and the dated terms.

Each rule has a level (错误/疑似/提示 = error/warning/info), its source, and a validity
window: it applies only when the document's date (Source.date) lies inside. The
formulations that are right only inside a window come from the year data
(phrasebank/years/dated_terms.yaml, through bank.years) and apply outside it. Text
inside 《》 and inside quotation marks “…” is exempt (a cited title keeps its wording); the
`sensitive` rules (Taiwan, Hong Kong and Macao terms ...) still apply inside “…”.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

from ...bank.kinds import data_root
from ...errors import NormRuleError
from ...yamlio import load_file
from ..findings import SEVERITIES, Finding
from ..source import Source
from .patterns import LazyPattern, SpanIndex, cached_rules, required_literal, trigger_counts

__all__ = ["LEVELS", "NormRule", "NormRuleError", "check", "dated_rules", "load_norms", "norms_path"]

KINDS = ("literal", "regex")
LEVELS = {"错误": "error", "疑似": "warning", "提示": "info"}
REQUIRED = ("id", "kind", "pattern", "advice", "source")
OPTIONAL = ("suggestion", "safe", "examples", "level", "severity", "category", "valid_from", "valid_until")
Window = tuple[dt.date | None, dt.date | None]
_ID = re.compile(r"^[a-z0-9_.-]+$")


@dataclass(frozen=True)
class NormRule:
    """One rule: a literal or regex pattern, what to write instead, and why."""

    id: str
    kind: str
    pattern: str
    advice: str
    severity: str
    source: str
    suggestion: str | None = None
    safe: bool = False
    category: str = ""
    windows: tuple[Window, ...] = ((None, None),)  # the rule applies on a date inside any of these
    quoted_exempt: bool = True  # False: a document cited in 《》 before it was issued is still wrong
    hits: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()
    regex: LazyPattern = field(default=LazyPattern(""), compare=False, repr=False)

    def replacement(self, m: re.Match[str]) -> str | None:
        """The suggested text for one match (regex groups expanded), or None."""
        if self.suggestion is None:
            return None
        return m.expand(self.suggestion) if self.kind == "regex" else self.suggestion

    @property
    def level(self) -> str:
        return {v: k for k, v in LEVELS.items()}[self.severity]

    def applies_on(self, day: dt.date) -> bool:
        return any((a is None or day >= a) and (b is None or day <= b) for a, b in self.windows)

    def example_date(self) -> dt.date:
        """A date inside the rule's window (for testing its examples)."""
        a, b = self.windows[0]
        if a is not None:
            return a
        return b if b is not None else dt.date(2025, 12, 31)


def norms_path() -> Path:
    """The built-in rule list: norms.yaml at the top of the phrase bank."""
    return data_root() / "norms.yaml"


def _strings(value: Any, file: Path, rule_id: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise NormRuleError(file, f"examples.{key} must be a list of strings", rule_id)
    return tuple(value)


def _rule(raw: Any, file: Path, n: int) -> NormRule:
    if not isinstance(raw, dict):
        raise NormRuleError(file, f"rules[{n}] is not a mapping")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise NormRuleError(file, f"rules[{n}].id: {rule_id!r} is not an ASCII id like plenary_session_name")
    missing = [k for k in REQUIRED if not isinstance(raw.get(k), str) or not raw[k].strip()]
    if missing:
        raise NormRuleError(file, f"missing or empty: {', '.join(missing)}", rule_id)
    unknown = sorted(set(raw) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise NormRuleError(file, f"unknown keys {unknown}; allowed: {', '.join(REQUIRED + OPTIONAL)}", rule_id)
    if raw["kind"] not in KINDS:
        raise NormRuleError(file, f"kind {raw['kind']!r} is not one of {', '.join(KINDS)}", rule_id)
    level, severity = raw.get("level"), raw.get("severity")
    if level is not None and level not in LEVELS:
        raise NormRuleError(file, f"level {level!r} is not one of {', '.join(LEVELS)}", rule_id)
    if severity is not None and severity not in SEVERITIES:
        raise NormRuleError(file, f"severity {severity!r} is not one of {', '.join(SEVERITIES)}", rule_id)
    if level is None and severity is None:
        raise NormRuleError(file, "missing or empty: level (错误, 疑似 or 提示)", rule_id)
    if level is not None and severity is not None and LEVELS[level] != severity:
        raise NormRuleError(file, f"level {level} and severity {severity} disagree", rule_id)
    severity = severity or LEVELS[level]
    try:
        window = (_day(raw.get("valid_from")), _day(raw.get("valid_until")))
    except ValueError as exc:
        raise NormRuleError(file, f"valid_from/valid_until: {exc}", rule_id) from None
    suggestion, safe = raw.get("suggestion"), raw.get("safe", False)
    if suggestion is not None and not isinstance(suggestion, str):
        raise NormRuleError(file, "suggestion must be a string", rule_id)
    if not isinstance(safe, bool):
        raise NormRuleError(file, f"safe must be true or false, not {safe!r}", rule_id)
    if safe and suggestion is None:
        raise NormRuleError(file, "safe: true needs a suggestion to apply", rule_id)
    source = raw["pattern"] if raw["kind"] == "regex" else re.escape(raw["pattern"])
    try:
        regex = re.compile(source)
    except re.error as exc:
        raise NormRuleError(file, f"pattern does not compile: {exc}", rule_id) from None
    examples = raw.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"hit", "miss"}:
        raise NormRuleError(file, "examples must be a mapping with hit and miss lists", rule_id)
    rule = NormRule(
        id=rule_id,
        kind=raw["kind"],
        pattern=raw["pattern"],
        advice=raw["advice"],
        severity=severity,
        source=raw["source"],
        suggestion=suggestion,
        safe=safe,
        category=str(raw.get("category") or ""),
        windows=(window,),
        hits=_strings(examples.get("hit"), file, rule_id, "hit"),
        misses=_strings(examples.get("miss"), file, rule_id, "miss"),
        regex=LazyPattern(source, raw["pattern"] if raw["kind"] == "literal" else required_literal(source)),
    )
    for text in rule.hits:
        m = regex.search(text)
        if m is None:
            continue  # the tests report examples that don't hit; loading stays usable
        try:
            rule.replacement(m)
        except (re.error, IndexError) as exc:
            raise NormRuleError(file, f"suggestion {suggestion!r} does not expand: {exc}", rule_id) from None
    return rule


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@cache
def dated_rules() -> tuple[NormRule, ...]:
    """The year data's dated terms as rules that apply outside each term's window (疑似: a person decides)."""
    from ...bank.years import dated_terms, events

    documents = {e.id for e in events().values() if e.type == "document"}
    out = []
    for t in dated_terms():
        windows: list[Window] = []
        if t.valid_from is not None:
            windows.append((None, t.valid_from - dt.timedelta(days=1)))
        if t.valid_until is not None:
            windows.append((t.valid_until + dt.timedelta(days=1), None))
        since = f"{t.valid_from}起" if t.valid_from else ""
        until = f"至{t.valid_until}" if t.valid_until else ""
        advice = f"这一提法只适用于{since}{until}，与本文成文日期不符：{t.note}"
        if t.instead:
            advice += f"（可改为「{t.instead}」）"
        pattern = t.term if t.kind == "regex" else re.escape(t.term)
        out.append(
            NormRule(
                id=f"dated.{t.id}",
                kind="regex",
                pattern=pattern,
                advice=advice,
                severity="warning",
                source=t.source,
                category="dated",
                windows=tuple(windows),
                quoted_exempt=t.event not in documents,
                hits=t.hits,
                misses=t.misses,
                regex=LazyPattern(pattern, required_literal(pattern)),
            )
        )
    return tuple(out)


def _validated(path: Path) -> list[dict[str, Any]]:
    """Read and validate a rule file; the rules as JSON-able records (kept in the user cache)."""
    raw = load_file(path, lambda problem: NormRuleError(path, problem))
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise NormRuleError(path, "expected a mapping with a 'rules' list")
    rules = tuple(_rule(r, path, n) for n, r in enumerate(raw["rules"]))
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise NormRuleError(path, "duplicate id", r.id)
        seen.add(r.id)
    return [_record(r) for r in rules]


def _record(rule: NormRule) -> dict[str, Any]:
    out = {f.name: getattr(rule, f.name) for f in fields(rule) if f.name not in ("regex", "windows")}
    out["windows"] = [[d.isoformat() if d else None for d in w] for w in rule.windows]
    out["source_pattern"], out["trigger"] = rule.regex.pattern, rule.regex.trigger
    return out


def _from_record(r: dict[str, Any]) -> NormRule:
    values = {k: v for k, v in r.items() if k not in ("windows", "source_pattern", "trigger")}
    values["hits"], values["misses"] = tuple(r["hits"]), tuple(r["misses"])
    windows = tuple((_day(a), _day(b)) for a, b in r["windows"])
    return NormRule(**values, windows=windows, regex=LazyPattern(r["source_pattern"], r["trigger"]))


@cache
def _load(path: Path, mtime: float) -> tuple[NormRule, ...]:
    return tuple(_from_record(r) for r in cached_rules("norms", path, lambda: _validated(path)))


def load_norms(path: str | Path | None = None) -> tuple[NormRule, ...]:
    """Load and validate a norms.yaml (the built-in one by default); cached until the file changes."""
    path = Path(path) if path is not None else norms_path()
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise NormRuleError(path, "file not found") from None
    return _load(path.resolve(), mtime)


_TITLED = re.compile(r"《[^《》\n]*》")
_QUOTED = re.compile(r"“[^“”\n]*”|「[^「」\n]*」")


def exempt_spans(text: str, quotes: bool = True) -> list[tuple[int, int]]:
    """The insides of 《…》 and (with `quotes`) “…” and 「…」 in text read as one piece."""
    spans = [(m.start() + 1, m.end() - 1) for m in _TITLED.finditer(text)]
    if quotes:
        spans += [(m.start() + 1, m.end() - 1) for m in _QUOTED.finditer(text)]
    return spans


def check(src: Source, rules: tuple[NormRule, ...] | None = None) -> list[Finding]:
    """A finding per match of each rule that applies on the document's date, outside quotations and titles.

    The fix is the suggestion only for rules marked safe; where several rules match one span, the
    first in rule order (then the most severe) is kept.
    """
    if rules is None:
        rules = load_norms() + dated_rules()
    text, index = src.view()
    exempt, titles = SpanIndex(exempt_spans(text)), SpanIndex(exempt_spans(text, quotes=False))
    day = src.date
    rules = [rule for rule in rules if rule.applies_on(day)]
    counts = trigger_counts(text, (rule.regex for rule in rules))
    out: dict[tuple[int, int], Finding] = {}
    for rule in rules:
        for m in rule.regex.finditer(text, counts):
            if m.end() == m.start() or (
                rule.quoted_exempt and (titles if rule.category == "sensitive" else exempt).holds(m.start(), m.end())
            ):
                continue
            start, end = src.original_span(index, m.start(), m.end())
            if (start, end) in out:
                continue
            replacement = rule.replacement(m)
            out[start, end] = Finding(
                "norm",
                rule.severity,
                f"不规范表述「{m.group()}」：{rule.advice}",
                start,
                end,
                src.text[start:end],
                suggest=replacement if replacement is not None else rule.advice,
                fix=replacement if rule.safe and replacement != m.group() else None,
                rule_id=f"norm.{rule.id}",
                source=rule.source,
            )
    return list(out.values())
