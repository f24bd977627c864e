"""The phrase bank: slots of standard expressions, each with numbered variants."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import PhraseBankError

__all__ = ["PhraseBank", "Slot", "load_phrasebank"]

SLOT_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")


@dataclass(frozen=True)
class Slot:
    """One place in a report, with the variants that can fill it."""

    id: str
    variants: tuple[str, ...]
    themes: tuple[str, ...] = ()
    note: str = ""
    source: str = ""


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
            prefix = slot_id.rsplit(".", 1)[0]
            near = [s for s in self.slots if s.startswith(prefix)] or sorted(self.slots)[:10]
            raise PhraseBankError(
                f"unknown slot {slot_id!r}; did you mean one of: {', '.join(near)}", slot_id
            ) from None

    def with_prefix(self, prefix: str) -> list[Slot]:
        """Slots whose id equals prefix or starts with prefix + '.'."""
        return [s for s in self.slots.values() if s.id == prefix or s.id.startswith(prefix + ".") or not prefix]


def _parse_slot(raw: Any, source: str) -> Slot:
    if not isinstance(raw, dict):
        raise PhraseBankError(f"{source}: each slot must be a mapping with id and variants (got {raw!r})")
    slot_id = raw.get("id")
    if not isinstance(slot_id, str) or not SLOT_ID.match(slot_id):
        raise PhraseBankError(f"{source}: slot id {slot_id!r} must be ASCII snake_case parts joined by dots")
    unknown = set(raw) - {"id", "variants", "themes", "note"}
    if unknown:
        raise PhraseBankError(f"{source}: slot {slot_id}: unknown keys {sorted(unknown)}", slot_id)
    variants = raw.get("variants")
    if not isinstance(variants, list) or not variants or not all(isinstance(v, str) and v.strip() for v in variants):
        raise PhraseBankError(f"{source}: slot {slot_id}: variants must be a non-empty list of text", slot_id)
    themes = raw.get("themes") or []
    if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
        raise PhraseBankError(f"{source}: slot {slot_id}: themes must be a list of theme ids", slot_id)
    return Slot(slot_id, tuple(v.strip() for v in variants), tuple(themes), str(raw.get("note", "")), source)


def _read_slots(path: Path) -> list[Slot]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PhraseBankError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("slots"), list):
        raise PhraseBankError(f"{path}: expected a mapping with a 'slots' list")
    return [_parse_slot(raw, str(path)) for raw in data["slots"]]


def load_phrasebank(dirs: Iterable[str | Path]) -> PhraseBank:
    """Load every *.yaml under the given folders (sorted, so loading is deterministic)."""
    slots: list[Slot] = []
    for d in dirs:
        d = Path(d)
        if not d.is_dir():
            raise PhraseBankError(f"{d}: phrase-bank folder not found")
        for path in sorted(d.glob("*.yaml")):
            slots.extend(_read_slots(path))
    return PhraseBank(slots)
