"""Reading any report (.txt, .md, .docx, stdin) into paragraphs and sentences with offsets."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..zh.numbers import ORDINAL_PATTERNS, ordinal_label

__all__ = ["Location", "Source", "SourceParagraph", "SourceSection", "parse_text", "read_source"]

READABLE = (".txt", ".md", ".markdown", ".docx")
# 一是 at the start of a paragraph or a sentence (after 。；！？ or a run-in ：).
ITEM = re.compile(rf"(?:^|(?<=[。；！？：]))({ORDINAL_PATTERNS['item']})")
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
    # Spans of `text` the reading leaves out: hard line breaks inside a paragraph, page-number lines.
    dropped: list[tuple[int, int]] = field(default_factory=list)
    page_lines: list[tuple[int, int]] = field(default_factory=list)  # 「- 3 -」 lines (without their \n)
    stated_date: dt.date | None = None  # the date given from outside (overrides detection)
    # Read from .docx: each Word paragraph's span in `text` and its text as read_docx read it (a title's
    # line breaks are left out of `text`). Empty for text files, whose Word paragraphs are their lines.
    blocks: list[tuple[int, int, str]] = field(default_factory=list)

    def para_text(self, p: SourceParagraph) -> str:
        return self.text[p.start : p.end]

    @cached_property
    def date(self) -> dt.date:
        """The 成文日期: the stated date, else the last date line of the signature, else the title's year, else today."""
        return self.stated_date or signature_date(self.text) or title_date(self.title) or dt.date.today()

    @cached_property
    def _view(self) -> tuple[str, list[int]]:
        # Slices between the dropped spans (sorted; overlapping ones merge), not a loop per character.
        text, n = self.text, len(self.text)
        pieces: list[str] = []
        index: list[int] = []
        pos = 0
        for a, b in sorted(self.dropped):
            if a > pos:
                pieces.append(text[pos:a])
                index.extend(range(pos, a))
            pos = max(pos, b)
        if pos < n:
            pieces.append(text[pos:])
            index.extend(range(pos, n))
        index.append(n)
        return "".join(pieces), index

    @cached_property
    def normalised(self) -> tuple[str, list[int]]:
        """The text as theme matchers read it (matching.normalise), kept for every kind they match it against."""
        from .matching import normalise

        return normalise(self.text)

    def view(self) -> tuple[str, list[int]]:
        """The text as read (hard wraps and page-number lines left out) and each character's offset in `text`.

        The offset list has one extra entry: len(text), so `index[len(view)]` is valid.
        """
        return self._view

    def para_view(self, p: SourceParagraph) -> tuple[str, list[int]]:
        """One paragraph as read, with each character's offset in `text` (plus the paragraph end)."""
        view, index = self._view
        a = bisect.bisect_left(index, p.start)
        b = bisect.bisect_left(index, p.end, a)
        return view[a:b], [*index[a:b], p.end]

    @staticmethod
    def original_span(index: list[int], a: int, b: int) -> tuple[int, int]:
        """The span of `text` that view[a:b] was read from."""
        return index[a], (index[b - 1] + 1 if b > a else index[a])

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

    def word_span(self, start: int, end: int) -> tuple[int, int, int] | None:
        """[start, end) of `text` as (Word paragraph, start, end) in that paragraph's text as read_docx reads it.

        For text files a Word paragraph is a line. A span running past its paragraph is cut at the
        paragraph's end; None when `start` falls outside every paragraph.
        """
        blocks = self.blocks or self._line_blocks
        i = bisect.bisect_right(self._block_starts, start) - 1
        if i < 0 or start > blocks[i][1]:
            return None
        a, b, shown = blocks[i]
        read = self.text[a:b]
        return i, _shown_offset(shown, read, start - a), _shown_offset(shown, read, min(end, b) - a)

    # Kept once the document is read: a long report has thousands of findings and hits to place.
    @cached_property
    def _para_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b[0] for b in (self.blocks or self._line_blocks)]

    @cached_property
    def _line_blocks(self) -> list[tuple[int, int, str]]:
        out, pos = [], 0
        for line in self.text.split("\n"):
            out.append((pos, pos + len(line), line))
            pos += len(line) + 1
        return out

    def locate(self, offset: int) -> Location:
        """Section, paragraph and sentence holding a character offset."""
        i = max(0, bisect.bisect_right(self._para_starts, offset) - 1)
        p = self.paragraphs[i] if self.paragraphs else SourceParagraph(0, 0, 0, "body")
        s = 0
        for n, (a, _b) in enumerate(p.sentences):
            if a <= offset:
                s = n
        sec = self.sections[p.section] if self.sections else SourceSection(0, "", "", 0)
        return Location(p.section, (sec.label + sec.heading) if sec.heading else "", p.index, s)


