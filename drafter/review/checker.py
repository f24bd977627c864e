"""`drafter check`: theme coverage and review findings for any document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..bank.kinds import Kind, get_kind
from ..drafting.drafter import Drafter, load_bank
from .coverage import Coverage, theme_coverage
from .findings import Finding
from .matching import ThemeMatcher
from .rules import RULE_FAMILIES, run_rules
from .source import Source, read_source

__all__ = ["CheckResult", "Checker", "check_file"]


@dataclass
class CheckResult:
    """Everything a reviewer learns about one document."""

    source: Source
    coverage: Coverage
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def passed_strict(self) -> bool:
        """No missing required theme and no error-level finding."""
        return not self.coverage.missing_required and not self.errors

    def to_dict(self) -> dict[str, Any]:
        src = self.source

        def hit(h) -> dict[str, Any]:
            return {"text": h.text, "alias": h.alias, **src.span_dict(h.start, h.end)}

        return {
            "file": src.name,
            "title": src.title,
            "coverage": round(self.coverage.ratio, 4),
            "themes": [
                {
                    "id": t.id,
                    "name": t.name,
                    "required": t.required,
                    "found": t.found,
                    "hits": [hit(h) for h in t.hits],
                    "suggestion": t.suggestion,
                    "suggestion_slot": t.suggestion_slot,
                }
                for t in self.coverage.themes
            ],
            "uncovered_terms": self.coverage.uncovered_terms,
            "findings": [f.to_dict(src) for f in self.findings],
            "summary": {
                "missing_required": [t.id for t in self.coverage.missing_required],
                "errors": len(self.errors),
                "warnings": sum(f.severity == "warning" for f in self.findings),
            },
        }


class Checker:
    """Checks documents of one kind; build once (loads the automaton, bank and segmenter) and reuse."""

    def __init__(
        self,
        kind: Kind | str = "eight-point",
        segmenter: str = "jieba",
        families: tuple[str, ...] = RULE_FAMILIES,
        overlays: list[str] | None = None,
        salient: bool = True,
    ):
        self.kind = get_kind(kind) if isinstance(kind, str) else kind
        self.matcher = ThemeMatcher(self.kind.themes, segmenter)
        self.drafter = Drafter(self.kind, load_bank(self.kind, overlays or []))
        self.families = families
        self.salient = salient

    def check(self, src: Source) -> CheckResult:
        """Coverage and findings for a document already read."""
        coverage = theme_coverage(src, self.kind, self.matcher, self.drafter, self.salient)
        return CheckResult(src, coverage, run_rules(src, self.families))

    def check_file(self, path: str | Path) -> CheckResult:
        return self.check(read_source(path))


def check_file(path: str | Path, kind: str = "eight-point", segmenter: str = "jieba") -> CheckResult:
    """Check one .txt/.md/.docx file (or '-' for stdin) against a kind's themes and the review rules."""
    return Checker(kind, segmenter).check_file(path)
