"""The placeholder rules: 【待补充…】, masked figures, XX / 某某 stand-ins — and what is not one."""

from __future__ import annotations

import pytest
from conftest import FULL, PARTIAL
from draft_texts import draft_text

from drafter.review.rules import placeholder
from drafter.review.source import parse_text


def found(text: str) -> list[tuple[str, str]]:
    return [(f.rule_id, f.text) for f in placeholder.check(parse_text(text))]


# text, rule id, flagged text
POSITIVE = [
    ("全年召开会议【待补充：会议次数】。", "placeholder.todo", "【待补充：会议次数】"),
    ("公务接待费【待补充】。", "placeholder.todo", "【待补充】"),
    ("支出【待补充:公务接待费】。", "placeholder.todo", "【待补充:公务接待费】"),
    ("全年召开会议****次。", "placeholder.masked", "****"),
    ("“三公”经费支出****万元。", "placeholder.masked", "****"),
    ("编发简报＊＊期。", "placeholder.masked", "＊＊"),
    ("同比下降****%。", "placeholder.masked", "****"),
    ("召开会议8**次。", "placeholder.masked", "8**"),
    ("召开会议**次。", "placeholder.masked", "**"),
    ("腾退用房***平方米。", "placeholder.masked", "***"),
    ("XX县2025年工作总结", "placeholder.stand_in", "XX"),
    ("全年召开会议XX次。", "placeholder.stand_in", "XX"),
    ("××镇党委高度重视。", "placeholder.stand_in", "××"),
    ("由xx同志负责。", "placeholder.stand_in", "xx"),
    ("ＸＸ局认真落实。", "placeholder.stand_in", "ＸＸ"),
    ("20XX年以来，全县上下。", "placeholder.stand_in", "20XX"),
    ("约谈提醒XXX人。", "placeholder.stand_in", "XXX"),
    ("某某同志带队检查。", "placeholder.stand_in", "某某"),
    ("由某某负责牵头。", "placeholder.stand_in", "某某"),
    ("报某某县委审定。", "placeholder.stand_in", "某某"),
    ("经某同志审核同意。", "placeholder.stand_in", "某同志"),
]

NEGATIVE = [
    "某些单位仍有差距。",
    "在某种程度上影响了效果。",
    "某一方面的问题。",
    "通报曝光县水利局原局长王某某违规收受礼品问题。",
    "对张某同志进行诫勉谈话。",
    "全年召开会议**86**次。",  # Markdown bold around a figure
    "**一是**加强理论学习。",
    "***",
    "* * *",
    "详见www.xx.com或xx@gov.cn。",
    "采购XXL号工作服。",
    "表中 XX 列填写名称。",
    "按3×4米规格设置展板。",
    "全年召开会议86次，同比下降15.7%。",
]


@pytest.mark.parametrize(("text", "rule_id", "flagged"), POSITIVE)
def test_placeholder_found(text, rule_id, flagged):
    assert (rule_id, flagged) in found(text)


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_a_placeholder(text):
    assert found(text) == []


def test_offsets_and_severity():
    text = "一、工作开展情况\n　　全年召开会议****次，发文【待补充：发文份数】。"
    src = parse_text(text)
    findings = placeholder.check(src)
    assert [src.text[f.start : f.end] for f in findings] == ["****", "【待补充：发文份数】"]
    assert {f.severity for f in findings} == {"error"}
    assert all(f.fix is None for f in findings)  # a missing figure can't be filled in mechanically


def test_suggest_names_what_to_fill():
    (todo,) = placeholder.check(parse_text("召开会议【待补充：会议次数】。"))
    assert todo.suggest == "填写会议次数"
    (mask,) = placeholder.check(parse_text("支出****万元。"))
    assert mask.suggest == "填写实际数字"


def test_masks_between_two_units_are_two_masks():
    assert found("召开会议**次，发文**份。") == [("placeholder.masked", "**"), ("placeholder.masked", "**")]


def test_every_missing_figure_of_a_partial_draft_is_flagged():
    text = draft_text(PARTIAL, 0)
    findings = placeholder.check(parse_text(text))
    assert len(findings) == text.count("【待补充") > 0
    assert {f.rule_id for f in findings} == {"placeholder.todo"}


@pytest.mark.parametrize("seed", range(6))
def test_a_complete_draft_has_no_placeholder(seed):
    assert placeholder.check(parse_text(draft_text(FULL, seed))) == []
