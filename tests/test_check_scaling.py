"""check scales with the document (issue 17, item 7), tested by work done, not by time:
lines of drafter's code run per character stay flat from one report to several; the worker process
for long documents gives exactly the findings of one process; the JSON report is json's to the byte."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import Workspace
from drafter.review import worker
from drafter.review.report import _indented
from drafter.review.rules import RULE_FAMILIES, run_rules
from drafter.review.source import parse_text
from drafter.review.worker import RuleRun

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "corpora" / "examples").glob("*.yaml"))


def reports(n: int) -> str:
    """n different reports (examples and seeds), as one long text."""
    ws = Workspace()
    texts = [ws.draft(ws.load_spec(EXAMPLES[i % len(EXAMPLES)]), seed=i).to_text() for i in range(n)]
    return "\n\n".join(texts)


def lines_run(ws: Workspace, text: str) -> int:
    """Lines of drafter's own code executed by a whole check (every kind's fit, coverage, rules, JSON)."""
    from drafter.review.report import results_json

    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if "/drafter/" in frame.f_code.co_filename else None

    src = parse_text(text)
    sys.settrace(calls)
    try:
        results_json([ws.check(src, "eight-point")])
    finally:
        sys.settrace(None)
    return count


def test_work_per_character_stays_flat_as_the_document_grows():
    """What each added character costs stays the same from 2 to 4 to 8 reports. A step quadratic in the
    document (a scan of every paragraph per finding, of every span per match) makes the second doubling
    cost clearly more per character than the first (a paragraph list rebuilt per hit: 1.32 times)."""
    ws = Workspace()
    ws.check(parse_text(reports(1)), "eight-point")  # everything loaded and cached before counting
    texts = [reports(k) for k in (2, 4, 8)]
    (c2, c4, c8), (l2, l4, l8) = [len(t) for t in texts], [lines_run(ws, t) for t in texts]
    first, second = (l4 - l2) / (c4 - c2), (l8 - l4) / (c8 - c4)
    assert second < 1.12 * first, (first, second)


def test_a_long_document_checked_with_a_worker_gets_exactly_the_findings_of_one_process(monkeypatch):
    monkeypatch.setattr(worker, "PARALLEL_FROM", 1000)
    src = parse_text(reports(2) + "\n这是一个測試段落，會議。公车改革\n“三公”经费减少0万元")
    run = RuleRun(src, RULE_FAMILIES, jobs=2)
    if not worker._can_fork():
        pytest.skip("no fork here (or another thread runs)")
    assert run.forked
    assert run.findings() == run_rules(src)


def test_short_documents_and_one_job_stay_in_one_process(monkeypatch):
    src = parse_text(reports(1))
    assert not RuleRun(src, RULE_FAMILIES, jobs=2).forked  # a report of genre length
    monkeypatch.setattr(worker, "PARALLEL_FROM", 1000)
    assert not RuleRun(src, RULE_FAMILIES, jobs=1).forked


def test_a_worker_that_dies_leaves_its_families_to_this_process(monkeypatch):
    monkeypatch.setattr(worker, "PARALLEL_FROM", 1000)
    monkeypatch.setattr(worker, "_work", lambda src, families, conn: conn.close())  # sends nothing
    src = parse_text(reports(1))
    run = RuleRun(src, RULE_FAMILIES, jobs=2)
    assert run.findings() == run_rules(src)


def test_an_error_in_the_worker_is_raised_here(monkeypatch):
    from drafter.errors import DrafterError

    def broken(src, family):
        if family in worker.WORKER_FAMILIES:
            raise DrafterError("norms.yaml: broken")
        return []

    monkeypatch.setattr(worker, "PARALLEL_FROM", 1000)
    monkeypatch.setattr(worker, "family_findings", broken)
    run = RuleRun(parse_text(reports(1)), RULE_FAMILIES, jobs=2)
    if not run.forked:
        pytest.skip("no fork here")
    with pytest.raises(DrafterError, match="broken"):
        run.findings()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_the_json_report_writer_writes_what_json_writes(value):
    assert _indented(value, "\n") == json.dumps(value, ensure_ascii=False, indent=2)
