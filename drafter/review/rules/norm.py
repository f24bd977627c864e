"""Non-standard political formulations, from the rule list in the phrase bank (norms.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ...bank.kinds import data_root
from ...errors import NormRuleError
from ...yamlio import safe_load
from ..findings import SEVERITIES, Finding
from ..source import Source

__all__ = ["NormRule", "NormRuleError", "check", "load_norms", "norms_path"]

KINDS = ("literal", "regex")
REQUIRED = ("id", "kind", "pattern", "advice", "severity", "source")
OPTIONAL = ("suggestion", "safe", "examples")
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
    hits: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()
    regex: re.Pattern[str] = field(default=re.compile(""), compare=False, repr=False)

    def replacement(self, m: re.Match[str]) -> str | None:
        """The suggested text for one match (regex groups expanded), or None."""
        if self.suggestion is None:
            return None
        return m.expand(self.suggestion) if self.kind == "regex" else self.suggestion


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
    if raw["severity"] not in SEVERITIES:
        raise NormRuleError(file, f"severity {raw['severity']!r} is not one of {', '.join(SEVERITIES)}", rule_id)
    suggestion, safe = raw.get("suggestion"), raw.get("safe", False)
    if suggestion is not None and not isinstance(suggestion, str):
        raise NormRuleError(file, "suggestion must be a string", rule_id)
    if not isinstance(safe, bool):
        raise NormRuleError(file, f"safe must be true or false, not {safe!r}", rule_id)
    if safe and suggestion is None:
        raise NormRuleError(file, "safe: true needs a suggestion to apply", rule_id)
    try:
        regex = re.compile(raw["pattern"] if raw["kind"] == "regex" else re.escape(raw["pattern"]))
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
        severity=raw["severity"],
        source=raw["source"],
        suggestion=suggestion,
        safe=safe,
        hits=_strings(examples.get("hit"), file, rule_id, "hit"),
        misses=_strings(examples.get("miss"), file, rule_id, "miss"),
        regex=regex,
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


@cache
def _load(path: Path, mtime: float) -> tuple[NormRule, ...]:
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NormRuleError(path, "file not found") from None
    except yaml.YAMLError as exc:
        raise NormRuleError(path, f"not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise NormRuleError(path, "expected a mapping with a 'rules' list")
    rules = tuple(_rule(r, path, n) for n, r in enumerate(raw["rules"]))
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise NormRuleError(path, "duplicate id", r.id)
        seen.add(r.id)
    return rules


def load_norms(path: str | Path | None = None) -> tuple[NormRule, ...]:
    """Load and validate a norms.yaml (the built-in one by default); cached until the file changes."""
    path = Path(path) if path is not None else norms_path()
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise NormRuleError(path, "file not found") from None
    return _load(path.resolve(), mtime)


def check(src: Source, rules: tuple[NormRule, ...] | None = None) -> list[Finding]:
    """A finding per match of each norm rule; the fix is the suggestion only for rules marked safe."""
    if rules is None:
        rules = load_norms()
    out = []
    for rule in rules:
        for m in rule.regex.finditer(src.text):
            if m.end() == m.start():
                continue
            replacement = rule.replacement(m)
            out.append(
                Finding(
                    "norm",
                    rule.severity,
                    f"不规范表述「{m.group()}」：{rule.advice}",
                    m.start(),
                    m.end(),
                    m.group(),
                    suggest=replacement if replacement is not None else rule.advice,
                    fix=replacement if rule.safe and replacement != m.group() else None,
                    rule_id=f"norm.{rule.id}",
                )
            )
    return out
