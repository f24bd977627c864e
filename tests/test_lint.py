"""`drafter bank lint`: the built-in bank is clean, and each defect is caught in a test overlay."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from drafter import get_kind
from drafter.authoring.bank_lint import lint_bank, lint_text, repeated_phrases, wording_problems

KIND = get_kind("eight-point")

GOOD = "全年召开会议{{ meetings.count }}，{{ meetings.count.change }}。"
# slot id -> (variants, expected rule)
DEFECTS = {
    "org.dup": (
        ["严格控制会议数量，提高会议质量。", "严格控制会议数量，提高会议质量。", "精简会议活动，改进会风。"],
        "duplicate-variant",
    ),
    "org.near": (
        ["严格控制会议数量和规模，切实提高会议质量。", "严格控制会议数量和规模，切实提高会议效率。", "改进会风。"],
        "near-duplicate",
    ),
    "org.broken": (["会议{{ meetings.count }。", GOOD, GOOD.replace("全年", "本年")], "render"),
    "org.unknown": (["召开会议{{ meetings.total }}。", GOOD, GOOD.replace("全年", "本年")], "unknown-figure"),
    "org.halfwidth": (
        ["全年召开会议{{ meetings.count }},有效控制会议规模.", GOOD, GOOD.replace("全年", "本年")],
        "half-width",
    ),
    "org.quote": (["坚持“三会一课制度，严肃组织生活。", "坚持“三会一课”制度。", "严肃党内组织生活。"], "unbalanced"),
    "org.bracket": (["严格执行因公出国（境管理规定。", "严格执行因公出国（境）管理规定。", "严控出访。"], "unbalanced"),
    "org.dropped": (
        [GOOD, GOOD.replace("全年", "本年"), "全年召开会议{{ meetings.count }}，会风持续好转。"],
        "dropped-figure",
    ),
    "org.register": (["本报告下面专门分析会风问题。", "会风明显好转。", "会议质量有所提高。"], "register"),
    "org.norm": (["坚持把监督挺在纪律前面。", "日常监督不断加强。", "监督的针对性有所提高。"], "norm"),
    "org.typo": (["年初即作出布署。", "年初即作出安排。", "年初就明确了任务。"], "typo"),
    "org.repeat": (
        ["保持执纪问责高压态势。始终保持惩治腐败高压态势。", "惩治腐败力度不减。", "执纪问责更加有力。"],
        "repeated-phrase",
    ),
    "org.formula": (
        ["严格执行会议审批，严格控制会议规模。", "会议审批执行到位。", "会议规模得到控制。"],
        "repeated-phrase",
    ),
    "org.theme": (["严格控制各类会议。", "严格控制各类会议规模。", "切实提高效率。"], "theme-tag"),
}


@pytest.fixture
def overlay(tmp_path):
    slots = [{"id": sid, "variants": variants} for sid, (variants, _rule) in DEFECTS.items()]
    slots[-1]["themes"] = ["documents"]
    d = tmp_path / "overlay"
    d.mkdir()
    (d / "org.yaml").write_text(yaml.safe_dump({"slots": slots}, allow_unicode=True), encoding="utf-8")
    return d


def test_builtin_bank_is_clean(cli):
    assert lint_bank(KIND) == []
    r = cli("bank", "lint")
    assert r.code == 0 and "0 problem(s) in the built-in eight-point bank" in r.err


@pytest.mark.parametrize("slot,rule", [(sid, rule) for sid, (_v, rule) in DEFECTS.items()])
def test_each_defect_is_caught(overlay, slot, rule):
    findings = lint_bank(KIND, [overlay])
    assert rule in {f.rule for f in findings if f.slot == slot}, [str(f) for f in findings if f.slot == slot]


def test_clean_slots_of_the_overlay_raise_nothing(overlay):
    findings = lint_bank(KIND, [overlay])
    assert {f.slot for f in findings} == set(DEFECTS)


def test_lint_cli_exits_1_with_findings(cli, overlay):
    r = cli("bank", "lint", overlay)
    assert r.code == 1
    assert "org.dup[1]: duplicate-variant: same text as variant 0" in r.out
    assert "org.unknown[0]: unknown-figure: unknown figure meetings.total" in r.out


@pytest.mark.parametrize(
    ("text", "repeated"),
    [
        ("保持执纪问责高压态势。始终保持惩治腐败高压态势。", ["高压态势"]),
        ("严格执行会议审批，严格控制会议规模。", ["严格"]),  # a formula word twice in one sentence
        ("严格执行会议审批。严格控制会议规模。", []),  # …in two sentences: the draft-wide caps see to that
        ("一方面以案促改，另一方面以案促治。", []),  # a deliberate parallel repeats its marker
        ("开展廉政谈话\x00，开展廉政\x00谈话。", ["开展廉政"]),  # rendered figures (masked) never join a run
        ("全面从严治党主体责任压得更实，全面从严治党向纵深推进。", ["全面从严治党"]),
        ("召开会议，精简文件，改进文风会风。", []),
        ("能当场纠正的当场纠正，不等到自查结束再改。", []),  # 能X的X
        ("主要负责同志负总责、分管负责同志具体抓。", []),  # a contrasted pair in one list
        ("为摸清办公用房底数，\x00办公用房逐间丈量。", ["办公用房"]),  # no modifier of its own: a repeat
        ("报县委主要负责同志审批，上级视频会议不再重复传达，只安排一名负责同志参会。", ["负责同志"]),
    ],
)
def test_repeated_phrases(text, repeated):
    assert repeated_phrases(text) == repeated


def test_a_repeated_figure_rendering_is_not_the_variants_wording(tmp_path):
    """Two compared figures each render 较上年…; the variant's own words say nothing twice."""
    d = tmp_path / "overlay"
    d.mkdir()
    two = "会议{{ meetings.count }}，{{ meetings.count.change }}；发文{{ documents.count }}，{{ documents.count.change }}。"
    slots = [{"id": "org.two", "variants": [two, "会议{{ meetings.count }}。", "发文{{ documents.count }}。"]}]
    (d / "org.yaml").write_text(yaml.safe_dump({"slots": slots}, allow_unicode=True), encoding="utf-8")
    assert "repeated-phrase" not in {f.rule for f in lint_bank(KIND, [d]) if f.slot == "org.two"}


