"""Drafting: section templates lay out slots; the seed picks variants; figures fill them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from .choice import choose_variant, set_phrases
from .document import Document, Paragraph, Section, Sentence
from .errors import PhraseBankError, TemplateError
from .figures import ComparedFigure, Figure, FigureUndefined, TitlesFigure, build_context
from .kinds import Kind, get_kind
from .numbers import ordinal
from .phrasebank import PhraseBank, Slot, load_phrasebank
from .spec import Spec, load_spec, validate_spec

__all__ = ["Drafter", "draft"]

_TOKEN = re.compile(r"\ue000(\d+)\ue001")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class Drafter:
    """Drafts documents of one kind from specs; reuse it to draft many."""

    def __init__(self, kind: Kind, bank: PhraseBank | None = None):
        self.kind = kind
        self.bank = bank if bank is not None else load_phrasebank(kind.slot_dirs)
        self.env = SandboxedEnvironment(
            loader=FileSystemLoader(kind.template_dir),
            undefined=FigureUndefined,
            finalize=self._finalize,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._compiled: dict[str, Any] = {}  # variant source -> compiled template
        self._used: list[Figure] | None = None

    def _finalize(self, value: Any) -> str:
        if isinstance(value, ComparedFigure):
            value = value.current
        elif isinstance(value, TitlesFigure):
            value = value.all
        if isinstance(value, Figure) and self._used is not None:
            self._used.append(value)
        return str(value)

    def render_variant(self, slot: Slot, index: int, context: Mapping[str, Any]) -> tuple[str, list[Figure]]:
        """One variant rendered with the figures, and the figures it used."""
        source = slot.variants[index]
        try:
            if source not in self._compiled:
                self._compiled[source] = self.env.from_string(source)
            self._used = []
            text = self._compiled[source].render(context)
            used, self._used = self._used, None
        except (UndefinedError, TemplateSyntaxError, SecurityError, TypeError) as exc:
            self._used = None
            raise PhraseBankError(f"slot {slot.id} variant {index}: {exc}", slot.id) from None
        seen: dict[str, Figure] = {}
        for fig in used:
            seen.setdefault(fig.name, fig)
        return text, list(seen.values())

    def _layout(self, template: str, context: Mapping[str, Any]) -> tuple[str | None, list[list[tuple[str, str]]]]:
        """Render a section template into (heading slot, paragraphs of (prefix, slot) or ('', literal))."""
        requests: list[tuple[str, str]] = []
        items = [0]

        def token(what: str, slot_id: str) -> str:
            requests.append((what, slot_id))
            return f"\ue000{len(requests) - 1}\ue001"

        def item(style: str = "item") -> str:
            items[0] += 1
            return ordinal(items[0], style)

        try:
            out = self.env.get_template(template).render(
                context, say=lambda s: token("say", s), heading=lambda s: token("heading", s), item=item
            )
        except TemplateNotFound:
            raise TemplateError(f"template {template!r} not found in {self.kind.template_dir}", template) from None
        except (UndefinedError, TemplateSyntaxError, SecurityError) as exc:
            raise TemplateError(f"template {template}: {exc}", template) from None
        heading = None
        paragraphs = []
        for chunk in _PARAGRAPH_BREAK.split(out):
            parts = _TOKEN.split(chunk)
            entries: list[tuple[str, str]] = []
            prefix = ""
            for i, part in enumerate(parts):
                if i % 2 == 0:
                    prefix += part.strip()
                    continue
                what, slot_id = requests[int(part)]
                if what == "heading":
                    heading = slot_id
                else:
                    entries.append((prefix, slot_id))
                prefix = ""
            if prefix:
                entries.append(("", "\ue002" + prefix))  # literal text written in the template
            if entries:
                paragraphs.append(entries)
        return heading, paragraphs

    def _sentence(
        self,
        slot_id: str,
        prefix: str,
        ctx: Mapping[str, Any],
        seed: int,
        picks: Mapping[str, int],
        used_phrases: set[str],
        used_variants: set[tuple[str, int]],
    ) -> Sentence:
        if slot_id.startswith("\ue002"):
            return Sentence(slot_id[1:])
        slot = self.bank.get(slot_id)
        index = choose_variant(
            slot, seed, lambda i: self.render_variant(slot, i, ctx)[0], used_phrases, used_variants, picks.get(slot_id)
        )
        text, figures = self.render_variant(slot, index, ctx)
        used_phrases |= set_phrases(text)
        used_variants.add((slot_id, index))
        return Sentence(text, slot_id, index, prefix, [f.to_dict() for f in figures])

    def draft(self, spec: Spec, seed: int = 0, picks: Mapping[str, int] | None = None) -> Document:
        """Draft a document from a validated spec."""
        picks = dict(picks or {})
        for slot_id in picks:
            self.bank.get(slot_id)
        ctx = build_context(self.kind, spec)
        try:
            title = self.env.from_string(self.kind.title).render(ctx)
        except (UndefinedError, TemplateSyntaxError, SecurityError) as exc:
            raise TemplateError(f"title of kind {self.kind.id}: {exc}") from None
        doc = Document(self.kind.id, title, seed=seed)
        numbered = 0
        heading_phrases: set[str] = set()  # headings are read together, so they avoid each other
        heading_variants: set[tuple[str, int]] = set()
        for sec in self.kind.sections:
            heading_slot, layout = self._layout(sec.template, ctx)
            section = Section(sec.id)
            if heading_slot:
                numbered += 1
                section.number = ordinal(numbered, "section")
                section.heading = self._sentence(heading_slot, "", ctx, seed, picks, heading_phrases, heading_variants)
            for entries in layout:
                phrases: set[str] = set()
                variants: set[tuple[str, int]] = set()
                section.paragraphs.append(
                    Paragraph([self._sentence(s, p, ctx, seed, picks, phrases, variants) for p, s in entries])
                )
            doc.sections.append(section)
        org = spec.organisation
        if org.issuer:
            doc.signature.append(org.issuer)
        if org.date:
            doc.signature.append(f"{org.date.year}年{org.date.month}月{org.date.day}日")
        return doc


def draft(
    spec: Spec | Mapping[str, Any] | str | Path,
    seed: int = 0,
    picks: Mapping[str, int] | None = None,
    bank: PhraseBank | None = None,
) -> Document:
    """Draft a report from a spec (a validated Spec, a mapping, or a file path)."""
    if isinstance(spec, (str, Path)):
        spec = load_spec(spec)
    elif not isinstance(spec, Spec):
        spec = validate_spec(dict(spec))
    return Drafter(get_kind(spec.kind), bank).draft(spec, seed, picks)
