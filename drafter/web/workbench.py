"""The workbench's work apart from HTTP: drafting, variants, checking, polishing and files, with per-kind caches."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bank.facts import facts_schema
from ..bank.kinds import DEFAULT_KIND, Kind
from ..bank.spec import Spec
from ..document import Document, Section
from ..errors import DrafterError, PhraseBankError, UnknownSlot, install_hint
from ..review.source import Source
from ..workspace import Workspace

__all__ = ["DOWNLOADS", "Download", "UnknownSlot", "Workbench"]

# fmt -> (media type, file suffix)
DOWNLOADS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "md": ("text/markdown; charset=utf-8", ".md"),
    "txt": ("text/plain; charset=utf-8", ".txt"),
    "json": ("application/json", ".json"),
    "choices": ("application/yaml; charset=utf-8", ".choices.yaml"),
    "pdf": ("application/pdf", ".pdf"),
}
_TEMPLATE_BITS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
SPEC_NAME = "spec"  # how validation messages name a spec that came from the page, not from a file


@dataclass(frozen=True)
class Download:
    """A file for the browser: its bytes, media type and suggested name."""

    data: bytes
    media_type: str
    filename: str


class Workbench:
    """One per server: the web's view of a Workspace (drafters and checkers are shared by every request; no locks)."""

    def __init__(
        self,
        overlays: Iterable[str | Path] = (),
        llm: Mapping[str, Any] | None = None,
        kinds_dirs: Iterable[str | Path] = (),
        workspace: Workspace | None = None,
    ):
        self.workspace = workspace or Workspace(kinds_dirs=kinds_dirs, overlays=overlays, llm=llm)

    @classmethod
    def from_config(cls) -> Workbench:
        """Overlays, user kinds folders and [llm] settings from drafter.toml, as the CLI reads them."""
        return cls(workspace=Workspace.from_config())

    # --- kinds and their form -------------------------------------------------------------------

    def kind(self, kind_id: str) -> Kind:
        """A built-in kind or one from the user kinds folders; a KindError (404) otherwise."""
        return self.workspace.kind(kind_id)

    def kinds(self) -> list[dict[str, str]]:
        return [{"id": k.id, "name": k.name} for k in self.workspace.catalog().kinds.values()]

    def validate(self, spec_data: Any) -> Spec:
        """The spec checked against its kind; a SpecError lists every bad field."""
        return self.workspace.validate(spec_data, SPEC_NAME)

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
                        "optional": f.optional,  # said only when given: no placeholder when left empty
                        "sample": f.sample,
                    }
                    for f in kind.figures
                    if f.group == group
                ],
            }
            for group, label in kind.groups.items()
        ]
        levels = [{"id": k, "label": v.get("label", k)} for k, v in kind.levels.items()]
        return {
            "id": kind.id,
            "name": kind.name,
            "levels": levels,
            "groups": groups,
            "recipient": kind.recipient,
            "lists": facts_schema(kind),  # the unit's own facts: practices per group, cases, problems, plans
        }

    # --- drafting -------------------------------------------------------------------------------

    def draft(self, spec_data: Any, seed: int = 0, choices: Mapping[str, int | str] | None = None) -> Document:
        """Validate the spec (SpecError lists every bad field) and draft it, as `drafter draft` does."""
        return self.workspace.draft(self.validate(spec_data), seed=seed, choices=choices or {})

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
        drafter = self.workspace.drafter(kind_id)
        if not drafter.bank.with_prefix(slot_id):
            drafter.bank.get(slot_id)  # UnknownSlot, naming the nearest ids
        views = slot_views(drafter, spec, slot_id)
        return [
            {
                "id": v.id,
                "themes": list(v.themes),
                "note": self._note(drafter, spec, v.note),
                "variants": [{"index": i, "text": t, "enabled": e, "fits": i in v.fits} for i, t, e in v.variants],
            }
            for v in views
        ]

    @staticmethod
    def _note(drafter: Any, spec: Spec, note: str | None) -> str | None:
        """A slot's note as the page shows it: a value it names ({{ org.party }}) rendered for this spec."""
        if not note or "{" not in note:
            return note
        from ..bank.phrasebank import Slot
        from ..drafting.figures import build_context

        try:
            return drafter.render_variant(Slot("note", (note,)), 0, build_context(drafter.kind, spec))[0]
        except DrafterError:
            return _TEMPLATE_BITS.sub("××", note)

    def wording(self, spec_data: Any, slot_id: str, text: str) -> dict[str, Any]:
        """An editor's own text for a slot, checked by the choices rule: it must keep the slot's figures.

        Returns {"ok", "text" (rendered), "dropped": [{"name", "label", "text"}]}; a text that can't be
        rendered at all (a stray "{{") is not ok and carries the drafter's message in "error".
        """
        from ..bank.phrasebank import Slot
        from ..drafting.figures import build_context

        spec = self.validate(spec_data)
        drafter = self.workspace.drafter(spec.kind)
        slot = drafter.bank.get(slot_id)  # UnknownSlot, naming the nearest ids
        text = text.strip()
        if not text:
            return {"ok": False, "text": "", "dropped": [], "error": "empty"}
        ctx = build_context(drafter.kind, spec)
        try:
            rendered, _ = drafter.render_variant(Slot(slot.id, (text,)), 0, ctx)
        except PhraseBankError as exc:
            return {"ok": False, "text": "", "dropped": [], "error": str(exc)}
        _, expected = drafter.render_variant(slot, slot.enabled[0], ctx)
        dropped = [f for f in expected if f.name.split(".")[0] in drafter.kind.groups and f.text not in rendered]
        return {
            "ok": not dropped,
            "text": rendered,
            "dropped": [
                {"name": f.name, "label": _figure_label(drafter.kind, f.name), "text": f.text} for f in dropped
            ],
        }

    # --- review ---------------------------------------------------------------------------------

    def check(self, src: Source, kind_id: str = DEFAULT_KIND) -> dict[str, Any]:
        """The check JSON of `drafter check --format json` (with every kind's fit), plus the text its offsets index.

        `kind_id` "auto" checks against the kind that fits best; "kind" in the result names the one used.
        """
        from ..review.report import SCHEMA_VERSION

        result = self.workspace.check(src, kind_id)
        return {"schema": SCHEMA_VERSION, **result.to_dict(), "text": src.text}

    def fix(self, src: Source, kind_id: str, chosen: Iterable[tuple[str, int, int]]) -> dict[str, Any]:
        """Apply the safe fixes of the chosen findings ((rule_id, start, end) as the check JSON gave them),
        then check the new text: the check JSON of the fixed text, plus "applied" (how many fixes were made)."""
        from ..review.fixing import apply_fixes
        from ..review.source import parse_text

        wanted = set(chosen)
        result = self.workspace.check(src, kind_id)
        picked = [f for f in result.findings if (f.rule_id, f.start, f.end) in wanted]
        text, applied = apply_fixes(src.text, picked)
        out = self.check(parse_text(text, src.name), result.kind)
        return {**out, "applied": len(applied)}

    def annotate(self, src: Source, kind_id: str, docx: bytes | None = None) -> Download:
        """The reviewed document as Word with a comment per finding and a tracked change per safe fix, as
        `drafter check --annotate` writes it: a copy of `docx` when the text came from one."""
        from ..review.annotation import annotate

        result = self.workspace.check(src, kind_id)
        data, _placed = annotate(result, docx)  # type: ignore[arg-type]  # bytes are read as a .docx too
        stem = Path(src.name).stem if src.name.lower().endswith((".docx", ".txt", ".md", ".markdown")) else src.name
        return Download(data, DOWNLOADS["docx"][0], f"{stem or '审核稿'}（审核意见）.docx")

    # --- the year data --------------------------------------------------------------------------

    def year(self, year: int) -> dict[str, Any]:
        """What a report on `year` studies and names, from the year data: {"year", "known", "study",
        "campaign", "campaign_span", "documents"}; `known` is false for a year the data doesn't cover."""
        from ..bank.years import years
        from ..drafting.era import era_for

        era = era_for(year)
        covered = years()
        return {
            "year": year,
            "covered": [covered[0], covered[-1]],
            "known": era.known,
            "study": era.study if era.known else "",
            "thought": era.thought,
            "campaign": era.campaign,
            "campaign_span": era.campaign_span,
            "documents": list(era.documents),
        }

    # --- polishing ------------------------------------------------------------------------------

    def polish_status(self) -> dict[str, Any]:
        """Whether a model is configured (drafter.toml [llm]) and usable; the note says what to do when not."""
        from ..polish import PolishError

        try:
            settings = self.workspace.polish_settings().checked()
        except PolishError as exc:
            return {"available": False, "model": "", "note": str(exc)}
        if importlib.util.find_spec("langchain_core") is None:
            return {"available": False, "model": settings.model, "note": f"polishing needs {install_hint('llm')}"}
        return {"available": True, "model": settings.model, "note": ""}

    def polish(self, doc: Document, number: int) -> dict[str, Any]:
        """Polish paragraph `number` (1-based) of doc in place; the guard's verdict is in the paragraph's polish."""
        paragraph = _paragraph(doc, number)
        paragraph.polish = None  # an explicit request overrides an earlier revert
        # polishing works on whole documents: give it one holding just this paragraph (the same object).
        single = Document(doc.kind, doc.title, [Section("polish", paragraphs=[paragraph])])
        report = self.workspace.polish(single)
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
        elif fmt == "pdf":
            from ..word.preview import docx_to_pdf
            from ..word.writer import docx_bytes

            data = docx_to_pdf(docx_bytes(doc))
        elif fmt == "choices":
            from ..drafting.choices import choices_yaml

            data = choices_yaml(doc).encode("utf-8")
        else:
            data = doc.render(fmt).encode("utf-8")
        return Download(data, media_type, (doc.title or "draft") + suffix)


def _figure_label(kind: Kind, name: str) -> str:
    """A figure's 中文 label: meetings.count → 会议次数; meetings.count.previous → 上年会议次数."""
    for path, prefix in ((name, ""), (name.rsplit(".", 1)[0], "上年" if name.endswith(".previous") else "")):
        try:
            return prefix + kind.figure(path).label
        except DrafterError:
            continue
    return name


def _paragraph(doc: Document, number: int):
    paragraphs = doc.paragraphs()
    if not 1 <= number <= len(paragraphs):
        raise DrafterError(f"paragraph {number}: the draft has paragraphs 1 to {len(paragraphs)}")
    return paragraphs[number - 1]
