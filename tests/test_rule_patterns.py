"""Rule patterns run over the lines holding their trigger literals give exactly the whole text's matches."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.review.rules import patterns
from drafter.review.rules.norm import dated_rules, load_norms
from drafter.review.rules.patterns import LazyPattern, SpanIndex, alternative_literals, line_bound
from drafter.review.rules.typo import load_typos

PATTERNS = [r.regex for r in (*load_norms(), *dated_rules())] + [t.regex for t in load_typos()]
FILLER = "，。、；：“”《》（）,.-/0123456789年月日的和与\n"


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def by_line():
    """Lines holding a trigger are scanned one by one however often the triggers occur (short texts too)."""
    return mock.patch.object(patterns, "_LINE_COST", 0)


@pytest.mark.parametrize(
    ("pattern", "bound"),
    [
        (r"(?<![原前])农业局(?!长)", True),
        (r"a.b", True),
        (r"[^\n]x", True),
        (r"\d{1,3}(?:,\d{3})+", True),
        (r"a[^b]c", False),  # [^b] reads a line break
        (r"a\sb", False),
        (r"ab$", False),
        (r"(?s:a.b)", False),
        (r"(?m)^ab", False),
        (r"a(?=[^，]{2})", False),  # a look-ahead past the line end
    ],
)
def test_line_bound(pattern: str, bound: bool):
    assert line_bound(pattern) is bound


def test_a_pattern_that_reads_a_line_break_still_matches_across_lines():
    text = "甲乙\n丙a\nc丁"
    with by_line():
        assert spans(LazyPattern("a[^b]c", "a").finditer(text)) == [(4, 7)]
    assert spans(LazyPattern("a[^b]c", "a").finditer(text)) == [(4, 7)]
    assert spans(LazyPattern(r"a\sc").finditer(text)) == [(4, 7)]


def test_look_behinds_see_the_previous_line():
    pattern = LazyPattern(r"(?<!\n)农业局", "农业局")
    with by_line():
        assert spans(pattern.finditer("甲\n农业局，乙农业局")) == [(7, 10)]


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        ("质检总局|国家质量监督检验检疫总局", ("质检总局", "国家质量监督检验检疫总局")),
        ("(?<![原前])(?:(?<!银)保监会|银监会)", ("保监会", "银监会")),
        (r"\d(?:,\d{3})+", (",",)),
        ("[卓踔]励奋发|卓厉奋发", ("励奋发", "卓厉奋发")),
        (r"a|b*", None),  # b* may match nothing
        (r"(?:甲)?乙|丙?", None),
    ],
)
def test_alternative_literals(pattern: str, literals):
    assert alternative_literals(pattern) == literals


@st.composite
def text_for(draw, lazy: LazyPattern) -> str:
    """Text built from the pattern's own characters, its trigger literals, line breaks and common marks."""
    own = [ch for ch in lazy.pattern if ch.isalnum() or ch in "，。、“”《》-,./"]
    pieces = list(lazy._triggers() or ()) + own + list(FILLER)
    return "".join(draw(st.lists(st.sampled_from(pieces), max_size=60)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_rule_finds_by_line_what_it_finds_in_the_whole_text(data):
    lazy = data.draw(st.sampled_from(PATTERNS))
    text = data.draw(text_for(lazy))
    with by_line():
        assert spans(lazy.finditer(text)) == spans(re.compile(lazy.pattern).finditer(text)), lazy.pattern


def test_every_rule_finds_its_own_examples_by_line():
    """Examples joined on lines with others around them: the same matches as a scan of the whole text."""
    rules = [*load_norms(), *load_typos()]
    text = "\n".join(f"甲{h}乙" for r in rules for h in r.hits)
    for r in rules:
        with by_line():
            assert spans(r.regex.finditer(text)) == spans(re.compile(r.regex.pattern).finditer(text)), r.id


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50))), st.integers(0, 50), st.integers(0, 50))
def test_span_index_answers_as_a_scan_of_every_span(raw, a, b):
    spans_ = [(min(x, y), max(x, y)) for x, y in raw]
    index = SpanIndex(spans_)
    assert index.holds(a, b) == any(x <= a and b <= y for x, y in spans_)
    assert index.holds(a, b, strict=True) == any(x < a and b < y for x, y in spans_)
