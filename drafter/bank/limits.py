"""Limits every figure in a spec keeps, shared by the quick check (spec) and the schema (spec_schema)."""

from __future__ import annotations

import decimal

__all__ = ["AMOUNT_DECIMALS", "MAX_FIGURE", "amount_decimals_ok"]

MAX_FIGURE = 10**12  # a trillion: far above any count or amount a report states; keeps arithmetic exact
AMOUNT_DECIMALS = 2  # amounts are stated to two decimals (万元 to the hundred yuan); more is refused, not rounded


def amount_decimals_ok(value: float) -> bool:
    """True when an amount has at most AMOUNT_DECIMALS decimals as written (812.4 yes, 0.001 no)."""
    return decimal.Decimal(repr(value)).as_tuple().exponent >= -AMOUNT_DECIMALS  # type: ignore[operator]
