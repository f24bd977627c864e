"""Applying the mechanical fixes of review findings to a text."""

from __future__ import annotations

from collections.abc import Iterable

from .findings import Finding

__all__ = ["apply_fixes"]


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, list[Finding]]:
    """The text with every safe fix applied, and the findings applied (in text order).

    Only findings with a `fix` whose span still holds `text` are applied; of
    overlapping ones the earliest (then shortest) wins and the rest wait for a
    second pass. Fixes are applied right to left so earlier offsets stay valid.
    """
    chosen: list[Finding] = []
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end)):
        if not 0 <= f.start <= f.end <= len(text) or text[f.start : f.end] != f.text:
            continue  # stale: the finding was made on another text
        if chosen and (f.start < chosen[-1].end or f.start == chosen[-1].start):
            continue
        chosen.append(f)
    out = text
    for f in reversed(chosen):
        out = out[: f.start] + f.fix + out[f.end :]  # type: ignore[operator]
    return out, chosen
