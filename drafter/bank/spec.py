"""Figures specs: read YAML/JSON/TOML and validate them against a kind's schema.

Valid data in its plain form (whole numbers as ints, amounts as floats, dates as dates)
is vouched for by a quick check here; anything else goes to the kind's pydantic schema
(`spec_schema`, imported only then), which accepts or words every problem. Either way
the result is the same `Spec`, so pydantic is not loaded to draft an ordinary spec.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from ..errors import SpecError
from ..yamlio import check_depth, json_loads, safe_load, short_repr, yaml_problem
from .checks import check_figures
from .facts import check_facts, plain_facts, plain_practices
from .kinds import DEFAULT_KIND, FigureField, Kind, get_kind
from .limits import MAX_FIGURE, amount_decimals_ok

__all__ = ["Record", "Spec", "load_spec", "read_spec_data", "spec_kind_id", "validate_spec"]


class Record:
    """Validated values by attribute (a spec's organisation, a figure group, a compared figure)."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any]):
        object.__setattr__(self, "_values", values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._values == self._values

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self._values.items())})"

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        """The values as plain data (mode="json": dates as ISO text), as pydantic's model_dump gives them."""
        return {k: _dump(v, mode) for k, v in self._values.items()}


class Spec(Record):
    """A validated figures spec: kind, organisation, year and one Record (or None) per figure group."""

    __slots__ = ()


def _dump(value: Any, mode: str) -> Any:
    if isinstance(value, Record):
        return value.model_dump(mode)
    if isinstance(value, list):
        return [_dump(v, mode) for v in value]
    if mode == "json" and isinstance(value, dt.date):
        return value.isoformat()
    return value


def _spec(kind: Kind, data: dict[str, Any]) -> Spec:
    """A Spec from validated data with every field present (as the schema's model_dump gives it)."""
    values = dict(data)
    values["organisation"] = Record(dict(data["organisation"]))
    for group in kind.groups:
        raw = data.get(group)
        if raw is None:
            continue
        fields = {}
        for f in kind.figures:
            if f.group == group and f.type != "rate":
                v = raw.get(f.name)
                fields[f.name] = Record(dict(v)) if f.compare and v is not None else v
        fields["practices"] = list(raw.get("practices") or [])
        values[group] = Record(fields)
    for key in ("cases", "problems", "plans"):
        values[key] = [Record(dict(item)) for item in data.get(key) or []]
    if kind.basis:
        values["basis"] = Record(dict(data["basis"])) if data.get("basis") else None
    return Spec(values)


# --- the quick check: True only for data the schema would accept unchanged ---------------------------


def _org_keys(kind: Kind) -> tuple[str, ...]:
    return ("name", "level", "issuer", "superior", "date", *(("recipient",) if kind.recipient != "none" else ()))


def _text(v: Any) -> bool:
    return v is None or (type(v) is str and len(v) > 0)


def _figure_ok(f: FigureField, v: Any) -> bool:
    if v is None:
        return True
    if f.type == "titles":
        return type(v) is list and all(type(t) is str and t for t in v)
    if f.compare:
        return (
            type(v) is dict
            and v.keys() <= {"current", "previous", "reason"}
            and all(_scalar_ok(f, v.get(k)) for k in ("current", "previous"))
            and (v.get("reason") is None or (type(v["reason"]) is str and bool(v["reason"])))
        )
    return _scalar_ok(f, v)


def _scalar_ok(f: FigureField, v: Any) -> bool:
    if v is None:
        return True
    if f.type == "count":
        return type(v) is int and 0 <= v <= MAX_FIGURE
    return type(v) is float and math.isfinite(v) and 0 <= v <= MAX_FIGURE and amount_decimals_ok(v)