def _shown_offset(shown: str, read: str, k: int) -> int:
    """Offset k of `read` in `shown`, where `read` is `shown` with its line breaks left out (or the same)."""
    if shown == read:
        return k
    j = 0
    for i, ch in enumerate(shown):
        if ch == "\n":
            continue
        if j == k:
            return i
        j += 1
    return len(shown)


_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇○零一二三四五六七八九十"
DATE_LINE = re.compile(
    rf"^\s*(?P<y>\d{{4}}|[{_CN}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})\s*月\s*(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*日\s*$"
)
TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _cn_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    return int("".join(str(_DIGITS[c]) for c in s))


def signature_date(text: str) -> dt.date | None:
    """The date on the last line that holds only a date (the signature's 成文日期), if any."""
    for line in reversed(text.split("\n")):
        m = DATE_LINE.match(line)
        if m:
            try:
                return dt.date(_cn_number(m["y"]), _cn_number(m["m"]), _cn_number(m["d"]))
            except (ValueError, KeyError):
                continue
    return None


def title_date(title: str) -> dt.date | None:
    """The last day of the year a title names (2024年…工作总结 -> 2024-12-31)."""
    m = TITLE_YEAR.search(title)
    return dt.date(int(m.group(1)), 12, 31) if m else None


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in SENTENCE.finditer(text, start, end):
        a, b = m.start(), min(m.end(), end)
        if b > a and text[a:b].strip():
            out.append((a, b))
        if m.end() >= end:
            break
    return out


