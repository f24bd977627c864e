"""`drafter check` on Word files: one written by hand, and a draft edited in Word."""

from __future__ import annotations

import io
import json

import docx
from conftest import FULL
from test_docx_reader import build

from drafter import docx_bytes, draft
from drafter.bank.kinds import get_kind
from drafter.review.matching import ThemeMatcher
from drafter.word.profiles import get_profile

MATCHER = ThemeMatcher(get_kind("eight-point").themes)


def test_a_hand_made_docx_is_checked_with_its_structure(cli, tmp_path):
    path = tmp_path / "hand.docx"
    path.write_bytes(build())
    r = cli("check", path, "--format", "json", "--no-terms")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["title"] == "某局2025年工作总结"
    found = {t["id"]: t for t in data["themes"] if t["found"]}
    # 二、存在问题 comes from Word's automatic numbering, not from the text
    (problems,) = [h for h in found["problems"]["hits"] if h["text"] == "存在问题"]
    assert problems["section_heading"] == "二、存在问题"
    meetings = found["meetings"]["hits"][0]
    assert meetings["text"] == "召开会议" and meetings["section_heading"] == "五、另起编号"
    text = cli("check", path, "--no-terms").out
    assert "某局2025年工作总结" in text and "✗" in text


def test_a_draft_edited_in_word_shows_the_edits_effect_on_themes(cli, tmp_path):
    doc = draft(FULL, seed=3)
    original = tmp_path / "draft.docx"
    original.write_bytes(docx_bytes(doc, get_profile("gbt9704")))
    before = json.loads(cli("check", original, "--format", "json", "--no-terms").out)
    assert before["coverage"] == 1.0

    # The editor deletes every sentence about attendance and leave, and saves the file in Word.
    word = docx.Document(str(original))
    removed = 0
    for para in word.paragraphs:
        sentences = [s + "。" for s in para.text.split("。") if s]
        keep = [s for s in sentences if "attendance" not in {h.theme for h in MATCHER.find(s)}]
        if len(keep) != len(sentences):
            removed += len(sentences) - len(keep)
            for run in para.runs[1:]:
                run.text = ""
            para.runs[0].text = "".join(keep)
    assert removed >= 1
    edited = tmp_path / "edited.docx"
    buf = io.BytesIO()
    word.save(buf)
    edited.write_bytes(buf.getvalue())

    after = json.loads(cli("check", edited, "--format", "json", "--no-terms").out)
    assert after["summary"]["missing_required"] == ["attendance"]
    suggestion = next(t["suggestion"] for t in after["themes"] if t["id"] == "attendance")
    assert "attendance" in {h.theme for h in MATCHER.find(suggestion)}
    assert cli("check", edited, "--strict", "--no-terms").code == 1
