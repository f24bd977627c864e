"""Where each sentence of a draft came from, and what changed between two drafts."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Any

from ..document import Document, Sentence
from ..errors import DrafterError
from ..zh.numbers import ORDINAL_PATTERNS, ordinal, ordinal_label

__all__ = [
    "Change",
    "SentenceRef",
    "diff_documents",
    "diff_text",
    "explain_document",
    "explain_json",
    "explain_source",
    "explain_table",
    "match_sentence",
    "select_section",
    "sentence_refs",
]


@dataclass(frozen=True)
class SentenceRef:
    """A sentence with its place: section id and number, paragraph and sentence (1-based; 0 = heading)."""

    section: str
    number: str
    paragraph: int
    index: int
    sentence: Sentence

    @property
    def place(self) -> str:
        where = self.number or self.section
        return f"{where} 标题" if self.paragraph == 0 else f"{where} ¶{self.paragraph}.{self.index}"


def sentence_refs(doc: Document) -> list[SentenceRef]:
    """Every sentence with its place, in reading order."""
    out = []
    for sec in doc.sections:
        if sec.heading:
            out.append(SentenceRef(sec.id, sec.number, 0, 0, sec.heading))
        for p, para in enumerate(sec.paragraphs, 1):
            out += [SentenceRef(sec.id, sec.number, p, i, s) for i, s in enumerate(para.sentences, 1)]
    return out


def _section_matches(ref: SentenceRef, wanted: str) -> bool:
    if wanted == ref.section:
        return True
    if wanted.isdigit():
        n = int(wanted)
        if n == 0:
            return ref.section == "preamble"
        return 1 <= n <= 99 and ref.number == ordinal(n, "section")
    return ref.number.rstrip("、") == wanted.rstrip("、")


def explain_document(doc: Document, section: str | None = None) -> list[SentenceRef]:
    """Sentences of the draft (or of one section: its id, its number 1 for 一、, or 0 for the preamble)."""
    return select_section(sentence_refs(doc), section)


def select_section(refs: list[SentenceRef], section: str | None) -> list[SentenceRef]:
    """The refs of one section (all when section is None); an error lists the sections there are."""
    if section is None:
        return refs
    chosen = [r for r in refs if _section_matches(r, str(section))]
    if not chosen:
        valid = ", ".join(dict.fromkeys(r.section + (f" ({r.number})" if r.number else "") for r in refs))
        raise DrafterError(f"no section {section!r} in this draft; sections: {valid}")
    return chosen


def _figures(s: Sentence) -> str:
    return "; ".join(f"{f['name']}={f['text']}" for f in s.figures if not f["name"].startswith("org."))


def explain_table(refs: list[SentenceRef]) -> str:
    """One block per sentence: place, slot#variant, text, figures."""
    lines = []
    for r in refs:
        s = r.sentence
        if s.slot is None:
            origin = "no slot (edited, or not from the bank)"
        else:
            origin = f"{s.slot}#{'custom' if s.custom is not None else s.variant}"
        lines.append(f"{r.place}  {origin}")
        lines.append(f"    {s.full_text}")
        if _figures(s):
            lines.append(f"    figures: {_figures(s)}")
    return "\n".join(lines) + "\n"


