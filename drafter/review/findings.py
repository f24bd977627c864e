"""Findings of the review checks: what is wrong, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .source import Source

__all__ = ["SEVERITIES", "Finding"]

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem at [start, end) of Source.text.

    `fix` is the replacement text for that span when the fix is mechanical and
    safe (punctuation width, a norm rule marked safe); None otherwise. A fix
    never changes a figure.
    """

    rule: str  # placeholder | number | norm | punctuation | repetition
    severity: str  # error | warning | info
    message: str
    start: int
    end: int
    text: str
    suggest: str | None = None
    fix: str | None = None
    rule_id: str = ""  # the specific rule, e.g. norm.plenary_session_name or punctuation.half-width

    def to_dict(self, src: Source) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "rule_id": self.rule_id,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "suggest": self.suggest,
            "fixable": self.fix is not None,
            "location": src.span_dict(self.start, self.end),
        }
