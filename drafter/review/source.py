"""Reading any report (.txt, .md, .docx, stdin) into paragraphs and sentences with offsets."""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ReadError

__all__ = ["Location", "Source", "SourceParagraph", "SourceSection", "parse_text", "read_source"]

READABLE = (".txt", ".md", ".markdown", ".docx")
_NUM = "一二三四五六七八九十"
HEADING = re.compile(rf"^[{_NUM}]+、")
SUBHEADING = re.compile(rf"^[（(][{_NUM}]+[）)]")
ITEM = re.compile(rf"(?:^|(?<=[。；！？：]))([{_NUM}]+是)")
SENTENCE = re.compile(r"[^。！？]*(?:[。！？]+[”’」』）》]*|$)")
_MD_PREFIX = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+|>\s*)?(?:\*\*|__)?)")
_MD_SUFFIX = re.compile(r"(?:\*\*|__|\s{2,})$")


@dataclass
class SourceParagraph:
    """A paragraph: its span in Source.text, role, numbering label, section and sentences."""

    index: int
    start: int
    end: int
    role: str  # title | heading | subheading | body
    label: str = ""
    section: int = 0
    sentences: list[tuple[int, int]] = field(default_factory=list)
    items: list[tuple[str, int]] = field(default_factory=list)  # (一是, offset of the label)


@dataclass
class SourceSection:
    """A 一、 section (index 0 is whatever comes before the first heading)."""

    index: int
    heading: str
    label: str
    start: int


@dataclass(frozen=True)
class Location:
    section: int
    section_heading: str
    paragraph: int
    sentence: int

    def __str__(self) -> str:
        where = self.section_heading[:12] or "导语"
        return f"{where} ¶{self.paragraph + 1} 句{self.sentence + 1}"


@dataclass
class Source:
    """A document to check: its text, and its structure as spans into that text."""

    name: str
    text: str
    title: str = ""
    paragraphs: list[SourceParagraph] = field(default_factory=list)
    sections: list[SourceSection] = field(default_factory=list)

    def para_text(self, p: SourceParagraph) -> str:
        return self.text[p.start : p.end]

    def span_dict(self, start: int, end: int) -> dict[str, Any]:
        """Offsets of a span with its section, paragraph and sentence, as the check JSON gives them."""
        loc = self.locate(start)
        return {
            "start": start,
            "end": end,
            "section": loc.section,
            "section_heading": loc.section_heading,
            "paragraph": loc.paragraph,
            "sentence": loc.sentence,
        }

    def locate(self, offset: int) -> Location:
        """Section, paragraph and sentence holding a character offset."""
        starts = [p.start for p in self.paragraphs]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        p = self.paragraphs[i] if self.paragraphs else SourceParagraph(0, 0, 0, "body")
        s = 0
        for n, (a, _b) in enumerate(p.sentences):
            if a <= offset:
                s = n
        sec = self.sections[p.section] if self.sections else SourceSection(0, "", "", 0)
        return Location(p.section, (sec.label + sec.heading) if sec.heading else "", p.index, s)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in SENTENCE.finditer(text, start, end):
        a, b = m.start(), min(m.end(), end)
        if b > a and text[a:b].strip():
            out.append((a, b))
        if m.end() >= end:
            break
    return out


def parse_text(text: str, name: str = "<text>", markdown: bool = False, labels: list[str] | None = None) -> Source:
    """Recover title, sections, items, paragraphs and sentences from plain text (one paragraph per line).

    `labels` gives Word's automatic numbering per line (一、 shown but not in the text).
    """
    src = Source(name, text)
    src.sections.append(SourceSection(0, "", "", 0))
    offset = 0
    for n, line in enumerate(text.split("\n")):
        line_start, offset = offset, offset + len(line) + 1
        a, b = line_start, line_start + len(line)
        if markdown:
            a += len(_MD_PREFIX.match(line).group(1))
            m = _MD_SUFFIX.search(text, a, b)
            b = m.start() if m and m.start() >= a else b
        while a < b and text[a] in " \t\u3000":
            a += 1
        while b > a and text[b - 1] in " \t\u3000\r":
            b -= 1
        if a == b:
            continue
        body = text[a:b]
        label = labels[n] if labels and n < len(labels) else ""
        head = label + body
        role = "body"
        if HEADING.match(head):
            role = "heading"
        elif SUBHEADING.match(head):
            role = "subheading"
        elif not src.paragraphs and not label and len(body) <= 60 and not re.search(r"[。！？；：]$", body):
            role = "title"
            src.title = body
        if role == "heading":
            lab = label or HEADING.match(body).group()
            heading = body[len(lab) :] if not label else body
            src.sections.append(SourceSection(len(src.sections), heading.split("。")[0], lab, a))
        para = SourceParagraph(len(src.paragraphs), a, b, role, label, len(src.sections) - 1)
        para.sentences = _sentences(text, a, b)
        if role == "body":
            para.items = [(m.group(1), a + m.start(1)) for m in ITEM.finditer(body)]
        src.paragraphs.append(para)
    return src


def read_source(path: str | Path) -> Source:
    """Read a .txt/.md/.docx file, or '-' for standard input, into a Source."""
    if str(path) == "-":
        return parse_text(sys.stdin.read().replace("\r\n", "\n"), "<stdin>")
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise ReadError(f"{path}: can't read {suffix or 'files without a suffix'}; use .txt, .md or .docx")
    if not path.is_file():
        raise ReadError(f"{path}: file not found")
    if suffix == ".docx":
        from ..word.reader import read_docx

        paras = read_docx(path)
        texts = [p.text for p in paras]
        first = next((i for i, t in enumerate(texts) if t.strip()), None)
        if first is not None:  # a title broken onto several lines (GB/T 9704 7.3.3) is still one line of text
            texts[first] = texts[first].replace("\n", "")
        return parse_text("\n".join(texts), str(path), labels=[p.label for p in paras])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8") from None
    return parse_text(text.replace("\r\n", "\n"), str(path), markdown=suffix in (".md", ".markdown"))
