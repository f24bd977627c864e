"""The typo lexicon: every entry against its own examples, context conditions, and the loader's checks."""

from __future__ import annotations

import pytest
import yaml

from drafter.errors import NormRuleError
from drafter.review.fixing import apply_fixes
from drafter.review.rules import typo
from drafter.review.rules.typo import load_typos
from drafter.review.source import parse_text

ENTRIES = load_typos()


def found(text: str, entries=None) -> list[str]:
    return [f.rule_id for f in typo.check(parse_text(text), entries)]


def test_the_lexicon_is_large_and_documented():
    assert len(ENTRIES) >= 200
    assert sum(bool(e.unless) for e in ENTRIES) >= 5
    for e in ENTRIES:
        assert e.note.strip() and e.hits and e.misses, e.id
        assert not e.safe or e.level == "错误", e.id


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_entry_against_its_examples(entry):
    rule_id = f"typo.{entry.id}"
    for text in entry.hits:
        assert rule_id in found(text, (entry,)), f"examples.hit {text!r} is not found"
    for text in entry.misses:
        assert rule_id not in found(text, (entry,)), f"examples.miss {text!r} is found"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.safe], ids=lambda e: e.id)
def test_safe_fixes_remove_the_problem(entry):
    for text in entry.hits:
        fixed, applied = apply_fixes(text, typo.check(parse_text(text), (entry,)))
        assert applied and f"typo.{entry.id}" not in found(fixed, (entry,)), (text, fixed)


def test_the_issues_typos_are_found():
    for text in ("建全制度", "党员配戴党徽", "大力倡导勤俭节省", "既使是", "必竟", "上级布署"):
        assert found(text), text


def test_titles_are_exempt():
    text = "印发《关于建全制度的通知》。"
    assert found(text) == []


def write(tmp_path, entries) -> str:
    path = tmp_path / "typos.yaml"
    path.write_text(yaml.safe_dump({"typos": entries}, allow_unicode=True), encoding="utf-8")
    return str(path)


GOOD = {"id": "x", "wrong": "建全", "right": "健全", "note": "n", "level": "错误", "examples": {"hit": ["建全"]}}


@pytest.mark.parametrize(
    ("over", "words"),
    [
        ({"pattern": "a"}, "exactly one of wrong / pattern"),
        ({"level": "严重"}, "level '严重'"),
        ({"level": "疑似", "safe": True}, "true only on level 错误"),
        ({"unless": "x"}, "unless must be a list"),
        ({"unless": ["(未闭合"]}, "does not compile"),
        ({"note": ""}, "missing or empty: note"),
        ({"extra": 1}, "unknown keys"),
    ],
)
def test_broken_entries_are_named(tmp_path, over, words):
    with pytest.raises(NormRuleError, match=words):
        load_typos(write(tmp_path, [{**GOOD, **over}]))
