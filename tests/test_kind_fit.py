"""Which kind fits a document: each built-in example picks its own kind, and `check --kind auto` uses the best fit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from draft_texts import draft_text

from drafter.review.source import parse_text
from drafter.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "county-2025.yaml": "eight-point",
    "discipline-2025.yaml": "discipline-summary",
    "self-inspection-2025.yaml": "self-inspection",
}


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return Workspace()


@pytest.mark.parametrize(("example", "kind"), EXAMPLES.items())
@pytest.mark.parametrize("seed", [0, 3])
def test_each_draft_fits_its_own_kind(ws, example, kind, seed):
    src = parse_text(draft_text(ROOT / "corpora/examples" / example, seed))
    assert ws.best_kind(src) == kind
    result = ws.check(src, kind, salient=False)
    assert result.better_kind is None
    assert result.to_dict()["better_kind"] is None


def test_a_discipline_report_checked_as_eight_point_names_the_better_kind(ws):
    src = parse_text(draft_text(ROOT / "corpora/examples/discipline-2025.yaml", 0))
    result = ws.check(src, "eight-point", salient=False)
    assert result.better_kind is not None and result.better_kind.kind == "discipline-summary"
    data = result.to_dict()
    assert data["better_kind"] == "discipline-summary"
    assert data["kind_fit"][0]["kind"] == "discipline-summary"
    assert ws.check(src, "auto", salient=False).kind == "discipline-summary"


def test_cli_kind_auto(tmp_path):
    text = draft_text(ROOT / "corpora/examples/discipline-2025.yaml", 0)
    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    run = [sys.executable, "-m", "drafter", "check", str(path), "--no-terms"]
    auto = subprocess.run([*run, "--kind", "auto", "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert auto.returncode == 0, auto.stderr
    assert json.loads(auto.stdout)["kind"] == "discipline-summary"
    wrong = subprocess.run([*run, "--kind", "eight-point"], capture_output=True, text=True, cwd=ROOT)
    assert "discipline-summary fits better" in wrong.stdout
