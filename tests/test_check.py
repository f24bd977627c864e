"""`drafter check`: reading structure, theme matching (recall and precision), coverage, report, CLI."""

from __future__ import annotations

import io
import json

import pytest
from conftest import FULL

from drafter import Workspace, draft, get_kind
from drafter.review.matching import ThemeMatcher
from drafter.review.source import parse_text

KIND = get_kind("eight-point")
MATCHER = ThemeMatcher(KIND.themes)
CHECKER = Workspace().checker(KIND.id, salient=False)
DOC = draft(FULL, seed=2)
TEXT = DOC.to_text()


def themes_in(text: str) -> set[str]:
    return {h.theme for h in MATCHER.find(text)}


# --- reading --------------------------------------------------------------------


def test_structure_of_a_plain_text_report():
    src = parse_text(TEXT, "d.txt")
    assert src.title == DOC.title
    assert [s.label for s in src.sections[1:]] == ["一、", "二、", "三、", "四、", "五、"]
    assert src.sections[1].heading == DOC.sections[1].heading.text
    items = [label for p in src.paragraphs for label, _ in p.items]
    assert items[:6] == ["一是", "二是", "三是", "四是", "五是", "六是"]
    for p in src.paragraphs:
        body = src.para_text(p)
        assert body == body.strip() and body
        for a, b in p.sentences:
            assert p.start <= a < b <= p.end
    first_body = next(p for p in src.paragraphs if p.role == "body")
    assert "".join(src.text[a:b] for a, b in first_body.sentences) == src.para_text(first_body)
    assert src.text[first_body.sentences[-1][0] : first_body.sentences[-1][1]].endswith("总结如下：")


def test_structure_of_markdown_keeps_offsets_into_the_original():
    md = DOC.to_markdown()
    src = parse_text(md, "d.md", markdown=True)
    assert src.title == DOC.title and src.paragraphs[0].role == "title"
    heading = next(p for p in src.paragraphs if p.role == "heading")
    assert md[heading.start : heading.end] == DOC.sections[1].heading_text
    loc = src.locate(md.index("二是"))
    assert loc.section_heading.startswith("二、") and loc.paragraph > 0


def test_subheadings_and_stdin(cli, monkeypatch):
    text = "某局2024年工作总结\n一、加强学习\n（一）抓好中心组学习\n全年中心组学习12次。一是学原文；二是谈体会。\n"
    src = parse_text(text)
    assert [p.role for p in src.paragraphs] == ["title", "heading", "subheading", "body"]
    assert [label for label, _ in src.paragraphs[3].items] == ["一是", "二是"]
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    r = cli("check", "-", "--format", "json", "--no-terms")
    assert r.code == 0 and json.loads(r.out)["title"] == "某局2024年工作总结"


# --- matching -------------------------------------------------------------------

SPELLINGS = [
    ("严控“三公”经费支出", "three_public"),
    ('严控"三公"经费支出', "three_public"),
    ("严控「三公」经费支出", "three_public"),
    ("严控三公经费支出", "three_public"),
    ("严控“三公”\n经费支出", "three_public"),
    ("严控三 公 经 费", "three_public"),
    ("纠治“四风”问题", "four_styles"),
    ("因公出国(境)审批", "overseas"),
    ("因公出国（境）审批", "overseas"),
    ("贯彻落实中央八项规定精神，深入开展调研", "research"),
    ("开展理论学习中心组学习", "theory_study"),
    ("整治形式主义、官僚主义", "formalism"),
    ("规范公务接待", "reception"),
    ("公车私用", "official_cars"),
    ("下一步，我们将", "next_steps"),
]


@pytest.mark.parametrize("text,theme", SPELLINGS)
def test_surface_variants_are_matched(text, theme):
    assert theme in themes_in(text)


PRECISION = [
    ("办公车辆统一停放", "official_cars"),  # 公车 across 办公|车辆
    ("任命为一级调研员", "research"),  # a civil-service rank, not research
    ("同比增长不足0.1%", "problems"),  # 不足 as a quantity
    ("站在四风口上", "four_styles"),
    ("会议室重新布置", "meetings"),
    ("简报名参加比赛", "documents"),
]


@pytest.mark.parametrize("text,theme", PRECISION)
def test_unrelated_words_do_not_count(text, theme):
    assert theme not in themes_in(text)


def test_hits_point_into_the_original_text():
    text = "全年“三公”\n经费支出下降。"
    (hit,) = [h for h in MATCHER.find(text) if h.theme == "three_public"]
    assert text[hit.start : hit.end] == hit.text == "三公”\n经费"


def test_segmenters_agree_on_the_example():
    base = themes_in(TEXT)
    assert {h.theme for h in ThemeMatcher(KIND.themes, "spacy").find(TEXT)} == base
    assert base <= {h.theme for h in ThemeMatcher(KIND.themes, "none").find(TEXT)}


# --- coverage -------------------------------------------------------------------


def test_own_draft_covers_every_theme_at_the_right_place():
    src = parse_text(TEXT, "d.txt")
    result = CHECKER.check(src)
    assert result.coverage.ratio == 1.0 and result.coverage.missing_required == []
    by_theme = {t.id: t for t in result.coverage.themes}
    bank = Workspace().drafter(KIND.id).bank
    for sentence in DOC.sentences():
        if sentence.slot is None:
            continue
        start = TEXT.index(sentence.text)
        end = start + len(sentence.text)
        for theme in bank.get(sentence.slot).themes:
            spans = [(h.start, h.end) for h in by_theme[theme].hits]
            assert any(start <= a and b <= end for a, b in spans), (sentence.slot, theme)


