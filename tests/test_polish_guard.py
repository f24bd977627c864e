"""The polish guard: each rule has a case that only it catches (remove the rule and its case fails)."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import FULL
from llm_server import faithful

import drafter
from drafter.bank.kinds import data_root, load_kind
from drafter.polish import Guard
from drafter.polish import guard as guard_module
from drafter.polish.guard import figures

KIND = load_kind(data_root() / "eight-point")
PARAGRAPHS = [p.template_text for p in drafter.draft(FULL).paragraphs()]
MEETINGS = next(
    p.template_text
    for p in drafter.draft(FULL, choices={"tasks.meetings.figures": 1, "tasks.meetings.practice": 0}).paragraphs()
    if "召开会议86次" in p.template_text
)
MONEY = next(
    p.template_text
    for p in drafter.draft(FULL, choices={"tasks.frugality.three_public": 1}).paragraphs()
    if "812.4万元" in p.template_text
)
TITLES = next(p for p in PARAGRAPHS if "《青山县会议费管理办法》" in p)
PLAIN = "坚持把学习贯彻中央八项规定精神作为重要政治任务，推动作风建设常态长效。"


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard(KIND)


# (case, original, rewrite, the rule that must fire)
CASES = [
    ("figure changed", MEETINGS, MEETINGS.replace("86次", "88次"), "figure_missing"),
    ("figure invented", MEETINGS, MEETINGS.replace("从会议数量看，2025年", "从会议数量看，2025年3轮"), "figure_new"),
    ("year changed", MEETINGS, MEETINGS.replace("从会议数量看，", "从会议数量看，2024年"), "figure_new"),
    ("percent changed", MEETINGS, MEETINGS.replace("15.7%", "15.8%"), "figure_missing"),
    ("amount dropped", MONEY, MONEY.replace("，较上年同期减少92.7万元", "，较上年同期有所减少"), "figure_missing"),
    ("unit changed", MEETINGS, MEETINGS.replace("86次", "86个"), "figure_unit"),
    (
        "figures swapped",
        MEETINGS,
        MEETINGS.replace("86次", "@").replace("16次", "86次").replace("@", "16次"),
        "figure_moved",
    ),
    ("decrease became increase", MEETINGS, MEETINGS.replace("减少16次", "增加16次"), "direction"),
    ("decline became growth", MEETINGS, MEETINGS.replace("下降15.7%", "增长15.7%"), "direction"),
    ("new comparison claimed", PLAIN, PLAIN.replace("推动", "推动违规问题下降、"), "direction"),
    ("theme term dropped", MEETINGS, MEETINGS.replace("会议数量", "数量").replace("召开会议", "召开"), "term_missing"),
    ("title changed", TITLES, TITLES.replace("《青山县会议费管理办法》", "《青山县会议管理办法》"), "title_missing"),
    ("too short", MEETINGS, MEETINGS[: len(MEETINGS) // 2] + "86次16次15.7%", "length"),
    ("too long", PLAIN, PLAIN + PLAIN, "length"),
    ("bold", MEETINGS, "**" + MEETINGS + "**", "markdown"),
    ("list", MEETINGS, "- " + MEETINGS, "markdown"),
    ("two paragraphs", MEETINGS, MEETINGS.replace("从会议数量看，", "\n从会议数量看，"), "markdown"),
    ("echoed data tags", MEETINGS, "<原文>" + MEETINGS, "markdown"),
    ("english", MEETINGS, MEETINGS.replace("开短会", "开short会"), "english"),
    ("preamble", MEETINGS, "以下是润色后的段落：" + MEETINGS[10:], "preamble"),
    ("polite opener", MEETINGS, "好的，" + MEETINGS, "preamble"),
    ("afterword", MEETINGS, MEETINGS + "（注：已润色）", "preamble"),
    ("nothing", MEETINGS, "  ", "empty"),
]


@pytest.mark.parametrize("original, rewrite, rule", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_catches_its_case(guard, original, rewrite, rule):
    assert rule in {v.rule for v in guard.check(original, rewrite)}


def test_faithful_rewrites_of_every_paragraph_pass(guard):
    for p in PARAGRAPHS:
        assert guard.check(p, faithful(p)) == [], p


@pytest.mark.parametrize(
    "original, rewrite",
    [
        ("全年发文214份，同比下降14.7%。", "全年发文共214份，比上年下降14.7%。"),  # rewording around a figure
        ("编印简报36期，同比下降25%。", "编印简报36期，同比下降25.0%。"),  # 25 and 25.0 are one figure
        ("推进OA系统建设，发文214份。", "推进OA系统建设，全年发文214份。"),  # English that was already there
        ("全年支出1260.5平方米。", "全年支出１２６０．５平方米。"),  # full-width digits fold
    ],
)
def test_allowed_rewrites(guard, original, rewrite):
    assert guard.check(original, rewrite) == []


def test_figures_carry_unit_and_direction():
    assert figures("召开会议86次，较上年同期减少16次，同比下降15.7%。2025年以来") == [
        ("86", "次", None),
        ("16", "次", "减少/下降/降低"),
        ("15.7", "%", "减少/下降/降低"),
        ("2025", "年", None),
    ]


def test_messages_name_what_broke(guard):
    (v,) = [v for v in guard.check(MEETINGS, MEETINGS.replace("86次", "88次")) if v.rule == "figure_missing"]
    assert "86次" in v.message and str(v).startswith("figure_missing: ")


def test_literal_aliases_when_the_matcher_is_missing(monkeypatch):
    import drafter.review.matching

    class Unavailable:
        def __init__(self, *a, **k):
            raise ImportError("pip install 'drafter[check]'")

    monkeypatch.setattr(drafter.review.matching, "ThemeMatcher", Unavailable)
    g = Guard(KIND)
    assert "term_missing" in {
        v.rule for v in g.check(MEETINGS, MEETINGS.replace("会议数量", "数量").replace("召开会议", "召开"))
    }
    assert g.check(MEETINGS, faithful(MEETINGS)) == []


@pytest.mark.parametrize(
    "rewrite, found",
    [
        (PLAIN.replace("推动", "推动某某单位"), "某某"),  # placeholder: a stand-in name
        (PLAIN.replace("推动", "对照二十届三次全会要求推动"), "二十届三次全会"),  # norm: 三中全会
        (PLAIN.replace("，", ","), ","),  # punctuation: half-width comma
    ],
)
def test_new_review_findings_reject_a_rewrite(guard, rewrite, found):
    # The review checks (drafter.review.rules) find something the original did not have: the rewrite is refused.
    v = guard.check(PLAIN, rewrite)
    assert [x.rule for x in v] == ["norm"] and found in v[0].message


def test_findings_already_in_the_original_are_not_blamed_on_the_rewrite():
    def rules(text: str) -> Counter:
        return Counter(("norm.plenary", "届次全会") for _ in range(text.count("届次全会")))

    g = Guard(KIND, rules=rules)
    before = "学习二十届次全会精神。"
    assert g.check(before, "深入学习二十届次全会精神。") == []
    assert [v.rule for v in g.check(PLAIN, PLAIN.replace("推动", "学习二十届次全会，推动"))] == ["norm"]


def test_without_review_checks_the_rule_is_silent(monkeypatch):
    monkeypatch.setattr(guard_module, "rule_findings", lambda text: None)
    g = Guard(KIND)
    assert g.check(PLAIN, PLAIN.replace("推动", "推动某某单位")) == []
