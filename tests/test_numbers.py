"""Comparison wording, rounding and ordinals, checked against independent arithmetic."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.zh.numbers import chinese_numeral, compare, format_amount, format_percent, ordinal

CASES = [
    # current, previous, unit, change_text, yoy_text
    (812.4, 905.1, "万元", "较上年同期减少92.7万元，同比下降10.2%", "同比下降10.2%"),
    (86, 102, "次", "较上年同期减少16次，同比下降15.7%", "同比下降15.7%"),
    (120, 100, "份", "较上年同期增加20份，同比增长20.0%", "同比增长20.0%"),
    (36, 48, "期", "较上年同期减少12期，同比下降25.0%", "同比下降25.0%"),
    (7, 7, "次", "与上年持平", "与上年持平"),
    (5, 0, "次", "较上年同期增加5次", "较上年同期增加5次"),
    (0, 0, "次", "与上年持平", "与上年持平"),
    (0, 3, "件", "较上年同期减少3件，同比下降100%", "同比下降100%"),
    (1000.01, 1000, "万元", "与上年基本持平", "与上年基本持平"),
    (12345.6, 9000, "万元", "较上年同期增加3345.6万元，同比增长37.2%", "同比增长37.2%"),
    (30000, 10000, "万元", "较上年同期增加2亿元，同比增长200%", "同比增长200%"),
    (356.8, 401.25, "万元", "较上年同期减少44.45万元，同比下降11.1%", "同比下降11.1%"),
]


@pytest.mark.parametrize("current,previous,unit,change,yoy", CASES)
def test_comparison_wording(current, previous, unit, change, yoy):
    c = compare(current, previous, unit)
    assert c.change_text == change
    assert c.yoy_text == yoy


@pytest.mark.parametrize(
    "value,text",
    [(812.40, "812.4"), (900, "900"), (401.25, "401.25"), ("1.005", "1.01"), ("2.675", "2.68"), (0, "0"), (0.1, "0.1")],
)
def test_format_amount(value, text):
    assert format_amount(value) == text


@pytest.mark.parametrize(
    "pct,text",
    [
        (Decimal("15.65"), "15.7%"),
        (Decimal("15.0"), "15.0%"),  # one decimal always, so 25.0% sits beside 15.7% in one report
        (Decimal("25"), "25.0%"),
        (Decimal("0.05"), "0.1%"),
        (Decimal("150"), "150.0%"),
        (Decimal("100"), "100%"),  # whole hundreds stay whole
        (Decimal("200"), "200%"),
    ],
)
def test_format_percent(pct, text):
    assert format_percent(pct) == text


@pytest.mark.parametrize(
    "n,section,sub,item",
    [
        (1, "一、", "（一）", "一是"),
        (10, "十、", "（十）", "十是"),
        (11, "十一、", "（十一）", "十一是"),
        (20, "二十、", "（二十）", "二十是"),
    ],
)
def test_ordinals(n, section, sub, item):
    assert (ordinal(n, "section"), ordinal(n, "sub"), ordinal(n, "item")) == (section, sub, item)


def test_ordinal_errors_name_the_problem():
    with pytest.raises(ValueError, match="unknown ordinal style 'roman'"):
        ordinal(1, "roman")
    with pytest.raises(ValueError, match="out of range"):
        chinese_numeral(10000)


@pytest.mark.parametrize(
    ("n", "text"), [(100, "一百"), (105, "一百零五"), (110, "一百一十"), (1010, "一千零一十"), (9999, "九千九百九十九")]
)
def test_numerals_past_ninety_nine(n, text):  # issue 17: learn on a report with 100+ parts crashed here
    assert chinese_numeral(n) == text


def test_numerals_are_distinct():
    names = [chinese_numeral(n) for n in range(1, 100)]
    assert len(set(names)) == 99
    assert names[:3] == ["一", "二", "三"] and names[98] == "九十九"


amounts = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
counts = st.integers(min_value=0, max_value=10**6)


def _expected_pct(cur: Fraction, prev: Fraction) -> str:
    raw = abs(cur - prev) / prev * 100
    # half-up at one decimal, computed on exact fractions
    tenths = raw * 10
    rounded = Fraction(int(tenths + Fraction(1, 2)), 10)
    text = f"{float(rounded):.1f}"  # one decimal always…
    return text.removesuffix(".0") if rounded % 100 == 0 else text  # …but whole hundreds (100%, 200%)


@given(st.one_of(st.tuples(counts, counts), st.tuples(amounts, amounts)))
def test_comparison_agrees_with_exact_arithmetic(pair):
    cur, prev = pair
    c = compare(cur, prev, "万元")
    fc, fp = Fraction(str(cur)), Fraction(str(prev))
    text = c.change_text
    if fc == fp:
        assert text == "与上年持平"
        return
    if fp and abs(fc - fp) / fp < Fraction(1, 1000):
        assert text == "与上年基本持平"
        return
    verb, pct_verb = ("减少", "下降") if fc < fp else ("增加", "增长")
    assert text.startswith("较上年同期" + verb)
    assert ("增" in text) != ("减" in text)  # never both directions
    m = re.search(r"(减少|增加)([\d.]+)(万元|亿元)", text)
    diff = Fraction(m.group(2)) * (10000 if m.group(3) == "亿元" else 1)
    if m.group(3) == "亿元":  # 1亿元 or more is written in 亿元, to 0.01亿元
        assert abs(fc - fp) >= 10000 and abs(diff - abs(fc - fp)) <= 50
    else:
        assert diff == abs(fc - fp)
    if fp == 0:
        assert "%" not in text
        return
    expected = _expected_pct(fc, fp)
    assert text.endswith(f"同比{pct_verb}{expected}%")


@given(counts, counts)
def test_direction_matches_values(cur, prev):
    c = compare(cur, prev)
    assert c.direction == ("decrease" if cur < prev else "increase" if cur > prev else "flat")
    assert c.yoy_text in c.change_text or c.percent is None or c.direction == "flat"


@given(st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False, allow_infinity=False))
def test_amounts_have_at_most_two_decimals_and_no_trailing_zero(value):
    text = format_amount(value)
    assert not text.endswith(".") and "e" not in text.lower()
    if "." in text:
        decimals = text.split(".")[1]
        assert 1 <= len(decimals) <= 2 and not decimals.endswith("0")
    assert Decimal(text) == value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_negative_values_are_refused():
    with pytest.raises(ValueError, match="≥ 0"):
        compare(-1, 3)
