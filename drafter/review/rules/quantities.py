"""What the number rules read: figures with units, stated changes, and compared figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ...zh.units import NUMBER, QUANTITY_UNITS, longest_first, unit_pattern

__all__ = ["NUM", "QTY", "SPACES", "UNITS", "Claim", "Group", "Qty"]

# Units a compared figure may carry (no percent sign); 万元 and 元 are different units and are never compared.
UNITS = longest_first(QUANTITY_UNITS)
NUM = rf"(?<![\d.,]){NUMBER}"
QTY = rf"{NUM}(?:{unit_pattern(UNITS)})(?!百分点)"
SPACES = " \u00a0\u2002\u2003\u2009\u3000"


@dataclass
class Qty:
    value: Decimal
    unit: str
    start: int
    end: int


@dataclass
class Claim:
    """A stated change: a difference (qty), a percentage (pct) or only a direction."""

    kind: str  # diff | pct | to | flat
    direction: str  # decrease | increase | flat
    verb: str
    start: int
    end: int
    qty: Qty | None = None
    pct: Decimal | None = None
    hedge: str = ""


@dataclass
class Group:
    """One compared figure: this year's value, last year's, and what the text says about the change."""

    cur: Qty | None = None
    prev: Qty | None = None
    claims: list[Claim] = field(default_factory=list)
    open_from: bool = False

    @property
    def unit(self) -> str:
        return (self.cur or self.prev).unit  # type: ignore[union-attr]
