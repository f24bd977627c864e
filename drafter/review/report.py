"""Rendering check results: a readable terminal report (rich) and JSON for tools."""

from __future__ import annotations

import io
import json
import math
from itertools import groupby
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from .checker import CheckResult

__all__ = ["results_json", "results_text"]

SCHEMA_VERSION = 1


def results_json(results: list[CheckResult]) -> str:
    """One object per file (schema in docs/check-json.md); several files give an array."""
    objects = [{"schema": SCHEMA_VERSION, **r.to_dict()} for r in results]
    data = objects[0] if len(objects) == 1 else objects
    try:
        return _indented(data, "\n") + "\n"
    except TypeError:  # something _indented doesn't write (a non-string key): json's own writer
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_LITERALS = {True: "true", False: "false", None: "null"}


def _scalar(value: Any) -> str:
    if value is None or value is True or value is False:
        return _LITERALS[value]
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    raise TypeError(kind)


def _indented(value: Any, newline: str) -> str:
    """Exactly what json.dumps(value, ensure_ascii=False, indent=2) writes, several times quicker for the
    hundred thousand hits of a long document (json's indenting writer is pure Python generators)."""
    inner = newline + "  "
    if type(value) is dict:
        if not value:
            return "{}"
        parts = []
        for k, v in value.items():
            if type(k) is not str:
                raise TypeError(type(k))
            kind = type(v)
            if kind is str:
                body = encode_basestring(v)
            elif kind is int:
                body = int.__repr__(v)
            elif kind is dict or kind is list:
                body = _indented(v, inner)
            else:
                body = _scalar(v)
            parts.append(f"{inner}{encode_basestring(k)}: {body}")
        return "{" + ",".join(parts) + newline + "}"
    if type(value) is list:
        if not value:
            return "[]"
        items = (_indented(v, inner) if type(v) in (dict, list) else _scalar(v) for v in value)
        return "[" + ",".join(inner + item for item in items) + newline + "]"
    return _scalar(value)


def _console(buffer: io.StringIO, color: bool):
    from rich.console import Console

    return Console(file=buffer, width=110, color_system="standard" if color else None, highlight=False)


def _one(console, r: CheckResult) -> None:
    from rich.table import Table

    src = r.source
    cov = r.coverage
    required = [t for t in cov.themes if t.required]
    console.print(f"[bold]{src.name}[/bold]  {src.title}")
    console.print(f"themes: {sum(t.found for t in required)}/{len(required)} required found ({cov.ratio:.0%})")
    if better := r.better_kind:
        mine = next(f for f in r.fits if f.kind == r.kind)
        console.print(
            f"[yellow]kind:[/yellow] {better.kind} fits better ({better.coverage:.0%} of its required themes, "
            f"{r.kind} {mine.coverage:.0%}); check with --kind {better.kind} or --kind auto"
        )
    table = Table(show_lines=False, expand=False)
    table.add_column("theme")
    table.add_column("", justify="center")
    table.add_column("where / suggestion", overflow="fold", max_width=80)
    for t in cov.themes:
        if t.found:
            first = src.locate(t.hits[0].start)
            more = f"  (+{len(t.hits) - 1})" if len(t.hits) > 1 else ""
            table.add_row(t.name, "[green]✓[/green]", f"{first}  「{t.hits[0].text}」{more}")
        else:
            mark = "[red]✗[/red]" if t.required else "–"
            table.add_row(t.name, mark, f"建议：{t.suggestion}" if t.suggestion else "")
    console.print(table)
    if cov.uncovered_terms:
        console.print("salient terms no theme covers: " + "、".join(cov.uncovered_terms))
    if not r.findings:
        console.print("findings: none")
        return
    console.print(f"findings: {len(r.errors)} error(s), {len(r.findings) - len(r.errors)} other")
    for rule, group in groupby(sorted(r.findings, key=lambda f: (f.rule, f.start)), key=lambda f: f.rule):
        items = list(group)
        console.print(f"  [bold]{rule}[/bold] ({len(items)})")
        for f in items:
            suggest = f"  → {f.suggest}" if f.suggest else ""
            source = f"  （依据：{f.source}）" if f.source else ""
            console.print(
                f"    {f.severity:<7} {f.level} {src.locate(f.start)}  「{f.text}」 {f.message}{suggest}{source}",
                soft_wrap=True,
            )


def results_text(results: list[CheckResult], color: bool = False) -> str:
    """The readable report; several files end with a summary table."""
    from rich.table import Table

    buffer = io.StringIO()
    console = _console(buffer, color)
    for n, r in enumerate(results):
        if n:
            console.print()
        _one(console, r)
    if len(results) > 1:
        summary = Table(title="summary")
        for col in ("file", "coverage", "missing required", "errors", "warnings"):
            summary.add_column(col)
        for r in results:
            missing = "、".join(t.name for t in r.coverage.missing_required) or "–"
            warnings = sum(f.severity == "warning" for f in r.findings)
            summary.add_row(r.source.name, f"{r.coverage.ratio:.0%}", missing, str(len(r.errors)), str(warnings))
        console.print()
        console.print(summary)
    return buffer.getvalue()
