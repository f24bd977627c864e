"""Applying safe fixes: only fixable findings, no overlaps, right to left — and never a changed figure."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafter import Finding
from drafter.review.fixing import apply_fixes
from drafter.review.rules import run_rules
from drafter.review.source import parse_text


def finding(text: str, start: int, end: int, fix: str | None, rule: str = "punctuation") -> Finding:
    return Finding(rule, "warning", "m", start, end, text[start:end], fix=fix)


def test_fixes_apply_right_to_left_with_offsets_of_the_original():
    text = "会议86次,较上年减少16次;同比下降15.7%。。"
    comma, semicolon, stops = text.index(","), text.index(";"), text.index("。。")
    fs = [finding(text, comma, comma + 1, "，"), finding(text, semicolon, semicolon + 1, "；")]
    fs.append(finding(text, stops, stops + 2, "。"))
    fixed, applied = apply_fixes(text, reversed(fs))
    assert fixed == "会议86次，较上年减少16次；同比下降15.7%。"
    assert applied == fs  # in text order


def test_findings_without_a_fix_are_not_applied():
    text = "会议****次,共计。"
    fs = [finding(text, 2, 6, None, "placeholder"), finding(text, 7, 8, "，")]
    fixed, applied = apply_fixes(text, fs)
    assert fixed == "会议****次，共计。" and applied == fs[1:]


def test_of_overlapping_fixes_the_first_wins():
    text = "发改委员会"
    first, overlapping = finding(text, 0, 3, "发展改革委"), finding(text, 1, 4, "X")
    fixed, applied = apply_fixes(text, [overlapping, first])
    assert fixed == "发展改革委员会" and applied == [first]


def test_a_removal_next_to_a_replacement_both_apply():
    text = "“三会一课”、“主题党日”,"
    fs = [finding(text, 6, 7, ""), finding(text, 13, 14, "，")]
    assert apply_fixes(text, fs)[0] == "“三会一课”“主题党日”，"


def test_a_stale_finding_is_skipped():
    text = "会议86次,较上年。"
    stale = Finding("punctuation", "warning", "m", 5, 6, ";", fix="；")  # made on another text
    out_of_range = Finding("punctuation", "warning", "m", 40, 41, ",", fix="，")
    assert apply_fixes(text, [stale, out_of_range]) == (text, [])


def test_the_rules_fixes_on_a_real_text():
    text = '依托"三会一课"、"主题党日"开展学习,全年召开会议86次,同比下降15.7%.'
    fixed, applied = apply_fixes(text, run_rules(parse_text(text)))
    assert fixed == "依托“三会一课”“主题党日”开展学习，全年召开会议86次，同比下降15.7%。"
    assert {f.rule_id for f in applied} == {"punctuation.half_width", "punctuation.serial_comma"}


UNITS = ("万元", "元", "次", "件", "人", "份", "个", "项", "平方米", "人次", "%", "％")
# a figure is its digits and its unit; a space between them (which a fix may remove) is not part of it
FIGURE = re.compile(r"\d+(?:[.,:]\d+)*(?:[ \t]*(?:" + "|".join(UNITS) + "))?")
PIECES = [
    *"会议文件支出较上年减少增加同比下降增长全年共计县委三会一课主题党日办法",
    *"0123456789",
    *",;:?!()\"'.%％、。，；：“”《》（）【】 ",
    "万元",
    "平方米",
    "人次",
    "12.5",
    "8,600",
    "9:30",
    "。。",
    "，，",
    "”、“",
    "》、《",
    "较上年同期减少",
    "同比下降",
    "发改委",
    "二十届三次全会",
    "www.gov.cn",
    "\n",
]


def figures(text: str) -> list[str]:
    return [re.sub(r"[ \t]+", "", m.group()).replace("％", "%") for m in FIGURE.finditer(text)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
@example("0 万元")  # the spacing fix joins a figure to its unit; the figure stays the same
def test_fixes_never_change_a_figure(text):
    fixed, _applied = apply_fixes(text, run_rules(parse_text(text)))
    assert figures(fixed) == figures(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_fixing_twice_changes_nothing_more_than_overlaps_left(text):
    once, applied = apply_fixes(text, run_rules(parse_text(text)))
    twice, _ = apply_fixes(once, run_rules(parse_text(once)))
    assert figures(twice) == figures(text)
    assert len(twice) <= len(once) <= len(text) + 2 * len(applied)
