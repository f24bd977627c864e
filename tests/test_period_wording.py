"""A report dated before its year is out says what its figures cover ({{ period }}: 截至12月中旬), never 全年;
the phrase bank of every built-in kind states every figure for the period."""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
import yaml
from conftest import EXAMPLES

from drafter import Drafter, get_kind
from drafter.bank.spec import validate_spec

BASES = {
    "eight-point": EXAMPLES / "county-2025.yaml",
    "discipline-summary": EXAMPLES / "discipline-2025.yaml",
    "self-inspection": EXAMPLES / "self-inspection-2025.yaml",
}
# 全年 that speaks of the year's work as a whole, not of the figures' reach
WHOLE_YEAR = re.compile(
    r"(审视|回顾)全年工作|全年党风廉政建设各项任务|得益于全年|明确全年任务|全年履行主体责任|从全年情况看|全年中央八项规定精神执行|现将全年|经过全年努力"
)


@pytest.mark.parametrize("kind_id", sorted(BASES))
@pytest.mark.parametrize("seed", range(4))
def test_a_report_dated_in_december_states_its_figures_up_to_the_date(kind_id, seed):
    data = copy.deepcopy(yaml.safe_load(BASES[kind_id].read_text(encoding="utf-8")))
    data["organisation"]["date"] = dt.date(data["year"], 12, 18)
    text = Drafter(get_kind(kind_id)).draft(validate_spec(data), seed=seed).to_text()
    assert "截至12月中旬" in text
    assert "全年" not in WHOLE_YEAR.sub("", text), [s for s in re.split("(?<=。)", text) if "全年" in s]


@pytest.mark.parametrize("kind_id", sorted(BASES))
def test_a_report_dated_after_the_year_says_全年(kind_id):
    data = yaml.safe_load(BASES[kind_id].read_text(encoding="utf-8"))
    data["organisation"]["date"] = dt.date(data["year"] + 1, 1, 12)
    text = Drafter(get_kind(kind_id)).draft(validate_spec(data), seed=0).to_text()
    assert not re.search(r"截至\d+月", text) and "全年" in text
