"""Stated year-on-year comparisons that don't add up, and mixed % / ％ in one document."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from fractions import Fraction

from ...zh.numbers import compare, format_amount, format_percent
from ...zh.units import unit_pattern
from ..findings import Finding
from ..source import Source
from .quantities import NUM, QTY, SPACES, UNITS, Claim, Group, Qty
from .sums import check_sentence, spacing

__all__ = ["check"]

INC = ("增加", "增长", "上升", "提高", "增", "升")  # also 增幅, 增长幅度; everything else is a decrease
OPPOSITE = {
    "减少": "增加", "下降": "增长", "降低": "提高", "压减": "增加", "缩减": "增加", "降": "增", "减": "增",
    "降幅": "增幅", "减幅": "增幅", "下降幅度": "增长幅度",
    "增加": "减少", "增长": "下降", "上升": "下降", "提高": "降低", "增": "降", "升": "降",
    "增幅": "降幅", "增长幅度": "下降幅度",
}  # fmt: skip
_VERB = r"减少|下降|降低|压减|缩减|增加|增长|上升|提高"
_HEDGE = r"不足|不到|低于|约|近|接近|超过|逾"
_LAST_YEAR = r"(?:上年|去年|上一年度?|前一年)(?:同期)?"
TOKEN = re.compile(
    rf"(?P<from>由|从)(?:{_LAST_YEAR}|原来|原先|原)?的?(?P<fq>{QTY})"
    rf"|(?P<tov>{_VERB}|降|减|增|升)?(?:到|至)(?P<tq>{QTY})"
    rf"|{_LAST_YEAR}(?:共|累计)?(?:为|是|的|有)?(?P<pq>{QTY})"
    rf"|(?P<pv>{_VERB}|降幅|减幅|增幅|下降幅度|增长幅度)了?(?:为|达|达到)?(?P<ph>{_HEDGE})?"
    rf"(?P<pn>{NUM})[%％](?P<ph2>以上|以下|左右|多)?"
    rf"|(?P<dv>{_VERB})了?(?P<dh>{_HEDGE})?(?P<dq>{QTY})"
    rf"|(?P<flat>(?:与上年(?:同期)?|同比)持平)"
    rf"|(?<!第)(?P<q>{QTY})"
)
_SPLIT = re.compile(rf"({NUM})(.*)")
# Full-width digits read as ASCII; the translation keeps every offset.
_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _qty(text: str, start: int) -> Qty:
    m = _SPLIT.match(text)
    assert m is not None
    return Qty(Decimal(m.group(1).replace(",", "")), m.group(2), start, start + len(text))


def _direction(verb: str) -> str:
    return "increase" if verb.startswith(INC) else "decrease"


def _attach(groups: list[Group], unit: str) -> Group | None:
    """The one uncompared figure with this unit that a difference or last year's value belongs to."""
    since = max((i + 1 for i, g in enumerate(groups) if g.claims or g.prev), default=0)
    candidates = [g for g in groups[since:] if g.cur and g.cur.unit == unit]
    if len(candidates) == 1:
        return candidates[0]
    last = groups[-1] if groups else None
    if last and last.cur and last.cur.unit == unit and (last.claims or last.prev):
        return last  # 较上年减少16次，同比下降15.7%，减少16次 … stays with its figure
    return None  # no figure, or several that could be meant (会议86次，其中视频会议20次，较上年减少16次)


def _groups(text: str, base: int) -> list[Group]:
    """Read one sentence into compared figures."""
    groups: list[Group] = []
    current: Group | None = None
    for m in TOKEN.finditer(text):
        a, b = base + m.start(), base + m.end()
        if m.group("fq"):
            current = Group(prev=_qty(m.group("fq"), base + m.start("fq")), open_from=True)
            groups.append(current)
        elif m.group("tq"):
            q = _qty(m.group("tq"), base + m.start("tq"))
            if current and current.open_from and current.cur is None and current.prev.unit == q.unit:
                current.cur = q
            else:
                current = Group(cur=q)
                groups.append(current)
            if m.group("tov"):
                current.claims.append(Claim("to", _direction(m.group("tov")), m.group("tov"), a, b))
        elif m.group("pq"):
            q = _qty(m.group("pq"), base + m.start("pq"))
            current = _attach(groups, q.unit)
            if current is not None and current.prev is None:
                current.prev = q
        elif m.group("pn"):
            if current is not None:
                verb, hedge = m.group("pv"), m.group("ph") or m.group("ph2") or ""
                pct = Decimal(m.group("pn"))
                current.claims.append(Claim("pct", _direction(verb), verb, a, b, pct=pct, hedge=hedge))
        elif m.group("dq"):
            q = _qty(m.group("dq"), base + m.start("dq"))
            current = _attach(groups, q.unit)
            if current is not None:
                verb = m.group("dv")
                current.claims.append(Claim("diff", _direction(verb), verb, a, b, qty=q, hedge=m.group("dh") or ""))
        elif m.group("flat"):
            if current is not None:
                current.claims.append(Claim("flat", "flat", "持平", a, b))
        else:
            current = Group(cur=_qty(m.group("q"), base + m.start("q")))
            groups.append(current)
    return groups


