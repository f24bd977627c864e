"""Theme coverage of a document: which themes are present, where, and what to add for the rest."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..bank.kinds import Kind
from .matching import Hit, ThemeMatcher
from .source import Source

__all__ = ["Coverage", "Suggest", "ThemeResult", "theme_coverage", "uncovered_terms"]

# Sentences to add for missing themes: (document, theme ids) -> {theme id: (text, slot id)}.
# The drafting side provides one (drafting.suggestion.Suggester); review itself never drafts.
Suggest = Callable[[Source, list[str]], dict[str, tuple[str | None, str | None]]]

# Words every report of the genre uses; listing them as "uncovered" would be noise.
_GENRE_WORDS = frozenset(
    "作风 八项 规定 精神 党员干部 干部 党员 全年 工作 问题 情况 中央 要求 单位 领导 部门 全县 全镇 全局 全校 "
    "制度 精神 规矩 纪律 责任 成效 措施 机制 重点 建设 管理 作风建设 基层 群众 党风 政风".split()
)


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


SALIENT_SAMPLE = 60_000  # characters: a long report (20-30 thousand) is read whole; a huge paste is sampled evenly


def _sample(text: str, size: int = SALIENT_SAMPLE, pieces: int = 50) -> str:
    """The text itself when short; else `pieces` evenly spaced stretches of it, `size` characters in all
    (salient terms are for the gist; counting words over a 10 MB paste would cost seconds for nothing)."""
    if len(text) <= size:
        return text
    step, width = len(text) // pieces, size // pieces
    return "\n".join(text[i * step : i * step + width] for i in range(pieces))


def uncovered_terms(text: str, matcher: ThemeMatcher, top: int = 12) -> list[str]:
    """Salient terms (TF-IDF over jieba's dictionary nouns) that no theme alias covers: topics the theme list may miss."""
    from ..zh.keywords import salient_words

    aliases = [a for t in matcher.themes for a in t.aliases]
    terms = salient_words(_sample(text), top * 4)
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
    src: Source, kind: Kind, matcher: ThemeMatcher, suggest: Suggest | None = None, salient: bool = True
) -> Coverage:
    """Per theme: hits with offsets; for each missing required theme a suggested sentence."""
    hits = matcher.find(src.text, src.normalised)
    results = []
    for theme in kind.themes:
        results.append(ThemeResult(theme.id, theme.name, theme.required, [h for h in hits if h.theme == theme.id]))
    missing = [r for r in results if r.required and not r.found]
    if missing and suggest is not None:
        suggestions = suggest(src, [r.id for r in missing])
        for r in missing:
            r.suggestion, r.suggestion_slot = suggestions.get(r.id, (None, None))
    terms = uncovered_terms(src.text, matcher) if salient else []
    return Coverage(results, terms)
