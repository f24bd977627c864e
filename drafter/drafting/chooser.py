"""Seeded, reproducible choice of variants that avoids repeating itself within a paragraph."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from ..bank.phrasebank import Slot
from ..errors import PhraseBankError

__all__ = ["choose_variant", "parse_picks", "repeats", "set_phrases"]

_SEGMENT = re.compile(r"[\u4e00-\u9fff]+")
_PUNCT_RUN = re.compile(r"[，。；：、“”‘’《》（）！？\s]")


def set_phrases(text: str) -> set[str]:
    """Set phrases of a sentence: clauses of 4–12 Chinese characters standing alone between
    punctuation, such as 轻车简从 or 推动作风持续向好; repeating one nearby reads badly."""
    return {seg for seg in _PUNCT_RUN.split(text) if 4 <= len(seg) <= 12 and _SEGMENT.fullmatch(seg)}


def repeats(text: str, used_phrases: set[str], prior_text: str = "") -> bool:
    """Whether text repeats a set phrase of the paragraph so far, standing alone or inside a longer clause."""
    mine = set_phrases(text)
    if mine & used_phrases:
        return True
    if any(len(p) == 4 and p in text for p in used_phrases):
        return True
    return any(len(p) == 4 and p in prior_text for p in mine)


def preference(seed: int, slot_id: str, n: int) -> list[int]:
    """The order in which a seed prefers a slot's variants; independent of every other slot."""
    order = list(range(n))
    random.Random(f"{seed}:{slot_id}").shuffle(order)
    return order


def choose_variant(
    slot: Slot,
    seed: int,
    render: Callable[[int], str],
    used_phrases: set[str],
    used_variants: set[tuple[str, int]],
    pick: int | None = None,
    prior_text: str = "",
    fits: Callable[[int], bool] | None = None,
) -> int:
    """The variant to use: the forced pick, else the seed's first preference that fits the figures'
    classes (`fits`) and repeats nothing."""
    if pick is not None:
        valid = ", ".join(map(str, slot.enabled))
        if not 0 <= pick < len(slot.variants):
            raise PhraseBankError(f"slot {slot.id}: variant {pick} is out of range; valid variants: {valid}", slot.id)
        if pick in slot.disabled:
            raise PhraseBankError(f"slot {slot.id}: variant {pick} is disabled by an overlay; valid: {valid}", slot.id)
        return pick
    order = [i for i in preference(seed, slot.id, len(slot.variants)) if i not in slot.disabled]
    if fits is not None:
        order = [i for i in order if fits(i)]
        if not order:
            raise PhraseBankError(f"slot {slot.id}: no variant fits these figures (see `drafter bank lint`)", slot.id)
    for idx in order:
        if (slot.id, idx) in used_variants:
            continue
        if repeats(render(idx), used_phrases, prior_text):
            continue
        return idx
    return order[0]


def parse_picks(items: list[str]) -> dict[str, int]:
    """SLOT=N strings from the command line into a mapping."""
    picks = {}
    for item in items:
        slot, sep, index = item.partition("=")
        if not sep or not slot.strip() or not index.strip().lstrip("-").isdigit():
            raise PhraseBankError(f"--pick {item!r}: expected SLOT=N, e.g. study.leaders_lead=1")
        picks[slot.strip()] = int(index)
    return picks
