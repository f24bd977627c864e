"""Phrase-bank lint: the defects an editor's overlay (or the built-in bank) must not have."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..bank.kinds import Kind
from ..bank.phrasebank import PhraseBank, apply_overlays, load_phrasebank, read_slot_dir
from ..bank.samples import sample_spec
from ..bank.spec import validate_spec
from ..bank.style import load_style
from ..drafting.drafter import Drafter
from ..drafting.figures import build_context, possible_classes, sample_value
from ..drafting.problems import sample_about
from ..errors import PhraseBankError, SpecError
from ..review.matching import normalise

__all__ = ["LintFinding", "lint_bank", "lint_text", "repeated_phrases", "wording_problems"]

NEAR_DUPLICATE = 0.9
REPEATED_RUN = 4  # a run of this many Chinese characters said twice in one variant is a repetition
_MASK = (
    "\x00"  # stands for what a {{ … }} expression renders: figures and level words are not the variant's own wording
)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
# Deliberate parallels repeat their marker (一方面…另一方面…, 一头连着…一头连着…): not a repetition.
_PARALLEL = re.compile("另一方面|一方面|一头")


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


@lru_cache(maxsize=8192)
def _wording(text: str, day: dt.date) -> tuple[tuple[str, str], ...]:
    return tuple(wording_problems(text, day))


def wording_problems(text: str, day: dt.date) -> list[tuple[str, str]]:
    """Register breaks (phrasebank/style.yaml) and what the review's norm and typo rules flag on `day`,
    one (rule, message) each: a variant says nothing `drafter check` would object to."""
    from ..review.rules import norm, typo
    from ..review.source import parse_text

    out = [("register", f"「{found}」：{message}") for found, message in load_style().register_breaks(text)]
    src = parse_text(text)
    src.stated_date = day
    out += [(f.rule, f.message) for f in norm.check(src) + typo.check(src)]
    return out


def repeated_phrases(text: str) -> list[str]:
    """What a variant's own wording says twice: a run of REPEATED_RUN or more Chinese characters used twice
    in the variant (保持…高压态势。始终保持…高压态势), or a formula word (style.yaml) used twice in one sentence
    (严格执行…严格落实). Rendered expressions are masked out (_MASK) so they never join a run; the set
    constructions that repeat by design are not repetitions (see _idiom)."""
    text = _PARALLEL.sub(_MASK, text)
    n = REPEATED_RUN
    found: list[str] = []
    first: dict[str, int] = {}
    for j in range(len(text) - n + 1):
        gram = text[j : j + n]
        if not _HAN_RUN.fullmatch(gram):
            continue
        i = first.setdefault(gram, j)
        if j - i < n or _idiom(text, i, j, n):  # the first use, an overlap, or a construction
            continue
        phrase = _widest(text, i, j, n)
        if not any(phrase in f or f in phrase for f in found):
            found.append(phrase)
    style = load_style()
    for sentence in _SENTENCE_END.split(text):
        for word, count in style.formula_counts(sentence).items():
            if count > 1 and not any(word in f for f in found):
                found.append(word)
    return found


def _idiom(text: str, i: int, j: int, n: int) -> bool:
    """Repeats the genre makes on purpose: 能当场纠正的当场纠正 (能X的X), and a contrasted pair in two short
    clauses of one list, 主要负责同志负总责、分管负责同志具体抓 (a different modifier before each use)."""
    gap = text[i + n : j]
    if gap == "的":
        return True
    short_list = len(gap) <= 12 and ("、" in gap or "，" in gap) and not any(c in gap for c in "。；！？")
    before, again = text[max(0, i - 2) : i], text[j - 2 : j]
    return short_list and before != again and all(_HAN_RUN.fullmatch(m) for m in (before, again))


def _widest(text: str, i: int, j: int, n: int) -> str:
    """The repeated run at i and j widened both ways while the two uses stay alike (and stay apart)."""
    start, end = 0, n
    while i - start - 1 >= 0 and text[i - start - 1] == text[j - start - 1] and _HAN_RUN.match(text[i - start - 1]):
        start += 1
    while j + end < len(text) and i + end < j and text[i + end] == text[j + end] and _HAN_RUN.match(text[i + end]):
        end += 1
    return text[i - start : i + end]


def _masked(drafter: Drafter, slot, index: int, ctx) -> str:
    """A variant rendered with every {{ … }} expression shown as _MASK (its branches chosen by the figures)."""
    env = drafter.env.overlay(finalize=lambda value: _MASK)
    try:
        return env.from_string(slot.variants[index]).render(ctx)
    except Exception:
        return ""


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
    sample = sample_spec(kind)
    base = build_context(kind, sample)
    day = dt.date(sample.year, 12, 31)
    themes = {t.id: t for t in kind.themes}
    for slot in bank:
        # A slot said about one fact is linted with a stand-in fact, so its when: {this: …} holds.
        ctx = {**base, "this": sample_about(slot.about, base)} if slot.about else base
        rendered: dict[int, str] = {}
        figure_sets: dict[int, frozenset[str]] = {}
        stated: set[str] = set()
        for i in slot.enabled:
            try:
                text, figures = drafter.render_variant(slot, i, ctx)
            except PhraseBankError as exc:
                rule = "unknown-figure" if "unknown" in str(exc) else "render"
                findings.append(LintFinding(rule, slot.id, i, str(exc).split(": ", 1)[-1]))
                continue
            names = frozenset(f.name for f in figures if f.name.split(".")[0] in kind.groups)
            stated |= names
            if not text or not drafter.fits(slot, i, ctx):
                continue  # written for other figures: its classes are linted below
            rendered[i] = text
            figure_sets[i] = names
            for rule, message in lint_text(text) + list(_wording(text, day)):
                findings.append(LintFinding(rule, slot.id, i, message))
            # A learned kind's variants are its report's own sentences, kept as written until an editor rewrites them.
            said_twice = repeated_phrases(_masked(drafter, slot, i, ctx)) if kind.learned_from is None else []
            for phrase in said_twice:
                findings.append(LintFinding("repeated-phrase", slot.id, i, f"says 「{phrase}」 twice"))
            for t in slot.themes:
                if t not in themes:
                    findings.append(LintFinding("unknown-theme", slot.id, i, f"theme {t!r} is not in themes.yaml"))
                elif not any(_norm(a) in _norm(text) for a in themes[t].aliases):
                    findings.append(
                        LintFinding("theme-tag", slot.id, i, f"tagged {t} but says none of {list(themes[t].aliases)}")
                    )
        findings += _duplicates(slot.id, rendered)
        findings += _dropped_figures(slot.id, figure_sets)
        findings += _missing_facts(slot, rendered)
        findings += _class_coverage(kind, drafter, slot, stated)
    return _once(findings)


_WORDING = ("register", "norm", "typo")


def _once(findings: list[LintFinding]) -> list[LintFinding]:
    """A variant's wording problem reported once, not again for each class of figures it was rendered with."""
    seen: set[tuple[str, str, int | None, str]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.slot, f.variant, f.message.split(" (when ")[0])
        if f.rule in _WORDING and key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def _missing_facts(slot, rendered: dict[int, str]) -> list[LintFinding]:
    """Every variant says the slot's declared facts (the same scope, the same activity)."""
    return [
        LintFinding("missing-fact", slot.id, i, f"does not say {term!r}, which the slot declares as a fact")
        for i, text in sorted(rendered.items())
        if text
        for term in slot.facts
        if term not in text
    ]


