"""改进新闻报道 states how far leader-activity reports were cut (review F3): an optional compared figure,
said only when given, with the wording its change class allows (a rise is a problem, not a success)."""

from __future__ import annotations

import copy

import pytest
import yaml
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import draft

SPEC = yaml.safe_load((EXAMPLES / "county-2025.yaml").read_text(encoding="utf-8"))


def _news_sentences(current: int | None, previous: int | None, seed: int) -> tuple[list[str], str]:
    spec = copy.deepcopy(SPEC)
    spec["news"].pop("leader_reports", None)
    if current is not None:
        spec["news"]["leader_reports"] = {"current": current, "previous": previous}
    text = draft(spec, seed=seed).to_text()
    sentences = [s for s in text.replace("。", "。\n").splitlines() if "领导同志活动报道" in s and "条" in s]
    return sentences, text


def test_the_example_states_the_cut_with_its_change():
    sentences, _ = _news_sentences(104, 141, seed=0)
    assert sentences and "104条" in sentences[0] and "减少37条" in sentences[0]


def test_without_the_figure_nothing_is_said_and_no_placeholder():
    sentences, text = _news_sentences(None, None, seed=0)
    assert sentences == [] and "领导同志活动报道条数" not in text


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 400), st.integers(0, 400), st.integers(0, 9))
def test_the_wording_follows_the_change(current, previous, seed):
    sentences, text = _news_sentences(current, previous, seed)
    if current == 0:
        assert not any("0条" in s.split("上年")[0] for s in sentences)  # a zero is never stated as a count
        assert "未单独播发领导同志活动报道" in text
        return
    first = sentences[0]
    assert f"{current}条" in first
    if current > previous:
        assert "主要原因是" in first and "压缩" not in first and "取得实效" not in first
    elif current == previous:
        assert "持平" in first and "压缩" not in first


@pytest.mark.parametrize("seed", range(6))
def test_each_seed_keeps_the_facts(seed):
    sentences, _ = _news_sentences(104, 141, seed)
    assert "104条" in sentences[0] and "37条" in sentences[0]


@pytest.mark.parametrize("half", [{"current": 90}, {"previous": 90}])
def test_half_of_the_optional_figure_is_refused_naming_the_field(half):
    from drafter.bank.spec import validate_spec
    from drafter.errors import SpecError

    spec = copy.deepcopy(SPEC)
    spec["news"]["leader_reports"] = half
    with pytest.raises(SpecError, match=r"news\.leader_reports\.(current|previous).*both years"):
        validate_spec(spec)