def test_duplicate_ids_across_files(tmp_path):
    d = tmp_path / "bank"
    d.mkdir()
    for name in ("a.yaml", "b.yaml"):
        (d / name).write_text(yaml.safe_dump({"slots": [{"id": "x.y", "variants": ["甲。"]}]}), encoding="utf-8")
    findings = lint_bank(KIND, bank_dirs=[d])
    assert [f.rule for f in findings] == ["duplicate-id"] and "a.yaml and" in findings[0].message


def test_overlay_conflicts_are_lint_findings(tmp_path):
    d = tmp_path / "o"
    d.mkdir()
    (d / "o.yaml").write_text(
        yaml.safe_dump({"slots": [{"id": "study.effect", "variants": ["甲。"]}]}), encoding="utf-8"
    )
    findings = lint_bank(KIND, [d])
    assert findings[0].rule == "overlay-conflict" and "say mode: extend or mode: replace" in findings[0].message


@pytest.mark.parametrize(
    "text,rules",
    [
        ("会议数量812.4万元，同比下降10.2%。", []),
        ("会议数量明显减少,会风好转。", ["half-width"]),
        ("会风好转;文风改进。", ["half-width"]),
        ('坚持"三会一课"制度。', ["half-width"]),
        ("《办法》和“三会一课”（试行）。", []),
        ("《办法（试行》）", ["unbalanced"]),
        ("严格执行“三公经费管理。", ["unbalanced"]),
    ],
)
def test_lint_text(text, rules):
    assert [r for r, _ in lint_text(text)] == rules


# text, the rule that flags it (register breaks come from phrasebank/style.yaml, norm and typo from the review's lists)
WORDING = [
    ("本报告第三部分将专门分析问题。", "register"),
    ("本文对全年工作作了回顾。", "register"),
    ("笔者所在单位全年召开会议12次。", "register"),
    ("我们认为作风建设成效明显。", "register"),
    ("下面重点谈三个方面的问题。", "register"),
    ("会风文风明显好转！", "register"),
    ("全年开展PPT培训3场。", "register"),
    ("全年工作如下：1是加强学习。", "register"),
    ("确保思想和行动同上级部署合拍。", "register"),
    ("坚持把监督挺在纪律前面。", "norm"),
    ("年初即作出布署。", "typo"),
]


@pytest.mark.parametrize(("text", "rule"), WORDING)
def test_wording_problems(text, rule):
    assert rule in {r for r, _message in wording_problems(text, dt.date(2025, 12, 31))}


@pytest.mark.parametrize(
    "text",
    ["确保思想和行动与上级部署保持一致。", "本文件自印发之日起施行。", "下一步，重点抓好以下工作：一是加强学习。"],
)
def test_plain_wording_is_not_flagged(text):
    assert wording_problems(text, dt.date(2025, 12, 31)) == []


def test_a_dated_formulation_is_flagged_by_the_sample_year():
    """推动管党治党从宽松软走向严紧硬 is of its time: flagged at the sample year's date (2025), not in 2016."""
    text = "推动管党治党从宽松软走向严紧硬。"
    assert [r for r, _m in wording_problems(text, dt.date(2025, 12, 31))] == ["norm"]
    assert wording_problems(text, dt.date(2016, 12, 31)) == []
