"""The document model: title → sections → paragraphs → sentences, with provenance."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DrafterError
from .yamlio import json_loads, read_problem

__all__ = ["PLACEHOLDER", "POLISH_STATUSES", "Document", "Paragraph", "PolishRecord", "Section", "Sentence"]

PLACEHOLDER = re.compile(r"【待补充：([^】]*)】")
FORMAT_VERSION = 1


@dataclass
class Sentence:
    """One sentence: its text, the slot and variant it came from, and the figures it used."""

    text: str
    slot: str | None = None
    variant: int | None = None
    prefix: str = ""
    figures: list[dict[str, Any]] = field(default_factory=list)
    custom: str | None = None  # an editor's own text (template source) chosen for the slot
    note: str | None = None  # the spec's terse note this sentence states (a practice); polishing may expand it
    fact: str | None = None  # the spec fact the sentence states (problems[0], research.practices, cases)
    answers: str | None = None  # a next step: the fact of the problem it answers

    @property
    def full_text(self) -> str:
        return self.prefix + self.text

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text}
        if self.prefix:
            out["prefix"] = self.prefix
        if self.slot is not None:
            out["slot"] = self.slot
            out["variant"] = self.variant
        if self.figures:
            out["figures"] = self.figures
        if self.custom is not None:
            out["custom"] = self.custom
        if self.note is not None:
            out["note"] = self.note
        if self.fact is not None:
            out["fact"] = self.fact
        if self.answers is not None:
            out["answers"] = self.answers
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(
            d["text"],
            d.get("slot"),
            d.get("variant"),
            d.get("prefix", ""),
            list(d.get("figures", [])),
            d.get("custom"),
            d.get("note"),
            d.get("fact"),
            d.get("answers"),
        )


POLISH_STATUSES = ("accepted", "cached", "rejected", "skipped")


@dataclass
class PolishRecord:
    """What a language model did to a paragraph: status, why, which model, and the template text it started from.

    `text` is the polished wording in force (accepted or cached only); `candidate`
    keeps a rejected rewrite for the editor to read.
    """

    status: str
    model: str = ""
    original: str = ""
    text: str | None = None
    reason: str | None = None
    candidate: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "model": self.model, "original": self.original}
        for key in ("text", "reason", "candidate"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PolishRecord:
        return cls(
            d["status"], d.get("model", ""), d.get("original", ""), d.get("text"), d.get("reason"), d.get("candidate")
        )


@dataclass
class Paragraph:
    sentences: list[Sentence] = field(default_factory=list)
    polish: PolishRecord | None = None

    @property
    def template_text(self) -> str:
        """The paragraph as drafted from the phrase bank, before any polishing."""
        return "".join(s.full_text for s in self.sentences)

    @property
    def text(self) -> str:
        """The wording in force: the accepted polished text, else the template text."""
        if self.polish is not None and self.polish.text is not None:
            return self.polish.text
        return self.template_text

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"sentences": [s.to_dict() for s in self.sentences]}
        if self.polish is not None:
            out["polish"] = self.polish.to_dict()
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Paragraph:
        polish = PolishRecord.from_dict(d["polish"]) if d.get("polish") else None
        return cls([Sentence.from_dict(s) for s in d["sentences"]], polish)


@dataclass
class Section:
    """A section; `number` is the generated 一、 (empty for the preamble and closing)."""

    id: str
    heading: Sentence | None = None
    number: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def heading_text(self) -> str:
        return self.number + self.heading.full_text if self.heading else ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.heading is not None:
            out["number"] = self.number
            out["heading"] = self.heading.to_dict()
        out["paragraphs"] = [p.to_dict() for p in self.paragraphs]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Section:
        heading = Sentence.from_dict(d["heading"]) if d.get("heading") else None
        return cls(d["id"], heading, d.get("number", ""), [Paragraph.from_dict(p) for p in d["paragraphs"]])


@dataclass
class Document:
    """A drafted (or read) report."""

    kind: str
    title: str
    sections: list[Section] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    seed: int | None = None
    recipient: str | None = None  # 主送机关, without the colon; None: the document has no such line
    warnings: list[str] = field(default_factory=list)  # implausible figures, drafted anyway: check them

    @property
    def recipient_line(self) -> str:
        """The 主送机关 line as printed: the recipient and a full-width colon (empty when there is none)."""
        return self.recipient.rstrip("：:") + "：" if self.recipient else ""

    def sentences(self) -> list[Sentence]:
        """Every sentence in reading order, headings included."""
        out = []
        for sec in self.sections:
            if sec.heading:
                out.append(sec.heading)
            for p in sec.paragraphs:
                out.extend(p.sentences)
        return out

    def paragraphs(self) -> list[Paragraph]:
        """Every body paragraph in reading order (paragraph N of the polish summary is item N-1)."""
        return [p for sec in self.sections for p in sec.paragraphs]

    def placeholders(self) -> list[str]:
        """Labels of every 【待补充：…】 placeholder, in reading order."""
        return PLACEHOLDER.findall(self.to_text())

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "kind": self.kind,
            "seed": self.seed,
            "title": self.title,
            **({"recipient": self.recipient} if self.recipient is not None else {}),
            "sections": [s.to_dict() for s in self.sections],
            "signature": self.signature,
            **({"warnings": self.warnings} if self.warnings else {}),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        if not isinstance(d.get("recipient", ""), (str, type(None))):
            raise TypeError(f"recipient must be text (got {d['recipient']!r})")
        return cls(
            d["kind"],
            d["title"],
            [Section.from_dict(s) for s in d["sections"]],
            list(d.get("signature", [])),
            d.get("seed"),
            d.get("recipient"),
            list(d.get("warnings", [])),
        )

    @classmethod
    def from_data(cls, data: Any, name: str = "document") -> Document:
        """A draft from parsed JSON (a file, or what the web page sends back); a DrafterError when it isn't one."""
        if not isinstance(data, dict):
            raise DrafterError(f"{name}: expected a drafter JSON draft (an object with kind, title and sections)")
        try:
            return cls.from_dict(data)
        except (KeyError, TypeError, AttributeError) as exc:
            raise DrafterError(
                f"{name}: not a drafter JSON draft (write one with --format json): {type(exc).__name__}: {exc}"
            ) from None

    @classmethod
    def load(cls, path: str | Path) -> Document:
        """A draft saved with --format json."""
        path = Path(path)
        try:
            data = json_loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, IsADirectoryError) as exc:
            raise DrafterError(f"{path}: {read_problem(exc)}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DrafterError(f"{path}: not a drafter JSON draft (write one with --format json): {exc}") from None
        return cls.from_data(data, str(path))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self) -> str:
        lines = [f"# {self.title}", ""]
        if self.recipient:
            lines += [self.recipient_line, ""]
        for sec in self.sections:
            if sec.heading:
                lines += [f"## {sec.heading_text}", ""]
            for p in sec.paragraphs:
                lines += [p.text, ""]
        if self.signature:
            lines += [f"{s}  " for s in self.signature]
        return "\n".join(lines).rstrip("\n") + "\n"

    def to_text(self) -> str:
        lines = [self.title, ""]
        if self.recipient:
            lines.append(self.recipient_line)
        for sec in self.sections:
            if sec.heading:
                lines.append(sec.heading_text)
            for p in sec.paragraphs:
                lines.append("\u3000\u3000" + p.text)
        if self.signature:
            lines += ["", *self.signature]
        return "\n".join(lines) + "\n"

    def render(self, fmt: str) -> str:
        """The document as md, txt or json text."""
        renderers = {"md": self.to_markdown, "txt": self.to_text, "json": self.to_json}
        if fmt not in renderers:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(renderers)}")
        return renderers[fmt]()
