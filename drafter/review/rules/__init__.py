"""Review rules: each module holds one family and a `check(src) -> list[Finding]` function.

Families: placeholder, number, norm, punctuation, repetition. `run_rules`
runs them all in this order and returns findings sorted by position.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Finding
from ..source import Source

__all__ = ["RULE_FAMILIES", "family_findings", "run_rules", "sort_findings"]

RULE_FAMILIES = ("placeholder", "number", "norm", "typo", "punctuation", "repetition", "realworld", "script")
RULE_FAMILIES += ("claim", "structure")


def family_findings(src: Source, family: str) -> list[Finding]:
    """The findings of one rule family, in the order its module gives them."""
    from importlib import import_module

    return import_module(f".{family}", __name__).check(src)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """By position then rule; families listed in run order, so ties keep that order."""
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule, f.rule_id))


def run_rules(src: Source, families: tuple[str, ...] = RULE_FAMILIES) -> list[Finding]:
    """Every finding of the chosen rule families, sorted by position then rule."""
    return sort_findings(x for family in families for x in family_findings(src, family))