def _tolerance(stated: Decimal) -> Fraction:
    """Half a unit in the last place written: 15.7 -> 0.05, 25 -> 0.5."""
    places = max(0, -stated.as_tuple().exponent)  # type: ignore[operator]
    return Fraction(1, 2 * 10**places)


def _pct_ok(actual: Fraction, claim: Claim) -> bool:
    stated = Fraction(claim.pct)  # type: ignore[arg-type]
    tol = _tolerance(claim.pct)  # type: ignore[arg-type]
    if claim.hedge in ("不足", "不到", "低于", "以下"):
        return actual < stated + tol
    if claim.hedge in ("超过", "逾", "以上", "多"):
        return actual > stated - tol
    if claim.hedge in ("约", "近", "接近", "左右"):
        return abs(actual - stated) <= max(Fraction(1), stated / 10)
    return abs(actual - stated) <= tol


def _pct_text(cur: Decimal, prev: Decimal, places: int = 1) -> str:
    """The change in percent, rounded to the places the text wrote (at least one)."""
    pct = compare(cur, prev, places=4).percent
    assert pct is not None
    places = max(1, places)
    if pct == 0:
        return "不足0.1%"
    if places == 1:
        return format_percent(pct)
    exact = abs(Fraction(cur - prev) / Fraction(prev) * 100)
    return f"{Decimal(exact.numerator) / Decimal(exact.denominator):.{places}f}%"


def _verb_for(claim: Claim, direction: str) -> str:
    if claim.direction == direction:
        return claim.verb
    return OPPOSITE.get(claim.verb, "减少" if direction == "decrease" else "增加")


def _amount(d: Decimal, unit: str) -> str:
    return format_amount(d, places=4) + unit


def _error(src: Source, rule_id: str, message: str, claim: Claim, suggest: str) -> Finding:
    return Finding(
        "number", "error", message, claim.start, claim.end, src.text[claim.start : claim.end], suggest, rule_id=rule_id
    )


def _check_group(src: Source, g: Group) -> list[Finding]:
    out: list[Finding] = []
    diffs = [c for c in g.claims if c.kind == "diff" and c.qty and c.qty.unit == g.unit]
    if g.cur is not None and g.prev is not None and g.cur.unit == g.prev.unit:
        cur, prev, unit = g.cur.value, g.prev.value, g.unit
        known = f"本年{_amount(cur, unit)}、上年{_amount(prev, unit)}"
    elif g.cur is not None and diffs and not diffs[0].hedge:
        d = diffs[0]
        cur, unit = g.cur.value, g.unit
        prev = cur + d.qty.value if d.direction == "decrease" else cur - d.qty.value  # type: ignore[union-attr]
        if prev < 0:
            msg = f"增加{_amount(d.qty.value, unit)}大于本年的{_amount(cur, unit)}，上年数为负，数字有误"  # type: ignore[union-attr]
            return [_error(src, "number.difference", msg, d, "核对本年数和增加数")]
        known = f"本年{_amount(cur, unit)}、按所述{d.verb}{_amount(d.qty.value, unit)}推得上年{_amount(prev, unit)}"  # type: ignore[union-attr]
    else:
        return out
    direction = "decrease" if cur < prev else "increase" if cur > prev else "flat"
    diff = abs(cur - prev)
    for c in g.claims:
        if c.direction != direction:
            if direction == "flat":
                msg, suggest = f"{known}，两年持平，不应表述为「{c.verb}」", "与上年持平"
            elif c.kind == "flat":
                msg = f"{known}，两年不相等，不应表述为「持平」"
                suggest = compare(cur, prev, unit, places=4).change_text
            else:
                word = "少于" if direction == "decrease" else "多于"
                right = "减少/下降" if direction == "decrease" else "增加/增长"
                msg = f"{known}，本年{word}上年，应为「{right}」而不是「{c.verb}」"
                suggest = src.text[c.start : c.end].replace(c.verb, _verb_for(c, direction), 1)
            out.append(_error(src, "number.direction", msg, c, suggest))
            continue
        if c.kind == "diff" and c.qty and c.qty.unit == unit and not c.hedge:
            stated = c.qty.value
            places_written = max(0, -stated.as_tuple().exponent)  # type: ignore[operator]
            places_known = max(0, -cur.as_tuple().exponent, -prev.as_tuple().exponent)  # type: ignore[operator]
            tol = _tolerance(stated) if places_written < places_known else Fraction(0)
            if abs(Fraction(stated) - Fraction(diff)) > tol:
                msg = f"{known}，相差{_amount(diff, unit)}，不是{_amount(stated, unit)}"
                out.append(_error(src, "number.difference", msg, c, f"{c.verb}{_amount(diff, unit)}"))
        elif c.kind == "pct":
            if prev == 0:
                msg = f"{known}，上年为0，不能计算百分比"
                out.append(_error(src, "number.percent", msg, c, f"{c.verb}{_amount(diff, unit)}"))
                continue
            actual = Fraction(diff) / Fraction(prev) * 100
            if not _pct_ok(actual, c):
                places = max(0, -c.pct.as_tuple().exponent)  # type: ignore[union-attr,operator]
                right = _pct_text(cur, prev, places)
                written = src.text[c.start : c.end]
                wrote = re.search(r"\d+(?:\.\d+)?", written)
                stated = f"{c.hedge}{wrote.group() if wrote else format_amount(c.pct, 4)}%"  # type: ignore[arg-type]
                msg = f"{known}，变动{right}，不是{stated}"  # type: ignore[arg-type]
                out.append(_error(src, "number.percent", msg, c, f"{c.verb}{right}"))
    return out


