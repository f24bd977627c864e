"""Reading .docx files drafter didn't write: numbering labels, tables, tracked changes accepted, hidden text."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml

from drafter import DocxReadError, read_docx
from drafter.word.reader import format_number

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# An office's own list: 一、 over （一） over 1., as a Chinese Word template defines it.
ABSTRACT = f"""<w:abstractNum {NS} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""
NUMS = f"""<w:num {NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>
<w:num {NS} w:numId="91"><w:abstractNumId w:val="90"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"""
STYLE = f"""<w:style {NS} w:type="paragraph" w:customStyle="1" w:styleId="ListHeading">
  <w:name w:val="条目标题"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr></w:pPr></w:style>"""
AUTHOR = 'w:author="审核人" w:date="2026-01-20T09:00:00Z"'


def numbered(doc, text: str, level: int, num_id: int = 90):
    para = doc.add_paragraph(text)
    numpr = parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    para._p.get_or_add_pPr().append(numpr)
    return para


def raw(doc, inner: str, ppr: str = ""):
    """A paragraph written as raw WordprocessingML, appended to the body."""
    p = parse_xml(f"<w:p {NS}>{ppr}{inner}</w:p>")
    doc.element.body.insert(len(doc.element.body) - 1, p)  # before the final sectPr
    return p


def build() -> bytes:
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    first_num.addprevious(parse_xml(ABSTRACT))  # abstract lists come before the lists that use them
    for num in parse_xml(f"<w:numbering {NS}>{NUMS}</w:numbering>"):
        numbering.append(num)
    doc.styles.element.append(parse_xml(STYLE))

    doc.add_paragraph("某局2025年工作总结", style="Title")
    numbered(doc, "主要工作", 0)
    numbered(doc, "加强学习", 1)
    numbered(doc, "细项甲", 2)
    numbered(doc, "细项乙", 2)
    numbered(doc, "改进作风", 1)
    numbered(doc, "细项丙", 2)  # a new （二） restarts the 1. level
    numbered(doc, "存在问题", 0)
    doc.add_paragraph("由样式编号的条目", style="条目标题")
    numbered(doc, "另起编号", 0, num_id=91)
    doc.add_heading("附表", level=1)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "数量"
    table.cell(1, 0).text = "会议"
    table.cell(1, 1).text = "86次"
    table.cell(1, 1).add_paragraph("同比下降15.7%")
    raw(
        doc,
        f'<w:r><w:t>全年召开会议</w:t></w:r><w:ins w:id="1" {AUTHOR}><w:r><w:t>86</w:t></w:r></w:ins>'
        f'<w:del w:id="2" {AUTHOR}><w:r><w:delText>90</w:delText></w:r></w:del><w:r><w:t>次。</w:t></w:r>',
    )
    # A paragraph mark deleted in review: Word joins the two paragraphs when the change is accepted.
    raw(doc, "<w:r><w:t>前半句，</w:t></w:r>", f'<w:pPr><w:rPr><w:del w:id="3" {AUTHOR}/></w:rPr></w:pPr>')
    raw(doc, "<w:r><w:t>后半句。</w:t></w:r>")
    raw(doc, "<w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>文字</w:t></w:r>")
    raw(
        doc,
        '<w:r><w:t xml:space="preserve">第 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> 页</w:t></w:r>',
    )
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# (text, style, label, level, table, row, cell)
EXPECTED = [
    ("某局2025年工作总结", "Title", "", None, None, None, None),
    ("主要工作", "Normal", "一、", 0, None, None, None),
    ("加强学习", "Normal", "（一）", 1, None, None, None),
    ("细项甲", "Normal", "1.", 2, None, None, None),
    ("细项乙", "Normal", "2.", 2, None, None, None),
    ("改进作风", "Normal", "（二）", 1, None, None, None),
    ("细项丙", "Normal", "1.", 2, None, None, None),
    ("存在问题", "Normal", "二、", 0, None, None, None),
    ("由样式编号的条目", "条目标题", "（一）", 1, None, None, None),
    ("另起编号", "Normal", "五、", 0, None, None, None),
    ("附表", "Heading 1", "", None, None, None, None),
    ("项目", "Normal", "", None, 0, 0, 0),
    ("数量", "Normal", "", None, 0, 0, 1),
    ("会议", "Normal", "", None, 0, 1, 0),
    ("86次", "Normal", "", None, 0, 1, 1),
    ("同比下降15.7%", "Normal", "", None, 0, 1, 1),
    ("全年召开会议86次。", "Normal", "", None, None, None, None),
    ("前半句，后半句。", "Normal", "", None, None, None, None),
    ("可见文字", "Normal", "", None, None, None, None),
    ("第 3 页", "Normal", "", None, None, None, None),
]


@pytest.fixture(scope="module")
def paragraphs():
    return read_docx(build())


def test_a_hand_made_docx_reads_with_its_structure(paragraphs):
    got = [(p.text, p.style, p.label, p.level, p.table, p.row, p.cell) for p in paragraphs]
    assert got == EXPECTED


@pytest.mark.parametrize("index", range(len(EXPECTED)))
def test_each_paragraph(paragraphs, index):
    # The same table, one row per case, so a failure names the paragraph.
    p = paragraphs[index]
    assert (p.text, p.style, p.label, p.level, p.table, p.row, p.cell) == EXPECTED[index]


def test_display_puts_the_label_before_the_text(paragraphs):
    assert paragraphs[1].display == "一、主要工作"
    assert paragraphs[2].display == "（一）加强学习"


def test_outline_levels_come_from_the_heading_style(paragraphs):
    heading = next(p for p in paragraphs if p.text == "附表")
    assert heading.outline == 0
    assert paragraphs[1].outline is None


def test_reading_a_path_and_bytes_agree(tmp_path):
    data = build()
    path = tmp_path / "edited.docx"
    path.write_bytes(data)
    assert read_docx(path) == read_docx(data) == read_docx(io.BytesIO(data))


@pytest.mark.parametrize(
    "content,words",
    [
        (None, "file not found"),
        (b"plain text, not a zip", "not a readable .docx"),
        (b"PK\x03\x04broken", "not a readable"),
    ],
)
def test_unreadable_files_raise_naming_the_file(tmp_path, content, words):
    path = tmp_path / "report.docx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DocxReadError, match=words) as err:
        read_docx(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(
    "n,fmt,label",
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (21, "chineseCountingThousand", "二十一"),
        (105, "chineseCounting", "一百零五"),
        (112, "chineseCounting", "一百一十二"),
        (3, "chineseLegalSimplified", "叁"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (10, "ideographDigital", "一〇"),
        (2, "ideographTraditional", "乙"),
        (3, "decimalEnclosedCircle", "③"),
        (7, "decimalFullWidth", "７"),
        (4, "decimalZero", "04"),
        (28, "lowerLetter", "bb"),
        (14, "upperRoman", "XIV"),
        (5, "someFutureFormat", "5"),
    ],
)
def test_word_number_formats(n, fmt, label):
    assert format_number(n, fmt) == label
