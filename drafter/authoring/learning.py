"""`drafter learn`: a kind folder learned from one finished report (outline, figures, templates, themes)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ..bank.kinds import KIND_ID, builtin_kinds, load_kind
from ..output import default_mode, sweep_stale
from ..zh.figure_recovery import FoundFigure
from .generalisation import MASKED_WORD
from .levels import LEVELS
from .outline import LearnError, OutlineSection, ReportOutline, all_pieces

__all__ = ["LearnError", "LearnedKind", "learn_kind"]

_STOP_TERMS = set(
    "工作 情况 单位 全年 问题 下一步 同比 上年 干部 干部职工 党员干部 党组 班子成员 基层 群众 要求 实际".split()
)
THEMES_MAX = 10
_EXPR = re.compile(r"\{\{.*?\}\}")  # an expression's words (a placeholder's 集中学习) are not the sentence's


@dataclass
class LearnedKind:
    """What `learn_kind` wrote: the folder, the kind id, sections, figures, themes and notes to review."""

    path: Path
    kind_id: str
    name: str
    source: str  # the report(s), comma-separated
    sections: list[tuple[str, str]]  # (section id, heading or 导语)
    figures: list[FoundFigure]
    slots: int
    themes: list[str]
    notes: list[str] = field(default_factory=list)

    def figures_table(self) -> str:
        """One line per figure: path, label, value as read, and last year's value when compared."""
        lines = []
        for f in self.figures:
            value = "masked" if f.masked else f.raw
            if f.compare:
                prev = "masked" if f.compare.previous is None else f"{_number(f.compare.previous)}{f.unit}"
                value += f" (上年 {prev})"
            lines.append(f"{f.name}\t{f.label}\t{value}")
        return "\n".join(lines) + ("\n" if lines else "")

    def summary(self) -> str:
        compared = sum(f.compare is not None for f in self.figures)
        masked = sum(f.masked for f in self.figures)
        return (
            f"learned kind {self.kind_id} ({self.name}) from {self.source}: {len(self.sections)} section(s), "
            f"{len(self.figures)} figure(s) ({compared} compared, {masked} masked), {self.slots} slot(s), "
            f"{len(self.themes)} theme candidate(s) → {self.path}"
        )


def _number(value: int | Decimal) -> int | float:
    return value if isinstance(value, int) else int(value) if value == value.to_integral_value() else float(value)


def _kind_id(out: Path, given: str | None) -> str:
    if given:
        if not KIND_ID.match(given):
            raise LearnError(f"--id {given!r}: use ASCII lowercase letters, digits, - or _ (e.g. forestry-summary)")
        kind_id = given
    else:
        kind_id = re.sub(r"[^a-z0-9_-]+", "-", out.absolute().name.lower()).strip("-_")
        kind_id = kind_id if KIND_ID.match(kind_id) else "learned"
    return kind_id + "-learned" if kind_id in builtin_kinds() else kind_id


def _sample(f: FoundFigure, value: Any) -> Any:
    """A stand-in value where the report masked the figure (lint and `drafter variants` need one)."""
    if f.type == "titles":
        return list(f.titles) if f.titles else ["工作制度一", "工作制度二"]
    if value is not None:
        return _number(value)
    if f.type == "count":
        return 10
    return 50 if f.unit.endswith(("%", "％")) else 10.5


def _jieba_terms(text: str, top: int) -> list[str]:
    import gc
    import warnings

    from ..zh.segmenter import load_jieba

    load_jieba()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jieba.analyse opens its IDF table and never closes it
        import jieba.analyse

        terms = jieba.analyse.extract_tags(text, topK=top, allowPOS=("n", "vn", "nz", "nt", "l", "i"))
        gc.collect()
    return terms


