"""The printed copy: GB/T 9704-2012 layout in the .docx XML, reproducible bytes, nothing hidden, round trip."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from datetime import UTC, datetime

import docx
import pytest
from conftest import FULL
from docx.oxml.ns import qn

from drafter import Document, Paragraph, Section, Sentence, docx_bytes, draft, read_docx, write_docx
from drafter.word.profiles import WINDOWS, get_profile
from drafter.word.writer import FIXED_DATE, DocxError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def example() -> Document:
    return draft(FULL)


@pytest.fixture(scope="module")
def data(example) -> bytes:
    return docx_bytes(example)


@pytest.fixture(scope="module")
def opened(data):
    return docx.Document(io.BytesIO(data))


def style_element(opened, name):
    return opened.styles[name].element


def attr(el, name):
    return el.get(qn(f"w:{name}"))


# --- page -------------------------------------------------------------------------------------------------------


def test_a4_page_and_margins_in_twips(opened):
    sect = opened.sections[0]._sectPr
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")  # 210 × 297 mm
    got = {side: attr(margins, side) for side in ("top", "bottom", "left", "right")}
    assert got == {"top": "2098", "bottom": "1984", "left": "1587", "right": "1474"}  # 37, 35, 28, 26 mm


def test_no_character_grid_that_viewers_would_misread(opened):
    grid = opened.sections[0]._sectPr.find(qn("w:docGrid"))
    assert attr(grid, "type") is None and attr(grid, "charSpace") is None


# --- fonts and sizes per level ------------------------------------------------------------------------------------

LEVELS = [
    ("公文标题", "方正小标宋简体", "44"),  # 2号 = 22 pt
    ("Normal", "仿宋_GB2312", "32"),  # 3号 = 16 pt
    ("一级标题", "黑体", "32"),
    ("二级标题", "楷体_GB2312", "32"),
    ("落款", "仿宋_GB2312", "32"),
    ("页码", "宋体", "28"),  # 4号 = 14 pt
]


@pytest.mark.parametrize("style,font,half_points", LEVELS)
def test_style_fonts_include_east_asian_and_sizes_in_half_points(opened, style, font, half_points):
    rpr = style_element(opened, style).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    assert {a: attr(fonts, a) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == dict.fromkeys(
        ("ascii", "hAnsi", "eastAsia", "cs"), font
    )
    assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
    assert attr(rpr.find(qn("w:sz")), "val") == half_points
    assert attr(rpr.find(qn("w:szCs")), "val") == half_points


def test_document_defaults_name_the_body_font_for_chinese_text(opened):
    rpr = opened.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert attr(rpr.find(qn("w:rFonts")), "eastAsia") == "仿宋_GB2312"
    assert attr(rpr.find(qn("w:lang")), "eastAsia") == "zh-CN"


def test_title_is_centred_and_headings_show_in_the_navigation_pane(opened):
    title = style_element(opened, "公文标题").find(qn("w:pPr"))
    assert attr(title.find(qn("w:jc")), "val") == "center"
    for name, level in (("一级标题", "0"), ("二级标题", "1")):
        assert attr(style_element(opened, name).find(qn("w:pPr")).find(qn("w:outlineLvl")), "val") == level


# --- 22 lines of 28 characters ----------------------------------------------------------------------------------


def test_exact_line_spacing_fits_22_lines_and_no_more(opened):
    ppr = style_element(opened, "Normal").find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    assert attr(spacing, "lineRule") == "exact"
    line = int(attr(spacing, "line"))
    area = 16838 - 2098 - 1984
    assert 22 * line <= area < 23 * line
    assert attr(ppr.find(qn("w:widowControl")), "val") == "0"  # widow control would leave pages short


def test_character_spacing_fits_28_characters_and_indent_is_two_of_them(opened):
    normal = style_element(opened, "Normal")
    spacing = int(attr(normal.find(qn("w:rPr")).find(qn("w:spacing")), "val"))
    pitch = 16 * 20 + spacing
    width = 11906 - 1587 - 1474
    assert 28 * pitch <= width < 29 * pitch
    ind = normal.find(qn("w:pPr")).find(qn("w:ind"))
    assert int(attr(ind, "firstLine")) == 2 * pitch
    assert attr(ind, "firstLineChars") == "200"


# --- page numbers -------------------------------------------------------------------------------------------------


def footer_xml(opened, even: bool):
    sect = opened.sections[0]
    return (sect.even_page_footer if even else sect.footer)._element


@pytest.mark.parametrize("even,side", [(False, "right"), (True, "left")])
def test_page_number_field_between_em_dashes_on_the_outer_side(opened, even, side):
    footer = footer_xml(opened, even)
    para = footer.find(qn("w:p"))
    assert attr(para.find(qn("w:pPr")).find(qn("w:jc")), "val") == side
    assert para.find(qn("w:pPr")).find(qn("w:ind")).get(qn(f"w:{side}")) == "280"  # one 4号 character in
    texts = "".join(t.text for t in para.iter(qn("w:t")))
    assert texts == "— 1 —"  # the 1 is the field's cached result
    kinds = [attr(f, "fldCharType") for f in para.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert [i.text.strip() for i in para.iter(qn("w:instrText"))] == ["PAGE"]
    assert attr(para.find(qn("w:pPr")).find(qn("w:pStyle")), "val") == "GwPageNumber"


def test_odd_and_even_footers_are_switched_on(opened):
    assert opened.settings.element.find(qn("w:evenAndOddHeaders")) is not None
    refs = {attr(r, "type") for r in opened.sections[0]._sectPr.iter(qn("w:footerReference"))}
    assert refs == {"default", "even"}


# --- body ---------------------------------------------------------------------------------------------------------


def expected_lines(doc: Document) -> list[str]:
    lines = [doc.title, *([doc.recipient_line] if doc.recipient else [])]
    for sec in doc.sections:
        if sec.heading:
            lines.append(sec.heading_text)
        lines += [p.text for p in sec.paragraphs]
    return lines + doc.signature


def test_round_trip_through_the_reader_gives_the_same_paragraphs(example, data):
    read = read_docx(data)
    # The title is one paragraph broken onto lines between words (w:br), per GB/T 9704 7.3.3.
    assert read[0].text == "青山县2025年贯彻落实\n中央八项规定精神情况工作总结"
    assert [p.text.replace("\n", "") for p in read] == expected_lines(example)
    assert [p.style for p in read][:3] == ["公文标题", "Normal", "一级标题"]
    assert all(p.label == "" for p in read)  # numbers are text, not Word lists that would renumber


def test_headings_carry_their_numbers_and_items_stay_in_body_paragraphs(data):
    read = read_docx(data)
    headings = [p.text for p in read if p.style == "一级标题"]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、", "四、", "五、"]
    items = [p for p in read if p.text.startswith("一是")]
    assert items and all(p.style == "Normal" for p in items)


def test_signature_is_right_aligned_with_the_date_under_the_issuer(opened):
    paras = opened.paragraphs[-2:]
    assert [p.text for p in paras] == ["中共青山县委员会", "2026年1月16日"]
    assert all(p.style.name == "落款" for p in paras)
    assert attr(style_element(opened, "落款").find(qn("w:pPr")).find(qn("w:jc")), "val") == "right"
    issuer, date = (p._p.find(qn("w:pPr")) for p in paras)
    assert int(attr(issuer.find(qn("w:spacing")), "before")) > 0  # a blank line above the issuer
    # GB/T 9704 7.3.5.2: the date starts two characters right of the issuer and stands at least two in.
    issuer_right, date_right = (int(attr(p.find(qn("w:ind")), "rightChars")) for p in (issuer, date))
    assert date_right == 200
    assert issuer_right + 800 == date_right + 650 + 200  # 8 full-width issuer chars, date 6.5 wide, 2 apart


def run_in_document(*paragraphs: Paragraph) -> Document:
    return Document(
        "eight-point", "测试县2025年工作总结", [Section("s", Sentence("总体情况"), "一、", list(paragraphs))]
    )


def test_a_sub_item_heading_runs_in_with_the_heading_font_and_the_body_font_after_it():
    doc = run_in_document(
        Paragraph([Sentence("加强学习。", prefix="（一）"), Sentence("全年开展学习12次。")]),
        Paragraph([Sentence("改进作风", prefix="（二）")]),
        Paragraph([Sentence("推进调研。", prefix="一是"), Sentence("走访群众。")]),
    )
    opened = docx.Document(io.BytesIO(docx_bytes(doc)))
    run_in, alone, item = opened.paragraphs[2:5]
    first, rest = run_in.runs
    assert first.text == "（一）加强学习。" and rest.text == "全年开展学习12次。"
    assert attr(first._r.find(qn("w:rPr")).find(qn("w:rFonts")), "eastAsia") == "楷体_GB2312"
    assert attr(rest._r.find(qn("w:rPr")).find(qn("w:rFonts")), "eastAsia") is None  # the body style's font
    assert alone.style.name == "二级标题" and alone.text == "（二）改进作风"
    assert item.style.name == "Normal" and [r.text for r in item.runs] == ["一是推进调研。走访群众。"]


# --- nothing hidden; properties; reproducible bytes ---------------------------------------------------------------


def test_no_paragraph_carries_markers_or_template_syntax(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [n for n in z.namelist() if re.match(r"word/(document|footer\d+)\.xml$", n)]
        text = "".join(z.read(n).decode("utf-8") for n in parts)
    assert not re.search(r"[\ue000-\uf8ff]|\{\{|\}\}|\{%|%\}", text)


@pytest.mark.parametrize("leftover", ["\ue000", "\ue001", "\ue002", "{{ meetings.count }}", "{% if x %}", "\x07"])
def test_a_leftover_marker_is_refused_naming_the_paragraph(leftover):
    doc = run_in_document(Paragraph([Sentence("正文。")]), Paragraph([Sentence(f"全年召开会议{leftover}次。")]))
    with pytest.raises(DocxError, match="section 1 paragraph 2"):
        docx_bytes(doc)


def test_core_properties_name_title_organisation_and_signature_date(opened, example):
    props = opened.core_properties
    assert props.title == example.title
    assert props.author == props.last_modified_by == "中共青山县委员会"
    assert props.created == props.modified == datetime(2026, 1, 16, tzinfo=UTC)
    assert props.comments == "" and props.revision == 1


def test_without_a_signature_the_title_names_the_author_and_the_date_is_fixed():
    opened = docx.Document(io.BytesIO(docx_bytes(run_in_document(Paragraph([Sentence("正文。")])))))
    assert opened.core_properties.author == "测试县"
    assert opened.core_properties.created == FIXED_DATE


def test_the_same_draft_gives_byte_identical_files(data):
    again = docx_bytes(draft(FULL))
    assert again == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 16, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in z.namelist()


# --- profiles in the file -----------------------------------------------------------------------------------------


def test_windows_profile_uses_the_fonts_windows_ships(example):
    opened = docx.Document(io.BytesIO(docx_bytes(example, "windows")))
    fonts = {
        name: attr(style_element(opened, name).find(qn("w:rPr")).find(qn("w:rFonts")), "eastAsia")
        for name in ("公文标题", "Normal", "一级标题", "二级标题")
    }
    assert fonts == {"公文标题": "宋体", "Normal": "仿宋", "一级标题": "黑体", "二级标题": "楷体"}
    assert style_element(opened, "公文标题").find(qn("w:rPr")).find(qn("w:b")) is not None
    assert docx_bytes(example, WINDOWS) == docx_bytes(example, "windows")


def test_a_latin_font_sets_digits_apart_from_the_chinese_font(example, tmp_path):
    path = tmp_path / "office.toml"
    path.write_text('latin_font = "Times New Roman"\n', encoding="utf-8")
    opened = docx.Document(io.BytesIO(docx_bytes(example, get_profile(path))))
    fonts = style_element(opened, "Normal").find(qn("w:rPr")).find(qn("w:rFonts"))
    assert (attr(fonts, "ascii"), attr(fonts, "eastAsia")) == ("Times New Roman", "仿宋_GB2312")


def test_write_docx_writes_the_same_bytes_atomically(example, data, tmp_path):
    out = tmp_path / "report.docx"
    write_docx(example, out)
    assert out.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


# --- CLI ----------------------------------------------------------------------------------------------------------


def test_cli_writes_docx_to_a_file(cli, tmp_path, data):
    out = tmp_path / "report.docx"
    result = cli("draft", FULL, "--format", "docx", "-o", out)
    assert result.code == 0, result.err
    assert out.read_bytes() == data


def test_cli_writes_docx_bytes_to_a_pipe(capsysbinary, data):
    from drafter.cli import main

    assert main(["draft", str(FULL), "--format", "docx"]) == 0
    assert capsysbinary.readouterr().out == data


def test_cli_refuses_docx_to_a_terminal(cli, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    result = cli("draft", FULL, "--format", "docx")
    assert result.code == 2
    assert "-o FILE.docx" in result.err and result.out == ""


@pytest.mark.parametrize(
    "args,words",
    [
        (["--format", "docx", "--profile", "nope"], "unknown profile 'nope'"),
        (["--format", "md", "--profile", "windows"], "goes with --format docx"),
        (["--format", "docx", "--profile", "missing.toml"], "missing.toml: file not found"),
    ],
)
def test_cli_profile_errors_write_nothing(cli, tmp_path, args, words):
    out = tmp_path / "report.docx"
    result = cli("draft", FULL, *args, "-o", out)
    assert result.code == 2 and words in result.err
    assert not out.exists()


def test_importing_drafter_does_not_import_python_docx():
    code = "import sys, drafter; sys.exit(1 if {'docx', 'lxml'} & set(sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
