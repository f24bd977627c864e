"""Reading a .docx as Word shows it: paragraphs in order (tables too), numbering labels, tracked changes accepted."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import DocxReadError
from ..zh.numbers import chinese_numeral
from .zipguard import check_docx_zip

__all__ = ["DocxParagraph", "DocxReadError", "read_docx"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text Word doesn't show once tracked changes are accepted, or never shows in the text flow:
# deletions, moved-away text, field codes, text boxes (drawn apart from the paragraph), duplicate fallbacks.
_SKIP = {f"{W}{t}" for t in ("del", "moveFrom", "delText", "instrText", "pPr", "rPr", "txbxContent")}
_SKIP |= {f"{W}{t}" for t in ("commentReference", "footnoteReference", "endnoteReference", "annotationRef")}
_SKIP.add(f"{_MC}Fallback")
_BULLET = "•"


@dataclass(frozen=True)
class DocxParagraph:
    """One paragraph as Word shows it: its text, style, and the number Word puts before it."""

    text: str
    style: str
    label: str = ""  # automatic numbering as displayed, e.g. 一、 （一） 1.
    level: int | None = None  # numbering level (0 = top), when numbered
    outline: int | None = None  # outline level (0 = a first-level heading) from the paragraph or its style
    table: int | None = None  # which table (0-based, in reading order) holds it, if any
    row: int | None = None
    cell: int | None = None

    @property
    def display(self) -> str:
        """The label and text, as a reader sees the line begin."""
        return self.label + self.text


def read_docx(source: str | Path | bytes | IO[bytes]) -> list[DocxParagraph]:
    """The paragraphs of a .docx in reading order, body and table cells alike, with tracked changes accepted."""
    from .writer import import_docx

    docx = import_docx()
    name = str(source) if isinstance(source, (str, Path)) else "<docx>"
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    check_docx_zip(source, name)
    try:
        document = docx.Document(source)
    except FileNotFoundError:
        raise DocxReadError(f"{name}: file not found") from None
    except Exception as exc:  # python-docx raises several kinds for a file that isn't a Word document
        raise DocxReadError(f"{name}: not a readable .docx ({type(exc).__name__}: {exc})") from None
    styles = _Styles(document.styles.element)
    numbering = _Numbering(_numbering_element(document), styles)
    out: list[DocxParagraph] = []
    carried = ""  # text of a paragraph whose mark was deleted joins the next paragraph
    for p, where in _paragraphs(document.element.body):
        text = carried + _text(p)
        ppr = p.find(f"{W}pPr")
        if ppr is not None and ppr.find(f"{W}rPr/{W}del") is not None:
            carried = text
            continue
        carried = ""
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        label, level = numbering.label(ppr, style_id)
        outline = _val(ppr, "outlineLvl") if ppr is not None else None
        outline = int(outline) if outline is not None else styles.outline(style_id)
        out.append(DocxParagraph(text, styles.name(style_id), label, level, outline if outline != 9 else None, *where))
    if carried:
        out.append(DocxParagraph(carried, styles.name(None)))
    return out


def _numbering_element(document: Any) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        return None


def _val(parent: Any, tag: str) -> str | None:
    el = parent.find(f"{W}{tag}") if parent is not None else None
    return el.get(f"{W}val") if el is not None else None


def _deleted(el: Any) -> bool:
    """A table row deleted as a tracked change."""
    trpr = el.find(f"{W}trPr")
    return trpr is not None and trpr.find(f"{W}del") is not None


def _paragraphs(container: Any, where: tuple[Any, ...] = (None, None, None)) -> Iterator[tuple[Any, tuple]]:
    """(w:p, (table, row, cell)) in reading order; a cell's paragraphs carry the outermost table's position."""
    tables = 0
    for child in container:
        if child.tag == f"{W}p":
            yield child, where
        elif child.tag == f"{W}tbl":
            for r, tr in enumerate(row for row in _rows(child) if not _deleted(row)):
                for c, tc in enumerate(_cells(tr)):
                    yield from _paragraphs(tc, where if where[0] is not None else (tables, r, c))
            tables += 1
        elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}moveTo"):
            inner = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if inner is not None:
                yield from _paragraphs(inner, where)


def _rows(tbl: Any) -> Iterator[Any]:
    for child in tbl:
        if child.tag == f"{W}tr":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):  # rows wrapped in a content control
            inner = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            yield from _rows(inner) if inner is not None else ()


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == f"{W}tc":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            inner = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            yield from _cells(inner) if inner is not None else ()


def _hidden(run: Any) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(f"{W}val", "true") not in ("0", "false", "off")


def _text(el: Any) -> str:
    """The text Word shows for an element: insertions kept, deletions and hidden runs dropped."""
    parts: list[str] = []
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}r" and _hidden(child):
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab" or tag == f"{W}ptab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            if child.get(f"{W}type") not in ("page", "column"):
                parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append(_text(child))
    return "".join(parts)


class _Styles:
    """Style names by id, and the numbering a style carries."""

    def __init__(self, root: Any):
        self.by_id = {st.get(f"{W}styleId"): st for st in root.iter(f"{W}style")}
        defaults = [
            i for i, st in self.by_id.items() if st.get(f"{W}type") == "paragraph" and st.get(f"{W}default") == "1"
        ]
        self.default = defaults[0] if defaults else None

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or self.default)
        if style is None:
            return style_id or "Normal"
        name = _val(style, "name") or style_id or ""
        # Word stores built-in names in lower case ("heading 1") and shows them capitalised.
        return name[:1].upper() + name[1:] if name.islower() else name

    def _chain(self, style_id: str | None) -> Iterator[Any]:
        """The style and the styles it is based on, nearest first."""
        seen: set[str] = set()
        style_id = style_id or self.default
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            yield self.by_id[style_id]
            style_id = _val(self.by_id[style_id], "basedOn")

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) a paragraph style sets, following basedOn."""
        for style in self._chain(style_id):
            numpr = style.find(f"{W}pPr/{W}numPr")
            if numpr is not None and _val(numpr, "numId") is not None:
                return _val(numpr, "numId"), _val(numpr, "ilvl")
        return None, None

    def outline(self, style_id: str | None) -> int | None:
        """The outline level a style sets (Word's headings: 0 for Heading 1), following basedOn."""
        for style in self._chain(style_id):
            level = _val(style.find(f"{W}pPr"), "outlineLvl")
            if level is not None:
                return int(level)
        return None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 never
    legal: bool = False


