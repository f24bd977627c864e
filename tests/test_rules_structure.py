"""Structure and form: numbering gaps, document numbers, date ranges, doubled time words, exclamation marks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.review.rules import structure
from drafter.review.source import parse_text
from drafter.zh.numbers import ordinal


def found(text: str) -> list[tuple[str, str]]:
    return [(f.rule_id, f.text) for f in structure.check(parse_text(text))]


WRONG = [
    ("一、总体情况\n正文。\n二、主要做法\n正文。\n四、下步打算\n正文。", "structure.heading_sequence", "四、下步打算"),
    ("（一）狠抓会议精简。正文。\n（三）狠抓经费管控。正文。", "structure.subheading_sequence", "（三）狠抓经费管控"),
    ("（二）甲。正文。\n（一）乙。正文。", "structure.subheading_sequence", "（一）乙"),
    ("一是改进调研。正文。\n三是精简文件。正文。", "structure.item_sequence", "三是精简文件"),
    ("一是改进调研。正文。二是精简会议。正文。四是精简文件，正文。", "structure.item_sequence", "四是精简文件"),
    ("县纪委印发通知（河纪发[2020]3号）。", "structure.document_number", "[2020]"),
    ("县委印发意见（河委发(2021)12号）。", "structure.document_number", "(2021)"),
    ("县委印发意见（河委发【2024】5号）。", "structure.document_number", "【2024】"),
    ("3月-5月，开展专项督查。", "structure.date_range", "3月-5月"),
    ("6月~9月，开展专项督查。", "structure.date_range", "6月~9月"),
    ("3月至7月期间，局党组推进整改。", "structure.redundant_period", "3月至7月期间"),
    ("日前，局党组召开总结会，近日又组织回头看。", "structure.vague_time", "近日"),
    ("坚决打赢这场硬仗！", "structure.exclamation", "！"),
]


@pytest.mark.parametrize(("text", "rule_id", "span"), WRONG)
def test_flags(text, rule_id, span):
    assert (rule_id, span) in found(text)


RIGHT = [
    "四是精简文件。正文。五是规范用车。正文。",  # an excerpt may start anywhere
    "（二）甲。正文。\n（三）乙。正文。",
    "一、甲\n一是甲。二是乙。\n二、乙\n一是丙。二是丁。",  # items restart under each heading
    "县委印发意见（河委发〔2025〕5号）。",
    "1—5月，全县召开会议12次。",
    "3月至5月，开展专项督查。",
    "近日，局党组召开总结会。",
    "《中共中央 国务院关于印发〈党政机关厉行节约反对浪费条例〉的通知》",
]


@pytest.mark.parametrize("text", RIGHT)
def test_clean(text):
    assert found(text) == []


@given(st.integers(1, 30), st.integers(2, 6))
def test_consecutive_items_never_flagged(first, count):
    text = "".join(f"{ordinal(n, 'item')}做法{n}。正文。" for n in range(first, first + count))
    assert found(text) == []


@given(st.integers(1, 20), st.integers(2, 5))
def test_a_skipped_heading_is_flagged(first, skip):
    a, b = ordinal(first, "section"), ordinal(first + skip, "section")
    text = f"{a}甲\n正文。\n{b}乙\n正文。"
    assert found(text) == [("structure.heading_sequence", f"{b}乙")]


def test_fixes_are_safe():
    src = parse_text("（河纪发[2020]3号），3月-5月期间")
    fixes = {f.text: f.fix for f in structure.check(src)}
    assert fixes["[2020]"] == "〔2020〕"
    assert fixes["3月-5月"] == "3月至5月"
