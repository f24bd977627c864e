"""`drafter check`: theme coverage and review findings for any document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..bank.kinds import Kind
from .coverage import Coverage, Suggest, theme_coverage
from .findings import Finding
from .kindfit import KindFit, better_fit
from .matching import ThemeMatcher
from .rules import RULE_FAMILIES
from .source import Source, read_source
from .worker import RuleRun

__all__ = ["CheckResult", "Checker"]


@dataclass
class CheckResult:
    """Everything a reviewer learns about one document."""

    source: Source
    coverage: Coverage
    findings: list[Finding] = field(default_factory=list)
    fits: list[KindFit] = field(default_factory=list)  # every kind's fit, best first (set by a Workspace)
    kind: str = ""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def passed_strict(self) -> bool:
        """No missing required theme and no error-level finding."""
        return not self.coverage.missing_required and not self.errors

    @property
    def better_kind(self) -> KindFit | None:
        """Another kind that clearly fits the document better than the one checked against."""
        return better_fit(self.fits, self.kind)

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
            "kind": self.kind,
            "kind_fit": [{"kind": f.kind, "coverage": round(f.coverage, 4)} for f in self.fits],
            "better_kind": better.kind if (better := self.better_kind) else None,
            "findings": [f.to_dict(src) for f in self.findings],
            "summary": {
                "missing_required": [t.id for t in self.coverage.missing_required],
                "errors": len(self.errors),
                "warnings": sum(f.severity == "warning" for f in self.findings),
            },
        }


class Checker:
    """Checks documents of one kind; build once (loads the automaton and segmenter) and reuse, from any thread.

    Args:
        kind (Kind): the kind whose themes to expect (a Workspace resolves ids, user kinds included).
        segmenter (str): word segmenter for hit boundaries: jieba or spacy.
        families (tuple of str): the rule families to run.
        suggest (callable): suggests sentences for missing themes (a Workspace passes the kind's Suggester).
        salient (bool): list salient terms no theme covers (TF-IDF over jieba's dictionary nouns).
        matcher (ThemeMatcher): the kind's theme matcher, when one is already built (a Workspace shares it).
    """

    def __init__(
        self,
        kind: Kind,
        segmenter: str = "jieba",
        families: tuple[str, ...] = RULE_FAMILIES,
        suggest: Suggest | None = None,
        salient: bool = True,
        matcher: ThemeMatcher | None = None,
    ):
        self.kind = kind
        self.matcher = matcher or ThemeMatcher(self.kind.themes, segmenter)
        self.suggest = suggest
        self.families = families
        self.salient = salient

    def check(self, src: Source, rules: RuleRun | None = None) -> CheckResult:
        """Coverage and findings for a document already read.

        `rules`: the document's rule run when already started (a Workspace starts it before scoring kinds,
        so a long text's worker runs meanwhile); it must be of this checker's families.
        """
        if rules is None or rules.src is not src or rules.families != self.families:
            rules = RuleRun(src, self.families)
        try:
            coverage = theme_coverage(src, self.kind, self.matcher, self.suggest, self.salient)
        except BaseException:
            rules.close()
            raise
        return CheckResult(src, coverage, rules.findings(), kind=self.kind.id)

    def check_file(self, path: str | Path) -> CheckResult:
        """Read a .txt/.md/.docx file (or '-' for standard input) and check it."""
        return self.check(read_source(path))
