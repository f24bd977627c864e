"""The built-in discipline-summary and self-inspection kinds: their examples draft as complete documents."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import EXAMPLES

from drafter import draft, get_kind, load_spec
from drafter.authoring.bank_lint import lint_bank, lint_text
from drafter.bank.phrasebank import load_phrasebank
from drafter.drafting.figures import figure_leaves
from drafter.zh.numbers import compare

KINDS = [
    ("discipline-summary", "党风廉政建设工作总结", EXAMPLES / "discipline-2025.yaml"),
    ("self-inspection", "落实中央八项规定精神情况自查报告", EXAMPLES / "self-inspection-2025.yaml"),
]
SEEDS = range(5)
CASES = [(kind_id, path, seed) for kind_id, _name, path in KINDS for seed in SEEDS]
ITEMS = ["reception", "cars", "office_space", "meetings", "documents", "overseas", "allowances", "banqueting"]


def _norm(text: str) -> str:
    return re.sub(r"[\s“”「」\"'‘’]", "", text)


def _chars(text: str) -> int:
    return len(re.sub(r"\s", "", text))


def _zero_aware(kind, doc, path: str) -> list[str]:
    """Sentences drafted from slots that word a zero value of `path` on their own (未发现…, 未发生…)."""
    bank = load_phrasebank(kind.slot_dirs)
    reads = (f"{path}.value == 0", f"{path}.current.value == 0")  # a count, or this year's compared figure
    return [
        s.text
        for s in doc.sentences()
        if s.slot and s.variant is not None and any(r in bank.get(s.slot).variants[s.variant] for r in reads)
    ]


@pytest.mark.parametrize(("kind_id", "name", "path"), KINDS)
def test_kinds_command_lists_the_kind(cli, kind_id, name, path):
    result = cli("kinds")
    assert result.code == 0
    assert f"{kind_id}\t{name}" in result.out.splitlines()
    assert load_spec(path).kind == kind_id


@pytest.mark.parametrize(("kind_id", "path", "seed"), CASES)
def test_example_drafts_as_a_complete_document(kind_id, path, seed):
    doc = draft(path, seed=seed)
    text = doc.to_text()
    assert doc.kind == kind_id
    assert 2500 <= _chars(text) <= 5000, _chars(text)
    assert doc.placeholders() == [] and "【待补充" not in text
    for s in doc.sentences():
        assert lint_text(s.text) == [], (s.slot, s.text)


@pytest.mark.parametrize(("kind_id", "path", "seed"), CASES)
def test_every_figure_of_the_example_is_stated(kind_id, path, seed):
    kind = get_kind(kind_id)
    spec = load_spec(path)
    doc = draft(path, seed=seed)
    text = doc.to_text()
    for leaf, _label, value in figure_leaves(kind, spec):
        if leaf.endswith(".previous"):
            continue
        base = leaf.removesuffix(".current")
        field = kind.figure(base)
        if isinstance(value, list):
            assert all(f"《{t}》" in text for t in value), leaf
        elif value == 0 and field.type in ("count", "amount"):
            # A zero is said in words (未发现…, 此项费用不存在), never as 「0个」「0万元」.
            said = _zero_aware(kind, doc, base)
            assert said, f"{leaf} is 0 but no slot words it"
            assert all(re.search("未|没有|不存在", t) and f"0{field.unit}" not in t for t in said), said
        else:
            number = f"{value:g}" if isinstance(value, float) else str(value)
            assert f"{number}{field.unit}" in text, (leaf, number, field.unit)
        if field.compare and value != 0:  # a cost that did not occur is said so, without a change
            group, name = base.split(".")
            raw = getattr(getattr(spec, group), name)
            cmp = compare(raw.current, raw.previous, field.unit, 0 if field.type == "count" else 2)
            assert cmp.change_text in text or cmp.yoy_text in text, leaf


@pytest.mark.parametrize(("kind_id", "path", "seed"), CASES)
def test_every_theme_is_covered(kind_id, path, seed):
    kind = get_kind(kind_id)
    text = _norm(draft(path, seed=seed).to_text())
    missing = [t.id for t in kind.themes if not any(_norm(a) in text for a in t.aliases)]
    assert missing == []


@pytest.mark.parametrize(("kind_id", "name", "path"), KINDS)
def test_bank_is_large_enough_and_lint_clean(kind_id, name, path):
    kind = get_kind(kind_id)
    bank = load_phrasebank(kind.slot_dirs)
    slots = list(bank)
    assert len(slots) >= 30
    assert [s.id for s in slots if len(s.variants) < 3] == []
    assert len(kind.themes) >= 12
    assert [str(f) for f in lint_bank(kind)] == []


@pytest.mark.parametrize(("kind_id", "name", "path"), KINDS)
def test_every_theme_is_tagged_on_some_slot(kind_id, name, path):
    kind = get_kind(kind_id)
    tagged = {t for s in load_phrasebank(kind.slot_dirs) for t in s.themes}
    assert [t.id for t in kind.themes if t.id not in tagged] == []


def _self_inspection(problems_each: int) -> dict:
    """The self-inspection example with the same problem count for every item (and totals to match)."""
    data = yaml.safe_load((EXAMPLES / "self-inspection-2025.yaml").read_text(encoding="utf-8"))
    for item in ITEMS:
        data[item]["problems"] = problems_each
    n = problems_each * len(ITEMS)
    data["found"]["total"] = n
    data["rectification"]["rectified"] = n
    data.pop("problems", None)  # the found problems in full no longer match these counts
    data.pop("plans", None)
    if not problems_each:  # no 津补贴 problem: nothing cleared back, nobody concerned
        data["allowances"].pop("refunded", None)
        data["allowances"].pop("people", None)
    return data


@pytest.mark.parametrize("seed", SEEDS)
def test_self_inspection_with_no_problem_found_says_so_in_words(seed):
    doc = draft(_self_inspection(0), seed=seed)
    text = doc.to_text()
    assert not re.search(r"(?<![\d.])0个", text)
    assert doc.placeholders() == []
    findings = next(s for s in doc.sections if s.id == "findings")
    results = [s.text for p in findings.paragraphs for s in p.sentences if s.slot and s.slot.endswith(".result")]
    assert len(results) == len(ITEMS)
    assert all("未" in t or "没有" in t for t in results)
    kind = get_kind("self-inspection")
    assert [t.id for t in kind.themes if not any(_norm(a) in _norm(text) for a in t.aliases)] == []
    for s in doc.sentences():
        assert lint_text(s.text) == [], (s.slot, s.text)


@pytest.mark.parametrize("seed", SEEDS)
def test_self_inspection_states_every_nonzero_count(seed):
    doc = draft(_self_inspection(3), seed=seed)
    findings = next(s for s in doc.sections if s.id == "findings")
    results = [s.text for p in findings.paragraphs for s in p.sentences if s.slot and s.slot.endswith(".result")]
    assert len(results) == len(ITEMS)
    assert all("3个" in t and "未发现" not in t for t in results)
    assert "24个" in doc.to_text()


def test_self_inspection_missing_count_shows_its_placeholder():
    data = _self_inspection(1)
    del data["reception"]["problems"]
    doc = draft(data, seed=0)
    assert "公务接待方面发现问题数" in doc.placeholders()


@pytest.mark.parametrize(
    "example",
    ["county-2025.yaml", "discipline-2025.yaml", "self-inspection-2025.yaml"],
)
def test_each_kind_drafts_its_example_with_full_coverage_by_drafter_check(example):
    """The issue's measure: `drafter check` (not a substring test) finds every theme, and no findings."""
    from drafter import Workspace
    from drafter.review.source import parse_text

    spec = EXAMPLES / example
    doc = draft(spec, seed=0)
    result = Workspace().checker(doc.kind, salient=False).check(parse_text(doc.to_text(), example))
    assert result.coverage.ratio == 1.0, [t.name for t in result.coverage.missing_required]
    assert result.findings == []


def test_a_zero_worded_as_none_found_still_records_its_figure():
    """Self-inspection words a count of 0 as 「未发现…」 via {% if x.value == 0 %}; the JSON keeps the figure."""
    doc = draft(EXAMPLES / "self-inspection-2025.yaml", seed=0)
    spec = load_spec(EXAMPLES / "self-inspection-2025.yaml")
    leaves = figure_leaves(get_kind(doc.kind), spec)
    # A compared cost that did not occur (0 and 0) records this year's figure; last year's is not said.
    zero = [path.removesuffix(".current") for path, _label, value in leaves if value == 0 and ".previous" not in path]
    assert zero, "the example has items with nothing found"
    recorded = {f["name"]: f for s in doc.sentences() for f in s.figures}
    for path in zero:
        assert recorded[path]["value"] == 0, path
