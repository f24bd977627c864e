"""Long titles break between words, in a balanced shape, never inside a fixed term (GB/T 9704-2012 7.3.3)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.word.profiles import GBT9704, WINDOWS, Profile
from drafter.zh.title_lines import FIXED_TERMS, break_title, text_width

CAPACITY = GBT9704.title_chars_per_line
TITLES = {  # each kind's title pattern, as kind.yaml renders it
    "eight-point": "{org}{year}年贯彻落实中央八项规定精神情况工作总结",
    "discipline-summary": "{org}{year}年党风廉政建设工作总结",
    "self-inspection": "{org}{year}年度落实中央八项规定精神情况自查报告",
}
# Organisation names: a place and an office, 2–20 characters, the way titles name them.
PLACES = st.text(alphabet="青山河东西南北阳平安新城云江湖", min_size=1, max_size=8)
SUFFIXES = st.sampled_from(
    ["县", "市", "镇", "县自然资源局", "县财政局", "中学", "县委办公室", "市交通运输局", "有限公司"]
)
ORGS = st.builds(lambda p, s: (p + s)[:20], PLACES, SUFFIXES).filter(lambda o: 2 <= len(o) <= 20)
YEARS = st.integers(1990, 2100)


def test_the_profile_gives_the_capacity_from_page_width_and_title_size():
    # 156 mm of type area holds 20 characters of 22 pt (2号).
    assert GBT9704.title_chars_per_line == 20
    assert WINDOWS.title_chars_per_line == 20
    assert Profile(title_size_pt=26).title_chars_per_line == 17  # 一号 holds fewer


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("青山县2025年贯彻落实中央八项规定精神情况工作总结", ["青山县2025年贯彻落实", "中央八项规定精神情况工作总结"]),
        (
            "青山县自然资源局2025年度落实中央八项规定精神情况自查报告",
            ["青山县自然资源局2025年度落实", "中央八项规定精神情况自查报告"],
        ),
        ("青山县2025年党风廉政建设工作总结", ["青山县2025年党风廉政建设工作总结"]),
        ("中共青山县委员会办公室2025年党风廉政建设工作总结", ["中共青山县委员会办公室", "2025年党风廉政建设工作总结"]),
    ],
)
@pytest.mark.parametrize("use_jieba", [True, False])
def test_the_examples_break_as_a_person_would(title, lines, use_jieba):
    assert list(break_title(title, CAPACITY, use_jieba=use_jieba).lines) == lines


def test_a_line_never_ends_on_a_conjunction_nor_starts_with_punctuation():
    title = "关于青山县2025年“三公”经费使用管理和公务接待专项整治工作开展情况的报告"
    lines = break_title(title, CAPACITY).lines
    assert "".join(lines) == title and len(lines) == 2
    assert not lines[0].endswith(("和", "的")) and "“三公”经费" in lines[0] + "|" + lines[1]


def test_three_lines_make_a_diamond():
    title = "青山县人民政府办公室关于2025年度深入贯彻中央八项规定精神学习教育查摆问题整改落实情况的报告"
    b = break_title(title, CAPACITY)
    assert len(b.lines) == 3 and "".join(b.lines) == title
    assert b.widths[1] >= max(b.widths[0], b.widths[2]) - 2  # the middle line is (about) the widest
    assert all(w <= CAPACITY for w in b.widths)


def _check(title: str, org: str, year: int, use_jieba: bool) -> None:
    b = break_title(title, CAPACITY, use_jieba=use_jieba)
    assert "".join(b.lines) == title
    assert all(w <= CAPACITY for w in b.widths)
    fewest = -(-int(2 * text_width(title)) // int(2 * CAPACITY))
    assert len(b.lines) <= fewest + 1  # no more lines than the words force
    for term in [org, f"{year}年", *FIXED_TERMS]:
        if term in title:
            assert any(term in line for line in b.lines), (term, b.lines)
    if len(b.lines) == 2:
        # Balanced: the lines differ by no more than the widest unbreakable piece allows.
        widest = max(text_width(org), 8)
        assert abs(b.widths[0] - b.widths[1]) <= widest + 2, b.lines


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(sorted(TITLES)), org=ORGS, year=YEARS, use_jieba=st.booleans())
def test_titles_of_every_kind_and_length_break_whole_and_balanced(kind, org, year, use_jieba):
    _check(TITLES[kind].format(org=org, year=year), org, year, use_jieba)


@settings(max_examples=60, deadline=None)
@given(title=st.text(min_size=1, max_size=80), capacity=st.integers(1, 30))
def test_any_text_keeps_every_character_and_fits_where_it_can(title, capacity):
    b = break_title(title, capacity)
    assert "".join(b.lines) == title.strip()
    if len(b.lines) > 1:
        assert all(w <= capacity for w in b.widths)
