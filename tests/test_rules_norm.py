"""The norm rules: every rule of phrasebank/norms.yaml against its own examples, and the loader's checks."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import yaml

from drafter.review.rules import norm
from drafter.review.rules.norm import LEVELS, NormRuleError, dated_rules, load_norms
from drafter.review.source import parse_text

RULES = load_norms()
DATED = dated_rules()
DAY = dt.date(2025, 12, 20)


def rule_ids(text: str, rules=None, day: dt.date = DAY) -> list[str]:
    src = parse_text(text)
    src.stated_date = day
    return [f.rule_id for f in norm.check(src, rules)]


def test_the_built_in_list_is_substantial_sourced_levelled_and_dated():
    assert len(RULES) >= 300
    for r in RULES:
        assert r.source.strip() and r.advice.strip(), r.id
        assert r.hits and r.misses, f"{r.id}: needs examples.hit and examples.miss"
        assert r.level in LEVELS and LEVELS[r.level] == r.severity
    assert {r.level for r in RULES} == set(LEVELS)
    assert sum(r.windows != ((None, None),) for r in RULES) >= 50


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_against_its_examples(rule):
    """Each example alone (the rule is tested by itself: another rule may keep the same span)."""
    rule_id, day = f"norm.{rule.id}", rule.example_date()
    for text in rule.hits:
        assert rule_id in rule_ids(text, (rule,), day), f"examples.hit {text!r} is not found on {day}"
    for text in rule.misses:
        assert rule_id not in rule_ids(text, (rule,), day), f"examples.miss {text!r} is found on {day}"


@pytest.mark.parametrize("rule", DATED, ids=lambda r: r.id)
def test_dated_term_against_its_examples(rule):
    """A dated term is flagged at its test date (outside its window) and never inside it."""
    from drafter.bank.years import dated_terms

    term = next(t for t in dated_terms() if f"dated.{t.id}" == rule.id)
    rule_id = f"norm.{rule.id}"
    for text in term.hits:
        assert rule_id in rule_ids(text, (rule,), term.test_at), f"{text!r} is not flagged on {term.test_at}"
        inside = term.valid_from or term.valid_until
        assert rule_id not in rule_ids(text, (rule,), inside), f"{text!r} is flagged on {inside}, inside its window"
    for text in term.misses:
        assert rule.regex.search(text) is None, f"examples.miss {text!r} matches"


def test_windows_follow_the_documents_date():
    text = "做好新冠肺炎疫情防控工作。"
    assert "norm.covid_pneumonia_renamed" not in rule_ids(text, day=dt.date(2020, 12, 20))
    assert "norm.covid_pneumonia_renamed" in rule_ids(text, day=dt.date(2023, 12, 20))


def test_titles_and_quotations_are_exempt():
    title = "印发《关于持续解决困扰基层的形式主义问题为决胜全面建成小康社会提供坚强作风保证的通知》。"
    assert rule_ids(title) == []
    assert rule_ids("提出“决胜全面建成小康社会”的要求。") == []
    assert rule_ids("为决胜全面建成小康社会提供保证。")


def test_the_date_comes_from_the_signature_then_the_title():
    src = parse_text("2020年工作总结\n一、做法\n正文。\n中共某县委\n2021年1月8日\n")
    assert src.date == dt.date(2021, 1, 8)
    assert parse_text("二〇二四年工作总结\n落款\n二〇二五年一月十二日").date == dt.date(2025, 1, 12)
    assert parse_text("2020年工作总结\n一、做法\n正文。").date == dt.date(2020, 12, 31)
    assert parse_text("正文。").date == dt.date.today()


def test_findings_carry_level_and_source():
    src = parse_text("以习近平同志为中心的党中央")
    src.stated_date = DAY
    (f,) = [f for f in norm.check(src) if f.rule_id == "norm.core_center_wrong_word"]
    assert f.level == "错误" and f.source and f.to_dict(src)["level"] == "错误"


def write_rules(tmp_path, rules) -> str:
    path = tmp_path / "norms.yaml"
    path.write_text(yaml.safe_dump({"rules": rules}, allow_unicode=True), encoding="utf-8")
    return str(path)


def rule(**over):
    base = {
        "id": "plenary",
        "kind": "regex",
        "pattern": r"(二十)届([一二三])次全会",
        "suggestion": r"\1届\2中全会",
        "advice": "写「N届N中全会」。",
        "severity": "error",
        "source": "规范表述",
        "safe": True,
        "examples": {"hit": ["二十届三次全会"], "miss": ["二十届三中全会"]},
    }
    base.update(over)
    return {k: v for k, v in base.items() if v is not None}


def test_finding_of_a_safe_regex_rule(tmp_path):
    rules = load_norms(write_rules(tmp_path, [rule()]))
    text = "学习党的二十届三次全会精神。"
    (f,) = norm.check(parse_text(text), rules)
    assert (f.rule, f.rule_id, f.severity, f.text) == ("norm", "norm.plenary", "error", "二十届三次全会")
    assert text[f.start : f.end] == f.text
    assert f.suggest == f.fix == "二十届三中全会"
    assert "N届N中全会" in f.message


def test_unsafe_rule_suggests_without_fixing(tmp_path):
    rules = load_norms(write_rules(tmp_path, [rule(safe=None)]))
    (f,) = norm.check(parse_text("二十届三次全会"), rules)
    assert f.suggest == "二十届三中全会" and f.fix is None


def test_rule_without_suggestion_gives_its_advice(tmp_path):
    lit = rule(id="old", kind="literal", pattern="决胜全面建成小康社会", suggestion=None, safe=None, severity="warning")
    rules = load_norms(write_rules(tmp_path, [lit]))
    (f,) = norm.check(parse_text("为决胜全面建成小康社会提供保障"), rules)
    assert (f.suggest, f.fix, f.severity) == ("写「N届N中全会」。", None, "warning")


def test_literal_rule_finds_every_occurrence(tmp_path):
    lit = rule(id="ndrc", kind="literal", pattern="发改委", suggestion="发展改革委")
    rules = load_norms(write_rules(tmp_path, [lit]))
    assert rule_ids("国家发改委、省发改委", rules) == ["norm.ndrc", "norm.ndrc"]
    assert rule_ids("国家发展改革委", rules) == []


# a broken rule file -> words the error must contain
BROKEN = [
    ([rule(), rule()], "'plenary': duplicate id"),
    ([rule(pattern="(未闭合")], "'plenary': pattern does not compile"),
    ([rule(kind="glob")], "'plenary': kind 'glob'"),
    ([rule(severity="fatal")], "'plenary': severity 'fatal'"),
    ([rule(severity=None)], "'plenary': missing or empty: level"),
    ([rule(level="严重")], "'plenary': level '严重'"),
    ([rule(level="提示")], "'plenary': level 提示 and severity error disagree"),
    ([rule(valid_from="2025-13-01")], "'plenary': valid_from/valid_until"),
    ([rule(source=None)], "'plenary': missing or empty: source"),
    ([rule(safe="yes")], "'plenary': safe must be true or false"),
    ([rule(suggestion=None)], "'plenary': safe: true needs a suggestion"),
    ([rule(suggestion=r"\3中全会")], "'plenary': suggestion"),
    ([rule(note="x")], "'plenary': unknown keys ['note']"),
    ([rule(examples={"hit": "二十届三次全会"})], "'plenary': examples.hit must be a list"),
    ([rule(id="全会")], "rules[0].id"),
    (["not a mapping"], "rules[0] is not a mapping"),
]


@pytest.mark.parametrize(("rules", "words"), BROKEN)
def test_broken_rule_file_is_reported_with_the_rule(tmp_path, rules, words):
    path = write_rules(tmp_path, rules)
    with pytest.raises(NormRuleError) as exc:
        load_norms(path)
    assert words in str(exc.value) and path in str(exc.value)


@pytest.mark.parametrize(("content", "words"), [("rules: [", "not valid YAML"), ("- a\n- b\n", "a 'rules' list")])
def test_unreadable_rule_file(tmp_path, content, words):
    path = tmp_path / "norms.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NormRuleError, match=words):
        load_norms(path)


def test_missing_rule_file(tmp_path):
    with pytest.raises(NormRuleError, match="file not found"):
        load_norms(tmp_path / "nope.yaml")


def test_loading_is_cached_until_the_file_changes(tmp_path):
    path = write_rules(tmp_path, [rule()])
    assert load_norms(path) is load_norms(path)
    write_rules(tmp_path, [rule(id="other")])
    os.utime(path, (1, 1))  # a different mtime even on coarse file systems
    assert [r.id for r in load_norms(path)] == ["other"]
