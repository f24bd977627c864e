"""The workbench's work apart from HTTP: drafting, variants, checking, polishing and files, with per-kind caches."""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bank.kinds import Kind, find_kinds, get_kind
from ..bank.spec import DEFAULT_KIND, Spec, validate_spec
from ..drafting.document import Document, Section
from ..drafting.drafter import Drafter, load_bank
from ..errors import DrafterError, PhraseBankError
from ..review.source import Source

__all__ = ["DOWNLOADS", "Download", "UnknownSlot", "Workbench", "document_from_data"]

# fmt -> (media type, file suffix)
DOWNLOADS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "md": ("text/markdown; charset=utf-8", ".md"),
    "txt": ("text/plain; charset=utf-8", ".txt"),
    "json": ("application/json", ".json"),
    "choices": ("application/yaml; charset=utf-8", ".choices.yaml"),
}
SPEC_NAME = "spec"  # how validation messages name a spec that came from the page, not from a file


@dataclass(frozen=True)
class Download:
    """A file for the browser: its bytes, media type and suggested name."""

    data: bytes
    media_type: str
    filename: str


def document_from_data(data: Any) -> Document:
    """A Document from the JSON the page sends back; a DrafterError when it isn't one."""
    if not isinstance(data, dict):
        raise DrafterError("document: expected a drafter JSON draft (an object with kind, title and sections)")
    try:
        return Document.from_dict(data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise DrafterError(f"document: not a drafter JSON draft ({type(exc).__name__}: {exc})") from None


class UnknownSlot(PhraseBankError, LookupError):
    """A slot id (or prefix) the kind's bank doesn't have."""


class Workbench:
    """One per server: drafters and checkers are built once per kind and used under a lock (they keep state)."""

    def __init__(
        self,
        overlays: Iterable[str | Path] = (),
        llm: Mapping[str, Any] | None = None,
        kinds_dirs: Iterable[str | Path] = (),
    ):
        self.overlays = [str(o) for o in overlays]
        self.llm = dict(llm or {})
        self.kinds_dirs = [str(d) for d in kinds_dirs]
        self._drafters: dict[str, tuple[Drafter, threading.Lock]] = {}
        self._checkers: dict[str, tuple[Any, threading.Lock]] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_config(cls) -> Workbench:
        """Overlays, user kinds folders and [llm] settings from drafter.toml, as the CLI reads them."""
        from ..config import load_config

        config = load_config()
        return cls(config.overlays, config.llm, config.kinds_dirs)

    # --- kinds and their form -------------------------------------------------------------------

    def kind(self, kind_id: str) -> Kind:
        """A built-in kind or one from the user kinds folders; a KindError (404) otherwise."""
        return get_kind(kind_id, self.kinds_dirs)

    def kinds(self) -> list[dict[str, str]]:
        return [{"id": k.id, "name": k.name} for k in find_kinds(self.kinds_dirs).kinds.values()]

    def validate(self, spec_data: Any) -> Spec:
        """The spec checked against its kind; a SpecError lists every bad field."""
        return validate_spec(spec_data, SPEC_NAME, self.kinds_dirs)

    def schema(self, kind_id: str) -> dict[str, Any]:
        """What the page needs to build a kind's form: levels, groups of figures with labels, units and samples."""
        kind = self.kind(kind_id)
        groups = [
            {
                "id": group,
                "label": label,
                "fields": [
                    {
                        "name": f.name,
                        "path": f.path,
                        "type": f.type,
                        "unit": f.unit,
                        "label": f.label,
                        "compare": f.compare,
                        "sample": f.sample,
                    }
                    for f in kind.figures
                    if f.group == group
                ],
            }
            for group, label in kind.groups.items()
        ]
        levels = [{"id": k, "label": v.get("label", k)} for k, v in kind.levels.items()]
        return {"id": kind.id, "name": kind.name, "levels": levels, "groups": groups}

    # --- drafting -------------------------------------------------------------------------------

    def _drafter(self, kind_id: str) -> tuple[Drafter, threading.Lock]:
        with self._lock:
            if kind_id not in self._drafters:
                kind = self.kind(kind_id)
                self._drafters[kind_id] = (Drafter(kind, load_bank(kind, self.overlays)), threading.Lock())
            return self._drafters[kind_id]

    def draft(self, spec_data: Any, seed: int = 0, choices: Mapping[str, int | str] | None = None) -> Document:
        """Validate the spec (SpecError lists every bad field) and draft it, as `drafter draft` does."""
        spec = self.validate(spec_data)
        drafter, lock = self._drafter(spec.kind)
        with lock:
            return drafter.draft(spec, seed=seed, choices=choices or {})

    def variants(self, slot_id: str, kind_id: str | None = None, spec_data: Any = None) -> list[dict[str, Any]]:
        """The slots matching slot_id with every variant rendered with the spec's figures (the samples without one)."""
        from ..bank.samples import sample_spec
        from ..drafting.variants import slot_views

        if spec_data is not None:
            if isinstance(spec_data, dict) and kind_id and "kind" not in spec_data:
                spec_data = {**spec_data, "kind": kind_id}
            spec = self.validate(spec_data)
            kind_id = spec.kind
        else:
            kind_id = kind_id or DEFAULT_KIND
            spec = sample_spec(self.kind(kind_id))
        drafter, lock = self._drafter(kind_id)
        if not drafter.bank.with_prefix(slot_id):
            try:
                drafter.bank.get(slot_id)
            except PhraseBankError as exc:  # its message names the nearest ids
                raise UnknownSlot(str(exc), slot_id) from None
        with lock:
            views = slot_views(drafter, spec, slot_id)
        return [
            {
                "id": v.id,
                "themes": list(v.themes),
                "note": v.note,
                "variants": [{"index": i, "text": t, "enabled": e} for i, t, e in v.variants],
            }
            for v in views
        ]

    # --- review ---------------------------------------------------------------------------------

    def check(self, src: Source, kind_id: str = DEFAULT_KIND) -> dict[str, Any]:
        """The check JSON of `drafter check --format json`, plus the text its offsets point into."""
        from ..review.checker import Checker
        from ..review.report import SCHEMA_VERSION

        kind = self.kind(kind_id)
        with self._lock:
            if kind_id not in self._checkers:
                self._checkers[kind_id] = (Checker(kind, overlays=self.overlays), threading.Lock())
            checker, lock = self._checkers[kind_id]
        with lock:
            result = checker.check(src)
        return {"schema": SCHEMA_VERSION, **result.to_dict(), "text": src.text}

    # --- polishing ------------------------------------------------------------------------------

    def polish_status(self) -> dict[str, Any]:
        """Whether a model is configured (drafter.toml [llm]) and usable; the note says what to do when not."""
        from ..polish import PolishError, PolishSettings

        try:
            settings = PolishSettings.from_sources(self.llm).checked()
        except PolishError as exc:
            return {"available": False, "model": "", "note": str(exc)}
        if importlib.util.find_spec("langchain_core") is None:
            return {"available": False, "model": settings.model, "note": "polishing needs pip install 'drafter[llm]'"}
        return {"available": True, "model": settings.model, "note": ""}

    def polish(self, doc: Document, number: int) -> dict[str, Any]:
        """Polish paragraph `number` (1-based) of doc in place; the guard's verdict is in the paragraph's polish."""
        from ..polish import Guard, PolishSettings, polish_document

        paragraph = _paragraph(doc, number)
        paragraph.polish = None  # an explicit request overrides an earlier revert
        settings = PolishSettings.from_sources(self.llm)
        # polish_document works on whole documents: give it one holding just this paragraph (the same object).
        single = Document(doc.kind, doc.title, [Section("polish", paragraphs=[paragraph])])
        report = polish_document(single, settings, guard=Guard(self.kind(doc.kind)))
        return {"paragraph": number, "summary": report.summary(), "report": report.to_dict()}

    def revert(self, doc: Document, number: int) -> None:
        """Put paragraph `number` back to its template text."""
        from ..polish import revert_paragraph

        _paragraph(doc, number)
        revert_paragraph(doc, number)

    # --- files ----------------------------------------------------------------------------------

    def download(self, doc: Document, fmt: str) -> Download:
        """The current draft as .docx, .md, .txt, .json, or the choices file that reproduces it."""
        media_type, suffix = DOWNLOADS[fmt]
        if fmt == "docx":
            from ..word.writer import docx_bytes

            data = docx_bytes(doc)
        elif fmt == "choices":
            from ..drafting.choices import choices_yaml

            data = choices_yaml(doc).encode("utf-8")
        else:
            data = doc.render(fmt).encode("utf-8")
        return Download(data, media_type, (doc.title or "draft") + suffix)


def _paragraph(doc: Document, number: int):
    paragraphs = doc.paragraphs()
    if not 1 <= number <= len(paragraphs):
        raise DrafterError(f"paragraph {number}: the draft has paragraphs 1 to {len(paragraphs)}")
    return paragraphs[number - 1]