PAGE_LINE = re.compile(
    r"^[-－—–‒―~～\s]*(?:第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4})[-－—–‒―~～\s]*$"
)
_DASHED = re.compile(r"^\s*[-－—–‒―~～]+\s*\d{1,4}\s*[-－—–‒―~～]+\s*$")
_END = "。！？；：!?;:"
_OPEN = {"“": "”", "《": "》", "（": "）", "(": ")", "「": "」", "‘": "’", "【": "】"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_CJKISH = re.compile(r"[\u3400-\u9fff\d%％”’》）」、，]")
_STARTS_CJK = re.compile(r"[\u3400-\u9fff\d“‘《（「]")
_NEW_BLOCK = re.compile(
    rf"^(?:{ORDINAL_PATTERNS['section']}|{ORDINAL_PATTERNS['item']}|{ORDINAL_PATTERNS['sub']}|\d+[.、．]\D|[#>*+-]\s)"
)


def is_page_line(line: str) -> bool:
    """「- 3 -」, 「— 3 —」, 「第3页」 or a bare page number between blank-less lines."""
    body = line.strip()
    return bool(body) and (bool(_DASHED.match(body)) or (bool(PAGE_LINE.match(body)) and "页" in body))


def _open_pairs(line: str, stack: list[str]) -> list[str]:
    for ch in line:
        if ch in _OPEN:
            stack.append(ch)
        elif ch in _CLOSE and _CLOSE[ch] in stack:
            while stack and stack.pop() != _CLOSE[ch]:
                pass
    return stack[-4:]


def _soft_break(prev: str, nxt: str, prev_role: str, inside: bool) -> bool:
    """True when the break between two lines falls inside a paragraph (a hard wrap in PDF text)."""
    if not prev or not nxt or DATE_LINE.match(nxt) or _NEW_BLOCK.match(nxt):
        return False
    if inside:
        return True  # a quotation, title or bracket still open
    if prev_role in ("title", "heading", "subheading") or prev[-1] in _END:
        return False
    return bool(_CJKISH.match(prev[-1]) and _STARTS_CJK.match(nxt[0]))


def parse_text(
    text: str,
    name: str = "<text>",
    markdown: bool = False,
    labels: list[str] | None = None,
    unwrap: bool | None = None,
) -> Source:
    """Recover title, sections, items, paragraphs and sentences from plain text (one paragraph per line).

    `labels` gives Word's automatic numbering per line (一、 shown but not in the text).
    With `unwrap` (default: when there are no labels) a line break inside a paragraph — PDF text
    wrapped by hand, 「“四\n风”」 — joins the lines, and page-number lines (「- 3 -」) are left out;
    both go to `Source.dropped` so offsets still point into `text`.
    """
    if unwrap is None:
        unwrap = labels is None
    src = Source(name, text)
    src.sections.append(SourceSection(0, "", "", 0))
    offset = 0
    stack: list[str] = []
    last_end = -1  # end of the previous non-empty line, when it directly precedes this one
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
            last_end = -1
            continue
        body = text[a:b]
        if unwrap and is_page_line(body):
            src.page_lines.append((a, b))
            src.dropped.append((line_start, min(offset, len(text))))
            continue  # the line and its break; the paragraph above may go on below it
        label = labels[n] if labels and n < len(labels) else ""
        prev = src.paragraphs[-1] if src.paragraphs else None
        if (
            unwrap
            and prev is not None
            and last_end >= 0
            and not label
            and _soft_break(text[prev.start : last_end], body, prev.role, bool(stack))
        ):
            src.dropped.append((last_end, a))
            prev.end = b
            prev.sentences = _sentences(text, prev.start, b)
            if prev.role == "body":
                view = text[prev.start : b]
                prev.items = [(m.group(1), prev.start + m.start(1)) for m in ITEM.finditer(view)]
            stack = _open_pairs(body, stack)
            last_end = b
            continue
        stack = _open_pairs(body, []) if unwrap else []
        last_end = b
        head = label + body
        role = "body"
        if ordinal_label(head, "section"):
            role = "heading"
        elif ordinal_label(head, "sub"):
            role = "subheading"
        elif not src.paragraphs and not label and len(body) <= 60 and not re.search(r"[。！？；：]$", body):
            role = "title"
            src.title = body
        if role == "heading":
            lab = label or ordinal_label(body, "section")
            heading = body[len(lab) :] if not label else body
            src.sections.append(SourceSection(len(src.sections), heading.split("。")[0], lab, a))
        para = SourceParagraph(len(src.paragraphs), a, b, role, label, len(src.sections) - 1)
        para.sentences = _sentences(text, a, b)
        if role == "body":
            para.items = [(m.group(1), a + m.start(1)) for m in ITEM.finditer(body)]
        src.paragraphs.append(para)
    return src


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def decode_text(data: bytes, name: str) -> str:
    """Bytes of a text document: a BOM (UTF-8, UTF-16) decides, else UTF-8, else GB18030 when it reads as
    Chinese (what Notepad and Excel save on a Chinese Windows); anything else is a ReadError naming `name`."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(f"{name}: not {codec} text though it starts like it ({exc.reason})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_problem = f"{exc.reason} at byte {exc.start}"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    wide = [c for c in text if ord(c) > 127 and not c.isspace()]
    if wide and sum(1 for c in wide if _CJK.match(c)) >= 0.9 * len(wide):
        return text
    raise ReadError(f"{name}: neither UTF-8 nor GB18030 Chinese text ({utf8_problem}); save it as UTF-8")


def read_source(path: str | Path) -> Source:
    """Read a .txt/.md/.docx file, or '-' for standard input, into a Source (text decoded by `decode_text`)."""
    if str(path) == "-":
        stream = getattr(sys.stdin, "buffer", None)
        text = decode_text(stream.read(), "<stdin>") if stream is not None else sys.stdin.read()
        return parse_text(text.replace("\r\n", "\n"), "<stdin>")
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
        src = parse_text("\n".join(texts), str(path), labels=[p.label for p in paras], unwrap=False)
        pos = 0
        for para, text in zip(paras, texts, strict=True):
            src.blocks.append((pos, pos + len(text), para.text))
            pos += len(text) + 1
        return src
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: can't read it: {exc.strerror or exc}") from None
    text = decode_text(data, str(path))
    return parse_text(text.replace("\r\n", "\n"), str(path), markdown=suffix in (".md", ".markdown"))
