"""`drafter check --annotate`: a Word copy with a comment at each finding and tracked changes for safe fixes."""

from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess

import docx
import pytest
from docx.oxml.parser import parse_xml
from test_docx_reader import build

from drafter.word.annotate import Mark, annotated_bytes, paragraph_texts
from drafter.word.reader import read_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

TEXT = (
    "关于2024年贯彻落实中央八项规定精神情况的报告\n"
    "\n"
    "今年以来,我单位召开会议XX次，坚持以习近平同志为中心的党中央的领导。\n"
    "二、主要做法\n"
    "加强制度建全工作，配戴工作证上岗,严肃财经纪律。\n"
)


def body_of(data: bytes):
    return docx.Document(io.BytesIO(data)).element.body


def accept_all(data: bytes) -> list[str]:
    """Every paragraph's text with all revisions accepted: w:ins kept, w:del dropped (this test's own reading)."""
    body = copy.deepcopy(body_of(data))
    for d in list(body.iter(f"{W}del")):
        if d.getparent().tag != f"{W}rPr":
            d.getparent().remove(d)
    for ins in list(body.iter(f"{W}ins")):
        parent = ins.getparent()
        at = parent.index(ins)
        for child in list(ins):
            parent.insert(at, child)
            at += 1
        parent.remove(ins)
    out = []
    for p in body.iter(f"{W}p"):
        shown = [t for t in p.iter(f"{W}t") if t.getparent().find(f"{W}rPr/{W}vanish") is None]
        out.append("".join(t.text or "" for t in shown))
    return out


def commented_text(data: bytes) -> dict[str, str]:
    """Each comment's anchored text as it was before any change (deleted text in, inserted text out)."""
    body = body_of(data)
    open_ids: list[str] = []
    texts: dict[str, str] = {}
    for el in body.iter():
        if el.tag == f"{W}commentRangeStart":
            open_ids.append(el.get(f"{W}id"))
            texts[el.get(f"{W}id")] = ""
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.remove(el.get(f"{W}id"))
        elif el.tag in (f"{W}t", f"{W}delText"):
            run = el.getparent()
            if run.find(f"{W}rPr/{W}vanish") is not None or run.getparent().tag == f"{W}ins":
                continue
            for i in open_ids:
                texts[i] += el.text or ""
    return texts


def comments(data: bytes) -> dict[str, str]:
    doc = docx.Document(io.BytesIO(data))
    return {str(c.comment_id): c.text for c in doc.comments}


@pytest.fixture
def text_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_a_text_file_gets_a_comment_at_every_finding_and_changes_for_safe_fixes(cli, text_file, tmp_path):
    before = text_file.read_bytes()
    out = tmp_path / "marked.docx"
    r = cli("check", text_file, "--no-terms", "--annotate", out)
    assert r.code == 0, r.err
    assert text_file.read_bytes() == before
    findings = json.loads(cli("check", text_file, "--no-terms", "--format", "json").out)["findings"]
    data = out.read_bytes()
    notes, anchored = comments(data), commented_text(data)
    assert len(notes) == len(findings) >= 5
    # every finding has a comment on exactly its text, naming the rule in Chinese with the message
    pairs = sorted((anchored[i], notes[i]) for i in notes)
    for f in findings:
        assert any(a == f["text"] and f["message"] in note and "【" in note for a, note in pairs), f
    assert any(note.startswith("【错别字·错误】") for _a, note in pairs)
    body = body_of(data)
    dels, inss = list(body.iter(f"{W}del")), list(body.iter(f"{W}ins"))
    fixable = [f for f in findings if f["fixable"]]
    assert len(dels) == len(inss) == len(fixable)
    for d in dels:
        assert d.get(f"{W}author") == "drafter" and d.get(f"{W}date") == "2000-01-01T00:00:00Z"
        assert d.getnext().tag == f"{W}ins"  # each deletion is followed by its insertion
    # accepting every change gives what --fix writes
    fixed = tmp_path / "fixed.txt"
    assert cli("check", text_file, "--fix", "-o", fixed).code == 0
    assert "\n".join(accept_all(data)) == fixed.read_text(encoding="utf-8")
    assert [p.text for p in read_docx(data)] == fixed.read_text(encoding="utf-8").split("\n")
    # the same input gives the same bytes
    again = tmp_path / "again.docx"
    cli("check", text_file, "--no-terms", "--annotate", again)
    assert again.read_bytes() == data


