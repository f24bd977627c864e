"""`drafter learn`: a kind learned from a hand-written report recovers its outline and every figure, and drafts."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from drafter import draft, get_kind
from drafter.authoring.kind_lint import lint_kind
from drafter.authoring.learning import learn_kind
from drafter.zh.figure_recovery import figure_label, find_figures

LEARN = ROOT / "corpora" / "learn"
REPORT = LEARN / "forestry-2024.txt"
MASKED = LEARN / "forestry-2024-masked.txt"

SECTIONS = ["导语", "抓实学习教育", "聚焦重点任务", "强化监督执纪", "存在问题和下一步打算"]
# Every figure of the report, in reading order: as written, unit, type.
FIGURES = [
    ("14次", "次", "count"),
    ("5场", "场", "count"),
    ("48次", "次", "count"),
    ("620人次", "人次", "count"),
    ("11次", "次", "count"),
    ("42学时", "学时", "count"),
    ("63次", "次", "count"),
    ("27个", "个", "count"),
    ("9篇", "篇", "count"),
    ("58次", "次", "count"),
    ("146份", "份", "count"),
    ("38.6万元", "万元", "amount"),
    ("9.4万元", "万元", "amount"),
    ("12.35万元", "万元", "amount"),
    ("8个", "个", "count"),
    ("215平方米", "平方米", "amount"),
    ("86篇", "篇", "count"),
    ("9次", "次", "count"),
    ("15个", "个", "count"),
    ("100%", "%", "amount"),
    ("4件", "件", "count"),
    ("5人", "人", "count"),
    ("3名", "名", "count"),
    ("2起", "起", "count"),
    ("6场", "场", "count"),
    ("780人次", "人次", "count"),
    ("1200条", "条", "count"),
    ("135人次", "人次", "count"),
]
# The year-over-year pairs: this year's figure → last year's value, derived from 较上年减少…
COMPARED = {"58次": 70, "146份": 165, "38.6万元": 43.8}


@pytest.fixture(scope="module")
def learned(tmp_path_factory):
    out = tmp_path_factory.mktemp("kinds") / "forestry"
    return learn_kind(REPORT, out)


@pytest.fixture(scope="module")
def learned_masked(tmp_path_factory):
    out = tmp_path_factory.mktemp("kinds") / "forestry-masked"
    return learn_kind(MASKED, out)


def _strip_blank(text: str) -> list[str]:
    return [line.strip("\u3000 ") for line in text.splitlines() if line.strip()]


def test_learn_recovers_the_sections(learned):
    assert [name for _, name in learned.sections] == SECTIONS
    kind = get_kind(learned.kind_id, [learned.path])
    assert [s.name for s in kind.sections] == SECTIONS
    assert kind.title == "{{ org.name }}{{ year }}年作风建设工作总结"
    assert kind.learned_from == REPORT.name


def test_every_figure_of_the_report_becomes_a_figure_of_the_kind(learned):
    assert [(f.raw, f.unit, f.type) for f in learned.figures] == FIGURES
    kind = get_kind(learned.kind_id, [learned.path])
    assert sorted(f.path for f in kind.figures) == sorted(f.name for f in learned.figures)
    assert len({f.path for f in kind.figures}) == len(FIGURES)
    compared = {f.raw: f.compare.previous for f in learned.figures if f.compare}
    assert compared == {k: Decimal(str(v)) if isinstance(v, float) else v for k, v in COMPARED.items()}
    assert learned.notes == []  # the report's percentages agree with its figures


@pytest.mark.parametrize(
    ("raw", "label"),
    [("58次", "各类会议次数"), ("38.6万元", "“三公”经费支出"), ("3名", "干部人数"), ("100%", "专项检查覆盖率")],
)
def test_figures_get_a_chinese_label_from_their_context(learned, raw, label):
    assert {f.raw: f.label for f in learned.figures}[raw] == label


def test_every_slot_has_one_variant_and_states_the_figures_as_expressions(learned):
    slots = [s for p in sorted((learned.path / "slots").glob("*.yaml")) for s in yaml.safe_load(p.read_text())["slots"]]
    assert len(slots) == learned.slots
    # one variant with the report's wording; a figure's zero leaves the sentence out (omit variants)
    worded = [[v for v in s["variants"] if not (isinstance(v, dict) and v.get("omit"))] for s in slots]
    assert all(len(v) == 1 for v in worded)
    text = "\n".join(v[0] if isinstance(v[0], str) else v[0]["text"] for v in worded)
    assert not re.search(r"(?<![\w.])\d+(?:\.\d+)?(?:次|场|万元|%)", text)  # no figure left as a literal
    for f in learned.figures:
        assert f"{{{{ {f.name} }}}}" in text
    assert text.count(".change }}") == len(COMPARED)


def test_the_learned_kind_redrafts_the_report(learned):
    doc = draft(learned.path / "example.yaml", kinds_dirs=[learned.path])
    expected = REPORT.read_text(encoding="utf-8").replace("较上年减少", "较上年同期减少")  # the standard wording
    assert _strip_blank(doc.to_text()) == _strip_blank(expected)


def test_drafting_with_new_figures_puts_exactly_those_figures_in_place(learned):
    kind = get_kind(learned.kind_id, [learned.path])
    data: dict = {"kind": kind.id, "organisation": {"name": "白河县林业局", "level": "unit"}, "year": 2025}
    new: dict[str, str] = {}
    for i, f in enumerate(kind.figures):
        value = 700 + i if f.type == "count" else 900 + i + 0.25
        text = f"{value}{f.unit}"
        if f.compare:
            value = {"current": value, "previous": value + 100}
        data.setdefault(f.group, {})[f.name] = value
        new[f.path] = text
    body = draft(data, kinds_dirs=[learned.path]).to_text()
    assert body.splitlines()[0] == "白河县林业局2025年作风建设工作总结"
    for text in new.values():
        assert text in body
    for raw, _unit, _type in FIGURES:
        assert not re.search(rf"(?<![\d.]){re.escape(raw)}", body), raw
    for old in ("减少12次", "减少19份", "减少5.2万元", "2024年", "青山县林业局"):
        assert old not in body
    assert body.count("较上年同期减少100") == len(COMPARED)


def test_a_masked_copy_gives_the_same_figures(learned, learned_masked):
    assert [name for _, name in learned_masked.sections] == SECTIONS
    plain = [(f.name, f.unit, f.type, f.label, f.compare is not None) for f in learned.figures]
    masked = [(f.name, f.unit, f.type, f.label, f.compare is not None) for f in learned_masked.figures]
    assert masked == plain
    assert all(f.masked for f in learned_masked.figures)


def test_a_masked_copy_drafts_placeholders_then_the_figures_given(learned_masked):
    path = learned_masked.path
    doc = draft(path / "example.yaml", kinds_dirs=[path])
    assert len(doc.placeholders()) == len(FIGURES) + len(COMPARED)  # each figure, and each 同比 wording
    assert "**" not in doc.to_text() and "XX" not in doc.to_text()
    spec = yaml.safe_load((path / "example.yaml").read_text(encoding="utf-8"))
    for group in (g for g in spec if g not in ("kind", "organisation", "year")):
        for name, value in spec[group].items():
            spec[group][name] = {"current": 30, "previous": 40} if isinstance(value, dict) else 7
    text = draft(spec, kinds_dirs=[path]).to_text()
    assert "【待补充" not in text
    assert "召开各类会议30次，较上年同期减少10次，同比下降25.0%" in text


def test_learned_kinds_pass_kind_lint(learned, learned_masked):
    assert lint_kind(learned.path) == []
    assert lint_kind(learned_masked.path) == []


def test_theme_candidates_are_tagged_and_found_by_check(learned, cli, tmp_path):
    themes = yaml.safe_load((learned.path / "themes.yaml").read_text(encoding="utf-8"))["themes"]
    names = [t["name"] for t in themes]
    assert {"调查研究", "执纪问责", "经费支出"} <= set(names)
    out = tmp_path / "draft.txt"
    assert (
        cli("draft", learned.path / "example.yaml", "--kinds-dir", learned.path, "--format", "txt", "-o", out).code == 0
    )
    r = cli("check", out, "--kind", learned.kind_id, "--kinds-dir", learned.path, "--no-terms", "--format", "json")
    assert r.code == 0, r.err
    found = {t["name"]: t["found"] for t in json.loads(r.out)["themes"]}
    assert found == dict.fromkeys(names, True)


def test_stock_phrases_become_bank_candidates(learned):
    candidates = yaml.safe_load((learned.path / "candidates.yaml").read_text(encoding="utf-8"))
    phrases = {c["phrase"] for c in candidates["four_character"]}
    assert {"办公用房", "公务用车", "明察暗访", "防微杜渐"} <= phrases
    pairs = {c["phrase"] for c in candidates["paired_clauses"]}
    assert "定点加油、定点维修" in pairs


def test_learn_cli_writes_the_kind_and_lists_the_figures(cli, tmp_path):
    out = tmp_path / "mine"
    r = cli("learn", REPORT, "-o", out, "--id", "forest-summary")
    assert r.code == 0, r.err
    assert len(r.out.splitlines()) == len(FIGURES)
    assert "meetings.count\t各类会议次数\t58次 (上年 70次)" in r.out
    assert "5 section(s), 28 figure(s) (3 compared, 0 masked)" in r.err
    assert "drafter spec-template forest-summary --kinds-dir" in r.err
    template = cli("spec-template", "forest-summary", "--kinds-dir", out)
    assert template.code == 0 and "meetings:  # 会议" in template.out
    again = cli("learn", REPORT, "-o", out)
    assert again.code == 2 and "not an empty folder" in again.err


def test_learn_reads_markdown_and_word(tmp_path, learned):
    import docx

    lines = REPORT.read_text(encoding="utf-8").splitlines()
    md = tmp_path / "report.md"
    md.write_text(
        "\n".join(
            f"# {ln}" if i == 0 else f"## {ln}" if re.match("[一二三四]、", ln) else ln for i, ln in enumerate(lines)
        ),
        encoding="utf-8",
    )
    word = docx.Document()
    for line in lines:
        word.add_paragraph(line)
    path = tmp_path / "report.docx"
    word.save(str(path))
    for source, name in ((md, "from-md"), (path, "from-docx")):
        got = learn_kind(source, tmp_path / name)
        assert [n for _, n in got.sections] == SECTIONS
        assert [f.raw for f in got.figures] == [raw for raw, _u, _t in FIGURES]


# find_figures on single phrases: (text, raw, unit, compare form, last year's value)
PHRASES = [
    ("召开会议86次，较上年减少16次，同比下降15.7%。", "86次", "次", "change", 102),
    ("召开会议86次，同比下降15.7%。", "86次", "次", "yoy", 102),
    ("发文120份，较上年增加20份。", "120份", "份", "change", 100),
    ("支出812.4万元，较上年同期减少92.7万元，同比下降10.2%。", "812.4万元", "万元", "change", Decimal("905.1")),
    ("召开会议40次，与上年持平。", "40次", "次", "change", 40),
    ("召开会议**次，较上年减少XX次，同比下降**%。", "**次", "次", "change", None),
    ("调研80余次。", "80余次", "次", None, None),  # 余 marks an approximation, not part of the unit
]


@pytest.mark.parametrize(("text", "raw", "unit", "form", "previous"), PHRASES)
def test_find_figures_reads_figures_and_their_comparisons(text, raw, unit, form, previous):
    figures, _ = find_figures(text, 2024)
    assert len(figures) == 1
    f = figures[0]
    assert (f.raw, f.unit) == (raw, unit)
    assert (f.compare.form if f.compare else None) == form
    assert (f.compare.previous if f.compare else None) == previous


@pytest.mark.parametrize(
    "text",
    ["XX县林业局召开会议。", "2023年3月15日印发《2024年工作要点》。", "第3季度，G318沿线完成整治。", "十四五时期。"],
)
def test_names_dates_titles_and_codes_are_not_figures(text):
    figures, _ = find_figures(text, 2024)
    assert figures == []


def test_years_become_year_expressions():
    text = "2024年，较2023年有所改进；2019年以来持续推进。"
    figures, reps = find_figures(text, 2024)
    assert figures == []
    assert [(text[r.start : r.end], r.expression()) for r in reps] == [("2024", "year"), ("2023", "prev_year")]


@pytest.mark.parametrize(
    ("noun", "unit", "label"),
    [
        ("会议", "次", "会议次数"),
        ("专题辅导", "场", "专题辅导场次"),
        ("公务接待费", "万元", "公务接待费"),
        ("办公用房", "平方米", "办公用房面积"),
        ("立案查处", "人", "立案查处人数"),
        ("", "件", "数据件数"),
    ],
)
def test_figure_labels(noun, unit, label):
    assert figure_label(noun, unit) == label


def test_a_stated_percentage_that_disagrees_is_noted(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("某局2024年工作总结\n\n一、精简会议\n全年召开会议58次，较上年减少12次，同比下降20%。\n", "utf-8")
    got = learn_kind(report, tmp_path / "k")
    assert len(got.notes) == 1 and "stated 20%" in got.notes[0]


def test_subheadings_and_literal_items_keep_their_labels(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(
        "某局2024年工作总结\n\n一、主要做法\n（一）抓学习。组织学习12次。\n（二）抓监督。一是开展检查3次；三是约谈5人。\n",
        "utf-8",
    )
    got = learn_kind(report, tmp_path / "k")
    template = (got.path / "templates" / "s1.j2").read_text(encoding="utf-8")
    assert "（一）{{ say(" in template and "（二）{{ say(" in template
    assert "一是{{ say(" in template and "三是{{ say(" in template  # numbering with a gap is kept as written
    doc = draft(got.path / "example.yaml", kinds_dirs=[got.path])
    assert "（二）抓监督。一是开展检查3次；三是约谈5人。" in doc.to_text()


def test_a_report_without_text_is_refused(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("某局2024年工作总结\n", "utf-8")
    r = cli("learn", empty, "-o", tmp_path / "k")
    assert r.code == 2 and "no text to learn from" in r.err
    assert not (tmp_path / "k").exists()
    assert not list(Path(tmp_path).glob(".learn-*"))
