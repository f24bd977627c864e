"""Variety between seeds (bench/variety.py): two drafts of a kind's example at different seeds share no
more identical sentences on average (seeds 0–9, every pair) than the threshold kept here."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT


def _variety():
    spec = importlib.util.spec_from_file_location("variety", ROOT / "bench" / "variety.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


variety = _variety()

# The goal is 0.20 for every kind (issue 14); every kind meets it, and every fact slot has six or more
# variants (the shared campaign and cases slots too). The lead lowers these as the bank grows (bench/variety.py).
THRESHOLD = {
    "eight-point": 0.18,  # 17.1% when measured
    "discipline-summary": 0.17,  # 16.6% when measured
    "self-inspection": 0.17,  # 16.2% when measured (17.6% before the shared campaign slots had six variants)
}
# Kinds whose every fact slot has reached GOAL_VARIANTS, but for the slot prefixes listed (none left).
FULL_VARIETY = {"eight-point": (), "discipline-summary": (), "self-inspection": ()}


def test_every_kind_of_the_bench_has_a_threshold():
    assert set(THRESHOLD) == set(variety.EXAMPLE)


@pytest.mark.parametrize("kind_id", sorted(THRESHOLD))
def test_seeds_differ_enough(kind_id):
    share = variety.average_share(kind_id)
    assert share <= THRESHOLD[kind_id], f"{kind_id}: {share:.1%} identical between two seeds on average"


def test_identical_share():
    assert variety.identical_share(["甲。", "乙。"], ["甲。", "丙。"]) == 0.5
    assert variety.identical_share(["甲。", "甲。"], ["甲。", "乙。", "丙。", "丁。"]) == pytest.approx(1 / 3)
    assert variety.identical_share([], []) == 1.0


def test_slot_counts_tell_fact_slots_from_headings():
    counts = {sid: (n, fact) for sid, n, fact in variety.slot_counts("eight-point")}
    assert counts["study.heading"][1] is False  # a heading
    assert counts["closing.results"][1] is True and counts["closing.results"][0] >= 3


@pytest.mark.parametrize("kind_id", sorted(FULL_VARIETY))
def test_every_fact_slot_has_six_variants(kind_id):
    skip = FULL_VARIETY[kind_id]
    short = {
        sid: n
        for sid, n, fact in variety.slot_counts(kind_id)
        if fact and n < variety.GOAL_VARIANTS and not sid.startswith(skip)
    }
    assert short == {}, f"{kind_id}: fact slots with fewer than {variety.GOAL_VARIANTS} variants: {short}"
