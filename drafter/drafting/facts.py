"""The unit's own facts as template values: a group's practice notes, the cases, one problem or step.

A template says a slot about one fact (``say('practices.lead', practices.research)``); the
variant reads it as ``{{ this }}``. Each fact knows the spec path it came from (`ref`), which
the drafted Sentence records, and the classes a variant's ``when: {this: …}`` can name.
"""

from __future__ import annotations

import re
from typing import Any

from ..bank.facts import clean_note
from ..bank.kinds import Kind
from ..zh.numbers import format_count
from .figures import Figure, FigureGroup

__all__ = ["Cases", "Fact", "Notes", "facts_context"]

_BANQUET = re.compile(r"吃|喝|宴|酒|餐|饭")


def _count_classes(n: int) -> frozenset[str]:
    return frozenset({"one", "some"} if n == 1 else {"many", "some"})


class Notes:
    """A figure group's practice notes; renders them joined by 「；」 (one clause each)."""

    def __init__(self, ref: str, notes: list[str]):
        self.ref = ref
        self.notes = [clean_note(n) for n in notes]

    def __len__(self) -> int:
        return len(self.notes)

    def __str__(self) -> str:
        return "；".join(self.notes)

    @property
    def first(self) -> str:
        return self.notes[0] if self.notes else ""

    def fact_classes(self) -> frozenset[str]:
        return _count_classes(len(self.notes))


class Cases:
    """The spec's typical cases; each renders 「{who}{what}，{handling}」, several joined by 「；」."""

    ref = "cases"

    def __init__(self, cases: list[Any]):
        self.items = [(clean_note(c.who), clean_note(c.what), clean_note(c.handling)) for c in cases]

    def __len__(self) -> int:
        return len(self.items)

    def __str__(self) -> str:
        return "；".join(f"{who}{what}，{handling}" for who, what, handling in self.items)

    @property
    def count(self) -> Figure:
        return Figure("cases.count", format_count(len(self.items), "起"), len(self.items))

    @property
    def names(self) -> str:
        """Who, joined by 、 (for a sentence that refers back to the cases without retelling them)."""
        return "、".join(who for who, _, _ in self.items)

    @property
    def banquets(self) -> bool:
        """Whether a case is about improper eating and drinking (违规吃喝)."""
        return any(_BANQUET.search(what) for _, what, _ in self.items)

    def fact_classes(self) -> frozenset[str]:
        return _count_classes(len(self.items))


class Fact(FigureGroup):
    """One built problem or next step: its values by key, the spec path it states and what it answers."""

    __slots__ = ("answers", "ref", "source")

    def __init__(self, source: str, ref: str, values: dict[str, Any], answers: str | None = None):
        super().__init__("this", {"source": source, **values})
        self.source = source
        self.ref = ref
        self.answers = answers

    def fact_classes(self) -> frozenset[str]:
        return frozenset({"some"})


def facts_context(kind: Kind, spec: Any) -> dict[str, Any]:
    """Context values for the facts: `practices` (a group of Notes per figure group) and `cases`."""
    practices = {}
    for group in kind.groups:
        raw = getattr(spec, group, None)
        notes = list(getattr(raw, "practices", None) or []) if raw is not None else []
        practices[group] = Notes(f"{group}.practices", notes)
    return {
        "practices": FigureGroup("practices", practices),
        "cases": Cases(list(getattr(spec, "cases", None) or [])),
    }
