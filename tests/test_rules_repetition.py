"""The repetition rule: a clause or four-character idiom used twice in one paragraph."""

from __future__ import annotations

import pytest
from conftest import FULL, PARTIAL
from draft_texts import draft_text

import drafter
from drafter.review.rules import repetition
from drafter.review.source import parse_text


def found(text: str) -> list[tuple[str, int]]:
    """Repeats within a paragraph (the document-wide limits are tested in test_style_limits)."""
    return [(f.text, f.start) for f in repetition.check(parse_text(text)) if f.rule_id == "repetition.phrase"]


# text, repeated phrase (the finding sits at its second occurrence)
REPEATED = [
    ("坚持轻车简从，严格执行接待标准，坚持轻车简从。", "坚持轻车简从"),
    ("各负其责，齐抓共管，形成合力，各负其责。", "各负其责"),
    ("严格执行标准，做到有据可查；严格执行标准。", "严格执行标准"),
    ("县委将持之以恒推进作风建设，深化理论学习，持之以恒纠治形式主义。", "持之以恒"),  # an idiom inside clauses
    ("以上率下、层层示范，推动工作落实，以上率下抓好整改。", "以上率下"),
]

NOT_REPEATED = [
    "坚持轻车简从，严格执行接待标准，不搞层层陪同。",
    "坚持轻车简从。\n坚持轻车简从。",  # separate paragraphs
    "党员干部、群众，党员干部。",  # a generic word, not a set phrase
    "学习中央八项规定精神，落实中央八项规定精神。",
    "依托“三会一课”开展学习，把“三会一课”作为重要载体。",  # a quoted term, not phrasing
    "制定《公务接待管理办法》，修订《公务接待管理办法》。",
    "支出【待补充：公务接待费】，同比【待补充：公务接待费】。",
    "一是加强学习，二是加强监督。",  # clauses under four characters
]


@pytest.mark.parametrize(("text", "phrase"), REPEATED)
def test_repeat_is_found_at_its_second_occurrence(text, phrase):
    second = text.index(phrase, text.index(phrase) + 1)
    assert found(text) == [(phrase, second)]
    (f,) = repetition.check(parse_text(text))
    assert f.severity == "warning" and f.fix is None and f.rule_id == "repetition.phrase"
    assert phrase in f.message and "第一次" in f.message


@pytest.mark.parametrize("text", NOT_REPEATED)
def test_no_repeat(text):
    assert found(text) == []


def test_headings_are_not_checked():
    assert found("一、深化学习教育，深化学习教育\n正文。") == []


def test_a_planted_repeat_in_a_draft_is_found():
    text = drafter.draft(FULL, choices={"tasks.meetings.practice": 0}).to_text()
    sentence = "坚持开短会、讲短话，"
    assert sentence in text
    planted = text.replace(sentence, sentence + "能合并的合并召开，", 1)
    findings = repetition.check(parse_text(planted))
    assert [f.text for f in findings] == ["能合并的合并召开"]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("spec", [FULL, PARTIAL], ids=["full", "partial"])
def test_drafters_own_drafts_have_no_repeats(spec, seed):
    assert repetition.check(parse_text(draft_text(spec, seed))) == []
