"""Showing the phrase bank to editors: slots, theme tags and numbered variants, rendered."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..bank.spec import Spec
from ..errors import PhraseBankError
from .drafter import Drafter
from .figures import build_context

__all__ = ["SlotView", "slot_views", "views_json", "views_table"]


@dataclass(frozen=True)
class SlotView:
    id: str
    themes: tuple[str, ...]
    note: str
    variants: tuple[tuple[int, str, bool], ...]  # (index, rendered text, enabled)
    fits: frozenset[int] = frozenset()  # the variants written for the classes these figures fall in


def slot_views(drafter: Drafter, spec: Spec, prefix: str = "") -> list[SlotView]:
    """Slots matching a prefix (all when empty) with every variant rendered with the spec's figures."""
    slots = drafter.bank.with_prefix(prefix)
    if not slots:
        drafter.bank.get(prefix)  # raises with the nearest ids
        raise PhraseBankError(f"no slot matches {prefix!r}")
    ctx = build_context(drafter.kind, spec)
    return [
        SlotView(
            slot.id,
            slot.themes,
            slot.note,
            tuple(
                (i, drafter.render_variant(slot, i, ctx)[0] or "（略去本句）", i not in slot.disabled)
                for i in range(len(slot.variants))
            ),
            frozenset(i for i in range(len(slot.variants)) if drafter.fits(slot, i, ctx)),
        )
        for slot in slots
    ]


def views_table(views: list[SlotView]) -> str:
    """A readable listing: one block per slot, one numbered line per variant."""
    lines = []
    for v in views:
        tags = f"  [{', '.join(v.themes)}]" if v.themes else ""
        note = f"  {v.note}" if v.note else ""
        lines.append(f"{v.id}{tags}{note}")
        for index, text, enabled in v.variants:
            other = "" if index in v.fits else " (for other figures)"
            lines.append(f"  {index}{'' if enabled else ' (disabled)'}{other}  {text}")
        lines.append("")
    return "\n".join(lines)


def views_json(views: list[SlotView]) -> str:
    data: list[dict[str, Any]] = [
        {
            "id": v.id,
            "themes": list(v.themes),
            "note": v.note,
            "variants": [{"index": i, "text": t, "enabled": e, "fits": i in v.fits} for i, t, e in v.variants],
        }
        for v in views
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
