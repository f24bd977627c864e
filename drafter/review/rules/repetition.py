"""Repetition: the same set phrase or clause used twice in one paragraph, and across the whole
document the limits of phrasebank/style.yaml (formula words over their caps, headings echoed by their
first sentence, sentences in a row opening alike, mixed forms of parallel headings; see style_limits)."""

from __future__ import annotations

import re
from functools import cache

from ..findings import Finding
from ..source import Source

__all__ = ["STOPLIST", "check"]

# Clauses end at punctuation; quoted terms, 《titles》 and 【placeholders】 are names, not phrasing:
# they stay whole inside their clause and never count as a phrase on their own.
SEPARATORS = re.compile(r"[，。；：、！？,;:!?「」『』\s]+")  # （境） stays inside its clause
CLAUSE = re.compile(r"[^，。；：、！？,;:!?「」『』\s]+")
QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》|‘[^‘’]*’|【[^【】]*】")
HAN = re.compile(r"[\u4e00-\u9fff]")
# Words a report repeats of necessity; saying them twice is not a style fault.
STOPLIST = frozenset(
    "中央八项 八项规定 规定精神 党员干部 全年共计 全年共 领导干部 作风建设 监督检查 贯彻落实 "
    "公务接待 公务用车 办公用房 三公经费".split()
)
MIN_CLAUSE, MAX_CLAUSE = 4, 12


@cache
def _idioms() -> frozenset[str] | None:
    """Four-character idioms (成语, tag i) of jieba's dictionary; None without jieba.

    Tag l (习用语) is left out: it holds many plain nouns (联席会议, 神经系统).
    """
    try:
        from ...zh.segmenter import jieba_idioms

        return jieba_idioms()
    except ImportError:
        return None


def _shielded(para: str) -> str:
    """The paragraph with the separators inside quotes, titles and placeholders neutralised (same length)."""
    return QUOTED.sub(lambda m: SEPARATORS.sub(lambda s: "·" * len(s.group()), m.group()), para)


def _clauses(para: str) -> list[tuple[str, int]]:
    """Clauses of 4–12 characters with at least four Chinese ones, and their offsets in the paragraph."""
    out = []
    for m in CLAUSE.finditer(_shielded(para)):
        piece = para[m.start() : m.end()]
        if QUOTED.fullmatch(piece) or piece in STOPLIST:
            continue
        if MIN_CLAUSE <= len(piece) <= MAX_CLAUSE and len(HAN.findall(piece)) >= MIN_CLAUSE:
            out.append((piece, m.start()))
    return out


def _set_phrase_spans(para: str, clauses: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every occurrence of a four-character clause (a set phrase: 亲自部署), also inside longer clauses."""
    outside_quotes = QUOTED.sub(lambda m: "\0" * len(m.group()), para)
    phrases = {c for c, _at in clauses if len(c) == MIN_CLAUSE and len(HAN.findall(c)) == MIN_CLAUSE}
    spans = [(p, m.start()) for p in phrases for m in re.finditer(re.escape(p), outside_quotes)]
    return sorted(spans, key=lambda x: x[1])


def _idiom_spans(para: str) -> list[tuple[str, int]]:
    idioms = _idioms()
    if idioms is None:
        return []
    # A repeat needs some idiom to occur twice as a substring; most paragraphs have none, so skip jieba there.
    seen: set[str] = set()
    for i in range(len(para) - 3):
        gram = para[i : i + 4]
        if gram in idioms:
            if gram in seen:
                break
            seen.add(gram)
    else:
        return []
    from ...zh.segmenter import load_jieba

    jieba = load_jieba()
    return [(w, a) for w, a, _b in jieba.tokenize(para) if w in idioms and w not in STOPLIST]


def _repeats(items: list[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """(phrase, first offset, repeat offset) for every occurrence after the first."""
    first: dict[str, int] = {}
    out = []
    for phrase, at in items:
        if phrase in first:
            out.append((phrase, first[phrase], at))
        else:
            first[phrase] = at
    return out


def check(src: Source) -> list[Finding]:
    """Repeats within a paragraph, then the document-wide limits."""
    from .style_limits import check as style_check

    return phrase_repeats(src) + style_check(src)


def phrase_repeats(src: Source) -> list[Finding]:
    """A warning at each repeat, within its paragraph, of a clause, a four-character clause or an idiom."""
    out: list[Finding] = []
    for p in src.paragraphs:
        if p.role != "body":
            continue
        para = src.para_text(p)
        reported: list[tuple[int, int]] = []
        clauses = _clauses(para)
        repeats = _repeats(clauses) + _repeats(_set_phrase_spans(para, clauses)) + _repeats(_idiom_spans(para))
        for phrase, first, at in repeats:
            if any(a <= at and at + len(phrase) <= b for a, b in reported):
                continue  # an idiom inside a repeated clause is reported with the clause
            reported.append((at, at + len(phrase)))
            context = para[max(0, first - 6) : first + len(phrase) + 6]
            out.append(
                Finding(
                    "repetition",
                    "warning",
                    f"「{phrase}」在本段重复出现，第一次在「…{context}…」",
                    p.start + at,
                    p.start + at + len(phrase),
                    phrase,
                    suggest="换一种说法或删去重复的部分",
                    rule_id="repetition.phrase",
                )
            )
    return out
