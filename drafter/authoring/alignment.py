"""Reports of one kind side by side: their sections and sentences aligned, so each slot gets a variant from each.

Sections pair by order when the reports have as many, else by their headings' shared characters; a sentence
pairs with the one stating the same figures (readable keys make 召开各类会议**次 and 全镇共召开会议45次 both
meetings.count), a sentence without figures with the most alike one. Sentences not carried forward
(facts of their own year) pair with nothing.
"""

from __future__ import annotations

import difflib
import re

from .bank_lint import NEAR_DUPLICATE
from .outline import OutlineSection, Piece, ReportOutline, all_pieces

__all__ = ["align_outlines", "likeness"]

MIN_LIKENESS = 0.2
_EXPR = re.compile(r"\{\{.*?\}\}")


def likeness(a: str, b: str) -> float:
    """Shared character bigrams over all (Jaccard): 0 for nothing alike, 1 for the same text."""
    x = {a[i : i + 2] for i in range(len(a) - 1)}
    y = {b[i : i + 2] for i in range(len(b) - 1)}
    return len(x & y) / len(x | y) if x | y else 0.0


def _section_pairs(a: ReportOutline, b: ReportOutline) -> list[tuple[OutlineSection, OutlineSection]]:
    if len(a.sections) == len(b.sections):
        return list(zip(a.sections, b.sections, strict=True))
    pairs, used = [], set()
    for sa in a.sections:
        scored = [(likeness(sa.name, sb.name), j) for j, sb in enumerate(b.sections) if j not in used]
        score, j = max(scored, default=(0.0, -1))
        if j >= 0 and (score >= MIN_LIKENESS or sa.theme == b.sections[j].theme):
            used.add(j)
            pairs.append((sa, b.sections[j]))
    return pairs


def _fits(pa: Piece, pb: Piece) -> bool:
    """B's sentence can stand for A's: the same figures, each as able (a 同比 in B needs one in A)."""
    if pa.flag or pb.flag or pa.about != pb.about:
        return False  # a case sentence says {{ this }}: only another case sentence can stand for it
    fa = {f.name: f for f in pa.figures}
    fb = {f.name: f for f in pb.figures}
    if fa.keys() != fb.keys():
        return False
    return all(fa[k].type == fb[k].type and (fb[k].compare is None or fa[k].compare is not None) for k in fa)


def _alike(a: str, b: str) -> bool:
    """The same wording, or near enough that `kind lint` would call it a near-duplicate (it adds no variety)."""
    if a == b:
        return True
    a, b = _EXPR.sub("□", a), _EXPR.sub("□", b)  # an expression renders short (我镇), not as its source
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR_DUPLICATE


def align_outlines(primary: ReportOutline, others: list[ReportOutline]) -> int:
    """Give primary's pieces the aligned sentences of the other reports as extra variants; returns how many."""
    added = 0
    for other in others:
        for sa, sb in _section_pairs(primary, other):
            free = [p for p in all_pieces(sb) if not p.flag]
            targets = all_pieces(sa)
            # Figures first (exact), then the most alike sentence without figures.
            for pa in sorted(targets, key=lambda p: not p.figures):
                best, best_score = None, 0.0
                for pb in free:
                    if not _fits(pa, pb) or (pa is sa.heading) != (pb is sb.heading):
                        continue
                    score = (
                        1.0 + likeness(pa.original, pb.original) if pa.figures else likeness(pa.original, pb.original)
                    )
                    if pa is sa.heading:
                        score += 1.0
                    if score > best_score:
                        best, best_score = pb, score
                if best is None or (not pa.figures and pa is not sa.heading and best_score < MIN_LIKENESS):
                    continue
                free.remove(best)
                if not any(_alike(best.variant, v) for v in (pa.variant, *pa.extra)):
                    pa.extra.append(best.variant)
                    added += 1
    return added
