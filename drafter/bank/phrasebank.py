"""The phrase bank: slots of standard expressions, each with numbered variants."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PhraseBankError, UnknownSlot
from ..yamlio import load_file, short_repr

__all__ = ["PhraseBank", "Slot", "load_phrasebank"]

SLOT_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")


OVERLAY_MODES = ("extend", "replace")
ABOUT = ("", "notes", "cases", "problem", "step")


@dataclass(frozen=True)
class Slot:
    """One place in a report, with the variants that can fill it.

    Variant indices are stable: an overlay appends variants and disables others
    without renumbering, so a saved choices file keeps meaning the same text.
    """

    id: str
    variants: tuple[str, ...]
    themes: tuple[str, ...] = ()
    note: str = ""
    source: str = ""
    disabled: frozenset[int] = frozenset()
    # Per variant: the figure classes it fits ({figure path: classes}; empty = fits any figures).
    when: tuple[Mapping[str, frozenset[str]], ...] = ()
    facts: tuple[str, ...] = ()  # terms every variant must say (the facts and their scope)
    # What `{{ this }}` is when a template says the slot about one fact (say(SLOT, fact)):
    # notes, cases, problem or step (drafting/facts.py gives samples to show and lint it).
    about: str = ""

    def fits(self, index: int) -> Mapping[str, frozenset[str]]:
        """The classes variant `index` is written for ({} when it fits any figures)."""
        return self.when[index] if index < len(self.when) else {}

    @property
    def enabled(self) -> list[int]:
        """Indices of the variants that may be chosen."""
        return [i for i in range(len(self.variants)) if i not in self.disabled]


@dataclass(frozen=True)
class SlotEntry:
    """A slot as written in one YAML file, before overlays are applied."""

    slot: Slot
    mode: str | None = None
    disable: tuple[int, ...] = ()


class PhraseBank:
    """Slots by id, loaded from one or more folders of YAML files."""

    def __init__(self, slots: Iterable[Slot]):
        self.slots: dict[str, Slot] = {}
        for slot in slots:
            if slot.id in self.slots:
                raise PhraseBankError(
                    f"duplicate slot id {slot.id!r} in {slot.source} (first in {self.slots[slot.id].source})", slot.id
                )
            self.slots[slot.id] = slot

    def __contains__(self, slot_id: str) -> bool:
        return slot_id in self.slots

    def __iter__(self):
        return iter(self.slots.values())

    def __len__(self) -> int:
        return len(self.slots)

    def get(self, slot_id: str) -> Slot:
        """The slot with this id, or an error that lists the nearest ids."""
        try:
            return self.slots[slot_id]
        except KeyError:
            ids = list(self.slots)
            parent = slot_id.rsplit(".", 1)[0]
            near = (
                [s for s in ids if s.startswith(slot_id)]
                or [s for s in ids if s.startswith(parent + ".")]
                or difflib.get_close_matches(slot_id, ids, n=5, cutoff=0.6)
                or ids
            )[:10]
            raise UnknownSlot(f"unknown slot {slot_id!r}; did you mean one of: {', '.join(near)}", slot_id) from None

    def with_prefix(self, prefix: str) -> list[Slot]:
        """Slots whose id equals prefix or starts with prefix + '.' (all slots for an empty prefix)."""
        return [s for s in self.slots.values() if not prefix or s.id == prefix or s.id.startswith(prefix + ".")]


def _padded(slot: Slot) -> tuple[Mapping[str, frozenset[str]], ...]:
    return tuple(slot.fits(i) for i in range(len(slot.variants)))


def _parse_entry(raw: Any, source: str) -> SlotEntry:
    if not isinstance(raw, dict):
        raise PhraseBankError(f"{source}: each slot must be a mapping with id and variants (got {short_repr(raw)})")
    slot_id = raw.get("id")
    if not isinstance(slot_id, str) or not SLOT_ID.match(slot_id):
        raise PhraseBankError(f"{source}: slot id {short_repr(slot_id)} must be ASCII snake_case parts joined by dots")
    unknown = set(raw) - {"id", "variants", "themes", "note", "mode", "disable", "figure", "facts", "about"}
    if unknown:
        raise PhraseBankError(f"{source}: slot {slot_id}: unknown keys {sorted(unknown)}", slot_id)
    mode = raw.get("mode")
    if mode is not None and mode not in OVERLAY_MODES:
        raise PhraseBankError(
            f"{source}: slot {slot_id}: mode must be one of {OVERLAY_MODES} (got {short_repr(mode)})", slot_id
        )
    disable = raw.get("disable") or []
    if not isinstance(disable, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in disable):
        raise PhraseBankError(f"{source}: slot {slot_id}: disable must be a list of variant numbers", slot_id)
    variants = raw.get("variants", [])
    if not isinstance(variants, list):
        raise PhraseBankError(f"{source}: slot {slot_id}: variants must be a list of non-empty text", slot_id)
    on = raw.get("figure")
    texts, when = [], []
    for v in variants:
        text, fits = _parse_variant(v, on, f"{source}: slot {slot_id}")
        texts.append(text)
        when.append(fits)
    facts = raw.get("facts") or []
    if not isinstance(facts, list) or not all(isinstance(t, str) and t for t in facts):
        raise PhraseBankError(f"{source}: slot {slot_id}: facts must be a list of terms", slot_id)
    if not variants and not disable:
        raise PhraseBankError(f"{source}: slot {slot_id}: variants must be a non-empty list of text", slot_id)
    themes = raw.get("themes") or []
    if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
        raise PhraseBankError(f"{source}: slot {slot_id}: themes must be a list of theme ids", slot_id)
    about = raw.get("about") or ""
    if about not in ABOUT:
        raise PhraseBankError(
            f"{source}: slot {slot_id}: about must be one of {', '.join(ABOUT)} (got {about!r})", slot_id
        )
    slot = Slot(
        slot_id,
        tuple(texts),
        tuple(themes),
        str(raw.get("note", "")),
        source,
        when=tuple(when),
        facts=tuple(facts),
        about=about,
    )
    return SlotEntry(slot, mode, tuple(disable))


CLASSES = frozenset(
    {"down", "flat", "up", "new", "gone", "zero", "missing", "better", "worse", "even", "one", "many", "some", "empty"}
)


def _classes(value: Any, where: str) -> frozenset[str]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise PhraseBankError(f"{where}: when: expected a class or a list of classes (got {value!r})")
    unknown = sorted(set(names) - CLASSES)
    if unknown:
        raise PhraseBankError(f"{where}: when: unknown class {unknown[0]!r}; classes: {', '.join(sorted(CLASSES))}")
    return frozenset(names)


def _parse_variant(raw: Any, on: Any, where: str) -> tuple[str, Mapping[str, frozenset[str]]]:
    """A variant: plain text, or {text | omit: true, when: CLASSES | {figure: CLASSES}}."""
    if isinstance(raw, str) and raw.strip():
        return raw.strip(), {}
    if not isinstance(raw, dict) or set(raw) - {"text", "when", "omit"}:
        raise PhraseBankError(
            f"{where}: a variant is text or a mapping with text (or omit: true) and when (got {raw!r})"
        )
    omit = raw.get("omit") is True
    text = raw.get("text", "")
    if omit == bool(isinstance(text, str) and text.strip()):
        raise PhraseBankError(f"{where}: a variant has either text or omit: true (got {raw!r})")
    when = raw.get("when")
    if when is None:
        if omit:
            raise PhraseBankError(f"{where}: an omit variant needs when: (the classes in which to leave it out)")
        return text.strip(), {}
    if isinstance(when, dict):
        fits = {str(k): _classes(v, where) for k, v in when.items()}
    else:
        if not isinstance(on, str):
            raise PhraseBankError(f"{where}: when: {when!r} needs the slot's figure: PATH (or when: {{FIGURE: …}})")
        fits = {on: _classes(when, where)}
    return ("" if omit else text.strip()), fits


def read_slot_file(path: str | Path) -> list[SlotEntry]:
    """The slot entries of one YAML file, in file order."""
    path = Path(path)
    data = load_file(path, lambda problem: PhraseBankError(f"{path}: {problem}"))
    if not isinstance(data, dict) or not isinstance(data.get("slots"), list):
        raise PhraseBankError(f"{path}: expected a mapping with a 'slots' list")
    return [_parse_entry(raw, str(path)) for raw in data["slots"]]


def read_slot_dir(d: str | Path) -> list[SlotEntry]:
    """Every entry of every *.yaml in a folder (sorted, so loading is deterministic)."""
    d = Path(d)
    if not d.is_dir():
        raise PhraseBankError(f"{d}: phrase-bank folder not found")
    return [entry for path in sorted(d.glob("*.yaml")) for entry in read_slot_file(path)]


def load_phrasebank(dirs: Iterable[str | Path]) -> PhraseBank:
    """Load a base bank from folders of YAML slot files (no overlay keys allowed)."""
    slots = []
    for entry in (e for d in dirs for e in read_slot_dir(d)):
        if entry.mode or entry.disable:
            raise PhraseBankError(
                f"{entry.slot.source}: slot {entry.slot.id}: mode/disable belong in an overlay (--bank DIR)",
                entry.slot.id,
            )
        slots.append(entry.slot)
    return PhraseBank(slots)


def apply_overlays(bank: PhraseBank, overlay_dirs: Iterable[str | Path]) -> PhraseBank:
    """Layer organisation overlays over a bank; every conflict is reported, none resolved silently.

    An overlay entry for an existing slot says `mode: extend` (append variants,
    optionally `disable: [i, …]`) or `mode: replace`; an entry for a new id adds
    a slot. A slot replaced by one overlay may not be touched by another.
    """
    slots = dict(bank.slots)
    touched: dict[str, list[tuple[str, str]]] = {}
    problems: list[str] = []
    for d in overlay_dirs:
        for entry in read_slot_dir(d):
            sid, src = entry.slot.id, entry.slot.source
            previous = touched.setdefault(sid, [])
            if any(mode == "replace" for mode, _ in previous) or (entry.mode == "replace" and previous):
                others = ", ".join(f"{m} in {s}" for m, s in previous)
                problems.append(f"{src}: slot {sid}: {entry.mode or 'add'} conflicts with {others}")
                continue
            previous.append((entry.mode or "add", src))
            base = slots.get(sid)
            if base is None:
                if entry.mode or entry.disable:
                    problems.append(
                        f"{src}: slot {sid}: not in the bank, so it can't be extended or disabled; omit mode"
                    )
                    continue
                slots[sid] = entry.slot
                continue
            if entry.mode is None:
                problems.append(f"{src}: slot {sid} is already in the bank; say mode: extend or mode: replace")
                continue
            if entry.mode == "replace":
                if entry.disable:
                    problems.append(f"{src}: slot {sid}: disable makes no sense with mode: replace")
                    continue
                themes = entry.slot.themes or base.themes
                slots[sid] = Slot(
                    sid,
                    entry.slot.variants,
                    themes,
                    entry.slot.note or base.note,
                    src,
                    when=entry.slot.when,
                    facts=entry.slot.facts or base.facts,
                    about=base.about,
                )
                continue
            variants = base.variants + entry.slot.variants
            bad = [i for i in entry.disable if not 0 <= i < len(variants)]
            dupes = [v for v in entry.slot.variants if v in base.variants]
            if bad:
                problems.append(f"{src}: slot {sid}: cannot disable {bad}; it has variants 0..{len(variants) - 1}")
                continue
            if dupes:
                problems.append(f"{src}: slot {sid}: variant already in the bank: {dupes[0]}")
                continue
            disabled = base.disabled | frozenset(entry.disable)
            if len(disabled) >= len(variants):
                problems.append(f"{src}: slot {sid}: would disable every variant")
                continue
            slots[sid] = Slot(
                sid,
                variants,
                base.themes + tuple(t for t in entry.slot.themes if t not in base.themes),
                base.note,
                base.source,
                disabled,
                when=_padded(base) + _padded(entry.slot),
                facts=base.facts,
                about=base.about,
            )
    if problems:
        raise PhraseBankError("overlay conflicts:\n  " + "\n  ".join(problems))
    return PhraseBank(slots.values())
