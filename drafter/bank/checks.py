"""Figures checked against each other: impossible combinations are errors, implausible ones warnings.

A kind declares its checks in kind.yaml under `checks:`, each one of

- ``{le: [A, B]}``: A ≤ B (a part against its whole: 已完成整改 ≤ 发现问题);
- ``{sum: [A, B, …], equals: T}``: the parts add up to the total;
- ``{requires: [A, B]}``: A > 0 only if B > 0 (处分 without any 立案 is impossible).

Paths name figures as in the spec (``inspection.rectified``); a compared figure's path means this
year's value (``meetings.count.previous`` names last year's); a titles figure counts its titles.
A check whose figures are not all given is skipped. Per figure, kind.yaml may say `expected: true`
(a zero is implausible) and `warn_above: N`; a compared figure that changes by more than 80% is
implausible too.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..errors import Problem
from ..zh.numbers import to_decimal
from .kinds import Kind

__all__ = ["check_figures", "figure_value", "figure_warnings"]

WILD_CHANGE = Decimal(80)  # percent


def figure_value(spec: Any, path: str) -> Decimal | None:
    """A figure's number in a validated spec (None when not given)."""
    parts = path.split(".")
    group, name, leaf = parts[0], parts[1], parts[2] if len(parts) > 2 else "current"
    raw = getattr(getattr(spec, group, None), name, None)
    if raw is None:
        return None
    if isinstance(raw, list):
        return Decimal(len(raw))
    if hasattr(raw, "current"):
        raw = getattr(raw, leaf, None)
    return None if raw is None else to_decimal(raw)


def _label(kind: Kind, path: str) -> str:
    base = ".".join(path.split(".")[:2])
    try:
        f = kind.figure(base)
    except LookupError:
        return path
    return ("上年" if path.endswith(".previous") else "") + f.label


def _fmt(d: Decimal) -> str:
    return format(d.normalize(), "f")


def check_figures(kind: Kind, spec: Any) -> list[tuple[str, str]]:
    """The impossible combinations in a spec, as (field path, message naming the other field)."""
    problems: list[tuple[str, str]] = []
    for check in kind.checks:
        if "le" in check:
            a, b = check["le"]
            va, vb = figure_value(spec, a), figure_value(spec, b)
            if va is not None and vb is not None and va > vb:
                message = f"{_label(kind, a)} {_fmt(va)} exceeds {b} ({_label(kind, b)} {_fmt(vb)}); it can't be more"
                problems.append(
                    (
                        a,
                        Problem(
                            message,
                            "exceeds",
                            label=_label(kind, a),
                            value=_fmt(va),
                            other=_label(kind, b),
                            other_value=_fmt(vb),
                        ),
                    )
                )
        elif "sum" in check:
            parts, total = check["sum"], check["equals"]
            values = [figure_value(spec, p) for p in parts]
            vt = figure_value(spec, total)
            if vt is not None and all(v is not None for v in values):
                got = sum(values, Decimal(0))
                if got != vt:
                    message = f"{_label(kind, total)} is {_fmt(vt)} but {' + '.join(parts)} add up to {_fmt(got)}"
                    labels = [_label(kind, p) for p in parts]
                    params = {"label": _label(kind, total), "value": _fmt(vt), "parts": labels, "sum": _fmt(got)}
                    problems.append((total, Problem(message, "sum", **params)))
        elif "requires" in check:
            a, b = check["requires"]
            va, vb = figure_value(spec, a), figure_value(spec, b)
            if va is not None and vb is not None and va > 0 and vb == 0:
                message = f"{_label(kind, a)} is {_fmt(va)} but {b} ({_label(kind, b)}) is 0"
                params = {"label": _label(kind, a), "value": _fmt(va), "other": _label(kind, b)}
                problems.append((a, Problem(message, "requires", **params)))
    problems += _campaign_year(kind, spec)
    problems += _optional_halves(kind, spec)
    return problems


def _optional_halves(kind: Kind, spec: Any) -> list[tuple[str, str]]:
    """An optional compared figure is said only with both years: half of it would be dropped without a word."""
    out = []
    for f in kind.figures:
        if f.optional and f.compare:
            cur, prev = figure_value(spec, f.path + ".current"), figure_value(spec, f.path + ".previous")
            if (cur is None) != (prev is None):
                half = f"{f.path}.previous" if prev is None else f"{f.path}.current"
                message = f"{f.label} is optional but needs both years: give {half} too, or neither"
                out.append((half, Problem(message, "both_years", label=f.label, missing=half.rsplit(".", 1)[1])))
    return out


def _campaign_year(kind: Kind, spec: Any) -> list[tuple[str, str]]:
    """Campaign figures belong to a year the year data gives a central campaign (else nothing would state them)."""
    group = getattr(spec, "campaign", None) if "campaign" in kind.groups else None
    if group is None or spec.year is None:
        return []
    given = [f.path for f in kind.figures if f.group == "campaign" and getattr(group, f.name, None) is not None]
    if not given:
        return []
    from .years import year_facts, years

    if spec.year not in years():
        return [
            (
                given[0],
                Problem(
                    f"the year data (phrasebank/years/by_year.yaml) has no entry for {spec.year}, so no campaign paragraph states it",
                    "year_unknown",
                    year=spec.year,
                ),
            )
        ]
    if year_facts(spec.year).campaign is None:
        return [
            (
                given[0],
                Problem(
                    f"the year data records no central study campaign in {spec.year}; remove the campaign figures",
                    "no_campaign",
                    year=spec.year,
                ),
            )
        ]
    return []


def figure_warnings(kind: Kind, spec: Any) -> list[str]:
    """Implausible figures (still drafted): wild changes, amounts out of range, zeros where activity is expected."""
    out: list[str] = []
    for f in kind.figures:
        if f.type == "rate":
            continue
        value = figure_value(spec, f.path)
        if f.compare:
            prev = figure_value(spec, f.path + ".previous")
            if value is not None and prev:
                change = (value - prev) / prev * 100
                if abs(change) > WILD_CHANGE:
                    out.append(
                        f"{f.path}: {f.label}较上年变化{change:+.1f}%（{_fmt(prev)} → {_fmt(value)}），超过±80%，请核实"
                    )
        if value is None:
            continue
        if f.warn_above is not None and value > to_decimal(f.warn_above):
            out.append(
                f"{f.path}: {f.label}{_fmt(value)}{f.unit}，超出此类单位的通常范围（{f.warn_above}{f.unit}），请核实"
            )
        if f.expected and value == 0 and f.type != "titles":
            out.append(f"{f.path}: {f.label}为0，此项工作通常应有开展，请核实")
    return out
