"""Findings of the review checks: what is wrong, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .source import Source

__all__ = ["FAMILY_NAMES", "LEVEL_NAMES", "SEVERITIES", "Finding"]

SEVERITIES = ("error", "warning", "info")
LEVEL_NAMES = {"error": "错误", "warning": "疑似", "info": "提示"}  # how a Chinese reviewer names them
FAMILY_NAMES = {  # rule families as a Chinese reviewer names them (Word comments)
    "placeholder": "占位符未替换",
    "number": "数字核对",
    "claim": "表述矛盾",
    "norm": "规范表述",
    "typo": "错别字",
    "punctuation": "标点符号",
    "repetition": "用语重复",
    "realworld": "文本排版",
    "script": "繁体与拼音",
    "structure": "结构格式",
}


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
    source: str = ""  # what the rule rests on (norm rules: the document, list or reform)

    @property
    def level(self) -> str:
        return LEVEL_NAMES[self.severity]

    @property
    def family_name(self) -> str:
        """The rule family in Chinese (a claim found by the number rule is a 表述矛盾)."""
        family = "claim" if self.rule_id.startswith("number.claim") else self.rule
        return FAMILY_NAMES.get(family, family)

    def to_dict(self, src: Source) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "rule_id": self.rule_id,
            "severity": self.severity,
            "level": self.level,
            "message": self.message,
            "text": self.text,
            "suggest": self.suggest,
            "fixable": self.fix is not None,
            "source": self.source or None,
            "location": src.span_dict(self.start, self.end),
        }
