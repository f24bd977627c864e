"""The claim rule: cut or success claims beside figures that say the opposite."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.review.rules import claim
from drafter.review.source import parse_text


def found(text: str) -> list[str]:
    return [f.text for f in claim.check(parse_text(text))]


WRONG = [
    ("全年召开会议51次，较上年增加11次，同比增长27.5%，会议数量明显压减。", "会议数量明显压减"),
    ("二是会议活动大幅压减。全年召开会议51次，较上年增加11次。", "二是会议活动大幅压减"),
    ("（二）违纪问题大幅减少\n全年立案41件，较上年增加7件，同比增长20.6%。", "（二）违纪问题大幅减少"),
    ("查处问题14起，较上年增加5起，违规吃喝问题得到根本遏制。", "违规吃喝问题得到根本遏制"),
    ("四、巡察问题全部清零\n发现问题286个，已整改完成251个，整改完成率87.8%。", "巡察问题全部清零"),
    ("查处问题线索86件，较上年减少20件，监督执纪力度明显加大。", "监督执纪力度明显加大"),
]


@pytest.mark.parametrize(("text", "span"), WRONG)
def test_flags(text, span):
    assert span in found(text)


RIGHT = [
    "全年召开会议51次，较上年减少11次，会议数量明显压减。",
    "会议费较上年减少2.1万元，监督执纪力度明显加大。",  # less of a cost is good beside any rise claim
    "整改完成率较上年提高5个百分点，问题得到有效遏制。",  # a rate going up is no rise in problems
    "发现问题12个，已整改完成12个，整改完成率100%，巡察问题全部清零。",
    "全年召开会议51次，较上年增加0次，会议数量明显压减。",
    "较上年减少10次，同比下降16.4%。",  # stated changes are not claims
    "下一步，将进一步压减会议数量。",
]


@pytest.mark.parametrize("text", RIGHT)
def test_clean(text):
    assert found(text) == []


@given(st.integers(1, 500), st.sampled_from(["明显压减", "大幅下降", "有效压减", "持续减少"]))
def test_any_stated_rise_contradicts_a_cut(n, word):
    assert found(f"会议较上年增加{n}次，会议数量{word}。") == [f"会议数量{word}"]


@given(st.integers(1, 500), st.sampled_from(["明显压减", "大幅下降", "有效压减", "持续减少"]))
def test_a_stated_fall_supports_a_cut(n, word):
    assert found(f"会议较上年减少{n}次，会议数量{word}。") == []