class _Numbering:
    """Word's list counters: shared by every w:num on the same abstract list, restarted by startOverride."""

    def __init__(self, root: Any, styles: _Styles):
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for ab in root.iter(f"{W}abstractNum"):
            self.abstract[ab.get(f"{W}abstractNumId")] = {
                int(lvl.get(f"{W}ilvl", 0)): self._level(lvl) for lvl in ab.iter(f"{W}lvl")
            }
        for num in root.iter(f"{W}num"):
            overrides, levels = {}, {}
            for ov in num.iter(f"{W}lvlOverride"):
                ilvl = int(ov.get(f"{W}ilvl", 0))
                start = _val(ov, "startOverride")
                if start is not None:
                    overrides[ilvl] = int(start)
                lvl = ov.find(f"{W}lvl")
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
            self.nums[num.get(f"{W}numId")] = (_val(num, "abstractNumId") or "", overrides, levels)

    @staticmethod
    def _level(lvl: Any) -> _Level:
        restart = _val(lvl, "lvlRestart")
        legal = lvl.find(f"{W}isLgl")
        return _Level(
            int(_val(lvl, "start") or 1),
            _val(lvl, "numFmt") or "decimal",
            _val(lvl, "lvlText") or "",
            int(restart) if restart is not None else None,
            legal is not None and legal.get(f"{W}val", "true") not in ("0", "false"),
        )

    def label(self, ppr: Any, style_id: str | None) -> tuple[str, int | None]:
        """The label Word displays for a paragraph, and its level; advances the list's counters."""
        num_id, ilvl = self.styles.numbering(style_id)
        numpr = ppr.find(f"{W}numPr") if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr, "numId") or num_id
            ilvl = _val(numpr, "ilvl") or ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return "", None
        abstract_id, overrides, own_levels = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **own_levels}
        level = int(ilvl or 0)
        if level not in levels:
            return "", None
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in overrides.items():  # a list restarted at a given number
                counters[lv] = start - 1
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [lv for lv in counters if lv > level]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart != 0 and (restart is None or restart > level):
                del counters[deeper]
        return self._format(levels, counters, level), level

    def _format(self, levels: dict[int, _Level], counters: dict[int, int], level: int) -> str:
        spec = levels[level]
        if spec.fmt == "bullet":
            # Symbol-font bullets sit in the private-use area; show a plain bullet instead.
            return "".join(_BULLET if "\ue000" <= c <= "\uf8ff" else c for c in spec.text) or _BULLET
        if spec.fmt == "none":
            return _fill(spec.text, levels, counters, level, legal=False, blank=True)
        return _fill(spec.text, levels, counters, level, legal=spec.legal)


def _fill(text: str, levels: dict, counters: dict, level: int, legal: bool, blank: bool = False) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "%" and i + 1 < len(text) and text[i + 1].isdigit():
            ref = int(text[i + 1]) - 1
            spec = levels.get(ref, _Level())
            n = counters.get(ref, spec.start)
            fmt = "decimal" if legal and ref < level else spec.fmt
            out.append("" if blank else format_number(n, fmt))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"))
_ROMAN += ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")


def _counting(n: int) -> str:
    """Chinese counting numerals as Word writes them: 一, 十一, 一百零五, 一百一十; decimal past 999."""
    if not 0 < n < 1000:
        return str(n) if n else "〇"
    if n < 100:
        return chinese_numeral(n)
    hundreds, rest = divmod(n, 100)
    tail = "" if rest == 0 else "零" + chinese_numeral(rest) if rest < 10 else chinese_numeral(rest)
    if 10 <= rest < 20:
        tail = "一" + tail  # 一百一十, not 一百十
    return chinese_numeral(hundreds) + "百" + tail


def format_number(n: int, fmt: str) -> str:
    """n in one of Word's numbering formats (ST_NumberFormat); unknown formats fall back to decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return _counting(n)
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":
        counted = _counting(n)
        return ("一" + counted if counted.startswith("十") else counted).translate(_LEGAL)  # 壹拾贰
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _DIZHI[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        roman, rest = "", n
        for value, digits in _ROMAN:
            while rest >= value:
                roman, rest = roman + digits, rest - value
        return roman if fmt == "lowerRoman" else roman.upper()
    return str(n)
