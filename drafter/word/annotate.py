"""Marking up a .docx for a reviewer (花脸稿): a Word comment on a span, and tracked changes (w:del + w:ins).

Takes plain data — `Mark`s giving a paragraph (as `read_docx` counts them), offsets into that
paragraph's text as `read_docx` reads it, the comment, and an optional replacement — so it knows
nothing of the review rules. Runs are split where a span begins or ends, so a comment covers
exactly its text and a replacement deletes exactly the old text.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import DocxReadError
from ..output import atomic_write
from .package import FIXED_DATE, fixed_zip
from .reader import _SKIP, W, _hidden, _paragraphs, _text

__all__ = ["AUTHOR", "Mark", "Placed", "annotate_docx", "annotated_bytes", "paragraph_texts", "plain_docx"]

AUTHOR = "drafter"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class Mark:
    """A comment on [start, end) of a paragraph's text; `replacement` (when given) becomes a tracked change."""

    paragraph: int
    start: int
    end: int
    comment: str
    replacement: str | None = None


@dataclass
class _Para:
    """One paragraph as read_docx counts it: the w:p elements it spans (a deleted mark joins two)."""

    elements: list[Any]

    def runs(self) -> list[tuple[Any, int, int]]:
        """(w:r, start, end) for every run showing text, offsets as read_docx reads the paragraph."""
        out: list[tuple[Any, int, int]] = []
        pos = 0
        for p in self.elements:
            pos = _walk(p, out, pos)
        return out

    def text(self) -> str:
        return "".join(_text(p) for p in self.elements)


def _walk(el: Any, out: list, pos: int) -> int:
    """Like reader._text, but keeps each run and where its text falls."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}r":
            if _hidden(child):
                continue
            n = len(_text(child))
            if n:
                out.append((child, pos, pos + n))
            pos += n
        else:
            pos = _walk(child, out, pos)
    return pos


def _logical(body: Any) -> list[_Para]:
    """The paragraphs in read_docx's order and grouping."""
    out: list[_Para] = []
    carried: list[Any] = []
    for p, _where in _paragraphs(body):
        ppr = p.find(f"{W}pPr")
        carried.append(p)
        if ppr is not None and ppr.find(f"{W}rPr/{W}del") is not None:
            continue
        out.append(_Para(carried))
        carried = []
    if carried:
        out.append(_Para(carried))
    return out


def _shown_len(child: Any) -> int:
    tag = child.tag
    if not isinstance(tag, str) or tag in _SKIP:
        return 0
    if tag == f"{W}t":
        return len(child.text or "")
    if tag in (f"{W}br", f"{W}cr"):
        return 0 if child.get(f"{W}type") in ("page", "column") else 1
    if tag in (f"{W}tab", f"{W}ptab", f"{W}noBreakHyphen"):
        return 1
    return len(_text(child))


def _split(run: Any, k: int) -> bool:
    """Split a run after k characters of its text into two runs with the same properties; False if it can't be."""
    parts = [(c, _shown_len(c)) for c in run if c.tag != f"{W}rPr"]
    pos = 0
    for c, n in parts:
        if pos < k < pos + n and c.tag != f"{W}t":
            return False  # an element that isn't plain text can't be cut
        pos += n
    right = copy.deepcopy(run)
    pos = 0
    for (c, n), c2 in zip(parts, [c for c in right if c.tag != f"{W}rPr"], strict=True):
        if pos + n <= k:
            right.remove(c2)
        elif pos >= k:
            run.remove(c)
        else:  # a w:t holding the cut
            cut = k - pos
            c2.text, c.text = c.text[cut:], c.text[:cut]
            c.set(_XML_SPACE, "preserve")
            c2.set(_XML_SPACE, "preserve")
        pos += n
    run.addnext(right)
    return True


def _cut(para: _Para, offset: int) -> None:
    """Make `offset` fall on a run boundary (when a run can be cut there)."""
    for run, a, b in para.runs():
        if a < offset < b:
            _split(run, offset - a)
            return


def _span_runs(para: _Para, start: int, end: int) -> list[tuple[Any, int, int]]:
    _cut(para, start)
    _cut(para, end)
    return [(r, a, b) for r, a, b in para.runs() if a < end and b > start]


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    return OxmlElement(tag, attrs={qn(k): v for k, v in attrs.items()})


class _Revisions:
    def __init__(self, body: Any, when: datetime):
        ids = [int(v) for e in body.iter(f"{W}ins", f"{W}del") if (v := e.get(f"{W}id", "")).isdigit()]
        self.next = max(ids, default=0) + 1
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def attrs(self) -> dict[str, str]:
        self.next += 1
        return {"w:id": str(self.next - 1), "w:author": AUTHOR, "w:date": self.date}


