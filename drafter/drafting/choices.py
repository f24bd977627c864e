"""Choices files: which variant (or which literal text) each slot of a draft uses."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..document import Document
from ..errors import ChoicesError
from ..yamlio import load_file, short_repr

__all__ = ["ChoicesError", "choices_from_document", "choices_yaml", "load_choices"]


def choices_from_document(doc: Document) -> dict[str, int | str]:
    """Slot id → variant index (or the editor's literal text) for every sentence, in reading order.

    A slot said about one of the spec's facts is keyed SLOT@FACT (practices.lead@research.practices),
    since it is said once per fact; a plain SLOT key pins every occurrence.
    """
    out: dict[str, int | str] = {}
    for s in doc.sentences():
        if s.slot is None:
            continue
        key = f"{s.slot}@{s.fact}" if s.fact else s.slot
        if s.custom is not None:
            out[key] = s.custom
        elif s.variant is not None:
            out[key] = s.variant
    return out


def choices_yaml(doc: Document) -> str:
    """A choices file that reproduces `doc` byte for byte when drafted with the same spec."""
    header = (
        f"# drafter choices for kind {doc.kind} (drafted with seed {doc.seed}).\n"
        "# Each slot maps to a variant number (see `drafter variants SLOT`) or to your own text,\n"
        "# which may use the slot's figures, e.g. {{ meetings.count }}, and must keep them all.\n"
        "# Use: drafter draft SPEC --choices THIS_FILE\n"
    )
    body = yaml.safe_dump(
        {"kind": doc.kind, "choices": choices_from_document(doc)}, allow_unicode=True, sort_keys=False, width=1000
    )
    return header + body


def load_choices(path: str | Path, kind: str | None = None) -> dict[str, int | str]:
    """Read a choices file: {kind: …, choices: {slot: index | text}}."""
    path = Path(path)
    data = load_file(path, lambda problem: ChoicesError(f"{path}: {problem}"))
    if not isinstance(data, dict) or not isinstance(data.get("choices"), dict):
        raise ChoicesError(f"{path}: expected a mapping with 'choices: {{slot: variant}}'")
    unknown = set(data) - {"kind", "choices"}
    if unknown:
        raise ChoicesError(f"{path}: unknown keys {sorted(unknown)}; expected kind and choices")
    if kind is not None and data.get("kind", kind) != kind:
        raise ChoicesError(f"{path}: choices are for kind {short_repr(data['kind'])}, but the spec is {kind!r}")
    out: dict[str, int | str] = {}
    for slot, value in data["choices"].items():
        ok_int = isinstance(value, int) and not isinstance(value, bool)
        if not (ok_int or (isinstance(value, str) and value.strip())):
            raise ChoicesError(f"{path}: choices.{slot}: must be a variant number or text (got {short_repr(value)})")
        out[str(slot)] = value if ok_int else value.strip()  # type: ignore[union-attr]
    return out
