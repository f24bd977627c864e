"""The punctuation rules: half-width marks, unbalanced pairs, 、 between quoted items, doubled marks."""

from __future__ import annotations

import pytest
from conftest import FULL
from draft_texts import draft_text

from drafter.review.fixing import apply_fixes
from drafter.review.rules import punctuation
from drafter.review.source import parse_text


def found(text: str, rule_id: str) -> list[tuple[str, int, str | None]]:
    return [(f.text, f.start, f.fix) for f in punctuation.check(parse_text(text)) if f.rule_id == rule_id]


def fixed(text: str) -> str:
    return apply_fixes(text, punctuation.check(parse_text(text)))[0]


# text with half-width marks -> the text after the safe fixes
HALF_WIDTH = [
    ("全年召开会议86次,较上年减少16次。", "全年召开会议86次，较上年减少16次。"),
    ("坚持开短会;讲短话。", "坚持开短会；讲短话。"),
    ("现将有关情况总结如下:", "现将有关情况总结如下："),
    ("是否存在问题?经自查,不存在!", "是否存在问题？经自查，不存在！"),
    ("因公出国(境)费用", "因公出国（境）费用"),
    ("措施如下:(1)加强学习", "措施如下：（1）加强学习"),
    ('依托"三会一课"和"主题党日"开展学习', "依托“三会一课”和“主题党日”开展学习"),
    ("开展'以案促改'活动", "开展‘以案促改’活动"),
    ('回复"OK"。', "回复“OK”。"),
    ("使用Word(WPS)软件", "使用Word（WPS）软件"),  # a Latin word quoted in Chinese takes Chinese quotes
    ("同比下降15.7%.", "同比下降15.7%。"),
    ("工作取得成效.", "工作取得成效。"),
]

# half-width marks that are right where they are
NOT_HALF_WIDTH = [
    "同比下降15.7%，支出812.4万元。",  # decimal points
    "会议于9:30召开。",  # a time
    "共发送短信8,600条。",  # thousands separator
    "详见https://www.gov.cn/zhengce/a.html?id=1,2(3)。",  # an address
    "联系邮箱jjw@qs.gov.cn。",
    '公式 f(x) 表示，the author\'s "book" is here。',  # Latin text keeps its marks
    "1. 加强学习。",
    "会议……",
]


@pytest.mark.parametrize(("text", "expected"), HALF_WIDTH)
def test_half_width_marks_in_chinese_are_fixed(text, expected):
    assert found(text, "punctuation.half_width")
    assert fixed(text) == expected


@pytest.mark.parametrize("text", NOT_HALF_WIDTH)
def test_half_width_marks_outside_chinese_stay(text):
    assert found(text, "punctuation.half_width") == []


# text, unmatched marks
UNBALANCED = [
    ("开展“廉洁过节提醒活动。", ["“"]),
    ("开展廉洁过节”提醒活动。", ["”"]),
    ("”三会一课”", ["”", "”"]),
    ("因公出国（境管理", ["（"]),
    ("制定《管理办法，印发实施。", ["《"]),
    ("公务接待费【待补充：金额。", ["【"]),
    ("“三会一课（一）”）", ["）"]),
    ("“三会一课（一”", ["（"]),
    ("「三公」经费」", ["」"]),
]
BALANCED = ["“三会一课”（一）《办法》【待补充】「好」‘单’。", "“引用中有‘内层’引号”", "（一）"]


@pytest.mark.parametrize(("text", "marks"), UNBALANCED)
def test_unbalanced_pairs(text, marks):
    findings = [f for f in punctuation.check(parse_text(text)) if f.rule_id == "punctuation.unbalanced"]
    assert [f.text for f in findings] == marks
    assert all(f.severity == "error" and f.fix is None for f in findings)


@pytest.mark.parametrize("text", BALANCED)
def test_balanced_pairs(text):
    assert found(text, "punctuation.unbalanced") == []


def test_pairs_are_balanced_per_paragraph():
    assert len(found("开展“廉洁过节。\n\n提醒”活动。", "punctuation.unbalanced")) == 2


def test_a_hard_wrap_inside_a_quotation_is_not_a_paragraph_end():
    assert found("开展“廉洁过节\n提醒”活动。", "punctuation.unbalanced") == []
    assert found("纠治“四\n风”问题。", "punctuation.unbalanced") == []


SERIAL = [
    ("依托“三会一课”、“主题党日”开展学习", "依托“三会一课”“主题党日”开展学习"),
    ("制定《办法》、《规定》、《细则》", "制定《办法》《规定》《细则》"),
    ("纠治「四风」、「微腐败」", "纠治「四风」「微腐败」"),
]


@pytest.mark.parametrize(("text", "expected"), SERIAL)
def test_serial_comma_between_quoted_items(text, expected):
    assert {t for t, _s, _f in found(text, "punctuation.serial_comma")} == {"、"}
    assert fixed(text) == expected


@pytest.mark.parametrize("text", ["“三会一课”和主题党日、专题辅导", "亲自部署、亲自督办", "《办法》，《规定》"])
def test_ordinary_serial_commas_stay(text):
    assert found(text, "punctuation.serial_comma") == []


DOUBLED = [
    ("已全部整改到位。。", "已全部整改到位。"),
    ("坚持开短会，，讲短话", "坚持开短会，讲短话"),
    ("一是；；二是", "一是；二是"),
    ("亲自部署、、亲自督办", "亲自部署、亲自督办"),
    ("是否存在？？", "是否存在？"),
]


@pytest.mark.parametrize(("text", "expected"), DOUBLED)
def test_doubled_marks(text, expected):
    assert found(text, "punctuation.doubled")
    assert fixed(text) == expected


@pytest.mark.parametrize("text", ["会议……", "全县——", "会议。", "“三会一课”“主题党日”"])
def test_ellipsis_and_dash_are_not_doubled(text):
    assert found(text, "punctuation.doubled") == []


def test_three_full_stops_are_left_to_the_writer():
    ((text, _start, fix),) = found("问题还很多。。。", "punctuation.doubled")
    assert (text, fix) == ("。。。", None)


def test_offsets_point_into_the_whole_text():
    text = "一、标题\n　　会议86次,较上年减少16次。"
    ((mark, start, fix),) = found(text, "punctuation.half_width")
    assert (mark, text[start], fix) == (",", ",", "，")


@pytest.mark.parametrize("seed", range(6))
def test_drafters_own_drafts_are_clean(seed):
    assert punctuation.check(parse_text(draft_text(FULL, seed))) == []