def _replace(para: _Para, start: int, end: int, new: str, rev: _Revisions) -> bool:
    """Delete [start, end) and insert `new` there, both as tracked changes."""
    runs = _span_runs(para, start, end) if end > start else []
    if end > start and (not runs or runs[0][1] != start or runs[-1][2] != end):
        return False  # the span doesn't fall on run boundaries (a field or drawing in the way)
    if end == start:  # an insertion: after the run ending here, else before the run starting here
        every = para.runs()
        before = [r for r, _a, b in every if b == start]
        after = [r for r, a, _b in every if a == start]
        if not before and not after:
            return False
        template, anchor, where = (before[-1], before[-1], "after") if before else (after[0], after[0], "before")
    else:
        template, where = runs[0][0], "after"
        for run, _a, _b in runs:
            deleted = _el("w:del", **rev.attrs())
            run.addprevious(deleted)
            deleted.append(run)
            for t in run.iter(f"{W}t"):
                t.tag = f"{W}delText"
            for ins in run.iter(f"{W}instrText"):
                ins.tag = f"{W}delInstrText"
        anchor = runs[-1][0].getparent()
    while anchor.getparent() is not None and anchor.getparent().tag in (f"{W}ins", f"{W}moveTo"):
        anchor = anchor.getparent()  # a w:ins can't sit inside another's insertion
    if new:
        inserted = _el("w:ins", **rev.attrs())
        r = _el("w:r")
        rpr = template.find(f"{W}rPr")
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        t = _el("w:t")
        t.text = new
        t.set(_XML_SPACE, "preserve")
        r.append(t)
        inserted.append(r)
        (anchor.addnext if where == "after" else anchor.addprevious)(inserted)
    return True


def _comment(document: Any, para: _Para, start: int, end: int, text: str, when: datetime) -> bool:
    from docx.text.run import Run

    if end <= start:  # a point: anchor on the character before it (or after it)
        length = len(para.text())
        if not length:
            return False
        start, end = (start - 1, start) if start > 0 else (start, start + 1)
        end = min(end, length)
    runs = _span_runs(para, start, end)
    if not runs:
        return False
    comment = document.add_comment([Run(runs[0][0], None), Run(runs[-1][0], None)], text, AUTHOR, "D")
    comment._comment_elm.set(f"{W}date", when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return True


def _open(source: str | Path | bytes) -> Any:
    from .writer import import_docx

    docx = import_docx()
    name = str(source) if isinstance(source, (str, Path)) else "<docx>"
    try:
        return docx.Document(io.BytesIO(source) if isinstance(source, bytes) else source)
    except FileNotFoundError:
        raise DocxReadError(f"{name}: file not found") from None
    except Exception as exc:  # python-docx raises several kinds for a file that isn't a Word document
        raise DocxReadError(f"{name}: not a readable .docx ({type(exc).__name__}: {exc})") from None


def paragraph_texts(source: str | Path | bytes) -> list[str]:
    """Each paragraph's text as the annotator sees it (the same as read_docx's)."""
    return [p.text() for p in _logical(_open(source).element.body)]


@dataclass(frozen=True)
class Placed:
    """How many comments and tracked changes went in; the marks whose comment or change could not."""

    comments: int
    changes: int
    missed: tuple[Mark, ...] = ()


def annotated_bytes(
    source: str | Path | bytes, marks: Iterable[Mark], when: datetime = FIXED_DATE
) -> tuple[bytes, Placed]:
    """The .docx with every mark placed (a comment, and a tracked change for a replacement)."""
    document = _open(source)
    body = document.element.body
    paras = _logical(body)
    rev = _Revisions(body, when)
    marks = list(marks)
    missed: list[Mark] = []
    texts = {i: paras[i].text() for i in {m.paragraph for m in marks} if 0 <= i < len(paras)}
    for m in marks:  # comments first: they split runs but leave the text as it is
        ok = m.paragraph in texts and 0 <= m.start <= m.end <= len(texts[m.paragraph])
        if not ok or not _comment(document, paras[m.paragraph], m.start, m.end, m.comment, when):
            missed.append(m)
    comments = len(marks) - len(missed)
    # Replacements right to left within a paragraph, so the offsets still to come keep their meaning.
    changes = sorted((m for m in marks if m.replacement is not None and m not in missed), key=_order, reverse=True)
    done = 0
    last: tuple[int, int] | None = None
    for m in changes:
        overlaps = last is not None and m.paragraph == last[0] and m.end > last[1]
        if overlaps or not _replace(paras[m.paragraph], m.start, m.end, m.replacement or "", rev):
            missed.append(m)
            continue
        done += 1
        last = (m.paragraph, m.start)
    buf = io.BytesIO()
    document.save(buf)
    return fixed_zip(buf.getvalue(), when), Placed(comments, done, tuple(missed))


def _order(m: Mark) -> tuple[int, int, int]:
    return (m.paragraph, m.start, m.end)


def annotate_docx(
    source: str | Path | bytes, marks: Iterable[Mark], out: str | Path, when: datetime = FIXED_DATE
) -> Placed:
    """Write the marked-up copy atomically (the source file is only read)."""
    data, placed = annotated_bytes(source, marks, when)
    atomic_write(out, data)
    return placed


def plain_docx(lines: Iterator[str] | list[str]) -> bytes:
    """A plain .docx with one paragraph per line of text (one run each), for annotating text files."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from .writer import import_docx

    document = import_docx().Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "仿宋")
    for line in lines:
        para = document.add_paragraph()
        if line:
            para.add_run(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
