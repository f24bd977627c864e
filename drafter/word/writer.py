"""The printed copy: a Document as a GB/T 9704-2012 .docx (python-docx, imported only when writing)."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Document, Sentence
from ..errors import DocxError, MissingExtra
from ..output import atomic_write
from ..zh.numbers import ordinal_label
from ..zh.title_lines import break_title
from .package import DATE, FIXED_DATE, fixed_zip, organisation_of, set_core_properties
from .profiles import Profile, get_profile

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

__all__ = ["FIXED_DATE", "DocxError", "docx_bytes", "import_docx", "organisation_of", "write_docx"]

STYLES = {  # style id -> name shown in Word's style gallery
    "title": ("GwTitle", "公文标题"),
    "heading1": ("GwHeading1", "一级标题"),
    "heading2": ("GwHeading2", "二级标题"),
    "signature": ("GwSignature", "落款"),
    "page_number": ("GwPageNumber", "页码"),
}
# Text that must never reach the printed copy: drafting markers and template syntax.
_HIDDEN = re.compile(r"[\ue000-\uf8ff]|\{\{|\}\}|\{%|%\}|\{#|#\}|[\x00-\x08\x0b\x0c\x0e-\x1f]")
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def import_docx() -> Any:
    """The python-docx module, or an ImportError saying what to install."""
    try:
        import docx
    except ImportError as exc:
        raise MissingExtra("writing and reading .docx needs python-docx", "docx", "docx") from exc
    return docx


def write_docx(doc: Document, path: str | Path, profile: Profile | str | Path | None = None) -> None:
    """Write the document as a .docx file, atomically."""
    atomic_write(path, docx_bytes(doc, profile))


def docx_bytes(doc: Document, profile: Profile | str | Path | None = None) -> bytes:
    """The document as .docx bytes laid out per the profile; the same document gives the same bytes."""
    docx = import_docx()
    prof = get_profile(profile)
    out = docx.Document()
    _drop_thumbnail(out)
    _set_defaults(out, prof)
    _add_styles(out, prof)
    _set_page(out, prof)
    _add_footers(out, prof)
    _write_body(out, doc, prof)
    created = set_core_properties(out, doc)
    buf = io.BytesIO()
    out.save(buf)
    return fixed_zip(buf.getvalue(), created)


# --- XML helpers -------------------------------------------------------------------------------------------


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _child(parent: Any, tag: str, **attrs: Any) -> Any:
    """The first child with this tag (created, in schema order where python-docx knows it), with attrs set."""
    getter = getattr(parent, f"get_or_add_{tag}", None)
    if getter is not None:
        el = getter()
    else:
        el = parent.find(_w(tag))
        if el is None:
            from docx.oxml import OxmlElement

            el = OxmlElement(f"w:{tag}")
            order = getattr(parent, "_tag_seq", ())
            successors = order[order.index(f"w:{tag}") + 1 :] if f"w:{tag}" in order else ()
            parent.insert_element_before(el, *successors)
    for key, value in attrs.items():
        el.set(_w(key), str(value))
    return el


def _set_fonts(rpr: Any, east_asian: str, latin: str = "") -> None:
    """rFonts with the East-Asian font that python-docx has no property for; theme fonts would win, so drop them."""
    fonts = _child(rpr, "rFonts")
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(_w(attr), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(_w(attr), east_asian if attr == "eastAsia" else latin or east_asian)


def _set_size(rpr: Any, size_pt: float) -> None:
    half_points = str(round(size_pt * 2))
    _child(rpr, "sz", val=half_points)
    _child(rpr, "szCs", val=half_points)


def _set_spacing(ppr: Any, line: int, before: int = 0, after: int = 0) -> None:
    _child(ppr, "spacing", before=before, after=after, line=line, lineRule="exact")


def _set_indent(ppr: Any, first_line: int = 0, first_chars: int = 0, right: int = 0, right_chars: int = 0) -> None:
    # Word reads the *Chars values (hundredths of a grid character); LibreOffice reads the twips.
    ind = _child(ppr, "ind", firstLine=first_line, firstLineChars=first_chars)
    if right:
        ind.set(_w("right"), str(right))
        ind.set(_w("rightChars"), str(right_chars))


# --- package, styles, page -----------------------------------------------------------------------------------


def _drop_thumbnail(out: DocxDocument) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rels = out.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[rid]  # python-docx's template thumbnail would show a page that isn't this document


def _set_defaults(out: DocxDocument, p: Profile) -> None:
    defaults = out.styles.element.find(_w("docDefaults"))
    rpr = defaults.find(_w("rPrDefault")).find(_w("rPr"))
    _set_fonts(rpr, p.body_font, p.latin_font)
    _set_size(rpr, p.body_size_pt)
    _child(rpr, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(_w("pPrDefault")).find(_w("pPr"))
    _set_spacing(ppr, p.line_pitch_twips)
    settings = out.settings.element
    theme_lang = settings.find(_w("themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(_w("eastAsia"), "zh-CN")
    # Odd pages carry the number on the right, even pages on the left: two footers.
    out.settings.odd_and_even_pages_header_footer = True


def _style_ppr(style: Any) -> Any:
    return style.element.get_or_add_pPr()


def _add_styles(out: DocxDocument, p: Profile) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    pitch = p.char_pitch_twips
    normal = out.styles["Normal"]
    ppr = _style_ppr(normal)
    # No widow control: every full page holds exactly lines_per_page lines.
    _child(ppr, "widowControl", val=0)
    _set_spacing(ppr, p.line_pitch_twips)
    _set_indent(ppr, int(p.first_line_indent_chars * pitch), round(p.first_line_indent_chars * 100))
    _child(ppr, "jc", val="both")
    rpr = normal.element.get_or_add_rPr()
    _set_fonts(rpr, p.body_font, p.latin_font)
    _set_size(rpr, p.body_size_pt)
    _child(rpr, "spacing", val=p.char_spacing_twips)  # chars_per_line characters per line

    def add(key: str, font: str, size: float, outline: int | None = None) -> Any:
        style_id, name = STYLES[key]
        style = out.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = style_id
        style.base_style = normal
        style.quick_style = True
        rpr = style.element.get_or_add_rPr()
        _set_fonts(rpr, font, p.latin_font)
        _set_size(rpr, size)
        if outline is not None:
            ppr = _style_ppr(style)
            _child(ppr, "keepNext")
            _child(ppr, "outlineLvl", val=outline)  # shows in Word's navigation pane
        return style

    title = add("title", p.title_font, p.title_size_pt)
    _child(title.element.get_or_add_rPr(), "spacing", val=0)
    if p.title_bold:
        _child(title.element.get_or_add_rPr(), "b")
    ppr = _style_ppr(title)
    _set_spacing(ppr, p.line_pitch_twips, after=p.line_pitch_twips)  # one blank line under the title
    _set_indent(ppr)
    _child(ppr, "jc", val="center")
    add("heading1", p.heading1_font, p.heading1_size_pt, outline=0)
    add("heading2", p.heading2_font, p.heading2_size_pt, outline=1)
    signature = add("signature", p.body_font, p.body_size_pt)
    ppr = _style_ppr(signature)
    _set_indent(ppr)
    _child(ppr, "jc", val="right")
    number = add("page_number", p.page_number_font, p.page_number_size_pt)
    _child(number.element.get_or_add_rPr(), "spacing", val=0)
    ppr = _style_ppr(number)
    _set_spacing(ppr, round(p.page_number_size_pt * 20))
    _set_indent(ppr)


def _set_page(out: DocxDocument, p: Profile) -> None:
    sect = out.sections[0]._sectPr
    width, height = p.page_twips
    margins = p.margin_twips
    _child(sect, "pgSz", w=width, h=height)
    _child(sect, "pgMar", header=851, footer=p.footer_twips, gutter=0, **margins)
    # No document grid: exact line spacing and character spacing give the 22 × 28 page in every viewer,
    # where LibreOffice would give each character two cells of Word's compressed character grid.
    grid = _child(sect, "docGrid", linePitch=p.line_pitch_twips)
    for attr in ("type", "charSpace"):
        grid.attrib.pop(_w(attr), None)


def _add_footers(out: DocxDocument, p: Profile) -> None:
    """Page numbers — 1 — in 4号 half-width digits, on the outer side: odd pages right, even pages left."""
    section = out.sections[0]
    indent = round(p.page_number_size_pt * 20)  # one character in from the edge of the type area
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0]
        para.style = out.styles[STYLES["page_number"][1]]
        ppr = para._p.get_or_add_pPr()
        _child(ppr, "ind", **{side: indent})
        _child(ppr, "jc", val=side)
        _run(para, "— ", east_asian=True)
        _field_run(para, "begin")
        _field_run(para, "instr")
        _field_run(para, "separate")
        _run(para, "1")  # the cached result, shown until the viewer updates the field
        _field_run(para, "end")
        _run(para, " —", east_asian=True)


def _field_run(para: Any, kind: str) -> None:
    """One run of a PAGE field: begin, the instruction, separate, end."""
    from docx.oxml import OxmlElement

    r = para.add_run()._r
    if kind == "instr":
        el = OxmlElement("w:instrText")
        el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        el.text = " PAGE "
    else:
        el = OxmlElement("w:fldChar")
        el.set(_w("fldCharType"), kind)
    r.append(el)


def _run(para: Any, text: str, east_asian: bool = False, font: str = "", size: float = 0, latin: str = "") -> Any:
    run = para.add_run(text)
    if east_asian or font:
        rpr = run._r.get_or_add_rPr()
        if font:
            _set_fonts(rpr, font, latin)
            _set_size(rpr, size)
        # Dashes and quotes are shared by both scripts; the hint makes Word use the Chinese font for them.
        _child(rpr, "rFonts", hint="eastAsia")
    return run


# --- body ------------------------------------------------------------------------------------------------------


def _checked(text: str, where: str) -> str:
    found = _HIDDEN.search(text)
    if found:
        raise DocxError(
            f"{where}: {found.group()!r} left in the text (a drafting marker or template syntax); "
            "fix the phrase bank or template that produced it"
        )
    return text


def _write_body(out: DocxDocument, doc: Document, p: Profile) -> None:
    styles = {key: out.styles[name] for key, (_, name) in STYLES.items()}
    para = out.add_paragraph(style=styles["title"])
    # A title wider than a line breaks between words, in a balanced shape (GB/T 9704-2012 7.3.3).
    lines = break_title(_checked(doc.title, "title"), p.title_chars_per_line).lines
    for i, line in enumerate(lines):
        run = _run(para, line, east_asian=True)
        if i < len(lines) - 1:
            run.add_break()
    if doc.recipient:
        # 主送机关 (7.3.4): under the title's blank line, flush left (顶格), a full-width colon after it.
        para = out.add_paragraph()
        ppr = para._p.get_or_add_pPr()
        _set_indent(ppr)
        _child(ppr, "jc", val="left")
        _run(para, _checked(doc.recipient_line, "recipient"), east_asian=True)
    for si, sec in enumerate(doc.sections, 1):
        if sec.heading:
            para = out.add_paragraph(style=styles["heading1"])
            _run(para, _checked(sec.heading_text, f"section {si} heading"), east_asian=True)
        for pi, paragraph in enumerate(sec.paragraphs, 1):
            where = f"section {si} paragraph {pi}"
            subs = [bool(s.prefix) and ordinal_label(s.prefix, "sub") == s.prefix for s in paragraph.sentences]
            if subs == [True]:
                para = out.add_paragraph(style=styles["heading2"])
                _run(para, _checked(paragraph.text, where), east_asian=True)
                continue
            para = out.add_paragraph()
            stretches = _stretches(paragraph.sentences, subs)
            if "".join(text for text, _ in stretches) != paragraph.text:
                stretches = [(paragraph.text, False)]  # reworded (polished) text no longer follows the sentences
            for text, is_sub in stretches:
                # A run-in （一） heading is set in the heading font; the text after it stays in the body font.
                font, size = (p.heading2_font, p.heading2_size_pt) if is_sub else ("", 0)
                _run(para, _checked(text, where), east_asian=True, font=font, size=size, latin=p.latin_font)
    _write_signature(out, doc, p, styles["signature"])


def _stretches(sentences: list[Sentence], subs: list[bool]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for sentence, is_sub in zip(sentences, subs, strict=True):
        if out and not is_sub and not out[-1][1]:
            out[-1] = (out[-1][0] + sentence.full_text, False)
        else:
            out.append((sentence.full_text, is_sub))
    return out


def _width(text: str) -> float:
    """Width in grid characters: full-width characters 1, half-width digits and letters ½."""
    return sum(1 if unicodedata.east_asian_width(c) in "FW" else 0.5 for c in text)


def _write_signature(out: DocxDocument, doc: Document, p: Profile, style: Any) -> None:
    """Issuer and date at the end, right-aligned, per GB/T 9704-2012 7.3.5.2 (no seal).

    The issuer stands two characters in from the right; the date goes on the next line, starting two characters
    right of the issuer's first character. A date longer than that stands two in and the issuer moves left.
    """
    lines = [_checked(line, "signature") for line in doc.signature]
    if not lines:
        return
    issuer = [line for line in lines if not DATE.search(line)]
    dates = [line for line in lines if DATE.search(line)]
    rights = dict.fromkeys(lines, 2.0)
    if len(issuer) == 1 and len(dates) == 1:
        date_right = _width(issuer[0]) - 2 - _width(dates[0]) + 2
        if date_right < 2:
            rights[issuer[0]] = 2 + (2 - date_right)
            date_right = 2
        rights[dates[0]] = date_right
    for i, line in enumerate(lines):
        para = out.add_paragraph(style=style)
        ppr = para._p.get_or_add_pPr()
        # One blank line between the text and the issuer.
        _set_spacing(ppr, p.line_pitch_twips, before=p.line_pitch_twips if i == 0 else 0)
        chars = rights[line]
        _set_indent(ppr, right=round(chars * p.char_pitch_twips), right_chars=round(chars * 100))
        _run(para, line, east_asian=True)
