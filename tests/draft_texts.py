"""Drafter's own drafts as plain text, drafted once per test session (the rule tests read them often)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import drafter


@cache
def draft_text(spec: Path, seed: int) -> str:
    """The text of drafting `spec` with `seed`."""
    return drafter.draft(spec, seed=seed).to_text()
