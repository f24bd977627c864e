"""Findings as marks on a Word copy of the document: a comment each, a tracked change for each safe fix."""

from __future__ import annotations

from pathlib import Path

from ..word.annotate import Mark, Placed, annotated_bytes, plain_docx
from .checker import CheckResult
from .findings import Finding
from .fixing import apply_fixes

__all__ = ["annotate", "comment_text", "marks"]


def comment_text(f: Finding) -> str:
    """【规范表述·错误】message；建议：…（依据：…）"""
    text = f"【{f.family_name}·{f.level}】{f.message}"
    if f.suggest:
        text += f"\n建议：{f.suggest}"
    if f.source:
        text += f"\n依据：{f.source}"
    return text


def marks(result: CheckResult) -> list[Mark]:
    """One mark per finding, in text order; the fixes `--fix` would apply become replacements."""
    src = result.source
    _fixed, applied = apply_fixes(src.text, result.findings)
    chosen = {id(f) for f in applied}
    out: list[Mark] = []
    for f in result.findings:
        span = src.word_span(f.start, f.end)
        if span is None:
            continue
        whole = "\n" not in src.text[f.start : f.end]  # a span across paragraphs gets its comment, not a change
        replacement = f.fix if id(f) in chosen and whole else None
        out.append(Mark(*span, comment_text(f), replacement))
    return out


def annotate(result: CheckResult, docx: str | Path | None = None) -> tuple[bytes, Placed]:
    """The marked-up .docx: a copy of `docx`, or (for a text file) the text as a plain document."""
    source = docx if docx is not None else plain_docx(result.source.text.split("\n"))
    return annotated_bytes(source, marks(result))
