"""Claims that contradict the figures beside them: 明显压减 next to 同比增长, 全部清零 over a 87.8% rate.

A claim is checked against the figures of its own sentence and, when it sits in
a heading (一、 / （一） / the first sentence of a 一是 item), against the body
that heading introduces.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..findings import Finding
from ..source import Source

__all__ = ["check"]

_ADVERB = r"(?:明显|大幅|大大|持续|有效|显著|进一步|逐步|逐年|不断|根本|基本|全面|切实|得到(?:有效|明显|根本|了)?|有所|进一步得到)"
# A claim that something bad (or costly) went down, or a success said without figures.
CUT = re.compile(
    rf"{_ADVERB}+(?:压减|减少|下降|降低|缩减|遏制|扭转|好转|改观|精简)"
    r"|(?:明显|根本性?|很大)(?:改观|好转|扭转)|成效(?:明显|显著)|更加充足|全部清零|(?:已)?全部整改(?:到位|完成)"
    r"(?!了?\d)"
)
CLEARED = re.compile(r"全部清零|全部整改(?:到位|完成)")
# A claim that something good went up.
RISE_CLAIM = re.compile(rf"{_ADVERB}+(?:提升|提高|增强|加大|扩大)(?!了?\d)")
# A stated change with its figure: 较上年增加11次, 同比增长27.5%.
STATED = re.compile(
    r"(?P<verb>增加|增长|上升|提高|多|减少|下降|降低|压减|缩减|少)了?(?:约|近)?(?P<num>\d+(?:\.\d+)?)"
    r"(?:%|％|个百分点|[\u4e00-\u9fff]{1,3})"
)
# Nouns of which more is better: a rise in one of these is no rise in what a cut claim is about.
_HIGHER_BETTER = re.compile(r"率|覆盖|参训|参学|培训|满意|完成|办结|整改|受教育|教育")
# Nouns of which less is better (会议, 发文, 经费 …): their fall is good news beside any rise claim;
# counts of cases found (查处, 线索) are neutral and stay checkable both ways.
_LOWER_BETTER = re.compile(
    r"会议|发文|文件|简报|经费|费用?|支出|开支|接待|团组|车辆|用房|面积|检查考核|督查|表彰|节庆|论坛"
)
_WINDOW = 20
RATE = re.compile(r"(?:完成|整改|办结)率(?:为|达到?|是)?(?P<num>\d+(?:\.\d+)?)[%％]")
DONE_OF = re.compile(r"(?:发现|反馈|查摆)问题(?P<all>\d+)个[^。]{0,20}?已?(?:整改|完成整改|整改完成)(?P<done>\d+)个")
_CLAUSE_START = re.compile(r"[，。；：、！？,;:!?\s]")


def _clause_start(text: str, start: int, floor: int) -> int:
    """Where the clause holding `start` begins (after the last punctuation, not before floor)."""
    i = start
    while i > floor and not _CLAUSE_START.match(text[i - 1]):
        i -= 1
    return i


def _stated(text: str, a: int, b: int) -> tuple[list[re.Match], list[re.Match]]:
    """Stated rises of figures that are not more-is-better, and falls of figures that are not less-is-better."""
    rises, falls = [], []
    for m in STATED.finditer(text, a, b):
        if Decimal(m.group("num")) == 0:
            continue
        before = text[max(a, m.start() - _WINDOW) : m.start()]
        if m.group("verb") in ("增加", "增长", "上升", "提高", "多"):
            if not _HIGHER_BETTER.search(text[_clause_start(text, m.start(), a) : m.start()]):
                rises.append(m)
        elif not _LOWER_BETTER.search(before):
            falls.append(m)
    return rises, falls


def _not_all_done(text: str, a: int, b: int) -> str | None:
    """A stated completion rate below 100% or 已整改M个 of N, as words for the message."""
    for m in RATE.finditer(text, a, b):
        if Decimal(m.group("num")) < 100:
            return m.group()
    for m in DONE_OF.finditer(text, a, b):
        if int(m.group("done")) < int(m.group("all")):
            return m.group()
    return None


def _finding(src: Source, claim: re.Match, floor: int, against: str, heading: bool) -> Finding:
    start = _clause_start(src.text, claim.start(), floor)
    where = "小标题" if heading else "同一句"
    msg = f"「{claim.group()}」的结论与{where}{'下文' if heading else ''}的数字相反：{against}"
    return Finding(
        "claim", "warning", msg, start, claim.end(), src.text[start : claim.end()],
        "改写结论，或写明依据", rule_id="claim.contradicted",
    )  # fmt: skip


def _judge(src: Source, claim: re.Match, rising: bool, a: int, b: int) -> str | None:
    """What in text[a:b] contradicts the claim, or None."""
    text = src.text
    if CLEARED.fullmatch(claim.group()):
        return _not_all_done(text, a, b) and f"「{_not_all_done(text, a, b)}」，并未全部完成"
    rises, falls = _stated(text, a, b)
    stated = falls if rising else rises
    return f"「{stated[0].group()}」" if stated else None


def _claims(src: Source, a: int, b: int):
    for m in CUT.finditer(src.text, a, b):
        yield m, False
    for m in RISE_CLAIM.finditer(src.text, a, b):
        yield m, True


def _heading_bodies(src: Source) -> list[tuple[int, int, int, int]]:
    """(heading start, heading end, body start, body end) for headings, subheadings and 一是 items."""
    out = []
    paras = src.paragraphs
    for i, p in enumerate(paras):
        if p.role in ("heading", "subheading"):
            level = p.role
            end = p.end
            for q in paras[i + 1 :]:
                if q.role == "heading" or (level == "subheading" and q.role == "subheading"):
                    break
                end = q.end
            head_end = p.sentences[0][1] if p.sentences else p.end
            out.append((p.start, head_end, head_end, end))
        for n, (_label, at) in enumerate(p.items):
            stop = p.items[n + 1][1] if n + 1 < len(p.items) else p.end
            first = src.text.find("。", at, stop)
            if first > 0:
                out.append((at, first, first + 1, stop))
    return out


def check(src: Source) -> list[Finding]:
    """Cut/success claims beside stated rises (and rise claims beside stated falls of good figures)."""
    out: list[Finding] = []
    seen: set[int] = set()
    for ha, hb, ba, bb in _heading_bodies(src):
        for claim, rising in _claims(src, ha, hb):
            against = _judge(src, claim, rising, ba, bb)
            if against and claim.start() not in seen:
                seen.add(claim.start())
                out.append(_finding(src, claim, ha, against, heading=True))
    for p in src.paragraphs:
        for a, b in p.sentences:
            for claim, rising in _claims(src, a, b):
                if claim.start() in seen:
                    continue
                against = _judge(src, claim, rising, a, b)
                if against:
                    out.append(_finding(src, claim, a, against, heading=False))
                    break  # one contradicted claim per sentence is enough to send the writer back
    return out
