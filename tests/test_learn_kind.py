"""`drafter learn` learns a kind, not a copy (issue 13, item 5): masks, dated 提法, year-bound facts, readable
keys, approximations, rule values, title lists, and two reports giving two variants per aligned slot."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import draft, get_kind
from drafter.authoring.kind_lint import lint_kind
from drafter.authoring.learning import learn_kind
from drafter.zh.figure_recovery import find_figures

LEARN = ROOT / "corpora" / "learn"
FORESTRY = LEARN / "forestry-2024.txt"
TOWNSHIP = LEARN / "township-2022-masked.txt"
MASK = re.compile(r"\*{2,}|[Xx]{2,}|[×Ｘ]{2,}")


@pytest.fixture(scope="module")
def township(tmp_path_factory):
    return learn_kind(TOWNSHIP, tmp_path_factory.mktemp("kinds") / "township")


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    return learn_kind([FORESTRY, TOWNSHIP], tmp_path_factory.mktemp("kinds") / "both")


def _spec(learned, year: int, name: str = "白河镇") -> dict:
    spec = yaml.safe_load((learned.path / "example.yaml").read_text(encoding="utf-8"))
    spec["year"] = year
    spec["organisation"]["name"] = name
    return spec


def test_masks_are_gone_from_the_kind_and_the_draft(township):
    learned_text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [
            township.path / "kind.yaml",
            *(township.path / "slots").glob("*.yaml"),
            *(township.path / "templates").glob("*.j2"),
        ]
    )
    assert not MASK.search(learned_text)
    kind = get_kind(township.kind_id, [township.path])
    assert kind.title == "{{ org.name }}{{ year }}年作风建设工作总结"
    body = draft(_spec(township, 2025), kinds_dirs=[township.path]).to_text()
    assert body.splitlines()[0] == "白河镇2025年作风建设工作总结"
    assert not MASK.search(body)
    assert "白河镇党委深入学习贯彻" in body
    # the masked village's secretary was a named case: the spec's `cases:` (masks made 某), not the kind's text
    assert "某村党支部书记违规操办宴席问题，被严肃处理。" in body


def test_year_bound_sentences_are_flagged_not_carried_forward(township):
    assert any("year-bound fact" in n and "因公出访全部停止" in n for n in township.notes)
    assert "因公出访全部停止" in (township.path / "learn-report.txt").read_text(encoding="utf-8")
    body = draft(_spec(township, 2025), kinds_dirs=[township.path]).to_text()
    assert "出访" not in body and "2022" not in body
    assert "【待补充：本年度特有的情况" in body


@pytest.mark.parametrize("year", [2021, 2023, 2025])
def test_a_draft_for_another_year_never_names_the_source_years_plenary(township, year):
    body = draft(_spec(township, year), kinds_dirs=[township.path]).to_text()
    assert "十九届六中全会" not in body or year == 2021
    # the year's own names when the drafting context has them (era), else a labelled placeholder
    assert "【待补充：本年度学习的党代会和全会精神】" in body or ("全会" in body and "era" not in body)
    assert any("十九届六中全会" in n and "drafting year" in n for n in township.notes)


def test_keys_and_labels_are_readable(township, both):
    for learned in (township, both):
        names = [f.name for f in learned.figures]
        assert all(re.fullmatch(r"[a-z_]+\.[a-z_]+(?:_\d+)?", n) for n in names), names
        assert not any(re.search(r"\.p\d+_f\d+|^s\d+\.", n) for n in names)
    labels = {f.name: f.label for f in township.figures}
    assert labels["research.visits"] == "调研次数"
    assert {"meetings.count", "documents.count", "funds.three_public", "rules.titles"} <= labels.keys()
    kind = yaml.safe_load((township.path / "kind.yaml").read_text(encoding="utf-8"))
    assert kind["figures"]["meetings"]["label"] == "会议"


def test_duo_and_yu_are_approximation_markers_not_units(township):
    figure = next(f for f in township.figures if f.name == "research.visits")
    assert (figure.unit, figure.approx) == ("次", "多")
    kind = yaml.safe_load((township.path / "kind.yaml").read_text(encoding="utf-8"))
    assert kind["figures"]["research"]["fields"]["visits"]["unit"] == "次"
    body = draft(_spec(township, 2025), kinds_dirs=[township.path]).to_text()
    assert "调研18次" in body and "多次" not in body and "余个" not in body
    assert any("approximation" in n for n in township.notes)


@pytest.mark.parametrize(
    "text",
    [
        "严格落实班子成员每年至少开展调研4次的要求。",
        "陪餐人数不超过3人。",
        "群众来信须在5个工作日内答复。",
        "每月召开例会1次的规定。",
    ],
)
def test_rule_values_are_text_not_statistics(text):
    figures, replacements = find_figures(text, 2022)
    assert figures == [] and replacements == []


@given(n=st.integers(1, 999), marker=st.sampled_from(["多", "余", ""]), unit=st.sampled_from(["次", "个", "人", "篇"]))
@settings(max_examples=60, deadline=None)
def test_any_approximation_marker_is_left_out_of_the_unit(n, marker, unit):
    (figure,), _ = find_figures(f"开展走访{n}{marker}{unit}。", 2024)
    assert (figure.value, figure.unit, figure.approx) == (n, unit, marker)


def test_rule_values_survive_into_the_draft_as_written(township):
    body = draft(_spec(township, 2025), kinds_dirs=[township.path]).to_text()
    for rule in ("每年至少开展调研4次的要求", "陪餐人数不超过3人", "5个工作日内答复"):
        assert rule in body
    labels = [f.label for f in township.figures]
    assert not any(word in label for label in labels for word in ("至少", "领导人数", "工作日"))


def test_a_list_of_titles_is_a_titles_figure_whose_count_follows_the_list(township):
    figure = next(f for f in township.figures if f.name == "rules.titles")
    assert figure.type == "titles" and figure.masked
    assert any("says 5项 but lists 4" in n for n in township.notes)
    spec = _spec(township, 2025)
    spec["rules"]["titles"] = ["机关公务接待管理办法", "公务用车使用管理制度"]
    body = draft(spec, kinds_dirs=[township.path]).to_text()
    assert "《机关公务接待管理办法》《公务用车使用管理制度》等2项制度" in body
    spec["rules"]["titles"] = ["会议管理规定"] * 3
    body = draft(spec, kinds_dirs=[township.path]).to_text()
    assert "等3项制度" in body
    spec["rules"]["titles"] = []
    assert "项制度" not in draft(spec, kinds_dirs=[township.path]).to_text()  # none this year: left out


def test_an_unmasked_title_list_counts_itself(tmp_path):
    figures, reps = find_figures("制定《公务接待办法》、《用车制度》《会议制度》等5项制度。", 2024)
    (f,) = figures
    assert f.titles == ["公务接待办法", "用车制度", "会议制度"] and "says 5项 but lists 3" in f.note
    assert [r.attr for r in reps] == ["all", "count"]


def test_two_reports_give_two_variants_per_aligned_slot(both):
    slots = {
        s["id"]: s
        for p in sorted((both.path / "slots").glob("*.yaml"))
        for s in yaml.safe_load(p.read_text(encoding="utf-8"))["slots"]
    }
    worded = {
        sid: [v for v in s["variants"] if not (isinstance(v, dict) and v.get("omit"))] for sid, s in slots.items()
    }
    two = {sid for sid, v in worded.items() if len(v) == 2}
    assert len(two) >= 6, worded
    assert all(len(v) <= 2 for v in worded.values())
    # the aligned sentence states the same figures
    meetings = next(v for v in worded.values() if any("meetings.count.change" in str(x) for x in v))
    assert len(meetings) == 2
    texts = [x["text"] if isinstance(x, dict) else x for x in meetings]
    assert "各类会议" in texts[0] and "{{ org.area_all }}共召开会议" in texts[1]  # 全镇 is the spec's level word
    assert lint_kind(both.path) == []


def test_two_reports_make_seeds_differ(both):
    spec = _spec(both, 2025, "青山县林业局")
    bodies = {draft(spec, kinds_dirs=[both.path], seed=seed).to_text() for seed in range(6)}
    assert len(bodies) >= 2
    for body in bodies:
        assert not MASK.search(body) and "出访" not in body and "十九届" not in body


def test_learn_cli_takes_several_reports(cli, tmp_path):
    out = tmp_path / "k"
    r = cli("learn", FORESTRY, TOWNSHIP, "-o", out)
    assert r.code == 0, r.err
    assert "variant(s) from township-2022-masked.txt added" in r.err
    assert (out / "learn-report.txt").exists()
