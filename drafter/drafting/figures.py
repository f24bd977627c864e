"""The figures of a spec as template values that render with units and remember where they came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined
from jinja2.exceptions import UndefinedError

from ..bank.kinds import FigureField, Kind
from ..zh.numbers import compare, format_amount, format_count

__all__ = ["ComparedFigure", "Figure", "FigureGroup", "FigureUndefined", "TitlesFigure", "build_context", "placeholder"]


def placeholder(label: str) -> str:
    """The visible stand-in for a figure the spec doesn't give."""
    return f"【待补充：{label}】"


@dataclass(frozen=True)
class Figure:
    """A rendered figure: its text plus provenance (name, value, derivation, missing)."""

    name: str
    text: str
    value: Any = None
    derivation: str | None = None
    missing: bool = False

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "text": self.text}
        if self.value is not None:
            out["value"] = self.value
        if self.derivation:
            out["derivation"] = self.derivation
        if self.missing:
            out["missing"] = True
        return out


def _json_number(value: Any) -> Any:
    return value if isinstance(value, int) else float(value)


def _scalar(f: FigureField, name: str, label: str, value: Any) -> Figure:
    if value is None:
        return Figure(name, placeholder(label), missing=True)
    if f.type == "count":
        return Figure(name, format_count(value, f.unit), value)
    return Figure(name, format_amount(value) + f.unit, _json_number(value))


class ComparedFigure:
    """A figure given for this year and last year; renders as this year's value."""

    def __init__(self, f: FigureField, current: Any, previous: Any):
        self.field = f
        self.current = _scalar(f, f.path, f.label, current)
        self.previous = _scalar(f, f.path + ".previous", "上年" + f.label, previous)

    def _derived(self, suffix: str, attr: str, lead: str) -> Figure:
        name = f"{self.field.path}.{suffix}"
        missing = self.previous if self.previous.missing else self.current if self.current.missing else None
        if missing is not None:
            return Figure(name, lead + missing.text, missing=True)
        places = 0 if self.field.type == "count" else 2
        cmp = compare(self.current.value, self.previous.value, self.field.unit, places)
        value = {"current": self.current.value, "previous": self.previous.value, "direction": cmp.direction}
        return Figure(name, getattr(cmp, attr), value, cmp.derivation)

    @property
    def change(self) -> Figure:
        """较上年同期减少16次，同比下降15.7%."""
        return self._derived("change", "change_text", "较上年同期")

    @property
    def yoy(self) -> Figure:
        """同比下降15.7%."""
        return self._derived("yoy", "yoy_text", "同比")

    def __str__(self) -> str:
        return self.current.text


class TitlesFigure:
    """A list of document titles; renders as 《A》《B》 and counts itself."""

    def __init__(self, f: FigureField, titles: list[str] | None):
        self.field = f
        self.titles = [t.strip().strip("《》") for t in titles] if titles else None

    @property
    def all(self) -> Figure:
        if not self.titles:
            return Figure(self.field.path, f"《{placeholder(self.field.label)}》", missing=True)
        return Figure(self.field.path, "".join(f"《{t}》" for t in self.titles), list(self.titles))

    @property
    def count(self) -> Figure:
        name = self.field.path + ".count"
        if not self.titles:
            return Figure(name, placeholder(self.field.label), missing=True)
        n = len(self.titles)
        return Figure(name, format_count(n, self.field.unit), n, f"count = len(titles) = {n}")

    def __str__(self) -> str:
        return self.all.text


class FigureGroup:
    """A named group of figures (meetings, study, org); only item access, so no dict method shadows a figure."""

    __slots__ = ("_name", "_values")

    def __init__(self, name: str, values: dict[str, Any]):
        self._name = name
        self._values = dict(values)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __iter__(self):
        return iter(self._values)

    @property
    def group_name(self) -> str:
        return self._name


class FigureUndefined(StrictUndefined):
    """StrictUndefined whose message names the unknown figure as a dotted path."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        obj = self._undefined_obj
        if isinstance(obj, FigureGroup):
            known = ", ".join(sorted(obj))
            raise UndefinedError(f"unknown figure {obj.group_name}.{self._undefined_name} (known: {known})")
        if isinstance(obj, ComparedFigure):
            raise UndefinedError(
                f"unknown figure {obj.field.path}.{self._undefined_name} (known: previous, change, yoy)"
            )
        raise UndefinedError(f"unknown name {self._undefined_name!r}")

    __str__ = __iter__ = __len__ = __bool__ = __eq__ = __hash__ = _fail_with_undefined_error  # type: ignore[assignment]


def _figure_value(f: FigureField, raw: Any) -> Any:
    if f.type == "titles":
        return TitlesFigure(f, raw)
    if f.compare:
        current = getattr(raw, "current", None)
        previous = getattr(raw, "previous", None)
        return ComparedFigure(f, current, previous)
    return _scalar(f, f.path, f.label, raw)


def _org_words(kind: Kind, org: Any) -> FigureGroup:
    words = dict(kind.levels[org.level])
    values: dict[str, Any] = {k: Figure(f"org.{k}", v) for k, v in words.items()}
    values["name"] = (
        Figure("org.name", org.name) if org.name else Figure("org.name", placeholder("单位名称"), missing=True)
    )
    return FigureGroup("org", values)


def build_context(kind: Kind, spec: Any) -> dict[str, Any]:
    """Template values for a validated spec: org, year, prev_year and one group per figure section."""
    ctx: dict[str, Any] = {"org": _org_words(kind, spec.organisation)}
    if spec.year is None:
        ctx["year"] = Figure("year", placeholder("年度"), missing=True)
        ctx["prev_year"] = Figure("prev_year", placeholder("上一年度"), missing=True)
    else:
        ctx["year"] = Figure("year", str(spec.year), spec.year)
        ctx["prev_year"] = Figure("prev_year", str(spec.year - 1), spec.year - 1, f"prev_year = {spec.year} − 1")
    for group in kind.groups:
        raw_group = getattr(spec, group, None)
        values = {
            f.name: _figure_value(f, getattr(raw_group, f.name, None) if raw_group is not None else None)
            for f in kind.figures
            if f.group == group
        }
        ctx[group] = FigureGroup(group, values)
    return ctx


def figure_leaves(kind: Kind, spec: Any) -> list[tuple[str, str, Any]]:
    """Every leaf figure of the spec as (path, label, value or None), compared figures split in two."""
    leaves = []
    for f in kind.figures:
        raw_group = getattr(spec, f.group, None)
        raw = getattr(raw_group, f.name, None) if raw_group is not None else None
        if f.compare:
            leaves.append((f.path + ".current", f.label, getattr(raw, "current", None)))
            leaves.append((f.path + ".previous", "上年" + f.label, getattr(raw, "previous", None)))
        else:
            leaves.append((f.path, f.label, None if raw in (None, []) else raw))
    return leaves