def _get(data: dict, path: str):
    parts = path.split(".")
    raw = data.get(parts[0], {}).get(parts[1])
    if isinstance(raw, dict):
        raw = raw.get(parts[2] if len(parts) > 2 else "current")
    return len(raw) if isinstance(raw, list) else raw


def _set(data: dict, path: str, value) -> None:
    parts = path.split(".")
    group = data.setdefault(parts[0], {})
    if isinstance(group.get(parts[1]), dict):
        group[parts[1]][parts[2] if len(parts) > 2 else "current"] = value
    else:
        group[parts[1]] = value


def _repair(kind: Kind, data: dict, fixed: str) -> None:
    """Bend the other sample figures so the kind's cross-checks accept the varied one."""
    for _ in range(3):
        for check in kind.checks:
            if "sum" in check:
                parts = [_get(data, p) for p in check["sum"]]
                if all(isinstance(v, int) for v in parts):
                    _set(data, check["equals"], sum(parts))
            elif "le" in check:
                a, b = check["le"]
                va, vb = _get(data, a), _get(data, b)
                if isinstance(va, (int, float)) and isinstance(vb, (int, float)) and va > vb:
                    _set(data, b, va) if a == fixed else _set(data, a, vb)
            elif "requires" in check:
                a, b = check["requires"]
                va, vb = _get(data, a), _get(data, b)
                if va and vb == 0:
                    _set(data, b, va) if a == fixed else _set(data, a, 0)


def _without_none(value):
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    return value


def _spec_with(kind: Kind, path: str, value) -> object:
    data = _without_none(sample_spec(kind).model_dump(mode="json"))
    group, name = path.split(".", 1)
    data.setdefault(group, {})[name] = value
    _repair(kind, data, path)
    try:
        return validate_spec(data, "lint", kinds_dirs=[kind.path])
    except SpecError:  # the samples can't be bent to give this class; nothing to lint for it
        return None


UNITS = ("个", "件", "次", "人", "份", "期", "场", "条", "批次", "万元", "人次", "起", "项", "%", "平方米", "篇")


def _zero_count(kind: Kind) -> re.Pattern[str]:
    """A zero stated as a count: 「0件」「0万元」「0%」, in the kind's units and the usual ones."""
    units = sorted({*UNITS, *(f.unit for f in kind.figures if f.unit)}, key=len, reverse=True)
    return re.compile(r"(?<![\d.])0(?:\.0+)?(?:" + "|".join(map(re.escape, units)) + ")")


def _class_coverage(kind: Kind, drafter: Drafter, slot, stated: set[str]) -> list[LintFinding]:
    """A slot that states a figure (or chooses by it) has wording for every class the figure can fall in."""
    stated = stated | {p for i in slot.enabled for p in slot.fits(i)}
    zero_count = _zero_count(kind)
    day = dt.date(sample_spec(kind).year, 12, 31)
    out = []
    for f in kind.figures:
        if f.type == "rate":  # computed from counts, which carry the classes
            continue
        if not any(name == f.path or name.startswith(f.path + ".") for name in stated):
            continue
        for cls in possible_classes(f):
            spec = _spec_with(kind, f.path, sample_value(f, cls))
            if spec is None:
                continue
            ctx = build_context(kind, spec)
            label = "/".join(sorted(cls))
            fitting = [i for i in slot.enabled if drafter.fits(slot, i, ctx)]
            if not fitting:
                out.append(LintFinding("no-wording", slot.id, None, f"no variant for {f.path} when it is {label}"))
            for i in fitting:
                try:
                    text = drafter.render_variant(slot, i, ctx)[0]
                except PhraseBankError:
                    continue  # reported once above
                for rule, message in lint_text(text) + list(_wording(text, day)) if text else ():
                    out.append(LintFinding(rule, slot.id, i, f"{message} (when {f.path} is {label})"))
                m = zero_count.search(text)
                if m:
                    out.append(LintFinding("zero-count", slot.id, i, f"says {m.group(0)!r} when {f.path} is {label}"))
    return out


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
