"""Figures specs: read YAML/JSON/TOML and validate them against a kind's schema."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationError, create_model

from ..errors import SpecError
from ..yamlio import safe_load
from .kinds import DEFAULT_KIND, FigureField, Kind, get_kind

__all__ = ["Spec", "load_spec", "read_spec_data", "spec_kind_id", "spec_model", "validate_spec"]

_FORBID = ConfigDict(extra="forbid")

Count = Annotated[int, Strict(), Field(ge=0)]
Amount = Annotated[float, Strict(), Field(ge=0, allow_inf_nan=False)]
Title = Annotated[str, Field(min_length=1)]


class Spec(BaseModel):
    """Common part of every kind's spec; figure groups are added per kind."""

    model_config = _FORBID


def _value_type(f: FigureField) -> Any:
    if f.type == "titles":
        return list[Title]
    base = Count if f.type == "count" else Amount
    if not f.compare:
        return base
    return create_model(
        f"{f.group}_{f.name}_compare",
        __config__=_FORBID,
        current=(base | None, None),
        previous=(base | None, None),
    )


@cache
def spec_model(kind: Kind) -> type[Spec]:
    """The pydantic model of a kind's spec: organisation, year and the figure groups."""
    organisation = create_model(
        "Organisation",
        __config__=_FORBID,
        name=(Annotated[str, Field(min_length=1)] | None, None),
        level=(Literal[tuple(kind.levels)], ...),
        issuer=(Annotated[str, Field(min_length=1)] | None, None),
        date=(dt.date | None, None),
        # 主送机关 (e.g. 县纪委监委), for kinds that carry one; see kind.yaml `recipient`.
        **({"recipient": (Annotated[str, Field(min_length=1)] | None, None)} if kind.recipient != "none" else {}),
    )
    groups: dict[str, Any] = {}
    for group in kind.groups:
        fields = {f.name: (_value_type(f) | None, None) for f in kind.figures if f.group == group}
        groups[group] = (create_model(f"Group_{group}", __config__=_FORBID, **fields) | None, None)
    return create_model(
        f"Spec_{kind.id.replace('-', '_')}",
        __base__=Spec,
        kind=(Literal[kind.id], kind.id),
        organisation=(organisation, ...),
        year=(Annotated[int, Strict(), Field(ge=1949, le=2100)] | None, None),
        **groups,
    )


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed at the mapping that holds loc[-1]."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        annotation = current.model_fields[part].annotation
        candidates = [a for a in getattr(annotation, "__args__", (annotation,)) if a is not type(None)]
        current = candidates[0] if candidates else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _message(err: dict[str, Any], model: type[BaseModel]) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return "required"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, err["loc"])
        return "unknown field" + (f"; expected one of: {', '.join(allowed)}" if allowed else "")
    if kind == "greater_than_equal":
        return f"must be ≥ {ctx['ge']:g} (got {value!r})"
    if kind == "less_than_equal":
        return f"must be ≤ {ctx['le']:g} (got {value!r})"
    if kind == "finite_number":
        return f"must be a finite number (got {value!r})"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number (got {value!r})"
    if kind in ("float_type", "float_parsing"):
        return f"must be a number (got {value!r})"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')} (got {value!r})"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        keys = _allowed_keys(model, (*err["loc"], "_"))
        if keys == ["current", "previous"]:
            return f"must be {{current: …, previous: …}} with this year's and last year's values (got {value!r})"
        return f"must be a mapping (got {value!r})"
    if kind == "string_type":
        return f"must be text (got {value!r})"
    if kind == "list_type":
        return f"must be a list (got {value!r})"
    if kind == "string_too_short":
        return "must not be empty"
    return f"{err['msg']} (got {value!r})"


def spec_kind_id(data: Any, file: str | Path | None = None) -> str:
    """The kind a parsed spec names (the default kind when it names none); a SpecError when it isn't a mapping."""
    if not isinstance(data, dict):
        raise SpecError(file, [("", f"the spec must be a mapping of fields (got {type(data).__name__})")])
    kind_id = data.get("kind", DEFAULT_KIND)
    if not isinstance(kind_id, str):
        raise SpecError(file, [("kind", f"must be a kind id such as {DEFAULT_KIND} (got {kind_id!r})")])
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
    model = spec_model(kind)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        seen = set()
        for err in exc.errors():
            # Unions report one error per member; the None member adds nothing useful.
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("Group_", "function"))))
            loc = tuple(p for p in loc if p not in ("none", "list[constrained-str]") and "_compare" not in str(p))
            path = _loc(loc)
            if err["type"] == "none_required" or path in seen:
                continue
            seen.add(path)
            problems.append((path, _message(err, model)))
        raise SpecError(file, problems) from None


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
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            return json.loads(text)
        if suffix == ".toml":
            return tomllib.loads(text)
        return safe_load(text)
    except json.JSONDecodeError as exc:
        raise SpecError(path, [("", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(path, [("", f"not valid TOML: {exc}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise SpecError(path, [("", f"not valid YAML{where}: {problem}")]) from None


def load_spec(
    path: str | Path, kinds_dirs: Iterable[str | Path] = (), *, resolve: Callable[[str], Kind] | None = None
) -> Spec:
    """Read and validate a figures spec file (its kind built-in or in `kinds_dirs`, or found by `resolve`)."""
    return validate_spec(read_spec_data(path), path, kinds_dirs, resolve=resolve)
