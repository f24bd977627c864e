"""Theme coverage of a document: which themes are present, where, and what to add for the rest."""

from __future__ import annotations

import gc
import re
import warnings
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..bank.kinds import Kind
from ..bank.spec import validate_spec
from ..drafting.drafter import Drafter
from ..drafting.figures import build_context
from .matching import Hit, ThemeMatcher
from .source import Source

__all__ = ["Coverage", "ThemeResult", "recover_spec_data", "theme_coverage", "uncovered_terms"]

_LEVEL_CUES = [  # title words -> organisation level, most specific first
    ("enterprise", ("公司", "集团", "企业")),
    ("school", ("学校", "大学", "学院", "中学", "小学")),
    ("township", ("镇", "乡", "街道")),
    ("department", ("局", "委员会", "办公室", "厅", "部")),
    ("county", ("县", "区", "市")),
]
_TITLE = re.compile(r"^(?P<org>.+?)(?P<year>(19|20)\d\d)年")
_NUMBER = r"(\d+(?:\.\d+)?)"
# Words every report of the genre uses; listing them as "uncovered" would be noise.
_GENRE_WORDS = frozenset(
    "作风 八项 规定 精神 党员干部 干部 党员 全年 工作 问题 情况 中央 要求 单位 领导 部门 全县 全镇 全局 全校 "
    "制度 精神 规矩 纪律 责任 成效 措施 机制 重点 建设 管理 作风建设 基层 群众 党风 政风".split()
)
_GENERIC = ("数量", "次数", "场次", "篇数", "件数", "人数", "条数", "人次", "批次", "数", "面积", "支出")


@dataclass
class ThemeResult:
    id: str
    name: str
    required: bool
    hits: list[Hit] = field(default_factory=list)
    suggestion: str | None = None
    suggestion_slot: str | None = None

    @property
    def found(self) -> bool:
        return bool(self.hits)


@dataclass
class Coverage:
    themes: list[ThemeResult]
    uncovered_terms: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Share of required themes found."""
        required = [t for t in self.themes if t.required]
        return sum(t.found for t in required) / len(required) if required else 1.0

    @property
    def missing_required(self) -> list[ThemeResult]:
        return [t for t in self.themes if t.required and not t.found]


def _cue(label: str) -> str:
    cue = re.sub(r"[“”「」（）()]", "", label)
    for word in _GENERIC:
        cue = cue.removesuffix(word)
    return cue[-4:] if len(cue) > 4 else cue


def recover_spec_data(src: Source, kind: Kind) -> dict[str, Any]:
    """Organisation, year and whatever figures can be read back from the text (the rest stay missing)."""
    data: dict[str, Any] = {"kind": kind.id, "organisation": {"level": next(iter(kind.levels))}}
    m = _TITLE.match(src.title or "")
    if m:
        org = m.group("org").strip()
        data["organisation"]["name"] = org
        data["year"] = int(m.group("year"))
        for level, cues in _LEVEL_CUES:
            if level in kind.levels and any(c in org for c in cues):
                data["organisation"]["level"] = level
                break
    for f in kind.figures:
        if f.type == "titles" or not f.unit:
            continue
        cue = _cue(f.label)
        if len(cue) < 2:
            continue
        found = re.search(rf"{re.escape(cue)}[^。；，\d]{{0,10}}?{_NUMBER}{re.escape(f.unit)}", src.text)
        if not found:
            continue
        value: Any = float(found.group(1)) if f.type == "amount" else int(float(found.group(1)))
        group = data.setdefault(f.group, {})
        group[f.name] = {"current": value} if f.compare else value
    return data


def _suggest(drafter: Drafter, theme_id: str, ctx: dict[str, Any]) -> tuple[str | None, str | None]:
    """The first body slot tagged with the theme, rendered with the recovered figures."""
    tagged = [s for s in drafter.bank if theme_id in s.themes]
    body = [s for s in tagged if not s.id.endswith((".heading", ".lead"))] or tagged
    if not body:
        return None, None
    slot = body[0]
    return drafter.render_variant(slot, slot.enabled[0], ctx)[0], slot.id


@cache
def _jieba_analyse() -> Any:
    from ..zh.segmenter import load_jieba

    load_jieba()
    with warnings.catch_warnings():
        # jieba.analyse reads its IDF table through a file it never closes.
        warnings.simplefilter("ignore", ResourceWarning)
        import jieba.analyse

        jieba.analyse.extract_tags("预热", topK=1)
        gc.collect()
    return jieba.analyse


def uncovered_terms(text: str, matcher: ThemeMatcher, top: int = 12) -> list[str]:
    """Salient terms (jieba.analyse TF-IDF) that no theme alias covers: topics the theme list may miss."""
    analyse = _jieba_analyse()
    aliases = [a for t in matcher.themes for a in t.aliases]
    terms = analyse.extract_tags(text, topK=top * 4, allowPOS=("n", "nz", "vn", "nt", "l", "i"))
    keep = [
        t
        for t in terms
        if len(t) >= 2
        and t not in _GENRE_WORDS
        and not re.search(r"\d", t)
        and not any(t in a or a in t for a in aliases)
    ]
    return keep[:top]


def theme_coverage(
    src: Source, kind: Kind, matcher: ThemeMatcher, drafter: Drafter | None = None, salient: bool = True
) -> Coverage:
    """Per theme: hits with offsets; for each missing required theme a suggested sentence."""
    hits = matcher.find(src.text)
    results = []
    ctx = None
    for theme in kind.themes:
        result = ThemeResult(theme.id, theme.name, theme.required, [h for h in hits if h.theme == theme.id])
        if not result.found and theme.required and drafter is not None:
            if ctx is None:
                ctx = build_context(kind, validate_spec(recover_spec_data(src, kind), src.name, [kind.path]))
            result.suggestion, result.suggestion_slot = _suggest(drafter, theme.id, ctx)
        results.append(result)
    terms = uncovered_terms(src.text, matcher) if salient else []
    return Coverage(results, terms)
