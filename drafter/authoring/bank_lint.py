"""Phrase-bank lint: the defects an editor's overlay (or the built-in bank) must not have."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..bank.kinds import Kind
from ..bank.phrasebank import PhraseBank, apply_overlays, load_phrasebank, read_slot_dir
from ..bank.samples import sample_spec
from ..drafting.drafter import Drafter
from ..drafting.figures import build_context
from ..errors import PhraseBankError
from ..review.matching import normalise

__all__ = ["LintFinding", "lint_bank", "lint_text"]

NEAR_DUPLICATE = 0.9


@dataclass(frozen=True)
class LintFinding:
    rule: str
    slot: str
    variant: int | None
    message: str

    def __str__(self) -> str:
        where = self.slot if self.variant is None else f"{self.slot}[{self.variant}]"
        return f"{where}: {self.rule}: {self.message}"


_LINT_RULES = {"punctuation.half_width": "half-width", "punctuation.unbalanced": "unbalanced"}


def lint_text(text: str) -> list[tuple[str, str]]:
    """Punctuation problems in Chinese text, one (rule, message) per kind of problem.

    The review checks' punctuation rules do the work (one implementation of
    half-width and unbalanced marks); other punctuation findings report as
    "punctuation".
    """
    from ..review.rules import punctuation
    from ..review.source import parse_text

    grouped: dict[str, list[str]] = {}
    for f in punctuation.check(parse_text(text)):
        grouped.setdefault(_LINT_RULES.get(f.rule_id, "punctuation"), []).append(f"{f.message} ({f.text!r})")
    return [(rule, "; ".join(messages)) for rule, messages in grouped.items()]


def _norm(text: str) -> str:
    return normalise(text)[0]


def lint_bank(
    kind: Kind, overlays: Iterable[str | Path] = (), bank_dirs: Iterable[str | Path] | None = None
) -> list[LintFinding]:
    """Every defect in a kind's bank (or the given bank folders) with overlays applied."""
    findings: list[LintFinding] = []
    dirs = list(bank_dirs) if bank_dirs is not None else list(kind.slot_dirs)
    overlays = list(overlays)
    seen: dict[str, str] = {}
    for d in [*dirs, *overlays]:
        for entry in read_slot_dir(d):
            sid = entry.slot.id
            if d in dirs and sid in seen:
                findings.append(
                    LintFinding("duplicate-id", sid, None, f"defined in {seen[sid]} and {entry.slot.source}")
                )
            seen.setdefault(sid, entry.slot.source)
    if findings:
        return findings
    try:
        bank = load_phrasebank(dirs)
        if overlays:
            bank = apply_overlays(bank, overlays)
    except PhraseBankError as exc:
        return [LintFinding("overlay-conflict" if "overlay" in str(exc) else "load", exc.slot or "-", None, str(exc))]
    return findings + _lint_slots(kind, bank)


def _lint_slots(kind: Kind, bank: PhraseBank) -> list[LintFinding]:
    findings: list[LintFinding] = []
    drafter = Drafter(kind, bank)
    ctx = build_context(kind, sample_spec(kind))
    themes = {t.id: t for t in kind.themes}
    for slot in bank:
        rendered: dict[int, str] = {}
        figure_sets: dict[int, frozenset[str]] = {}
        for i in slot.enabled:
            try:
                text, figures = drafter.render_variant(slot, i, ctx)
            except PhraseBankError as exc:
                rule = "unknown-figure" if "unknown" in str(exc) else "render"
                findings.append(LintFinding(rule, slot.id, i, str(exc).split(": ", 1)[-1]))
                continue
            rendered[i] = text
            figure_sets[i] = frozenset(f.name for f in figures if f.name.split(".")[0] in kind.groups)
            for rule, message in lint_text(text):
                findings.append(LintFinding(rule, slot.id, i, message))
            for t in slot.themes:
                if t not in themes:
                    findings.append(LintFinding("unknown-theme", slot.id, i, f"theme {t!r} is not in themes.yaml"))
                elif not any(_norm(a) in _norm(text) for a in themes[t].aliases):
                    findings.append(
                        LintFinding("theme-tag", slot.id, i, f"tagged {t} but says none of {list(themes[t].aliases)}")
                    )
        findings += _duplicates(slot.id, rendered)
        findings += _dropped_figures(slot.id, figure_sets)
    return findings


def _duplicates(slot_id: str, rendered: dict[int, str]) -> list[LintFinding]:
    out = []
    items = sorted(rendered.items())
    for n, (i, a) in enumerate(items):
        for j, b in items[n + 1 :]:
            if _norm(a) == _norm(b):
                out.append(LintFinding("duplicate-variant", slot_id, j, f"same text as variant {i}"))
            else:
                ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
                if ratio >= NEAR_DUPLICATE:
                    out.append(LintFinding("near-duplicate", slot_id, j, f"{ratio:.0%} the same as variant {i}"))
    return out


def _dropped_figures(slot_id: str, figure_sets: dict[int, frozenset[str]]) -> list[LintFinding]:
    if len(figure_sets) < 2:
        return []
    counts = Counter(name for names in figure_sets.values() for name in names)
    out = []
    for i, names in sorted(figure_sets.items()):
        dropped = sorted(name for name, c in counts.items() if name not in names and c > len(figure_sets) / 2)
        if dropped:
            out.append(
                LintFinding("dropped-figure", slot_id, i, f"drops {', '.join(dropped)}, which the other variants keep")
            )
    return out