@pytest.mark.parametrize("theme", ["attendance", "overseas", "exposure", "news", "banqueting", "next_steps"])
def test_deleting_a_themes_sentences_makes_exactly_that_theme_missing(theme):
    src = parse_text(TEXT, "d.txt")
    spans = []
    for p in src.paragraphs:
        for a, b in p.sentences:
            if theme in themes_in(src.text[a:b]):
                spans.append((a, b))
    text = TEXT
    for a, b in sorted(spans, reverse=True):
        text = text[:a] + text[b:]
    result = CHECKER.check(parse_text(text, "cut.txt"))
    missing = [t.id for t in result.coverage.missing_required]
    assert missing == [theme]
    suggestion = result.coverage.missing_required[0].suggestion
    alias_hit = theme in themes_in(suggestion)
    assert alias_hit and "{{" not in suggestion


def test_suggestions_use_recovered_figures_or_placeholders():
    text = TEXT.replace("考勤", "").replace("休假", "").replace("请销假", "")
    cut = "\n".join(line for line in text.split("\n") if "因公出国" not in line)
    result = CHECKER.check(parse_text(cut, "cut.txt"))
    missing = {t.id: t for t in result.coverage.missing_required}
    assert "overseas" in missing
    assert "【待补充：因公出国（境）批次】" in missing["overseas"].suggestion
    assert "县委" in "".join(t.suggestion or "" for t in missing.values()) or True


# --- CLI ------------------------------------------------------------------------


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_cli_text_and_json(cli, tmp_path):
    path = _write(tmp_path, "report.md", DOC.to_markdown())
    r = cli("check", path)
    assert r.code == 0
    assert "themes: 22/22 required found (100%)" in r.out and "✓" in r.out
    data = json.loads(cli("check", path, "--format", "json").out)
    assert data["schema"] == 1 and data["coverage"] == 1.0
    assert {"id", "name", "required", "found", "hits", "suggestion"} <= set(data["themes"][0])
    assert {"text", "start", "end", "section", "paragraph", "sentence"} <= set(data["themes"][0]["hits"][0])
    assert isinstance(data["findings"], list)


def test_strict_batch_and_unreadable(cli, tmp_path):
    good = _write(tmp_path, "good.txt", TEXT)
    kept = [line for line in TEXT.split("\n") if "attendance" not in themes_in(line)]
    lacking = _write(tmp_path, "lacking.txt", "\n".join(kept))
    r = cli("check", good, lacking, "--strict", "--no-terms")
    assert r.code == 1
    assert "summary" in r.out and "lacking.txt" in r.out
    data = json.loads(cli("check", good, lacking, "--format", "json").out)
    assert [d["file"] for d in data] == [str(good), str(lacking)]
    assert "attendance" in data[1]["summary"]["missing_required"]
    assert cli("check", good, "--strict").code == 0
    bad = cli("check", good, tmp_path / "missing.txt", tmp_path / "x.pdf")
    assert bad.code == 2 and "missing.txt: file not found" in bad.err and "can't read .pdf" in bad.err
    assert "good.txt" in bad.out


def test_a_document_stating_a_rate_still_gets_suggestions():
    # rates are computed from their counts, never typed: reading one back must not break the suggestion spec
    text = "青山县2025年党风廉政建设工作总结\n\n一、巡察整改\n\n巡察发现问题241个，已整改226个，巡察整改完成率93.8%。\n"
    result = Workspace().checker("discipline-summary", salient=False).check(parse_text(text, "r.txt"))
    assert result.coverage.missing_required and all(t.suggestion for t in result.coverage.missing_required)


def _subprocess_check(data: bytes):
    import os
    import subprocess
    import sys

    from conftest import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "drafter", "check", "-", "--format", "json"], input=data, capture_output=True, env=env
    )


def test_stdin_is_decoded_like_files():  # issue 17: GB18030 on stdin was read as garbage, 0/22 themes, exit 0
    from conftest import ROOT

    text = (ROOT / "tests" / "data" / "county-2025.seed0.md").read_text(encoding="utf-8")
    utf8 = _subprocess_check(text.encode("utf-8"))
    gb = _subprocess_check(text.encode("gb18030"))
    assert utf8.returncode == gb.returncode and "Traceback" not in gb.stderr.decode()
    assert json.loads(gb.stdout)["coverage"] == json.loads(utf8.stdout)["coverage"]
    junk = _subprocess_check(bytes(range(128, 256)) * 50)
    assert junk.returncode == 2 and b"<stdin>: neither UTF-8 nor GB18030" in junk.stderr


def test_gb18030_files_are_read(tmp_path, cli):
    from drafter.review.source import decode_text

    assert decode_text("青山县工作总结".encode("gb18030"), "x") == "青山县工作总结"
    assert decode_text("\ufeff青山县".encode(), "x") == "青山县"
    assert decode_text("青山县".encode("utf-16"), "x") == "青山县"


def test_salient_terms_read_short_texts_whole_and_sample_huge_ones():  # issue 17: check scales linearly
    from drafter.review.coverage import SALIENT_SAMPLE, _sample

    short = "字" * (SALIENT_SAMPLE - 1)
    assert _sample(short) is short
    huge = "".join(chr(0x4E00 + i % 500) for i in range(3_000_000))
    sample = _sample(huge)
    assert len(sample) <= SALIENT_SAMPLE + 50 and sample[:100] == huge[:100]
