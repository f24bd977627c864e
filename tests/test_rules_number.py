"""The number rules: comparisons recomputed from their own figures, and mixed % / ％."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import FULL
from draft_texts import draft_text
from hypothesis import given
from hypothesis import strategies as st

from drafter.review.rules import number
from drafter.review.source import parse_text
from drafter.zh.numbers import compare, format_amount


def found(text: str) -> list[tuple[str, str, str | None]]:
    return [(f.rule_id, f.text, f.suggest) for f in number.check(parse_text(text))]


# text, rule id, flagged text, suggested wording
WRONG = [
    # this year and the difference: last year = 86 + 16 = 102, 16 / 102 = 15.7%
    ("全年共召开会议86次，较上年同期减少16次，同比下降17.7%。", "number.percent", "下降17.7%", "下降15.7%"),
    ("全年共召开会议86次，较上年同期减少16次，同比下降15%。", "number.percent", "下降15%", "下降15.7%"),
    ("全年共召开会议86次，较上年同期减少16次，同比增长15.7%。", "number.direction", "增长15.7%", "下降15.7%"),
    ("全年召开会议72次，较上年减少18次，同比下降25%。", "number.percent", "下降25%", "下降20.0%"),
    ("立案查处9件11人，较上年减少3件，同比下降30%。", "number.percent", "下降30%", "下降25.0%"),
    ("支出1000万元，较上年同期减少5万元，同比下降不足0.1%。", "number.percent", "下降不足0.1%", "下降0.5%"),
    ("专项检查6次，较上年增加1次，增幅25%。", "number.percent", "增幅25%", "增幅20.0%"),
    ("专项检查6次，较上年增加8次，同比增长50%。", "number.difference", "增加8次", "核对本年数和增加数"),
    # both years stated
    ("会议86次，比上年的102次减少18次。", "number.difference", "减少18次", "减少16次"),
    ("全年共召开会议86次，上年同期为102次，增加16次。", "number.direction", "增加16次", "减少16次"),
    ("发文108份，上年同期为96份，同比下降12.5%。", "number.direction", "下降12.5%", "增长12.5%"),
    ("会议86次，上年同期为80次，与上年持平。", "number.direction", "与上年持平", "较上年同期增加6次，同比增长7.5%"),
    ("会议86次，上年为0次，增长100%。", "number.percent", "增长100%", "增长86次"),
    ("支出356.8万元，上年为401.25万元，减少44.55万元。", "number.difference", "减少44.55万元", "减少44.45万元"),
    # from … to …
    ("会议数量由上年的102次减少到86次，下降15%。", "number.percent", "下降15%", "下降15.7%"),
    ("会议数量由102次增加到86次。", "number.direction", "增加到86次", "减少到86次"),
    ("会议数量由原来的102次减少到86次，减少18次。", "number.difference", "减少18次", "减少16次"),
    ("会议由102次降至86次，降幅25%。", "number.percent", "降幅25%", "降幅15.7%"),
    # full-width digits read like ASCII ones
    ("会议８６次，较上年减少１６次，同比下降１７．７%。", "number.percent", "下降１７．７%", "下降15.7%"),
]

RIGHT = [
    "全年共召开会议86次，较上年同期减少16次，同比下降15.7%。",
    "全年实际支出812.4万元，较上年同期减少92.7万元，同比下降10.2%，各项支出全部纳入预算管理。",
    "全年以县委名义发文214份，较上年同期减少37份，同比下降14.7%；编印各类简报36期，同比下降25%。",
    "立案查处9件11人，较上年减少3件，同比下降25%。",
    "支出1000万元，较上年同期减少0.04万元，同比下降不足0.1%。",
    "会议86次，上年同期为86次，与上年持平。",
    "会议数量由上年的102次减少到86次，下降15.7%。",
    "会议数量由102次减少到86次，减少16次，下降16%。",  # a percentage rounded to a whole number
    "支出356.8万元，上年为401.25万元，减少44.5万元。",  # a difference rounded to fewer places
    "专项检查6次，较上年增加1次，增幅20%。",
    "专项检查6次，较上年增加1次，同比增长约20%。",
    "信访举报47件，较上年减少11件，同比下降19%。",
    "立案12件，较上年增加3件，同比增长33.3%。",
    "支出812.4万元，较上年减少92.7万元，同比下降超过10%。",
    # nothing to recompute, or not a comparison
    "公车运行维护费356.8万元，同比下降11.1%。",
    "会议86次，其中视频会议20次，较上年减少16次，同比下降15.7%。",  # which figure fell is ambiguous
    "支出812.4万元，较上年减少927000元，同比下降50%。",  # 万元 and 元 are not compared
    "参考率达100%，占比35%，第3次全会。",
    "优良率较上年提高2.3个百分点，达到86次。",
    "对村（社区）的检查事项由17项整合为8项。",
    "全年召开会议【待补充：会议次数】，较上年同期减少16次，同比下降15.7%。",
]


@pytest.mark.parametrize(("text", "rule_id", "flagged", "suggest"), WRONG)
def test_comparison_that_does_not_add_up(text, rule_id, flagged, suggest):
    findings = found(text)
    assert (rule_id, flagged, suggest) in findings, findings
    assert all(f.severity == "error" for f in number.check(parse_text(text)) if f.rule_id != "number.full_width")


@pytest.mark.parametrize("text", RIGHT)
def test_comparison_that_adds_up(text):
    assert found(text) == []


def test_message_gives_the_recomputed_value():
    (f,) = number.check(parse_text("全年共召开会议86次，较上年同期减少16次，同比下降17.7%。"))
    assert "上年102次" in f.message and "15.7%" in f.message
    assert f.fix is None  # the writer decides which figure is wrong


def test_each_wrong_claim_is_its_own_finding():
    text = "会议86次，上年同期为102次，增加18次，同比增长20%。"
    assert [r for r, _t, _s in found(text)] == ["number.direction", "number.direction"]


@pytest.mark.parametrize("seed", range(6))
def test_drafters_own_drafts_have_no_number_findings(seed):
    assert number.check(parse_text(draft_text(FULL, seed))) == []


amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)


@given(current=amounts, previous=amounts)
def test_drafters_comparison_wording_always_adds_up(current, previous):
    cmp = compare(current, previous, "万元")
    figure = format_amount(current) + "万元"
    text = f"全年支出{figure}，{cmp.change_text}，经费管理更加规范。公务接待费{figure}，{cmp.yoy_text}。"
    assert found(text) == []


@given(current=st.integers(1, 5000), previous=st.integers(1, 5000), slip=st.sampled_from(["0.6", "1", "-2.5"]))
def test_a_percentage_off_by_more_than_rounding_is_caught(current, previous, slip):
    cmp = compare(current, previous, "次", places=0)
    if cmp.direction == "flat":
        return
    wrong = cmp.percent + Decimal(slip)
    if wrong <= 0:
        return
    verb = "减少" if cmp.direction == "decrease" else "增加"
    pct_verb = "下降" if cmp.direction == "decrease" else "增长"
    text = f"召开会议{current}次，较上年{verb}{cmp.difference}次，同比{pct_verb}{format_amount(wrong, 1)}%。"
    assert [r for r, _t, _s in found(text)] == ["number.percent"]


# mixed percent signs
def test_mixed_percent_signs_are_fixed_to_the_majority():
    text = "会议同比下降15.7%，文件同比下降14.7%。\n简报同比下降25％。"
    src = parse_text(text)
    (f,) = number.check(src)
    assert (f.rule_id, f.severity, f.text, f.fix) == ("number.percent_sign", "warning", "％", "%")
    assert src.text[f.start : f.end] == "％" and f.start == text.index("％")


def test_full_width_majority_wins():
    findings = number.check(parse_text("下降15.7％，下降14.7％，增长3%。"))
    assert [(f.text, f.fix) for f in findings] == [("%", "％")]


def test_a_tie_goes_to_the_half_width_sign():
    findings = number.check(parse_text("下降15.7％，增长3%。"))
    assert [(f.text, f.fix) for f in findings] == [("％", "%")]


@pytest.mark.parametrize("text", ["下降15.7%，增长3%。", "下降15.7％，增长3％。", "没有百分数。"])
def test_one_percent_sign_throughout_is_fine(text):
    assert found(text) == []


# Sums, rates, zero changes, spacing and full-width digits (rules/sums.py)
SUMS_WRONG = [
    ("“三公”经费合计31.23万元，其中：公务接待费1.58万元，车辆运行费28.91万元，因公出国（境）费0万元。",
     "number.sum", "合计31.23万元"),
    ("共下基层调研326次，其中市委常委187次、其他市级领导121次。", "number.sum", "共下基层调研326次"),
    ("处理412人次，其中第一种形态318人次、第二种形态61人次、第三种形态14人次、第四种形态9人次。",
     "number.sum", "412人次"),
    ("给予党纪政务处分52人，其中乡科级干部9人、村（社区）干部58人。", "number.part", "村（社区）干部58人"),
    ("经费合计3.5万元，其中接待费52000元。", "number.part", "其中接待费52000元"),
    ("发现问题412个，已整改完成389个，整改完成率为95.6%。", "number.rate", "整改完成率为95.6%"),
    ("发文43份，较上年同期增加0份。", "number.zero_change", "较上年同期增加0份"),
    ("公务接待费5.31万元，较上年减少0.20 万元，下降3.63 %。", "number.spacing", "0.20 万元"),
    ("公务接待费5.31万元，较上年减少0.20 万元，下降3.63 %。", "number.spacing", "3.63 %"),
    ("召开会议８次。", "number.full_width", "８"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "rule_id", "flagged"), SUMS_WRONG)
def test_sums_and_forms(text, rule_id, flagged):
    assert rule_id in [r for r, t, _ in found(text) if t == flagged], found(text)


SUMS_RIGHT = [
    "调整腾退办公用房1240平方米，其中县直单位860平方米、乡镇380平方米。",
    "处理16人，其中给予党纪政务处分9人。",
    "查处问题12起，其中违规吃喝问题5起、违规收送礼品3起。",  # a partial list without 合计
    "发现问题412个，已整改完成389个，整改完成率为94.4%。",
    "会议86次，较上年减少16次，同比下降15.7%。",
]


@pytest.mark.parametrize("text", SUMS_RIGHT)
def test_sums_clean(text):
    assert found(text) == []


def test_spaced_figures_are_checked_as_written_without_spaces():
    # 0.20 / 5.51 = 3.63%: the spaced comparison is read and found right
    assert [r for r, *_ in found("公务接待费5.31万元，较上年减少0.20 万元， 下降3.63 %。")] == ["number.spacing"] * 2
    assert ("number.percent", "下降3.60%", "下降3.63%") in found("公务接待费5.31万元，较上年减少0.20万元，下降3.60%。")


def test_percent_message_never_contradicts_itself():
    msg = next(f.message for f in number.check(parse_text("公务接待费5.31万元，较上年减少0.20万元，下降3.60%。")))
    assert "变动3.63%，不是3.60%" in msg


@given(st.lists(st.integers(1, 999), min_size=2, max_size=5), st.integers(1, 50))
def test_parts_that_miss_their_total_by_a_unit_or_more_are_flagged(parts, off):
    total = sum(parts) + off
    text = f"合计{total}次，其中" + "、".join(f"第{i + 1}类{n}次" for i, n in enumerate(parts)) + "。"
    assert "number.sum" in [r for r, *_ in found(text)]
    exact = f"合计{sum(parts)}次，其中" + "、".join(f"第{i + 1}类{n}次" for i, n in enumerate(parts)) + "。"
    assert found(exact) == []
