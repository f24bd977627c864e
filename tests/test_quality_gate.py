"""The quality gate: every built-in kind's example, drafted at 30 seeds, passes `drafter check` with no
findings at all and stays within the style limits of phrasebank/style.yaml (formula-word caps, no
heading echoed, no two sentences in a row opening alike, one form for parallel headings).

Fast enough for the normal suite: one Workspace (drafters and checkers built once), salient terms off.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import EXAMPLES, FULL

from drafter.bank.style import load_style
from drafter.review.source import parse_text
from drafter.workspace import Workspace

EXAMPLE = {
    "eight-point": FULL,
    "discipline-summary": EXAMPLES / "discipline-2025.yaml",
    "self-inspection": EXAMPLES / "self-inspection-2025.yaml",
}
SEEDS = range(30)


@cache
def workspace() -> Workspace:
    return Workspace()


def test_every_builtin_kind_is_gated():
    assert set(EXAMPLE) == set(workspace().catalog().builtin)


@pytest.mark.parametrize("kind_id", sorted(EXAMPLE))
def test_thirty_seeds_pass_check_with_no_findings(kind_id):
    ws = workspace()
    spec = ws.load_spec(EXAMPLE[kind_id])
    drafter, checker = ws.drafter(kind_id), ws.checker(kind_id, salient=False)
    style = load_style()
    problems = []
    for seed in SEEDS:
        text = drafter.draft(spec, seed=seed).to_text()
        result = checker.check(parse_text(text, f"{kind_id}@{seed}"))
        problems += [f"seed {seed}: {f.rule_id}: {f.message}" for f in result.findings]
        over = {w: n for w, n in style.formula_counts(text).items() if n > style.cap(w)}
        problems += [f"seed {seed}: {w} ×{n} over its cap {style.cap(w)}" for w, n in over.items()]
    assert problems == []
