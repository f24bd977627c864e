"""The pydantic schema of a kind's spec, and its validation errors worded for users.

Imported only when a spec needs it: data the quick check in `spec` can't vouch for
(a wrong field, a date written as text, an amount written as a whole number).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    create_model,
    model_validator,
)

from ..errors import Problem
from ..yamlio import short_repr
from .facts import STATUSES, basis_title, clause_problem, number_problem, title_problem
from .kinds import FigureField, Kind
from .limits import AMOUNT_DECIMALS, MAX_FIGURE, amount_decimals_ok

__all__ = ["schema_model", "validate_with_schema"]

_FORBID = ConfigDict(extra="forbid")


def _two_decimals(value: float) -> float:
    if not amount_decimals_ok(value):
        got = short_repr(value)
        raise ValueError(
            Problem(
                f"at most {AMOUNT_DECIMALS} decimals (got {got}); round it yourself",
                "decimals",
                limit=AMOUNT_DECIMALS,
                got=got,
            )
        )
    return value


Count = Annotated[int, Strict(), Field(ge=0, le=MAX_FIGURE)]
Amount = Annotated[float, Strict(), Field(ge=0, le=MAX_FIGURE, allow_inf_nan=False), AfterValidator(_two_decimals)]
Title = Annotated[str, Field(min_length=1)]


def _clause(value: str) -> str:
    problem = clause_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Clause = Annotated[str, Strict(), AfterValidator(_clause)]  # a note the draft writes as one clause
PositiveCount = Annotated[int, Strict(), Field(ge=1, le=MAX_FIGURE)]


def _title(value: str) -> str:
    problem = title_problem(value)
    if problem:
        raise ValueError(problem)
    return basis_title(value)


def _number(value: str) -> str:
    problem = number_problem(value)
    if problem:
        raise ValueError(problem)
    return value.strip()


class Basis(BaseModel):
    """The notice a report answers: its title (wrapped in 《》) and 文号."""

    model_config = _FORBID
    title: Annotated[str, Strict(), AfterValidator(_title)]
    number: Annotated[str, Strict(), AfterValidator(_number)] | None = None


class Case(BaseModel):
    model_config = _FORBID
    who: Clause
    what: Clause
    handling: Clause


def _problem_model(kind: Kind) -> type[BaseModel]:
    fields: dict[str, Any] = {
        "area": (Literal[tuple(kind.groups)], ...),
        "text": (Clause, ...),
        "figure": (Literal[tuple(f.path for f in kind.figures)] | None, None),
    }
    if kind.found_problems:
        fields |= {
            "count": (PositiveCount | None, None),
            "amount": (Amount | None, None),
            "done": (Clause | None, None),
            "refund": (Amount | None, None),
            "status": (Literal[STATUSES] | None, None),
            "deadline": (dt.date | None, None),
        }

        @model_validator(mode="after")
        def _deadline(self: Any) -> Any:
            if self.status == "整改中" and self.deadline is None:
                raise ValueError(
                    Problem("status 整改中 needs deadline: the date by which it will be rectified", "deadline_needed")
                )
            return self

        return create_model("Problem", __config__=_FORBID, __validators__={"deadline_given": _deadline}, **fields)
    return create_model("Problem", __config__=_FORBID, **fields)


def _plan_model(kind: Kind) -> type[BaseModel]:
    return create_model(
        "Plan",
        __config__=_FORBID,
        problem=(PositiveCount | Literal[tuple(kind.groups)], ...),
        text=(Clause, ...),
    )


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
        reason=(Annotated[str, Field(min_length=1)] | None, None),  # why it moved the wrong way
    )


@cache
def schema_model(kind: Kind) -> type[BaseModel]:
    """The pydantic model of a kind's spec: organisation, year and the figure groups."""
    organisation = create_model(
        "Organisation",
        __config__=_FORBID,
        name=(Annotated[str, Field(min_length=1)] | None, None),
        level=(Literal[tuple(kind.levels)], ...),
        issuer=(Annotated[str, Field(min_length=1)] | None, None),
        # 上级党组织 as the report names it (在市委的坚强领导下); default: the level's org.superior in kind.yaml.
        superior=(Annotated[str, Field(min_length=1)] | None, None),
        date=(dt.date | None, None),
        # 主送机关 (e.g. 县纪委监委), for kinds that carry one; see kind.yaml `recipient`.
        **({"recipient": (Annotated[str, Field(min_length=1)] | None, None)} if kind.recipient != "none" else {}),
    )
    groups: dict[str, Any] = {}
    for group in kind.groups:
        fields = {  # rates are computed from their counts, never typed
            f.name: (_value_type(f) | None, None) for f in kind.figures if f.group == group and f.type != "rate"
        }
        fields["practices"] = (list[Clause], Field(default_factory=list))  # the unit's own measures
        groups[group] = (create_model(f"Group_{group}", __config__=_FORBID, **fields) | None, None)
    return create_model(
        f"Spec_{kind.id.replace('-', '_')}",
        __config__=_FORBID,
        kind=(Literal[kind.id], kind.id),
        organisation=(organisation, ...),
        year=(Annotated[int, Strict(), Field(ge=1949, le=2100)] | None, None),
        **groups,
        cases=(list[Case], Field(default_factory=list)),
        problems=(list[_problem_model(kind)], Field(default_factory=list)),  # type: ignore[valid-type]
        plans=(list[_plan_model(kind)], Field(default_factory=list)),  # type: ignore[valid-type]
        **({"basis": (Basis | None, None)} if kind.basis else {}),
    )


