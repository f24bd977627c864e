"""Review rules: each module holds one family and a `check(src) -> list[Finding]` function.

Families: placeholder, number, norm, punctuation, repetition. `run_rules`
runs them all in this order and returns findings sorted by position.
"""

from __future__ import annotations

from ..findings import Finding
from ..source import Source

__all__ = ["RULE_FAMILIES", "run_rules"]

RULE_FAMILIES = ("placeholder", "number", "norm", "typo", "punctuation", "repetition", "realworld", "script")
RULE_FAMILIES += ("claim", "structure")


def run_rules(src: Source, families: tuple[str, ...] = RULE_FAMILIES) -> list[Finding]:
    """Every finding of the chosen rule families, sorted by position then rule."""
    from importlib import import_module

    findings: list[Finding] = []
    for family in families:
        findings += import_module(f".{family}", __name__).check(src)
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule, f.rule_id))
