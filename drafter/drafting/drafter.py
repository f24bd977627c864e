"""Drafting: section templates lay out slots; the seed picks variants; figures fill them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from jinja2 import TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError

from ..bank.checks import figure_warnings
from ..bank.kinds import Kind
from ..bank.phrasebank import PhraseBank, Slot, apply_overlays, load_phrasebank
from ..bank.spec import Spec
from ..bank.style import Style, load_style
from ..document import Document, Paragraph, Section, Sentence
from ..errors import PhraseBankError, TemplateError
from ..zh.numbers import ordinal
from .chooser import Memory, choose_variant, heading_like, set_phrases
from .facts import Notes, facts_context
from .figures import (
    ComparedFigure,
    Figure,
    FigureUndefined,
    TitlesFigure,
    build_context,
    classes,
    placeholder,
    resolve,
)
from .planning import candidates, forced_words, heading_forms, numbering_of
from .problems import build_problems, build_steps, sample_about
from .sandbox import USED as _USED
from .sandbox import FigureSandbox as _FigureSandbox
from .sandbox import note_used as _note_used
from .template_cache import VariantLoader, bytecode_cache, compile_variant

__all__ = ["Drafter", "load_bank"]

# Variants rendered during the draft in progress: planning looks ahead at what every slot could say, and the
# chooser then renders the same variants again; one draft, one context, one rendering each.
_RENDERED: ContextVar[dict[tuple[int, str, str], tuple[str, tuple[Figure, ...]]] | None] = ContextVar(
    "drafter_rendered", default=None
)

_TOKEN = re.compile(r"\ue000(\d+)\ue001")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
PASSES = 3  # drafting passes at most, to keep formula words within their caps
RECIPIENT_PLACEHOLDER = "【待补充：主送机关】"


_Entry = tuple[str, str, Any]  # (prefix such as 一是, slot id or literal, the fact it is said about)


class Drafter:
    """Drafts documents of one kind from specs; reuse it to draft many."""

    def __init__(self, kind: Kind, bank: PhraseBank | None = None):
        self.kind = kind
        self.bank = bank if bank is not None else load_phrasebank(kind.slot_dirs)
        self.env = _FigureSandbox(
            loader=VariantLoader(kind.template_dir),
            undefined=FigureUndefined,
            finalize=self._finalize,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=bytecode_cache("drafter-sandbox|autoescape=0|trim|lstrip"),
        )
        self._compiled: dict[str, Any] = {}  # variant source -> compiled template (shared, read-mostly)

    def _finalize(self, value: Any) -> str:
        if isinstance(value, ComparedFigure):
            value = value.current
        elif isinstance(value, TitlesFigure):
            value = value.all
        if isinstance(value, Figure):
            _note_used(value)
        return str(value)

    def render_variant(self, slot: Slot, index: int, context: Mapping[str, Any]) -> tuple[str, list[Figure]]:
        """One variant rendered with the figures, and the figures it used."""
        source = slot.variants[index]
        if slot.about and "this" not in context:  # shown or linted outside a draft: a stand-in fact
            context = {**context, "this": sample_about(slot.about, context)}
        memo = _RENDERED.get()
        # A slot said about a fact renders with a context made for that fact: the fact is part of the key
        # (the facts live as long as the draft, so their ids are not reused meanwhile).
        key = (id(context), id(context.get("this")), slot.id, source)
        if memo is not None and key in memo:
            text, figures = memo[key]
            return text, list(figures)
        text, figures = self._render(slot, index, source, context)
        if memo is not None:
            memo[key] = (text, tuple(figures))
        return text, figures

    def _render(self, slot: Slot, index: int, source: str, context: Mapping[str, Any]) -> tuple[str, list[Figure]]:
        try:
            template = self._compiled.get(source)
            if template is None:
                template = self._compiled[source] = compile_variant(self.env, source)
            used: list[Figure] = []
            token = _USED.set(used)
            try:
                text = template.render(context)
            finally:
                _USED.reset(token)
        except (UndefinedError, TemplateSyntaxError, SecurityError, TypeError) as exc:
            raise PhraseBankError(f"slot {slot.id} variant {index}: {exc}", slot.id) from None
        seen: dict[str, Figure] = {}
        for fig in used:
            seen.setdefault(fig.name, fig)
        return text, list(seen.values())

    def _layout(self, template: str, context: Mapping[str, Any]) -> tuple[str | None, list[list[_Entry]]]:
        """Render a section template into (heading slot, paragraphs of (prefix, slot, fact) or ('', literal, None)).

        say(SLOT, FACT) says a slot about one fact (its variants read it as `this`); an empty fact
        (a group without practices, a spec without cases) says nothing. restart() numbers the next
        item() from 一是 again.
        """
        requests: list[tuple[str, str, Any]] = []
        items = [0]

        def token(what: str, slot_id: str, about: Any = None) -> str:
            requests.append((what, slot_id, about))
            return f"\ue000{len(requests) - 1}\ue001"

        def say(slot_id: str, *about: Any) -> str:
            if about and (about[0] is None or (hasattr(about[0], "__len__") and not len(about[0]))):
                return ""
            return token("say", slot_id, about[0] if about else None)

        def item(style: str = "item") -> str:
            items[0] += 1
            return ordinal(items[0], style)

        def restart() -> str:
            items[0] = 0
            return ""

        try:
            out = self.env.get_template(template).render(
                context, say=say, heading=lambda s: token("heading", s), item=item, restart=restart
            )
        except TemplateNotFound:
            raise TemplateError(f"template {template!r} not found in {self.kind.template_dir}", template) from None
        except (UndefinedError, TemplateSyntaxError, SecurityError) as exc:
            raise TemplateError(f"template {template}: {exc}", template) from None
        heading = None
        paragraphs = []
        for chunk in _PARAGRAPH_BREAK.split(out):
            parts = _TOKEN.split(chunk)
            entries: list[_Entry] = []
            prefix = ""
            for i, part in enumerate(parts):
                if i % 2 == 0:
                    prefix += part.strip()
                    continue
                what, slot_id, about = requests[int(part)]
                if what == "heading":
                    heading = slot_id
                else:
                    entries.append((prefix, slot_id, about))
                prefix = ""
            if prefix:
                entries.append(("", "\ue002" + prefix, None))  # literal text written in the template
            if entries:
                paragraphs.append(entries)
        return heading, paragraphs

    def render_literal(self, slot: Slot, source: str, context: Mapping[str, Any]) -> tuple[str, list[Figure]]:
        """An editor's own text for a slot; it must keep every figure the slot's variants state."""
        text, figures = self.render_variant(Slot(slot.id, (source,)), 0, context)
        _, expected = self.render_variant(slot, slot.enabled[0], context)
        dropped = [f for f in expected if f.name.split(".")[0] in self.kind.groups and f.text not in text]
        if dropped:
            lost = ", ".join(f"{f.name} ({f.text})" for f in dropped)
            raise PhraseBankError(f"choice for slot {slot.id}: the text drops {lost}", slot.id)
        return text, figures or [f for f in expected if f.text in text]

    @staticmethod
    def fits(slot: Slot, index: int, context: Mapping[str, Any]) -> bool:
        """Whether variant `index` is written for the classes the figures fall in (its `when:`)."""
        for path, wanted in slot.fits(index).items():
            obj = resolve(context, path)
            if obj is not None and not (classes(obj) & wanted):
                return False
        return True

    def _sentence(
        self,
        slot_id: str,
        prefix: str,
        ctx: Mapping[str, Any],
        seed: int,
        choices: Mapping[str, int | str],
        used_phrases: set[str],
        used_variants: set[tuple[str, int]],
        prior_text: str = "",
        memory: Memory | None = None,
        numbering: str = "",
        following: list[str] | None = None,
        about: Any = None,
    ) -> Sentence:
        if slot_id.startswith("\ue002"):
            if memory is not None:
                memory.note(slot_id[1:])
            return Sentence(slot_id[1:])
        slot = self.bank.get(slot_id)
        choice = choices.get(slot_id) if about is None else choices.get(f"{slot_id}@{about.ref}", choices.get(slot_id))
        fact = {} if about is None else {"fact": about.ref, "answers": getattr(about, "answers", None)}
        if isinstance(about, Notes) and len(about) == 1:
            fact["note"] = about.first  # one practice note: --polish may write it out as a full sentence
        if about is not None:
            ctx = {**ctx, "this": about}
        if isinstance(choice, str):
            text, figures = self.render_literal(slot, choice, ctx)
            used_phrases |= set_phrases(text)
            if memory is not None:
                memory.note(text, numbering if heading_like(text) else "")
            return Sentence(text, slot_id, None, prefix, [f.to_dict() for f in figures], custom=choice, **fact)
        index = choose_variant(
            slot,
            seed,
            lambda i: self.render_variant(slot, i, ctx)[0],
            used_phrases,
            used_variants,
            choice,
            prior_text,
            lambda i: self.fits(slot, i, ctx),
            memory,
            numbering,
            following,
        )
        text, figures = self.render_variant(slot, index, ctx)
        used_phrases |= set_phrases(text)
        if memory is not None:
            memory.note(text, numbering if heading_like(text) else "")
        used_variants.add((slot_id, index))
        return Sentence(text, slot_id, index, prefix, [f.to_dict() for f in figures], **fact)

    def _rotate(self, slot: Slot, ctx: Mapping[str, Any], used: set[tuple[str, int]]) -> None:
        """Once every variant of a slot said about facts that fits has been used, start over (repeat only then)."""
        fitting = [i for i in slot.enabled if self.fits(slot, i, ctx)]
        if all((slot.id, i) in used for i in fitting):
            used.difference_update({(slot.id, i) for i in fitting})

    def _compose(
        self,
        layouts: list[tuple[Any, str | None, list[list[_Entry]]]],
        ctx: Mapping[str, Any],
        seed: int,
        choices: Mapping[str, int | str],
        title: str,
        style: Style,
        slack: Counter[str],
    ) -> tuple[list[Section], Memory]:
        """The sections of one drafting pass, and the memory of what they say."""
        numbered = 0
        heading_phrases: set[str] = set()  # headings are read together, so they avoid each other
        heading_variants: set[tuple[str, int]] = set()
        memory = Memory(style)  # what the draft has said so far
        memory.counts.update(style.formula_counts(title))
        slots = [s for _sec, _heading, layout in layouts for entries in layout for _p, s, _a in entries]
        forced = {s: forced_words(self, s, ctx, choices, style) for s in slots}
        for s in slots:
            memory.reserved.update(forced[s])
        memory.reserved.update(slack)
        about_variants: set[tuple[str, int]] = set()  # slots said about facts vary across the whole document
        out = []
        for sec, heading_slot, layout in layouts:
            section = Section(sec.id)
            memory.start_section(sec.headings)
            if not sec.headings:
                memory.forms.update(heading_forms(self, layout, ctx, seed, style))
            if heading_slot:
                numbered += 1
                section.number = ordinal(numbered, "section")
                section.heading = self._sentence(
                    heading_slot, "", ctx, seed, choices, heading_phrases, heading_variants, memory=memory
                )
                memory.opening = memory.heading = ""  # the section's body starts afresh
            for entries in layout:
                phrases: set[str] = set()
                variants: set[tuple[str, int]] = set()
                paragraph = Paragraph()
                memory.continues = False  # a paragraph's end ends its sentence
                for n, (p, s, about) in enumerate(entries):
                    prior = "".join(x.text for x in paragraph.sentences)
                    if about is not None:
                        self._rotate(self.bank.get(s), {**ctx, "this": about}, about_variants)
                    # a numbered sentence with more to follow in its paragraph may be a run-in heading
                    numbering = numbering_of(p) if n + 1 < len(entries) else ""
                    after = entries[n + 1][1] if numbering else ""
                    memory.reserved.subtract(forced[s])
                    following = candidates(self, after, ctx, choices) if numbering == "item" else None
                    used = variants if about is None else about_variants
                    sentence = self._sentence(
                        s, p, ctx, seed, choices, phrases, used, prior, memory, numbering, following, about
                    )
                    if sentence.text:  # an omit variant: the figures leave this sentence out
                        paragraph.sentences.append(sentence)
                if paragraph.sentences:
                    section.paragraphs.append(paragraph)
            out.append(section)
        return out, memory

    def draft(self, spec: Spec, seed: int = 0, choices: Mapping[str, int | str] | None = None) -> Document:
        """Draft a document from a validated spec; `choices` pins slots to a variant index or to literal text."""
        token = _RENDERED.set({})
        try:
            return self._draft(spec, seed, dict(choices or {}))
        finally:
            _RENDERED.reset(token)

    def _draft(self, spec: Spec, seed: int, choices: dict[str, int | str]) -> Document:
        for key, choice in choices.items():
            slot = self.bank.get(key.split("@")[0])  # SLOT@FACT: the slot said about one fact
            if isinstance(choice, int):
                choose_variant(slot, seed, str, set(), set(), choice)  # validates the index
        ctx = build_context(self.kind, spec)
        ctx.update(facts_context(self.kind, spec))
        ctx["problem_list"] = build_problems(self.kind, spec, ctx)
        ctx["step_list"] = build_steps(self.kind, spec, ctx["problem_list"])
        try:
            title = self.env.from_string(self.kind.title).render(ctx)
        except (UndefinedError, TemplateSyntaxError, SecurityError) as exc:
            raise TemplateError(f"title of kind {self.kind.id}: {exc}") from None
        doc = Document(self.kind.id, title, seed=seed)
        style = load_style()
        layouts = [(sec, *self._layout(sec.template, ctx)) for sec in self.kind.sections]
        # A greedy pass can spend a formula word's cap before a later slot that has no way round it;
        # then draft again with that word's cap lowered by the excess, and keep the pass over the fewest.
        slack: Counter[str] = Counter()
        best: tuple[int, list[Section]] | None = None
        for _ in range(PASSES):
            sections, memory = self._compose(layouts, ctx, seed, choices, title, style, slack)
            excess = Counter({w: n - style.cap(w) for w, n in memory.counts.items() if n > style.cap(w)})
            if best is None or sum(excess.values()) < best[0]:
                best = (sum(excess.values()), sections)
            if not excess:
                break
            slack.update(excess)
        doc.sections = best[1]
        org = spec.organisation
        given = (getattr(org, "recipient", None) or "").strip().rstrip("：:").strip()
        if given or self.kind.recipient == "required":
            doc.recipient = given or RECIPIENT_PLACEHOLDER
        doc.signature.append(org.issuer or placeholder("落款单位"))
        doc.signature.append(
            f"{org.date.year}年{org.date.month}月{org.date.day}日" if org.date else placeholder("成文日期")
        )
        doc.warnings = figure_warnings(self.kind, spec)
        return doc


def load_bank(kind: Kind, overlays: Iterable[str | Path] = ()) -> PhraseBank:
    """A kind's built-in bank with organisation overlays layered over it, in order."""
    bank = load_phrasebank(kind.slot_dirs)
    overlays = list(overlays)
    return apply_overlays(bank, overlays) if overlays else bank
