"""Figures that must add up: totals and their parts (合计…，其中…), rates, 增加0, and how figures are written.

Part of the number family: `number.check` calls these per sentence with the figures it has read.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from ...zh.numbers import format_amount
from ...zh.units import unit_pattern
from ..findings import Finding
from ..source import Source
from .quantities import NUM, SPACES, UNITS, Group, Qty

__all__ = ["check_sentence", "spacing"]

# Money units convert; every other unit compares only with itself.
_SCALE = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
TOTAL_WORD = re.compile(r"(?:合计|共计|总计|累计|共)[\u4e00-\u9fff]{0,6}$")
_CHANGE_BEFORE = re.compile(
    r"(?:减少|下降|降低|压减|缩减|增加|增长|上升|提高|上年|去年|同期|由|从|降至|增至|到|至)的?$"
)
RATE = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{1,4}}率)(?:为|达|达到|是)?(?P<pct>{NUM})[%％]")
ZERO = re.compile(
    rf"(?:较|比|与)(?:上年|去年|上一年度?)(?:同期)?(?P<verb>增加|减少|增长|下降)了?0(?:\.0+)?(?:{unit_pattern(UNITS)}|%|％)(?![\d.])"
)
SPACED = re.compile(rf"(?<![\d.]){NUM}[{SPACES}]+(?:{unit_pattern(UNITS)}|%|％)")
FULL_DIGITS = re.compile(r"[０-９][０-９．.0-9]*")


def _comparable(a: Qty, b: Qty) -> bool:
    return a.unit == b.unit or (a.unit in _SCALE and b.unit in _SCALE)


def _value(q: Qty, unit: str) -> Decimal:
    """q's value in `unit` (money converts between 元, 千元, 万元, 亿元)."""
    if q.unit == unit:
        return q.value
    return q.value * _SCALE[q.unit] / _SCALE[unit]


def _places(*qs: Qty) -> int:
    return max(max(0, -q.value.as_tuple().exponent) for q in qs)  # type: ignore[operator]


def _label_start(text: str, start: int, floor: int) -> int:
    """Back to the clause start, for a span like 村（社区）干部58人."""
    i = start
    while i > floor and text[i - 1] not in "，。；：、,;:":
        i -= 1
    return i


def _sum_check(src: Source, text: str, groups: list[Group], a: int, b: int) -> list[Finding]:
    """The figure stated before 其中 against the parts listed after it (up to the next ；)."""
    at = text.find("其中", a, b)
    if at < 0:
        return []
    stop = text.find("；", at, b)
    stop = b if stop < 0 else stop
    before = [g.cur for g in groups if g.cur and g.cur.end <= at]
    parts_all = [g.cur for g in groups if g.cur and at < g.cur.start < stop]
    if not before or not parts_all:
        return []
    unit_q = parts_all[0]
    total = next((q for q in reversed(before) if _comparable(q, unit_q)), None)
    if total is None:
        return []
    parts = [
        q for q in parts_all if _comparable(q, total) and not _CHANGE_BEFORE.search(text[max(a, q.start - 4) : q.start])
    ]
    if not parts:
        return []
    unit = total.unit
    for q in parts:
        if _value(q, unit) > total.value:
            s = _label_start(text, q.start, at)
            msg = f"其中一项{format_amount(q.value, 4)}{q.unit}大于总数{format_amount(total.value, 4)}{unit}"
            if q.unit != unit:
                msg += "（注意元和万元）"
            return [
                Finding("number", "error", msg, s, q.end, src.text[s : q.end], "核对总数和分项", rule_id="number.part")
            ]
    if len(parts) < 2:
        return []
    worded = TOTAL_WORD.search(text[max(a, total.start - 9) : total.start])
    total_sum = sum((_value(q, unit) for q in parts), Decimal(0))
    places = _places(total, *parts)
    exact = places == 0 and unit not in _SCALE  # counts of things add up exactly; amounts are rounded
    tol = Fraction(0) if exact else Fraction(len(parts) + 1, 2 * 10**places)
    gap = Fraction(total.value - total_sum)
    if abs(gap) <= tol or (gap > 0 and not worded and len(parts) < 3):
        return []  # a partial list (其中…两项) may leave other parts unnamed
    s = total.start - (len(worded.group()) if worded else 0)
    listed = "+".join(format_amount(q.value, 4) for q in parts)
    msg = f"分项{listed}={format_amount(total_sum, 4)}{unit}，与总数{format_amount(total.value, 4)}{unit}不符"
    return [
        Finding("number", "error", msg, s, total.end, src.text[s : total.end], "核对总数和分项", rule_id="number.sum")
    ]


def _rate_check(src: Source, text: str, groups: list[Group], a: int, b: int) -> list[Finding]:
    """X率P% against the two figures of one unit just before it (已整改389个 of 发现问题412个)."""
    out = []
    for m in RATE.finditer(text, a, b):
        before = [g.cur for g in groups if g.cur and g.cur.end <= m.start()]
        if len(before) < 2 or before[-1].unit != before[-2].unit or before[-2].value == 0:
            continue
        part, whole = before[-1].value, before[-2].value
        if part > whole:
            continue
        stated = Decimal(m.group("pct"))
        actual = Fraction(part) / Fraction(whole) * 100
        places = max(0, -stated.as_tuple().exponent)  # type: ignore[operator]
        if abs(actual - Fraction(stated)) <= Fraction(1, 2 * 10**places):
            continue
        right = f"{Decimal(actual.numerator) / Decimal(actual.denominator):.{max(1, places)}f}%"
        msg = f"{format_amount(part, 4)}÷{format_amount(whole, 4)}={right}，不是{m.group('pct')}%"
        s, e = m.start(), m.end()
        out.append(
            Finding("number", "error", msg, s, e, src.text[s:e], f"{m.group('name')}{right}", rule_id="number.rate")
        )
    return out


def _zero_changes(src: Source, text: str, a: int, b: int) -> list[Finding]:
    out = []
    for m in ZERO.finditer(text, a, b):
        same = "与上年同期持平" if "同期" in m.group() else "与上年持平"
        msg = f"「{m.group('verb')}0」即没有变化，写「{same}」"
        out.append(
            Finding(
                "number",
                "warning",
                msg,
                m.start(),
                m.end(),
                src.text[m.start() : m.end()],
                same,
                rule_id="number.zero_change",
            )
        )
    return out


def check_sentence(src: Source, groups: list[Group], text: str, a: int, b: int) -> list[Finding]:
    """Sums, rates and zero changes of one sentence (text has full-width digits read as ASCII)."""
    return _sum_check(src, text, groups, a, b) + _rate_check(src, text, groups, a, b) + _zero_changes(src, text, a, b)


def spacing(src: Source) -> list[Finding]:
    """Spaces between a figure and its unit, and full-width digits: both written wrong, both safe to fix."""
    out = []
    for m in SPACED.finditer(src.text):
        fix = re.sub(f"[{SPACES}]+", "", m.group())
        msg = "数字与单位之间不空格"
        out.append(Finding("number", "warning", msg, m.start(), m.end(), m.group(), fix, fix, "number.spacing"))
    for m in FULL_DIGITS.finditer(src.text):
        fix = m.group().translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
        msg = "数字用半角阿拉伯数字"
        out.append(Finding("number", "warning", msg, m.start(), m.end(), m.group(), fix, fix, "number.full_width"))
    return out
