"""Real-world text: hard wraps and page numbers from PDF copies, traditional script, pinyin, placeholders, year data."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.bank.years import dated_terms, events, year_facts
from drafter.review.rules import placeholder, realworld, script
from drafter.review.rules.script import TRADITIONAL
from drafter.review.source import parse_text

PDF = "三、强化监督\n二是抓实日常监督，采取\n- 3 -\n“四不两直”方式开展明察\n暗访9轮次。\n42025年全县查处问题11起。\n"


def test_hard_wraps_join_and_page_lines_drop_with_offsets_into_the_original():
    src = parse_text(PDF)
    view, index = src.view()
    assert "采取“四不两直”方式开展明察暗访9轮次。" in view and "- 3 -" not in view
    assert all(src.text[index[i]] == ch for i, ch in enumerate(view))
    body = [src.para_text(p) for p in src.paragraphs if p.role == "body"]
    assert body[0].startswith("二是") and body[0].endswith("暗访9轮次。")


def test_headings_titles_and_sentence_ends_are_not_joined():
    src = parse_text("某县2025年工作总结\n一、主要做法\n县委坚持从严。\n二、存在问题\n")
    assert [p.role for p in src.paragraphs] == ["title", "heading", "body", "heading"]


@given(st.lists(st.text(alphabet="规定精神“”《》。，四风\n- 3", min_size=1, max_size=30), max_size=6))
def test_the_view_always_maps_back(parts):
    text = "\n".join(parts)
    src = parse_text(text)
    view, index = src.view()
    assert len(index) == len(view) + 1
    assert all(src.text[index[i]] == ch for i, ch in enumerate(view))
    assert index == sorted(index)


def test_page_lines_and_glued_page_numbers_are_reported():
    found = {(f.rule_id, f.text) for f in realworld.check(parse_text(PDF))}
    assert found == {("realworld.page_number", "- 3 -"), ("realworld.glued_page_number", "42025年")}
    for line in ("— 4 —", "—2—", "第3页", "第 3 页 共 9 页"):
        assert realworld.check(parse_text(f"正文。\n{line}\n正文。")), line
    assert realworld.check(parse_text("正文。\n2025年全县查处问题。")) == []


def test_traditional_runs_and_pinyin():
    text = "一是严格执法。二是持續開展明察暗訪，發現問題7個。三是执行清单zhidu制度，使用APP和wifi。"
    found = [(f.rule_id, f.text) for f in script.check(parse_text(text))]
    assert found == [("script.traditional", "二是持續開展明察暗訪，發現問題7個。"), ("script.pinyin", "zhidu")]
    assert script.check(parse_text("严格执行公务接待制度，发现问题7个。")) == []


def test_one_traditional_character_in_simplified_text_is_reported_alone():
    text = "对接待清单逐项核對，发现问题3个。二是持續開展明察暗訪。"
    found = [(f.rule_id, f.text) for f in script.check(parse_text(text))]
    assert found == [("script.traditional", "二是持續開展明察暗訪。"), ("script.traditional_char", "對")]
    assert script.check(parse_text("对接待清单逐项核对，发现问题3个。")) == []


def test_the_traditional_table_holds_no_simplified_character():
    simplified = [c for c in TRADITIONAL if _gb2312(c)]
    assert simplified == []


def _gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("全年开展监督检查\nXX 次，发现问题。", "XX"),
        ("开展会前学习X 次。", "X 次"),
        ("接待检查X次。", "X次"),
        ("印发《办法》（x办发〔20××〕28号）。", "x办发〔20××〕28号"),
        ("共计*元。", "*"),
        ("共计******元。", "******"),
    ],
)
def test_placeholder_spellings(text, span):
    assert span in [f.text for f in placeholder.check(parse_text(text))]


@pytest.mark.parametrize("text", ["表中 XX 列填写名称。", "拍摄X光片。", "GB/T 9704—2012", "3×4米的展板。"])
def test_not_placeholders(text):
    assert placeholder.check(parse_text(text)) == []


def test_year_data_loader():
    ev = events()
    assert ev["cpc20_3"].name == "二十届三中全会" and ev["cpc20_3"].start == dt.date(2024, 7, 15)
    facts = year_facts(2025)
    assert facts.congress.id == "cpc20" and [p.id for p in facts.plenaries] == ["cpc20_3", "cpc20_4"]
    assert facts.campaign_text == "深入贯彻中央八项规定精神学习教育"
    terms = {t.id: t for t in dated_terms()}
    covid = terms["covid_pneumonia"]
    assert covid.valid_on(dt.date(2021, 6, 1)) and not covid.valid_on(dt.date(2023, 1, 1))
    assert terms["three_stricts_current"].valid_until == dt.date(2016, 2, 29)  # a month-only end: its last day