def test_annotate_refuses_to_overwrite_its_input_or_write_another_format(cli, tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(build())
    before = path.read_bytes()
    r = cli("check", path, "--no-terms", "--annotate", path)
    assert r.code == 2 and "never overwrites" in r.err
    r = cli("check", path, "--no-terms", "--annotate", tmp_path / "x.pdf")
    assert r.code == 2 and ".docx" in r.err
    assert path.read_bytes() == before


def split_runs_docx() -> bytes:
    """Text split over runs with different formatting, a hidden run inside a finding, an earlier tracked change."""
    doc = docx.Document()
    doc.add_paragraph("某局2024年工作总结")
    p = doc.add_paragraph()
    p._p.append(parse_xml(f"<w:r {NS}><w:t>我们坚持以习近</w:t></w:r>"))
    for xml in (
        "<w:r><w:rPr><w:b/></w:rPr><w:t>平同志为中</w:t></w:r>",
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r>",
        "<w:r><w:t>心的党中央。制度建</w:t></w:r>",
        '<w:ins w:id="7" w:author="x"><w:r><w:t>全</w:t></w:r></w:ins>',
        "<w:r><w:t>落实,好。</w:t></w:r>",
    ):
        p._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {NS}>", 1).replace("<w:ins ", f"<w:ins {NS} ", 1)))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_a_word_file_keeps_its_formatting_and_comments_cover_spans_across_runs(cli, tmp_path):
    path = tmp_path / "split.docx"
    path.write_bytes(split_runs_docx())
    before = path.read_bytes()
    assert [p.text for p in read_docx(before)][1] == "我们坚持以习近平同志为中心的党中央。制度建全落实,好。"
    out = tmp_path / "marked.docx"
    assert cli("check", path, "--no-terms", "--annotate", out).code == 0
    assert path.read_bytes() == before
    findings = json.loads(cli("check", path, "--no-terms", "--format", "json").out)["findings"]
    data = out.read_bytes()
    anchored = sorted(commented_text(data).values())
    assert sorted(f["text"] for f in findings) == anchored
    assert "以习近平同志为中心" in anchored and "建全" in anchored
    assert not [i for i in body_of(data).iter(f"{W}ins") if i.getparent().tag == f"{W}ins"]  # no ins inside ins
    after = accept_all(data)[1]
    assert after == "我们坚持以习近平同志为核心的党中央。制度健全落实，好。"
    # the bold part of the old text is still bold where it was deleted
    bold = [r for r in body_of(data).iter(f"{W}r") if r.find(f"{W}rPr/{W}b") is not None]
    assert "".join(t.text for r in bold for t in r.iter(f"{W}delText")) == "平同志为中"


def test_the_annotator_reads_paragraphs_as_the_reader_does():
    for data in (build(), split_runs_docx()):
        assert paragraph_texts(data) == [p.text for p in read_docx(data)]


def test_marks_that_cannot_be_placed_are_reported_not_guessed():
    data = split_runs_docx()
    marks = [Mark(1, 0, 2, "ok"), Mark(99, 0, 1, "no such paragraph"), Mark(1, 5, 500, "past the end")]
    out, placed = annotated_bytes(data, marks)
    assert placed.comments == 1 and len(placed.missed) == 2
    assert list(commented_text(out).values()) == ["我们"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_annotated_file(cli, text_file, tmp_path):
    out = tmp_path / "marked.docx"
    assert cli("check", text_file, "--no-terms", "--annotate", out).code == 0
    r = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert r.returncode == 0, r.stderr
    pdf = tmp_path / "marked.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