def _themes(outline: ReportOutline) -> list[dict[str, Any]]:
    """Theme candidates: jieba's salient terms, those of headings and 一是 leads first, that some slot states."""
    pieces = [(sec.id, p) for sec in outline.sections for p in all_pieces(sec)]
    leads = [p.original for _, p in pieces if p.slot.endswith(".heading") or "item()" in p.prefix or "是" in p.prefix]
    numbers = re.compile(r"[\d*XxＸ×.%％]+")
    terms = _lead_topics(leads)
    terms += _jieba_terms(numbers.sub(" ", "\n".join(leads)), THEMES_MAX * 3)
    terms += _jieba_terms(numbers.sub(" ", "\n".join(p.original for _, p in pieces)), THEMES_MAX * 4)
    themes: list[dict[str, Any]] = []
    for term in dict.fromkeys(terms):
        if len(term) < 2 or term in _STOP_TERMS or (outline.org and term in outline.org):
            continue
        tagged = [(sid, p) for sid, p in pieces if all(term in _EXPR.sub("", v) for v in (p.variant, *p.extra))]
        if not tagged:
            continue
        tid = f"theme_{len(themes) + 1}"
        for _, p in tagged:
            p.themes.append(tid)
        themes.append({"id": tid, "name": term, "required": True, "section": tagged[0][0], "aliases": [term]})
        if len(themes) == THEMES_MAX:
            break
    return themes


def _lead_topics(leads: list[str]) -> list[str]:
    """The topic of a heading or 一是 lead: 严肃执纪问责 → 执纪问责, 抓实学习教育，… → 学习教育."""
    from ..zh.segmenter import load_jieba

    jieba = load_jieba()
    topics = []
    for lead in leads:
        clause = re.split(r"[，。；：！？]", lead)[0]
        if not 5 <= len(clause) <= 8 or not re.fullmatch(r"[\u4e00-\u9fff]+", clause):
            continue
        tokens = jieba.lcut(clause)
        rest = "".join(tokens[1:])
        if len(tokens) >= 2 and len(tokens[0]) == 2 and 3 <= len(rest) <= 6:
            topics.append(rest)
    return topics


def _dump(data: Any, header: str = "") -> str:
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _kind_yaml(outline: ReportOutline, kind_id: str, name: str) -> str:
    figures: dict[str, Any] = {}
    names = {f.name.split(".")[0]: outline.group_labels.get(f.name.split(".")[0], "") for f in outline.figures}
    for f in outline.figures:
        group, field_name = f.name.split(".")
        spec: dict[str, Any] = {"type": f.type, "unit": f.unit.lstrip("余多"), "label": f.label}
        if f.compare:
            spec["compare"] = True
            current = _sample(f, f.value)
            previous = f.compare.previous
            spec["sample"] = [current, _number(previous) if previous is not None else _sample(f, None) + 2]
        else:
            spec["sample"] = _sample(f, f.value)
        figures.setdefault(group, {"label": names[group], "fields": {}})["fields"][field_name] = spec
    data = {
        "id": kind_id,
        "name": name,
        "title": outline.title_template(),
        "learned_from": outline.report.name,
        "sections": [{"id": s.id, "name": s.name, "template": f"{s.id}.j2"} for s in outline.sections],
        "levels": LEVELS,
        "figures": figures,
    }
    header = (
        f"# Learned by `drafter learn` from {outline.report.name}: one section per heading, one slot per\n"
        "# sentence (a single variant: the report's own words), one figure per number or masked run.\n"
        "# Review the figure labels, add variants to slots/*.yaml, then `drafter kind lint` this folder.\n"
    )
    return _dump(data, header)


