"""Seeded, reproducible choice of variants that avoids repeating itself.

Within a paragraph a variant must not repeat a set phrase already said; across the whole
draft the chooser keeps a "has said" memory (`Memory`): formula words stay within their
caps, a run-in heading's first sentence does not echo it, no two sentences in a row open
the same way, and the parallel headings of a section keep one form. The memory only
filters: candidates are taken in the seed's order of preference, and when every one
breaks some limit the one that breaks the fewest wins, so a draft never fails for it.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..bank.phrasebank import Slot
from ..bank.style import Style, echo
from ..errors import PhraseBankError

__all__ = ["Memory", "choose_variant", "heading_like", "parse_picks", "repeats", "set_phrases"]

_HEADING_MAX = 25
_SENTENCE = re.compile(r"[^。！？]*(?:[。！？]+[”’」』）》]*|$)")
_SENTENCE_END = re.compile(r"[。！？][”’」』）》]*\s*$")


def heading_like(text: str) -> bool:
    """Whether a numbered sentence reads as a run-in heading (一是严把发文关。) rather than a whole item."""
    body = text.strip()
    return 0 < len(body) <= _HEADING_MAX and not re.search(r"[，；：,;:]", body.rstrip("。"))


@dataclass
class Memory:
    """What the draft has said so far, as far as the style limits need it."""

    style: Style
    counts: Counter[str] = field(default_factory=Counter)
    opening: str = ""  # how the previous sentence of the section opened
    heading: str = ""  # the run-in heading just said: its first sentence must not echo it
    forms: dict[str, str] = field(default_factory=dict)  # numbering style -> the section's heading form
    fixed_form: str | None = None  # the form kind.yaml declares for the section's headings
    # Formula words the slots still to come must use (each of their variants says them): kept free in the caps.
    reserved: Counter[str] = field(default_factory=Counter)
    continues: bool = False  # the last text ended without 。！？ (…如下：), so the next one goes on its sentence

    def start_section(self, form: str | None = None) -> None:
        self.opening, self.heading, self.forms, self.fixed_form = "", "", {}, form
        self.continues = False

    def _form_wanted(self, numbering: str) -> str | None:
        return self.fixed_form or self.forms.get(numbering)

    def _openings(self, text: str) -> list[str]:
        """How each sentence `text` starts opens; a first piece that ends a sentence begun earlier is left out."""
        pieces = [p for p in _SENTENCE.findall(text) if p.strip()]
        if self.continues and pieces:
            pieces = pieces[1:]
        return [self.style.opening(p) for p in pieces]

    def cost(self, text: str, numbering: str = "") -> int:
        """How many limits `text` would break if said next (numbering: 'item'/'sub' for a run-in heading)."""
        if not text:
            return 0
        n = 0
        for word, k in self.style.formula_counts(text).items():
            cap, before = self.style.cap(word), self.counts[word] + max(0, self.reserved[word])
            n += max(0, before + k - cap) - max(0, before - cap)
        if self.heading and echo(self.heading, text):
            n += 1
        prev = self.opening
        for opening in self._openings(text):
            n += bool(opening) and opening == prev
            prev = opening
        if numbering:
            form, wanted = self.style.heading_form(text), self._form_wanted(numbering)
            if form and wanted and form != wanted:
                n += 1
        return n

    def note(self, text: str, numbering: str = "") -> None:
        """Record `text` as said (an omitted sentence says nothing)."""
        if not text:
            return
        self.counts.update(self.style.formula_counts(text))
        openings = self._openings(text)
        if openings:
            self.opening = openings[-1]
        self.continues = not _SENTENCE_END.search(text)
        self.heading = text if numbering == "item" else ""
        if numbering:
            form = self.style.heading_form(text)
            if form and numbering not in self.forms:
                self.forms[numbering] = form


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
    memory: Memory | None = None,
    numbering: str = "",
    following: list[str] | None = None,
) -> int:
    """The variant to use: the forced pick, else the seed's first preference that fits the figures'
    classes (`fits`), repeats nothing and keeps the draft within the memory's limits; when every
    variant breaks something, the first of those that break the fewest. `following`: the texts the
    next slot may say; a run-in heading that every one of them would echo counts as an echo."""
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
    best, best_cost = order[0], None
    for idx in order:
        text = render(idx)
        cost = int((slot.id, idx) in used_variants) + int(repeats(text, used_phrases, prior_text))
        if memory is not None:
            heading = numbering if heading_like(text) else ""
            cost += memory.cost(text, heading)
            if heading == "item" and following and all(echo(text, t) for t in following):
                cost += 1
        if cost == 0:
            return idx
        if best_cost is None or cost < best_cost:
            best, best_cost = idx, cost
    return best


def parse_picks(items: list[str]) -> dict[str, int]:
    """SLOT=N strings from the command line into a mapping."""
    picks = {}
    for item in items:
        slot, sep, index = item.partition("=")
        if not sep or not slot.strip() or not index.strip().lstrip("-").isdigit():
            raise PhraseBankError(f"--pick {item!r}: expected SLOT=N, e.g. study.leaders_lead=1")
        picks[slot.strip()] = int(index)
    return picks
