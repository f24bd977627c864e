"""The one unit vocabulary: the measure words and units a figure of a report is written with."""

from __future__ import annotations

import re

__all__ = [
    "AMOUNT_UNITS",
    "COUNT_UNITS",
    "DATE_UNITS",
    "MEASURE_UNITS",
    "MONEY_UNITS",
    "NUMBER",
    "PERCENT_SIGNS",
    "QUANTITY_UNITS",
    "UNITS",
    "longest_first",
    "unit_pattern",
]

# An Arabic figure as written: 86, 1,250, 12.5 (no sign; a unit may follow).
NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"

# Measure words of things counted (次 meetings, 件 cases, 人 people, 批次 batches …).
COUNT_UNITS = tuple(
    "次 件 人 份 个 项 名 期 场 篇 条 批 批次 人次 万人次 万人 起 家 户 辆 台 所 处 套 册 本 天 小时 学时".split()
)
# Money: 万元 and 元 are different units and are never compared with each other.
MONEY_UNITS = ("元", "千元", "万元", "亿元")
# Measured rather than counted: area, distance, weight.
MEASURE_UNITS = ("平方米", "万平方米", "公里", "吨")
PERCENT_SIGNS = ("%", "％")
# Parts of a date, which the polish guard keeps like figures (2025年, 3月).
DATE_UNITS = ("年", "月", "日")

# Everything a figure can carry except a percent sign.
QUANTITY_UNITS = COUNT_UNITS + MONEY_UNITS + MEASURE_UNITS
# Every unit a figure of a report can carry.
UNITS = QUANTITY_UNITS + PERCENT_SIGNS
# Units whose figures are amounts (decimals allowed) rather than counts.
AMOUNT_UNITS = MONEY_UNITS + MEASURE_UNITS + PERCENT_SIGNS


def longest_first(units: tuple[str, ...] | list[str]) -> list[str]:
    """Units ordered so that a regex alternation prefers the longest (人次 over 人, 万元 over 元)."""
    return sorted(dict.fromkeys(units), key=len, reverse=True)


def unit_pattern(units: tuple[str, ...] | list[str] = UNITS) -> str:
    """A regex alternation (no group) of the units, longest first."""
    return "|".join(map(re.escape, longest_first(units)))
