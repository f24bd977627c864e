"""The guard: deterministic checks that a rewrite kept every figure, term, title and direction of the original."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..bank.kinds import Kind
from ..zh.units import DATE_UNITS, unit_pattern
from ..zh.units import UNITS as UNIT_VOCABULARY

__all__ = ["LENGTH_RANGE", "Guard", "Violation", "figures", "rule_findings"]

LENGTH_RANGE = (0.7, 1.4)
UNITS = unit_pattern(UNIT_VOCABULARY + DATE_UNITS)  # text is NFKC-folded first, so ％ reads as %
FIGURE = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)({UNITS})?")
TITLE = re.compile(r"《[^《》]+》")
UP, DOWN, FLAT = "增加/增长/上升", "减少/下降/降低", "持平"
DIRECTIONS = {"增加": UP, "增长": UP, "上升": UP, "减少": DOWN, "下降": DOWN, "降低": DOWN, "持平": FLAT}
DIRECTION = re.compile("|".join(DIRECTIONS))
CLAUSE_END = re.compile(r"[。；，：！？]")
MARKDOWN = re.compile(r"\*\*|__|`|<[^<>\n]{1,20}>|^\s*#{1,6}\s|^\s*[-*+]\s|^\s*\d+[.)]\s|^\s*>|\|\s*-{3}", re.M)
PREAMBLE = re.compile(r"^\s*(以下是|以下为|下面是|好的|当然|润色后|修改后|改写后|优化后|这是|译文|答[:：])")
AFTERWORD = re.compile(r"(（注|\(注|注[:：]|说明[:：]|润色说明|修改说明)")
ASCII_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Violation:
    """One broken rule: a short code (for the summary) and a message in Chinese (for the model's retry)."""

    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _value(number: str) -> str:
    """12.50 and 12.5 are the same figure; 12 and 12.0 too."""
    return number.rstrip("0").rstrip(".") if "." in number else number


def figures(text: str) -> list[tuple[str, str, str | None]]:
    """Every Arabic figure in reading order as (value, unit, direction of the comparison it states, if any)."""
    text = _fold(text)
    out = []
    last = 0
    for m in FIGURE.finditer(text):
        # The direction belongs to a figure when it sits in the same clause, before it: 较上年减少16次、同比下降15.7%.
        lead = text[last : m.start()]
        clause = CLAUSE_END.split(lead)[-1]
        words = DIRECTION.findall(clause)
        out.append((_value(m.group(1)), m.group(2) or "", DIRECTIONS[words[-1]] if words else None))
        last = m.end()
    return out


def rule_findings(text: str) -> Counter[tuple[str, str]] | None:
    """Placeholder, norm and punctuation findings of the review checks, or None while those checks don't exist."""
    try:
        from ..review.rules import run_rules
        from ..review.source import parse_text
    except ImportError:
        return None
    found: Counter[tuple[str, str]] = Counter()
    available = False
    for family in ("placeholder", "norm", "punctuation"):
        try:
            findings = run_rules(parse_text(text), (family,))
        except ModuleNotFoundError:
            continue  # that family of checks is not written yet
        available = True
        found.update((f.rule_id or f.rule, f.text) for f in findings)
    return found if available else None


def _literal_theme_finder(kind: Kind) -> Callable[[str], dict[tuple[str, str], str]]:
    from ..review.matching import normalise

    aliases = [(t.id, a, normalise(a)[0]) for t in kind.themes if t.required for a in t.aliases]

    def find(text: str) -> dict[tuple[str, str], str]:
        norm = normalise(text)[0]
        return {(theme, alias): alias for theme, alias, key in aliases if key in norm}

    return find


def theme_finder(kind: Kind | None) -> Callable[[str], dict[tuple[str, str], str]]:
    """text -> {(theme id, alias): the text found}; the checker's ThemeMatcher when installed, else literal aliases."""
    if kind is None:
        return lambda text: {}
    try:
        from ..review.matching import ThemeMatcher

        matcher = ThemeMatcher([t for t in kind.themes if t.required], segmenter="none")
    except ImportError:
        return _literal_theme_finder(kind)

    def find(text: str) -> dict[tuple[str, str], str]:
        out: dict[tuple[str, str], str] = {}
        for hit in matcher.find(text):
            out.setdefault((hit.theme, hit.alias), hit.text)
        return out

    return find


class Guard:
    """Checks rewrites of paragraphs of one kind of report; build once, call `check` per paragraph."""

    def __init__(self, kind: Kind | None = None, rules: Callable[[str], Counter | None] | None = None):
        self.find_themes = theme_finder(kind)
        self.rules = rules or rule_findings

    def check(self, original: str, rewrite: str) -> list[Violation]:
        """Every rule the rewrite breaks (empty when it may replace the original)."""
        if not rewrite.strip():
            return [Violation("empty", "没有输出任何内容")]
        out = self._figures(original, rewrite)
        out += self._terms(original, rewrite)
        out += self._form(original, rewrite)
        out += self._rules(original, rewrite)
        return out

    def _figures(self, original: str, rewrite: str) -> list[Violation]:
        old, new = figures(original), figures(rewrite)
        out = []
        old_figs, new_figs = Counter((v, u) for v, u, _ in old), Counter((v, u) for v, u, _ in new)
        old_values = {v for v, _, _ in old}
        for (value, unit), n in (old_figs - new_figs).items():
            units = sorted({u for v, u, _ in new if v == value and u != unit})
            if units:
                out.append(Violation("figure_unit", f"数字「{value}{unit}」的单位被改成了「{value}{units[0]}」"))
            else:
                out.append(
                    Violation(
                        "figure_missing", f"原文的数字「{value}{unit}」缺失或被改动" + (f"（{n}处）" if n > 1 else "")
                    )
                )
        for (value, unit), _n in (new_figs - old_figs).items():
            if value not in old_values:
                out.append(Violation("figure_new", f"出现了原文没有的数字「{value}{unit}」"))
        if not out and [f[:2] for f in old] != [f[:2] for f in new]:
            out.append(Violation("figure_moved", "数字的先后顺序与原文不同，可能张冠李戴；请按原文顺序保留各项数字"))
        for fig in old_figs:
            was = Counter(d for v, u, d in old if (v, u) == fig)
            now = Counter(d for v, u, d in new if (v, u) == fig)
            if fig in new_figs and was != now:
                before = "、".join(sorted(d or "无" for d in was))
                out.append(Violation("direction", f"数字「{''.join(fig)}」的比较方向应为「{before}」，不得改变"))
        for klass in (UP, DOWN, FLAT):
            n_old = sum(DIRECTIONS[w] == klass for w in DIRECTION.findall(_fold(original)))
            n_new = sum(DIRECTIONS[w] == klass for w in DIRECTION.findall(_fold(rewrite)))
            if n_new > n_old:
                out.append(Violation("direction", f"增加了原文没有的「{klass}」说法，比较的方向和内容必须与原文一致"))
        return out

    def _terms(self, original: str, rewrite: str) -> list[Violation]:
        out = []
        kept = self.find_themes(rewrite)
        # Every term, not just every theme: 会议规模 does not stand in for a dropped 会议数量.
        for key, term in self.find_themes(original).items():
            if key not in kept:
                out.append(Violation("term_missing", f"规范表述「{term}」被删除或改写，必须保留"))
        for title, _n in (Counter(TITLE.findall(original)) - Counter(TITLE.findall(rewrite))).items():
            out.append(Violation("title_missing", f"书名号内容{title}必须一字不差地保留"))
        return out

    def _form(self, original: str, rewrite: str) -> list[Violation]:
        out = []
        lo, hi = LENGTH_RANGE
        n_old, n_new = len("".join(original.split())), len("".join(rewrite.split()))
        if not lo * n_old <= n_new <= hi * n_old:
            out.append(Violation("length", f"篇幅为原文的{n_new / max(n_old, 1):.0%}，应在{lo:.0%}至{hi:.0%}之间"))
        if MARKDOWN.search(rewrite) or "\n" in rewrite.strip():
            out.append(Violation("markdown", "使用了Markdown、列表或分行格式；只输出一段连续的正文"))
        english = sorted(set(ASCII_WORD.findall(_fold(rewrite))) - set(ASCII_WORD.findall(_fold(original))))
        if english:
            out.append(Violation("english", f"出现了英文「{' '.join(english[:3])}」；只用中文"))
        if PREAMBLE.search(rewrite) or (AFTERWORD.search(rewrite) and not AFTERWORD.search(original)):
            out.append(Violation("preamble", "加了开场白或说明；只输出润色后的段落本身"))
        return out

    def _rules(self, original: str, rewrite: str) -> list[Violation]:
        after = self.rules(rewrite)
        if after is None:
            return []
        new = after - (self.rules(original) or Counter())
        return [Violation("norm", f"出现了不规范的写法「{text}」（{rule}）") for (rule, text), _n in new.items()]