def _template(section: OutlineSection, source: str) -> str:
    lines = [f"{{#- {section.name} (learned from {source}) -#}}"]
    if section.heading:
        lines += [f"{{{{ heading('{section.heading.slot}') }}}}", ""]
    for para in section.paragraphs:
        lines += ["".join(f"{p.prefix}{{{{ say({_said(p)}) }}}}" for p in para), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _said(p: Any) -> str:
    """say()'s arguments: the slot, and the spec's cases for a sentence that told a named case."""
    return f"'{p.slot}', cases" if p.about == "cases" else f"'{p.slot}'"


def _zero_classes(figures: dict[str, Any], variant: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """When the report's sentence fits ({figure: classes}) and when it is left out: a zero is never a count."""
    fits: dict[str, Any] = {}
    zeros: dict[str, list[str]] = {}
    for name, f in figures.items():
        if not re.search(r"\{\{\s*" + re.escape(name) + r"(\.\w+)?\s*\}\}", variant):
            continue
        if f.type == "titles":  # no titles this year: the sentence is left out
            zeros[name] = ["empty"]
            continue
        if f.compare:
            fits[name] = ["down", "up", "new", "flat", "missing"]
            zeros[name] = ["gone", "zero"]
        else:
            fits[name] = "some"
            zeros[name] = ["zero"]
    return fits, zeros


def _slots_yaml(section: OutlineSection, figures: dict[str, Any]) -> str:
    slots = []
    for p in all_pieces(section):
        entry: dict[str, Any] = {"id": p.slot}
        if p.about:
            entry["about"] = p.about
        if p.themes:
            entry["themes"] = p.themes
        entry["variants"] = []
        for text in (p.variant, *p.extra):
            fits, zeros = _zero_classes(figures, text)
            entry["variants"].append({"when": fits, "text": text} if fits else text)
        entry["variants"] += [{"omit": True, "when": {name: cls}} for name, cls in zeros.items()]
        slots.append(entry)
    return _dump({"slots": slots}, f"# {section.name}: the report's sentences; add variants to draft other wordings.\n")


def _example_spec(outline: ReportOutline, kind_id: str) -> str:
    masked = outline.org is not None and MASKED_WORD.search(outline.org)
    org: dict[str, Any] = {"name": None if masked else outline.org, "level": outline.level}
    org.update(outline.signature)
    data: dict[str, Any] = {"kind": kind_id, "organisation": org, "year": outline.year}
    for f in outline.figures:
        group, field_name = f.name.split(".")
        value: Any = None if f.masked else f.titles if f.type == "titles" else _number(f.value)
        if f.compare:
            prev = f.compare.previous
            value = {"current": value, "previous": None if prev is None else _number(prev)}
        data.setdefault(group, {})[field_name] = value
    if outline.cases:
        data["cases"] = outline.cases
    header = (
        "# The figures of the report this kind was learned from (masked ones left empty: ~),\n"
        "# and the cases it named (a masked name is 某): give this year's own.\n"
    )
    return _dump(data, header)


def _write(folder: Path, outline: ReportOutline, kind_id: str, name: str, themes: list[dict[str, Any]]) -> None:
    from .mining import mine_texts

    (folder / "slots").mkdir()
    (folder / "templates").mkdir()
    (folder / "kind.yaml").write_text(_kind_yaml(outline, kind_id, name), encoding="utf-8")
    (folder / "themes.yaml").write_text(
        _dump({"themes": themes}, "# Theme candidates: jieba's salient terms of the report. Keep the real ones.\n"),
        encoding="utf-8",
    )
    for section in outline.sections:
        (folder / "slots" / f"{section.id}.yaml").write_text(
            _slots_yaml(section, {f.name: f for f in outline.figures}), encoding="utf-8"
        )
        (folder / "templates" / f"{section.id}.j2").write_text(
            _template(section, outline.report.name), encoding="utf-8"
        )
    (folder / "example.yaml").write_text(_example_spec(outline, kind_id), encoding="utf-8")
    text = "\n".join(p.original for sec in outline.sections for p in all_pieces(sec))
    mined = mine_texts({outline.report.name: text}, min_count=1, source=str(outline.report))
    header = f"# Stock phrases of {outline.report.name}, mined by `drafter learn`: candidates for new variants.\n"
    body = re.sub(r"\A(?:#[^\n]*\n)+", "", mined.to_yaml())  # our own header instead of `bank mine`'s
    (folder / "candidates.yaml").write_text(header + body, encoding="utf-8")


def learn_kind(report: str | Path | list[str | Path], out: str | Path, kind_id: str | None = None) -> LearnedKind:
    """Learn a kind folder from finished .txt/.md/.docx reports of one kind; the kind drafts at once.

    With two or more reports the first gives the outline and figures; the others' aligned sentences become
    further variants of its slots (see alignment.py), so seeds choose among the reports' wordings."""
    from ..bank.samples import sample_spec
    from ..drafting.drafter import Drafter
    from .alignment import align_outlines

    reports = [Path(r) for r in (report if isinstance(report, list | tuple) else [report])]
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise LearnError(f"{out}: not an empty folder; learn writes a new kind folder and never overwrites one")
    outlines = []
    for path in reports:
        outline = ReportOutline(path)
        outline.run()
        outlines.append(outline)
    outline = outlines[0]
    aligned = align_outlines(outline, outlines[1:])
    kid = _kind_id(out, kind_id)
    name = (outline.rest or outline.src.title or "工作总结").strip() or "工作总结"
    themes = _themes(outline)
    notes = _notes(outlines)
    out.absolute().parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(out.absolute().parent, ".learn-*")  # left by a learn killed outright (kinds folders skip them)
    tmp = Path(tempfile.mkdtemp(prefix=".learn-", dir=out.absolute().parent))
    try:
        tmp.chmod(default_mode(folder=True))  # mkdtemp makes it 0700; a kind folder is as shareable as any other
        _write(tmp, outline, kid, name, themes)
        if len(outlines) > 1:
            aligned -= _drop_near_duplicates(tmp, outline)
            notes.append(f"{aligned} variant(s) from {', '.join(r.name for r in reports[1:])} added to aligned slots")
        (tmp / "learn-report.txt").write_text(
            f"# What `drafter learn` found in {', '.join(r.name for r in reports)} for a person to check.\n"
            + "".join(f"{n}\n" for n in notes),
            encoding="utf-8",
        )
        kind = load_kind(tmp)
        Drafter(kind).draft(sample_spec(kind))  # a learned kind that can't draft is drafter's bug, not the user's
        if out.exists():
            out.rmdir()
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return LearnedKind(
        out,
        kid,
        name,
        ", ".join(str(r) for r in reports),
        [(s.id, s.name) for s in outline.sections],
        outline.figures,
        sum(len(all_pieces(s)) for s in outline.sections),
        [t["name"] for t in themes],
        notes,
    )


def _drop_near_duplicates(folder: Path, outline: ReportOutline) -> int:
    """Aligned variants that read (near) the same as another once rendered add no variety: dropped, so the
    learned kind lints clean. Returns how many."""
    from .kind_lint import lint_kind

    alike = {(f.slot, f.variant) for f in lint_kind(folder) if f.rule in ("near-duplicate", "duplicate-variant")}
    dropped = 0
    for section in outline.sections:
        changed = False
        for p in all_pieces(section):
            keep = [v for i, v in enumerate(p.extra, 1) if (p.slot, i) not in alike]
            dropped, changed = dropped + len(p.extra) - len(keep), changed or len(keep) < len(p.extra)
            p.extra = keep
        if changed:
            figures = {f.name: f for f in outline.figures}
            (folder / "slots" / f"{section.id}.yaml").write_text(_slots_yaml(section, figures), encoding="utf-8")
    return dropped


def _notes(outlines: list[ReportOutline]) -> list[str]:
    """What a person should check: disagreeing percentages and counts, approximations, dated and year-bound text."""
    notes = []
    for outline in outlines:
        where = f"{outline.report.name}: " if len(outlines) > 1 else ""
        figures = outline.figures
        found = [f"{f.name} ({f.label}): {f.compare.note}" for f in figures if f.compare and f.compare.note]
        found += [f"{f.name} ({f.label}): {f.note}" for f in figures if f.note]
        found += [
            f"{f.name} ({f.label}): {f.approx} in {f.raw} marks an approximation; the draft states the figure exactly"
            for f in figures
            if f.approx
        ]
        found += outline.flags
        notes += [where + n for n in found]
    return notes