def _plain(kind: Kind, data: dict[str, Any]) -> dict[str, Any] | None:
    """Data with defaults filled in when the quick check vouches for it, else None (ask the schema)."""
    facts = plain_facts(kind, data)
    if facts is None:
        return None
    top = {
        "kind",
        "organisation",
        "year",
        "cases",
        "problems",
        "plans",
        *kind.groups,
        *(("basis",) if kind.basis else ()),
    }
    if not data.keys() <= top or data.get("kind", kind.id) != kind.id:
        return None
    org, year = data.get("organisation"), data.get("year")
    keys = _org_keys(kind)
    if type(org) is not dict or not org.keys() <= set(keys) or type(org.get("level")) is not str:
        return None
    if org["level"] not in kind.levels:  # after the type check: a list or mapping is unhashable
        return None
    date = org.get("date")
    texts = (org.get(k) for k in ("name", "issuer", "superior", "recipient"))
    if not (all(_text(t) for t in texts) and (date is None or type(date) is dt.date)):
        return None
    if year is not None and not (type(year) is int and 1949 <= year <= 2100):
        return None
    out: dict[str, Any] = {
        "kind": kind.id,
        "organisation": {k: org.get(k) for k in keys},
        "year": year,
    }
    for group in kind.groups:
        raw = data.get(group)
        if raw is None:
            out[group] = None
            continue
        figures = [f for f in kind.figures if f.group == group and f.type != "rate"]  # rates are computed
        if type(raw) is not dict or not raw.keys() <= {"practices", *(f.name for f in figures)}:
            return None
        practices = plain_practices(raw.get("practices"))
        if practices is None:
            return None
        values = {}
        for f in figures:
            v = raw.get(f.name)
            if not _figure_ok(f, v):
                return None
            if f.compare and v is not None:
                v = {"current": v.get("current"), "previous": v.get("previous"), "reason": v.get("reason")}
            elif f.type == "titles" and v is not None:
                v = list(v)
            values[f.name] = v
        values["practices"] = practices
        out[group] = values
    return out | facts


def spec_kind_id(data: Any, file: str | Path | None = None) -> str:
    """The kind a parsed spec names (the default kind when it names none); a SpecError when it isn't a mapping."""
    if not isinstance(data, dict):
        raise SpecError(file, [("", f"the spec must be a mapping of fields (got {type(data).__name__})")])
    kind_id = data.get("kind", DEFAULT_KIND)
    if not isinstance(kind_id, str):
        raise SpecError(file, [("kind", f"must be a kind id such as {DEFAULT_KIND} (got {short_repr(kind_id)})")])
    return kind_id


def validate_spec(
    data: Any,
    file: str | Path | None = None,
    kinds_dirs: Iterable[str | Path] = (),
    *,
    resolve: Callable[[str], Kind] | None = None,
) -> Spec:
    """Validate parsed spec data against its kind; raise SpecError naming every bad field.

    The kind is looked up with `resolve` (a Workspace's cached lookup) when given, else among the
    built-in kinds and those in `kinds_dirs`.
    """
    kind_id = spec_kind_id(data, file)
    try:
        kind = resolve(kind_id) if resolve is not None else get_kind(kind_id, kinds_dirs)
    except LookupError as exc:
        raise SpecError(file, [("kind", str(exc))]) from None
    try:
        check_depth(data)
    except ValueError as exc:
        raise SpecError(file, [("", str(exc))]) from None
    plain = _plain(kind, data)
    if plain is None:
        from .spec_schema import validate_with_schema

        plain, problems = validate_with_schema(kind, data)
        if problems:
            raise SpecError(file, problems)
    spec = _spec(kind, plain)
    impossible = check_figures(kind, spec) + check_facts(kind, spec)  # contradictions: both fields named
    if impossible:
        raise SpecError(file, impossible)
    return spec


def read_spec_data(path: str | Path) -> Any:
    """Parse a spec file by its suffix (.yaml/.yml, .json, .toml); errors name the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError(path, [("", "file not found")]) from None
    except IsADirectoryError:
        raise SpecError(path, [("", "is a directory, not a spec file")]) from None
    except UnicodeDecodeError as exc:
        raise SpecError(path, [("", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    except OSError as exc:
        raise SpecError(path, [("", f"can't read it: {exc.strerror or exc}")]) from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            return json_loads(text)
        if suffix == ".toml":
            return tomllib.loads(text)
        return safe_load(text)
    except json.JSONDecodeError as exc:
        raise SpecError(path, [("", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(path, [("", f"not valid TOML: {exc}")]) from None
    except (ValueError, RecursionError) as exc:  # TOML nested too deeply, or an integer of thousands of digits
        problem = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).splitlines()[0][:120]
        raise SpecError(path, [("", f"can't read it: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise SpecError(path, [("", f"not valid YAML{yaml_problem(exc)}")]) from None


def load_spec(
    path: str | Path, kinds_dirs: Iterable[str | Path] = (), *, resolve: Callable[[str], Kind] | None = None
) -> Spec:
    """Read and validate a figures spec file (its kind built-in or in `kinds_dirs`, or found by `resolve`)."""
    return validate_spec(read_spec_data(path), path, kinds_dirs, resolve=resolve)