def explain_json(refs: list[SentenceRef]) -> str:
    data: list[dict[str, Any]] = [
        {"section": r.section, "number": r.number, "paragraph": r.paragraph, "index": r.index, **r.sentence.to_dict()}
        for r in refs
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class Change:
    """One changed sentence: before and after (None when added or removed)."""

    place: str
    slot: str | None
    before: str | None
    after: str | None


def diff_documents(a: Document, b: Document) -> list[Change]:
    """Sentence-by-sentence differences, matching sentences by slot (or text for literals)."""
    ra, rb = sentence_refs(a), sentence_refs(b)

    def key(r: SentenceRef) -> str:
        return r.sentence.slot or r.sentence.full_text

    changes = []
    matcher = difflib.SequenceMatcher(a=[key(r) for r in ra], b=[key(r) for r in rb], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for x, y in zip(ra[i1:i2], rb[j1:j2], strict=True):
                if x.sentence.full_text != y.sentence.full_text:
                    changes.append(Change(y.place, y.sentence.slot, x.sentence.full_text, y.sentence.full_text))
            continue
        for x in ra[i1:i2]:
            changes.append(Change(x.place, x.sentence.slot, x.sentence.full_text, None))
        for y in rb[j1:j2]:
            changes.append(Change(y.place, y.sentence.slot, None, y.sentence.full_text))
    return changes


def diff_text(changes: list[Change], total: int) -> str:
    """A readable diff: place and slot, then - before / + after, and a count."""
    lines = []
    for c in changes:
        lines.append(f"{c.place}  {c.slot or 'literal'}")
        if c.before is not None:
            lines.append(f"  - {c.before}")
        if c.after is not None:
            lines.append(f"  + {c.after}")
    lines.append(f"{len(changes)} of {total} sentences changed")
    return "\n".join(lines) + "\n"


_RUN_IN = re.compile(rf"(?<=：)(?={ORDINAL_PATTERNS['item']})")


_LITERAL_MIN = 4  # literal characters a fact slot's variant needs before a sentence is matched back to it
_IF_BLOCK = re.compile(r"\{%-?\s*if\b.*?\{%-?\s*endif\s*-?%\}", re.S)
_TAG = re.compile(r"\{\{(.*?)\}\}|\{%-?\s*(\w+)(.*?)-?%\}", re.S)
# Expressions whose every rendering is known: matched as such, not as any text, so a variant opening with
# {{ period }} does not swallow another variant's lead-in (figures.reporting_period; a missing year's placeholder).
_KNOWN = {
    "period": r"(全年|截至\d{1,2}月[上中下]旬)",
    "year": r"(\d{4}|【待补充：[^】]*】)",
    "prev_year": r"(\d{4}|【待补充：[^】]*】)",
}


def _variant_regex(source: str) -> tuple[re.Pattern[str], list[str]]:
    """A variant's text as a regex: literal parts exact, each {{ figure }} a lazy group, each
    {% if %}…{% elif %}…{% else %}…{% endif %} an alternation of its branches."""
    names: list[str] = []
    tokens = list(_TAG.finditer(source))

    def block(pos: int, k: int, stop: tuple[str, ...]) -> tuple[str, int, int, str | None]:
        out = ""
        while k < len(tokens):
            m = tokens[k]
            out += re.escape(source[pos : m.start()])
            pos, k = m.end(), k + 1
            if m.group(1) is not None:
                name = m.group(1).strip()
                out += _KNOWN.get(name, "(.+?)")
                names.append(name)
            elif m.group(2) in stop:
                return out, pos, k, m.group(2)
            elif m.group(2) == "if":
                branches, has_else = [], False
                while True:
                    body, pos, k, ended = block(pos, k, ("elif", "else", "endif"))
                    branches.append(body)
                    has_else |= ended == "else"
                    if ended in ("endif", None):
                        break
                out += "(?:" + "|".join(branches) + ")" + ("" if has_else else "?")
            else:
                out += "(?:.*?)"
        return out + re.escape(source[pos:]), len(source), k, None

    regex = block(0, 0, ())[0]
    return re.compile(regex, re.S), names


def traceable(slot: Any, index: int) -> bool:
    """Whether a sentence of this variant can be matched back to it (not when it is only the spec's own fact)."""
    return not slot.about or _literal(slot.variants[index]) >= _LITERAL_MIN


def _literal(source: str) -> int:
    return len(_TAG.sub("", _IF_BLOCK.sub("", source)))


def _match_order(drafter: Any) -> list[tuple[Any, int]]:
    """Variants in the order a sentence is tried against them: figure slots in bank order, then the
    slots said about the spec's facts, the most literal text first (their variants are mostly the fact)."""
    cache = drafter.__dict__.setdefault("_explain_order", [])
    if not cache:
        plain = [(s, i) for s in drafter.bank if not s.about for i in s.enabled]
        facts = [(s, i) for s in drafter.bank if s.about for i in s.enabled if traceable(s, i)]
        cache += plain + sorted(facts, key=lambda si: -_literal(si[0].variants[si[1]]))
    return cache


def match_sentence(text: str, drafter: Any) -> Sentence:
    """The slot and variant a sentence of any document was written from (slot None when edited or foreign)."""
    prefix = ordinal_label(text, "item")
    body = text[len(prefix) :]
    for slot, i in _match_order(drafter):
        pattern, names = drafter_patterns(drafter, slot.id, i)
        m = pattern.fullmatch(body)
        if m:
            figures = [{"name": n, "text": v} for n, v in zip(names, m.groups(), strict=True) if v is not None]
            return Sentence(body, slot.id, i, prefix, figures)
    return Sentence(body, None, None, prefix)


def drafter_patterns(drafter: Any, slot_id: str, index: int) -> tuple[re.Pattern[str], list[str]]:
    cache = drafter.__dict__.setdefault("_explain_patterns", {})
    key = (slot_id, index)
    if key not in cache:
        cache[key] = _variant_regex(drafter.bank.get(slot_id).variants[index])
    return cache[key]


def explain_source(src: Any, drafter: Any) -> list[SentenceRef]:
    """Sentences of a document read from .txt/.md/.docx, each matched back to its slot and variant."""
    refs = []
    for p in src.paragraphs:
        if p.role == "title":
            continue
        section = src.sections[p.section]
        number = section.label
        section_id = "preamble" if p.section == 0 else f"section{p.section}"
        pieces = []
        for a, b in p.sentences:
            pieces += [s for s in _RUN_IN.split(src.text[a:b]) if s.strip()]
        if p.role in ("heading", "subheading"):
            text = src.para_text(p)
            if p.label and text.startswith(p.label):
                text = text[len(p.label) :]
            if not p.label:
                text = text[len(section.label) :] if text.startswith(section.label) else text
            refs.append(SentenceRef(section_id, number, 0, 0, match_sentence(text, drafter)))
            continue
        refs += [
            SentenceRef(section_id, number, p.index, n, match_sentence(piece, drafter))
            for n, piece in enumerate(pieces, 1)
        ]
    return refs
