"""Where a long title breaks: whole words on every line, in a balanced shape (GB/T 9704-2012 7.3.3).

A title wider than one line is broken by the writer, not left to Word: each line keeps its words whole
(词意完整) and the lines form a 梯形 or 菱形 — two lines of near-equal width, three with the widest in
the middle. Fixed terms (中央八项规定精神, “三公”经费, 工作总结 …), the organisation's name, the year
(2025年, 2025年度), quotations and runs of digits or Latin letters are never split. The words in between
come from a small built-in list of title words; jieba, when it is installed, splits what that list
leaves unknown. A title the list covers breaks the same with or without jieba.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

__all__ = ["FIXED_TERMS", "TitleBreak", "break_title", "text_width"]

# Terms a title line never splits, longest matched first.
FIXED_TERMS = (
    "深入贯彻中央八项规定精神学习教育",
    "中央八项规定及其实施细则精神",
    "中央八项规定精神",
    "中央八项规定",
    "党风廉政建设和反腐败工作",
    "党风廉政建设",
    "反腐败工作",
    "全面从严治党",
    "主体责任",
    "监督责任",
    "“三公”经费",
    "三公经费",
    "“四风”",
    "形式主义官僚主义",
    "贯彻落实",
    "工作总结",
    "工作报告",
    "自查报告",
    "情况报告",
    "专项整治",
    "整改落实",
    "落实情况",
    "开展情况",
    "执行情况",
)
# Words titles are made of; they split a run the fixed terms leave, and break there cheaply.
_WORDS = (
    "关于",
    "年度",
    "上半年",
    "下半年",
    "全年",
    "深入",
    "贯彻",
    "落实",
    "学习",
    "教育",
    "开展",
    "推进",
    "加强",
    "工作",
    "情况",
    "总结",
    "报告",
    "自查",
    "整改",
    "专项",
    "治理",
    "检查",
    "监督",
    "执纪",
    "问责",
    "作风",
    "建设",
    "纪律",
    "廉政",
    "廉洁",
    "党风",
    "政风",
    "精神",
    "规定",
    "制度",
    "实施",
    "方案",
    "意见",
    "通知",
    "请示",
    "活动",
    "会议",
    "文件",
    "简报",
    "经费",
    "公务",
    "接待",
    "用车",
    "办公",
    "用房",
    "节约",
    "浪费",
    "反对",
    "厉行",
    "问题",
    "成效",
    "措施",
    "计划",
    "要点",
    "中央",
    "八项",
    "县委",
    "市委",
    "省委",
    "党委",
    "党组",
    "委员会",
    "政府",
    "人民",
)
_YEAR = re.compile(r"\d{4}(?:—\d{4}|-\d{4})?年度?|\d{4}(?:—|-)\d{4}年度?")
_QUOTED = re.compile(r"“[^”]{1,12}”|《[^》]{1,30}》|「[^」]{1,12}」|（[^）]{1,12}）|\([^)]{1,12}\)")
_ALNUM = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ.·%％]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
# Characters a line must not begin with, and words it should not end with or begin with.
_NO_LINE_START = set("，。、；：！？”’）》」』】…—%％")
_WEAK_START = ("的", "和", "及", "与", "之", "暨")
_WEAK_END = ("关于", "对", "在", "的", "和", "及", "与", "暨")
_UNKNOWN_BREAK = 6.0  # breaking between two characters no word list vouches for


def text_width(text: str) -> float:
    """Width in title characters: full-width 1, half-width digits and letters ½."""
    return sum(0.5 if unicodedata.east_asian_width(c) in "NaH" else 1 for c in text)


@dataclass(frozen=True)
class _Token:
    text: str
    width: float
    cost: float  # of breaking before this token (inf: never)


@dataclass(frozen=True)
class TitleBreak:
    """A title set on lines, and what the breaking measured."""

    lines: tuple[str, ...]
    capacity: float

    @property
    def widths(self) -> tuple[float, ...]:
        return tuple(text_width(line) for line in self.lines)


@cache
def _jieba_available() -> bool:
    return importlib.util.find_spec("jieba") is not None


def _lexicon_split(run: str) -> list[tuple[str, bool]]:
    """A Han run as (piece, known) by forward longest match on the title words; unknown characters alone."""
    out: list[tuple[str, bool]] = []
    i = 0
    longest = max(map(len, _WORDS))
    while i < len(run):
        for n in range(min(longest, len(run) - i), 1, -1):
            if run[i : i + n] in _WORDS:
                out.append((run[i : i + n], True))
                i += n
                break
        else:
            out.append((run[i], False))
            i += 1
    return out


def _unknown_words(run: str, use_jieba: bool) -> list[str] | None:
    """jieba's words for a run the title words don't cover, or None without jieba."""
    if not use_jieba or not _jieba_available():
        return None
    from .segmenter import load_jieba

    return [w for w in load_jieba().lcut(run, HMM=False) if w]


def _tokens(title: str, keep: Iterable[str], use_jieba: bool) -> list[_Token]:
    """The title as unbreakable tokens, each with the cost of a break before it."""
    protected: list[tuple[int, int]] = []  # spans never split
    taken = [False] * len(title)

    def protect(a: int, b: int) -> None:
        if b - a > 0 and not any(taken[a:b]):
            protected.append((a, b))
            for i in range(a, b):
                taken[i] = True

    for pattern in (_QUOTED, _YEAR, _ALNUM):
        for m in pattern.finditer(title):
            protect(m.start(), m.end())
    year = _YEAR.search(title)
    terms = sorted({*keep, *FIXED_TERMS} - {""}, key=len, reverse=True)
    if year and year.start() > 0:  # what comes before the year names the organisation
        org = title[: year.start()]
        org = org[2:] if org.startswith("关于") else org
        terms.insert(0, org)
    for term in terms:
        start = title.find(term)
        while start >= 0:
            protect(start, start + len(term))
            start = title.find(term, start + 1)
    pieces: list[tuple[str, float]] = []  # (text, cost of a break before it)
    i = 0
    spans = dict(protected)
    while i < len(title):
        if i in spans:
            pieces.append((title[i : spans[i]], 0.0))
            i = spans[i]
            continue
        j = i
        while j < len(title) and j not in spans:
            j += 1
        pieces.extend(_free_pieces(title[i:j], use_jieba))
        i = j
    tokens = []
    for text, cost in pieces:
        if text[0] in _NO_LINE_START:
            cost = float("inf")
        tokens.append(_Token(text, text_width(text), cost))
    return tokens


def _free_pieces(run: str, use_jieba: bool) -> list[tuple[str, float]]:
    """Pieces of text outside the protected spans, with break costs."""
    out: list[tuple[str, float]] = []
    for piece, known in _lexicon_split(run):
        if known or not _HAN.match(piece):
            out.append((piece, 0.0))
        elif out and out[-1][1] == -1.0:  # unknown characters gather, to be split below
            out[-1] = (out[-1][0] + piece, -1.0)
        else:
            out.append((piece, -1.0))
    result: list[tuple[str, float]] = []
    for piece, cost in out:
        if cost >= 0:
            result.append((piece, cost))
            continue
        words = _unknown_words(piece, use_jieba)
        if words is None:  # no segmenter: characters, breakable at a price
            result += [(c, 0.0 if k == 0 else _UNKNOWN_BREAK) for k, c in enumerate(piece)]
        else:
            result += [(w, 0.0) for w in words]
    return result


def _shape_cost(widths: list[float]) -> float:
    """How far the lines are from a 梯形 (two lines) or 菱形 (three or more)."""
    if len(widths) == 1:
        return 0.0
    if len(widths) == 2:
        top, bottom = widths
        # Near-equal is best; a first line much shorter than the second reads worse than the reverse.
        return (bottom - top) * 1.2 if bottom > top else (top - bottom)
    mean = sum(widths) / len(widths)
    cost = sum(abs(w - mean) for w in widths)
    middle = max(widths[1:-1])
    if middle < max(widths[0], widths[-1]):  # 菱形: the widest line in the middle
        cost += 2 * (max(widths[0], widths[-1]) - middle)
    return cost


def _break_cost(lines: list[list[_Token]]) -> float:
    cost = 0.0
    for n, line in enumerate(lines):
        text = "".join(t.text for t in line)
        if n > 0:
            cost += line[0].cost
            if text.startswith(_WEAK_START):
                cost += 4
        if n < len(lines) - 1 and text.endswith(_WEAK_END):
            cost += 4
    return cost


def _best(tokens: list[_Token], capacity: float, count: int) -> list[list[_Token]] | None:
    """The cheapest way to put the tokens on `count` lines no wider than capacity, or None."""
    prefix = [0.0, *itertools.accumulate(t.width for t in tokens)]
    best: tuple[float, list[int]] | None = None
    n = len(tokens)

    def walk(start: int, cuts: list[int]) -> None:
        nonlocal best
        if len(cuts) == count - 1:
            if prefix[n] - prefix[start] <= capacity:
                bounds = [0, *cuts, n]
                lines = [tokens[a:b] for a, b in itertools.pairwise(bounds)]
                widths = [prefix[b] - prefix[a] for a, b in itertools.pairwise(bounds)]
                cost = _shape_cost(widths) + _break_cost(lines)
                if best is None or cost < best[0]:
                    best = (cost, list(cuts))
            return
        for end in range(start + 1, n):
            if prefix[end] - prefix[start] > capacity:
                break
            if tokens[end].cost == float("inf"):
                continue
            walk(end, [*cuts, end])

    walk(0, [])
    if best is None:
        return None
    bounds = [0, *best[1], n]
    return [tokens[a:b] for a, b in itertools.pairwise(bounds)]


def break_title(title: str, capacity: float, keep: Iterable[str] = (), *, use_jieba: bool = True) -> TitleBreak:
    """The title on as few lines of at most `capacity` characters as its words allow, balanced.

    `keep` names more terms to keep whole (an organisation's name). A token wider than a line (a very long
    name) is split by character as a last resort.
    """
    title = title.strip()
    if capacity <= 0 or text_width(title) <= capacity:
        return TitleBreak((title,), capacity)
    tokens = _tokens(title, keep, use_jieba)
    if any(t.width > capacity for t in tokens):
        tokens = _split_wide(tokens, capacity)
    total = sum(t.width for t in tokens)
    count = max(1, int(-(-total // capacity)))
    while count <= len(tokens):
        lines = _best(tokens, capacity, count)
        if lines is not None:
            return TitleBreak(tuple("".join(t.text for t in line) for line in lines), capacity)
        count += 1
    return TitleBreak((title,), capacity)  # nothing fits (a capacity under one character)


def _split_wide(tokens: list[_Token], capacity: float) -> list[_Token]:
    out: list[_Token] = []
    for t in tokens:
        if t.width <= capacity:
            out.append(t)
            continue
        for k, c in enumerate(t.text):
            cost = t.cost if k == 0 else (float("inf") if c in _NO_LINE_START else _UNKNOWN_BREAK * 2)
            out.append(_Token(c, text_width(c), cost))
    return out
