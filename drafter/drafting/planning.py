"""Looking ahead while drafting: what the slots to come can say, so the chooser's memory can plan for it.

`forced_words`: the formula words a slot says whichever variant is chosen (kept free in the caps);
`heading_forms`: the one form a section's parallel headings can best share; `candidates`: what a
slot may say with these figures (a run-in heading that all of its next slot's texts would echo is
avoided).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..bank.style import Style
from .chooser import heading_like, preference

if TYPE_CHECKING:
    from .drafter import Drafter

__all__ = ["candidates", "forced_words", "heading_forms", "numbering_of"]

_SUB_MARKS = ("（", "(")


def numbering_of(prefix: str) -> str:
    """The numbering style of a sentence's prefix: 'sub' for （一）, 'item' for 一是, '' for none."""
    if not prefix:
        return ""
    return "sub" if prefix.startswith(_SUB_MARKS) else "item"


def candidates(drafter: Drafter, slot_id: str, ctx: Mapping[str, Any], choices: Mapping[str, int | str]) -> list[str]:
    """What a slot may say with these figures (its pinned variant only, when pinned; nothing for literal text)."""
    if not slot_id or slot_id.startswith("\ue002") or isinstance(choices.get(slot_id), str):
        return []
    slot = drafter.bank.get(slot_id)
    pinned = choices.get(slot_id)
    indices = [pinned] if isinstance(pinned, int) else [i for i in slot.enabled if drafter.fits(slot, i, ctx)]
    return [t for i in indices if (t := drafter.render_variant(slot, i, ctx)[0])]


def forced_words(
    drafter: Drafter, slot_id: str, ctx: Mapping[str, Any], choices: Mapping[str, int | str], style: Style
) -> Counter[str]:
    """The formula words a slot says whichever variant is chosen (the fewest any of its variants uses)."""
    texts = candidates(drafter, slot_id, ctx, choices)
    if not texts:
        return Counter()
    counts = [style.formula_counts(t) for t in texts]
    return Counter({w: n for w in counts[0] if (n := min(c[w] for c in counts))})


def heading_forms(
    drafter: Drafter, layout: list[list[tuple[str, str, Any]]], ctx: Mapping[str, Any], seed: int, style: Style
) -> dict[str, str]:
    """The form a section's parallel headings take, per numbering style: the one most of its heading
    slots have a variant for; on a tie, the one the first heading slot's seed prefers."""
    available: dict[str, Counter[str]] = {}
    first: dict[str, list[str]] = {}
    for entries in layout:
        for n, (prefix, slot_id, *_about) in enumerate(entries):
            numbering = numbering_of(prefix) if n + 1 < len(entries) else ""
            if not numbering or slot_id.startswith("\ue002"):
                continue
            slot = drafter.bank.get(slot_id)
            forms: list[str] = []
            for i in preference(seed, slot.id, len(slot.variants)):
                if i in slot.disabled or not drafter.fits(slot, i, ctx):
                    continue
                text = drafter.render_variant(slot, i, ctx)[0]
                form = style.heading_form(text) if heading_like(text) else None
                if form and form not in forms:
                    forms.append(form)
            available.setdefault(numbering, Counter()).update(forms)
            first.setdefault(numbering, forms)
    out = {}
    for numbering, counts in available.items():
        order = first[numbering]
        ranked = sorted(counts, key=lambda f: (-counts[f], order.index(f) if f in order else len(order)))
        if ranked:
            out[numbering] = ranked[0]
    return out
