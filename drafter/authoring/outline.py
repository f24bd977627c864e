"""The outline of a finished report: sections, its sentences as slots, its figures as expressions."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import LearnError
from ..review.source import ITEM, SENTENCE, read_source
from ..zh.figure_recovery import FoundFigure, Replacement, find_figures
from ..zh.numbers import ordinal, ordinal_label
from .generalisation import (
    GROUP_LABELS,
    MASKED_WORD,
    dated_mentions,
    figure_key,
    masked_names,
    section_theme,
    year_bound,
)
from .levels import body_words, report_level
from .named_cases import named_case

__all__ = ["LearnError", "OutlineSection", "Piece", "ReportOutline", "all_pieces", "jinja_text", "render_span"]

_TITLE = re.compile(r"^(?P<org>.*?)(?P<year>\d{4}|\*+|[Xx×Ｘ]{2,})年(?P<rest>.+)$")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


@dataclass
class Piece:
    """One sentence of the report: the slot that says it, its prefix in the template, its variant text."""

    slot: str
    prefix: str  # {{ item() }}, 一是, （一） or ""
    variant: str
    original: str
    themes: list[str] = field(default_factory=list)
    figures: list[FoundFigure] = field(default_factory=list)  # the figures it states
    flag: str = ""  # why the sentence was not carried forward (a fact of its own year)
    extra: list[str] = field(default_factory=list)  # variants from other reports of the kind (alignment)
    about: str = ""  # "cases": the sentence told a named case; the slot says the spec's cases


@dataclass
class OutlineSection:
    id: str
    name: str
    heading: Piece | None = None
    paragraphs: list[list[Piece]] = field(default_factory=list)
    theme: str = ""


def jinja_text(text: str) -> str:
    """Literal report text inside a Jinja template: braces that would open a tag are escaped."""
    return re.sub(r"\{(?=[{%#])", "{{ '{' }}", text)


class ReportOutline:
    """A report read into sections of pieces, with its figures, organisation, year and signature."""

    def __init__(self, report: Path):
        self.src = read_source(report)
        self.report = report
        m = _TITLE.match(self.src.title or "")
        self.org = m.group("org").strip() if m and len(m.group("org").strip()) >= 2 else None
        self.year = int(m.group("year")) if m and m.group("year").isdigit() else None
        if self.year is None:
            years = Counter(int(y) for y in re.findall(r"(?<!\d)(\d{4})年", self.src.text) if 1949 <= int(y) <= 2100)
            self.year = years.most_common(1)[0][0] if years else None
        self.rest = m.group("rest") if m else None
        self.level = report_level(self.org, self.src.text)  # whose bodies 镇党委, 全镇, 我镇 … name
        self.sections: list[OutlineSection] = []
        self.figures: list[FoundFigure] = []
        self.signature: dict[str, Any] = {}
        self.use_item = False
        self._section_name = ""
        self.flags: list[str] = []  # sentences turned into placeholders or made year-dependent, for the report
        self._keys: set[str] = set()
        self.group_labels: dict[str, str] = {}  # figure group → 中文 label (the genre's, or the section's name)
        self.cases: list[dict[str, str]] = []  # named cases told in the report (the example spec's `cases:`)

    def title_template(self) -> str:
        if self.rest is not None:
            org = "{{ org.name }}" if self.org else ""
            return f"{org}{{{{ year }}}}年{jinja_text(self.rest)}"
        if self.src.title:
            return jinja_text(self.src.title)
        return "{{ org.name }}{{ year }}年工作总结"

    def _take_signature(self, body: list[Any]) -> list[Any]:
        """Issuer and date lines at the end (落款) go to the spec, not into a template."""
        while body and len(self.signature) < 2:
            p = body[-1]
            text = self.src.para_text(p)
            if p.role != "body" or len(text) > 30 or re.search(r"[。！？；：，]", text):
                break
            m = _DATE.match(text)
            if m and "date" not in self.signature:
                self.signature["date"] = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
            elif not m and "issuer" not in self.signature:
                if not MASKED_WORD.search(text):  # a masked issuer is the user's to give
                    self.signature["issuer"] = text
            else:
                break
            body.pop()
        return body

    def run(self) -> None:
        paras = [p for p in self.src.paragraphs if p.role != "title"]
        paras = self._take_signature(paras)
        if not paras:
            raise LearnError(f"{self.report}: no text to learn from")
        by_section: dict[int, list[Any]] = {}
        for p in paras:
            by_section.setdefault(p.section, []).append(p)
        for index, section_paras in sorted(by_section.items()):
            self._section(index, section_paras)

    def _section(self, index: int, paras: list[Any]) -> None:
        sid = f"s{index}"
        section = OutlineSection(sid, "导语" if index == 0 else "")
        texts: list[tuple[str, str]] = []  # (label, paragraph text)
        for p in paras:
            text = p.label + self.src.para_text(p) if p.label else self.src.para_text(p)
            if p.role == "heading":
                body = text[len(ordinal_label(text, "section")) :]
                heading, _, rest = body.partition("。")
                section.name = heading.split("，")[0] or sid
                section.theme = section_theme(heading, sid)
                section.heading = self._heading(section, heading)
                if rest.strip():
                    texts.append(("", rest.strip()))
            elif p.role == "subheading":
                label = ordinal_label(text, "sub")
                texts.append((label, text[len(label) :]))
            else:
                texts.append(("", text))
        labels = [m.group(1) for _, t in texts for m in ITEM.finditer(t)]
        self.use_item = len(labels) < 10_000 and labels == [ordinal(n, "item") for n in range(1, len(labels) + 1)]
        section.theme = section.theme or ("intro" if index == 0 else sid)
        for j, (label, text) in enumerate(texts, 1):
            pieces = self._pieces(section, j, text, label)
            if pieces:
                section.paragraphs.append(pieces)
        self.sections.append(section)

    def _name(self, f: FoundFigure, theme: str, previous: FoundFigure | None) -> None:
        """A readable key (research.visits) from the words before the figure; the second of a pair
        (4件5人) shares the first one's group."""
        group, name = figure_key(f.noun, f.unit.lstrip("余多") if f.type != "titles" else "titles", theme)
        if f.type == "titles":
            name = "titles"
        if previous is not None and not f.noun and previous.name:
            group = previous.name.split(".")[0]
        key, n = f"{group}.{name}", 2
        while key in self._keys:
            key, n = f"{group}.{name}_{n}", n + 1
        self._keys.add(key)
        f.name = key
        self.group_labels.setdefault(group, GROUP_LABELS.get(group) or self._section_name or group)

    def _replacements(self, section: OutlineSection, text: str, spans=None) -> list[Replacement]:
        self._section_name = section.name
        figures, replacements = find_figures(text, self.year, spans)
        previous = None
        for f in figures:
            self._name(f, section.theme, previous)
            previous = f
        self.figures += figures
        replacements += body_words(text, self.level, self.org, replacements)
        replacements += self._org_mentions(text, replacements)
        dated, found = dated_mentions(text, replacements)
        for term in found:
            self.flags.append(f"{section.name or section.id}: 「{term}」 is said by the drafting year")
        replacements += dated
        replacements += masked_names(text, self.org, replacements)
        return sorted(replacements, key=lambda r: r.start)

    def _heading(self, section: OutlineSection, text: str) -> Piece:
        replacements = self._replacements(section, text)
        figures = list({id(r.figure): r.figure for r in replacements if r.figure is not None}.values())
        variant = render_span(text, 0, len(text), replacements).strip()
        return Piece(f"{section.id}.heading", "", variant, text, figures=figures)

    def _pieces(self, section: OutlineSection, j: int, text: str, label: str) -> list[Piece]:
        """A paragraph's sentences (split again at 一是/二是) as slots, figures replaced by expressions."""
        sid = section.id
        spans = [m.span() for m in SENTENCE.finditer(text) if m.group().strip()]
        cuts = sorted({a for a, _ in spans} | {m.start(1) for m in ITEM.finditer(text)} | {len(text)})
        replacements = self._replacements(section, text, spans)
        items = {m.start(1): m.group(1) for m in ITEM.finditer(text)}
        pieces = []
        for a, b in pairwise(cuts):
            if not text[a:b].strip():
                continue
            prefix = label if not pieces else ""
            if a in items:
                prefix += "{{ item() }}" if self.use_item else items[a]
                a += len(items[a])
            original = text[a:b].strip()
            figures = [r.figure for r in replacements if r.figure is not None and a <= r.start < b]
            figures = list({id(f): f for f in figures}.values())
            piece = Piece(f"{sid}.p{j}_s{len(pieces) + 1}", prefix, "", original, figures=figures)
            piece.flag = year_bound(original, self.year)
            if piece.flag:
                # A fact of the report's own year (因公出访全部停止, 首次…): not carried into another year.
                self.figures = [f for f in self.figures if all(f is not g for g in figures)]
                piece.figures = []
                end = original[-1] if original[-1] in "。；！？" else ""
                piece.variant = f"【待补充：本年度特有的情况（原文此句为当年事实，见learn报告）】{end}"
                self.flags.append(
                    f"{section.name or sid}: year-bound fact ({piece.flag}) not carried forward: {original}"
                )
            elif not figures and (case := named_case(original)):
                # A named case (某某…受到…处分) is the spec's, not the kind's: said once, where the report told it.
                self.cases.append(case.fact())
                self.flags.append(f"{section.name or sid}: a named case became the spec's `cases:`: {original}")
                if len(self.cases) > 1:
                    continue  # the first case sentence says them all
                piece.about = "cases"
                piece.variant = f"{jinja_text(case.lead)}{{{{ this }}}}{case.end}"
            else:
                piece.variant = render_span(text, a, b, replacements).strip()
            pieces.append(piece)
        return pieces

    def _org_mentions(self, text: str, taken: list[Replacement]) -> list[Replacement]:
        if not self.org:
            return []
        out = []
        for m in re.finditer(re.escape(self.org), text):
            if all(m.end() <= r.start or m.start() >= r.end for r in taken):
                out.append(Replacement(m.start(), m.end(), expr="org.name"))
        return out


def render_span(text: str, a: int, b: int, replacements: list[Replacement]) -> str:
    out, pos = [], a
    for r in replacements:
        if r.start < a or r.end > b:
            continue
        out.append(jinja_text(text[pos : r.start]))
        out.append(f"{{{{ {r.expression()} }}}}")
        pos = r.end
    out.append(jinja_text(text[pos:b]))
    return "".join(out)


def all_pieces(section: OutlineSection) -> list[Piece]:
    """A section's heading piece, then its body pieces."""
    return ([section.heading] if section.heading else []) + [p for para in section.paragraphs for p in para]