def _percent_signs(src: Source) -> list[Finding]:
    """Mixed % and ％: every sign of the less common form, fixed to the more common (% on a tie)."""
    half = [m.start() for m in re.finditer("%", src.text)]
    full = [m.start() for m in re.finditer("％", src.text)]
    if not half or not full:
        return []
    major, minor, where = ("%", "％", full) if len(half) >= len(full) else ("％", "%", half)
    msg = f"文中百分号混用：{len(half)}处「%」、{len(full)}处「％」，统一为「{major}」"
    return [
        Finding("number", "warning", msg, i, i + 1, minor, major, fix=major, rule_id="number.percent_sign")
        for i in where
    ]


def _remap(groups: list[Group], pos: list[int]) -> None:
    """Offsets in the spaceless copy of a sentence back to offsets in the document."""

    def span(x) -> None:
        x.start, x.end = pos[x.start], pos[x.end - 1] + 1

    for g in groups:
        for q in (g.cur, g.prev):
            if q is not None:
                span(q)
        for c in g.claims:
            span(c)
            if c.qty is not None:
                span(c.qty)


def check(src: Source) -> list[Finding]:
    """Comparisons whose difference, percentage or direction contradicts their own figures; sums and rates."""
    text = src.text.translate(_WIDTH)
    kept = src.view()[1]  # offsets of the characters read (hard wraps and page-number lines are read past)
    out: list[Finding] = []
    for p in src.paragraphs:
        for a, b in p.sentences:
            if not _DIGIT.search(text, a, b):
                continue  # every figure, sum, rate and zero change is written with a digit
            lo, hi = bisect.bisect_left(kept, a), bisect.bisect_left(kept, b)
            if hi - lo == b - a and not _SPACE.search(text, a, b):
                pos, squeezed = list(range(a, b + 1)), text[a:b]  # read as written: the common case
            else:
                # Figures written with spaces (0.20 万元, 3.63 %) are read without them.
                here = set(kept[lo:hi])
                pos = [i for i in range(a, b) if i in here and not (text[i] in SPACES and _in_figure(text, i))]
                pos.append(b)
                squeezed = "".join(text[i] for i in pos[:-1])
            groups = _groups(squeezed, 0)
            _remap(groups, pos)
            for g in groups:
                out += _check_group(src, g)
            out += check_sentence(src, groups, text, a, b)
    return out + _percent_signs(src) + spacing(src)


_SPACE = re.compile(f"[{SPACES}]")
_DIGIT = re.compile(r"\d")
_UNIT_AFTER = re.compile(rf"[{SPACES}]+(?:{unit_pattern(UNITS)}|%|％)")


def _in_figure(text: str, i: int) -> bool:
    """A space between a figure and its unit or % sign."""
    j = i
    while j > 0 and text[j - 1] in SPACES:
        j -= 1
    return j > 0 and text[j - 1].isdigit() and bool(_UNIT_AFTER.match(text, j))