def validate_with_schema(kind: Kind, data: Any) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    """(the validated data as plain values, []) or (None, [(field path, problem), …])."""
    model = schema_model(kind)
    try:
        return model.model_validate(data).model_dump(), []
    except ValidationError as exc:
        problems = []
        seen = set()
        for err in exc.errors():
            # Unions report one error per member; the None member adds nothing useful.
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("Group_", "function"))))
            loc = tuple(p for p in loc if p not in ("none", "list[constrained-str]") and "_compare" not in str(p))
            loc = tuple(p for p in loc if not (isinstance(p, str) and (p == "int" or p.startswith("literal["))))
            path = _loc(loc)
            if err["type"] == "none_required" or path in seen:
                continue
            seen.add(path)
            problems.append((path, _message(err, model)))
        return None, problems


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + (str(part) or "''")
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


_DATE_ERRORS = ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact")


def _message(err: dict[str, Any], model: type[BaseModel]) -> Problem:
    """The problem in words for users (the CLI prints them), with a code and values for the page's Chinese."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    got = short_repr(value)
    if kind == "missing":
        return Problem("required", "required")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, err["loc"])
        text = "unknown field" + (f"; expected one of: {', '.join(allowed)}" if allowed else "")
        return Problem(text, "unknown_field", expected=allowed)
    if kind == "greater_than_equal":
        return Problem(f"must be ≥ {ctx['ge']:g} (got {got})", "min", limit=ctx["ge"], got=got)
    if kind == "less_than_equal":
        return Problem(f"must be ≤ {ctx['le']:g} (got {got})", "max", limit=ctx["le"], got=got)
    if kind == "finite_number":
        return Problem(f"must be a finite number (got {got})", "finite", got=got)
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return Problem(f"must be a whole number (got {got})", "integer", got=got)
    if kind in ("float_type", "float_parsing"):
        return Problem(f"must be a number (got {got})", "number", got=got)
    if kind == "literal_error":
        return Problem(
            f"must be one of {ctx.get('expected')} (got {got})", "one_of", expected=ctx.get("expected"), got=got
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        keys = _allowed_keys(model, (*err["loc"], "_"))
        if keys[:2] == ["current", "previous"]:
            text = f"must be {{current: …, previous: …}} with this year's and last year's values (got {got})"
            return Problem(text, "pair", got=got)
        return Problem(f"must be a mapping (got {got})", "mapping", got=got)
    if kind == "string_type":
        return Problem(f"must be text (got {got})", "text", got=got)
    if kind == "list_type":
        return Problem(f"must be a list (got {got})", "list", got=got)
    if kind == "value_error":
        error = ctx.get("error", err["msg"])
        if isinstance(error, Exception) and error.args and isinstance(error.args[0], Problem):
            return error.args[0]
        return Problem(str(error))
    if kind == "string_too_short":
        return Problem("must not be empty", "empty")
    if kind in _DATE_ERRORS:
        return Problem(f"{err['msg']} (got {got})", "date", got=got)
    return Problem(f"{err['msg']} (got {got})")
