"""Number wording for official Chinese text: comparisons, amounts, ordinals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "Comparison",
    "chinese_numeral",
    "compare",
    "format_amount",
    "format_count",
    "format_money",
    "format_percent",
    "ordinal",
    "ordinal_label",
    "to_decimal",
]

_DIGITS = "零一二三四五六七八九"
ORDINAL_STYLES = ("section", "sub", "item")
NUMERALS = "一二三四五六七八九十"
# The numbering labels of official text, as regexes: section 一、, sub （一） (or half-width), item 一是.
ORDINAL_PATTERNS = {
    "section": rf"[{NUMERALS}]+、",
    "sub": rf"[（(][{NUMERALS}]+[）)]",
    "item": rf"[{NUMERALS}]+是",
}
_ORDINAL_LABELS = {style: re.compile(pattern) for style, pattern in ORDINAL_PATTERNS.items()}


def to_decimal(value: int | float | str | Decimal) -> Decimal:
    """Exact decimal of a spec value (floats go through their shortest repr)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    return Decimal(str(value))


def _plain(d: Decimal) -> str:
    """Decimal without exponent or trailing zeros: 812.40 -> 812.4, 900 -> 900."""
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def format_amount(value: int | float | str | Decimal, places: int = 2) -> str:
    """An amount rounded half-up to at most `places` decimals, trailing zeros dropped."""
    q = to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return _plain(q)


YI = Decimal(10000)  # 万元 in one 亿元


def format_money(value: int | float | str | Decimal, unit: str, places: int = 2) -> str:
    """An amount with its unit; 1亿元 or more given in 万元 is written in 亿元: 12345.6万元 -> 1.23亿元."""
    d = to_decimal(value)
    if unit == "万元" and d >= YI:
        return format_amount(d / YI, places) + "亿元"
    return format_amount(d, places) + unit


def format_percent(value: Decimal) -> str:
    """A percentage (already in percent) rounded half-up to one decimal, the decimal always written so the
    percentages of one report read alike (15.7%, 25.0%, 0.5%); whole hundreds stay whole (100%, 200%)."""
    q = to_decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if q >= 100 and q == q.to_integral_value() and q % 100 == 0:
        return f"{q.quantize(Decimal(1))}%"
    return f"{q}%"


def format_count(value: int, unit: str = "") -> str:
    """A count with its measure word: 86, '次' -> '86次'."""
    return f"{value}{unit}"


@dataclass(frozen=True)
class Comparison:
    """This year's value against last year's, with the wording derived from them."""

    current: Decimal
    previous: Decimal
    unit: str = ""
    places: int = 2

    @property
    def direction(self) -> str:
        """'decrease', 'increase' or 'flat'."""
        if self.current < self.previous:
            return "decrease"
        if self.current > self.previous:
            return "increase"
        return "flat"

    @property
    def basically_flat(self) -> bool:
        """Unequal, but by less than 0.1% of last year: 与上年基本持平."""
        return self.direction != "flat" and self.previous != 0 and self.difference * 1000 < self.previous

    @property
    def trend(self) -> str:
        """The change class: down, flat, up, new (last year 0), gone (this year 0) or zero (both 0)."""
        if self.current == 0 and self.previous == 0:
            return "zero"
        if self.previous == 0:
            return "new"
        if self.current == 0:
            return "gone"
        if self.direction == "flat" or self.basically_flat:
            return "flat"
        return "down" if self.direction == "decrease" else "up"

    @property
    def difference(self) -> Decimal:
        """Absolute difference between the two years."""
        return abs(self.current - self.previous)

    @property
    def percent(self) -> Decimal | None:
        """Change relative to last year in percent, half-up to one decimal; None if last year was 0."""
        if self.previous == 0:
            return None
        raw = self.difference / self.previous * 100
        return raw.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def _amount(self, d: Decimal) -> str:
        return format_money(d, self.unit, self.places)

    def _percent_phrase(self) -> str:
        verb = "下降" if self.direction == "decrease" else "增长"
        pct = self.percent
        assert pct is not None
        if pct == 0:
            return f"{verb}不足0.1%"
        return f"{verb}{format_percent(pct)}"

    @property
    def change_text(self) -> str:
        """Full wording: 较上年同期减少16次，同比下降15.7%."""
        if self.direction == "flat":
            return "与上年持平"
        if self.basically_flat:
            return "与上年基本持平"
        verb = "减少" if self.direction == "decrease" else "增加"
        text = f"较上年同期{verb}{self._amount(self.difference)}"
        if self.percent is None:
            return text
        return f"{text}，同比{self._percent_phrase()}"

    @property
    def yoy_text(self) -> str:
        """Short wording: 同比下降15.7% (falls back to the difference when last year was 0)."""
        if self.direction == "flat":
            return "与上年持平"
        if self.percent is None or self.basically_flat:
            return self.change_text
        return f"同比{self._percent_phrase()}"

    @property
    def derivation(self) -> str:
        """How the derived figures were computed, for the document's provenance."""
        cur, prev = _plain(self.current), _plain(self.previous)
        hi, lo = (prev, cur) if self.direction == "decrease" else (cur, prev)
        parts = [f"diff = {hi} − {lo} = {_plain(self.difference)}"]
        if self.percent is not None:
            parts.append(f"pct = ({hi} − {lo}) / {prev} = {format_percent(self.percent)}")
        else:
            parts.append("pct: none (previous is 0)")
        return "; ".join(parts)


def compare(
    current: int | float | str | Decimal,
    previous: int | float | str | Decimal,
    unit: str = "",
    places: int = 2,
) -> Comparison:
    """Compare two values after rounding both to `places` decimals, as they are printed."""
    step = Decimal(1).scaleb(-places)
    cur = to_decimal(current).quantize(step, rounding=ROUND_HALF_UP)
    prev = to_decimal(previous).quantize(step, rounding=ROUND_HALF_UP)
    if cur < 0 or prev < 0:
        raise ValueError("compared values must be ≥ 0")
    return Comparison(cur, prev, unit, places)


def chinese_numeral(n: int) -> str:
    """1..9999 in Chinese numerals: 1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五, 110 -> 一百一十."""
    if not 1 <= n <= 9999:
        raise ValueError(f"numeral out of range 1..9999: {n}")
    if n < 100:
        tens, ones = divmod(n, 10)
        if tens == 0:
            return _DIGITS[ones]
        head = "" if tens == 1 else _DIGITS[tens]
        return head + "十" + (_DIGITS[ones] if ones else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero and out else "") + _DIGITS[digit] + unit
            zero = False
        else:
            zero = True
    return out


def ordinal(n: int, style: str = "section") -> str:
    """Numbering of official text: section 一、, sub （一）, item 一是."""
    numeral = chinese_numeral(n)
    if style == "section":
        return numeral + "、"
    if style == "sub":
        return f"（{numeral}）"
    if style == "item":
        return numeral + "是"
    raise ValueError(f"unknown ordinal style {style!r}; expected one of {', '.join(ORDINAL_STYLES)}")


def ordinal_label(text: str, style: str = "section") -> str:
    """The numbering label that opens `text` in a style (一、, （一）, 一是), or "" when there is none."""
    if style not in _ORDINAL_LABELS:
        raise ValueError(f"unknown ordinal style {style!r}; expected one of {', '.join(ORDINAL_STYLES)}")
    m = _ORDINAL_LABELS[style].match(text)
    return m.group() if m else ""
