"""The figures of a spec as template values that render with units and remember where they came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined
from jinja2.exceptions import UndefinedError

from ..bank.kinds import FigureField, Kind
from ..zh.numbers import compare, format_count, format_money, format_percent
from .era import era_for, year_wording

__all__ = [
    "ComparedFigure",
    "Figure",
    "FigureGroup",
    "FigureUndefined",
    "TitlesFigure",
    "build_context",
    "classes",
    "placeholder",
    "possible_classes",
    "reporting_period",
    "resolve",
]


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

    @property
    def zero(self) -> bool:
        """A given value of 0 (a missing figure is not zero)."""
        return not self.missing and isinstance(self.value, (int, float)) and self.value == 0

    @property
    def one(self) -> bool:
        return not self.missing and isinstance(self.value, int) and self.value == 1

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
    if value is None:  # the unit stays outside, so the filled-in number reads right: 【待补充：专题辅导场次】场
        return Figure(name, placeholder(label) + f.unit, missing=True)
    if f.type == "count":
        return Figure(name, format_count(value, f.unit), value)
    return Figure(name, format_money(value, f.unit), _json_number(value))


class ComparedFigure:
    """A figure given for this year and last year; renders as this year's value.

    `trend` is its change class (down, flat, up, new, gone, zero, missing); `good` says whether the
    change went the kind's better way (None when neutral or unchanged); `reason` words why a figure
    went the wrong way (the spec's `reason`, else a placeholder the writer must fill).
    """

    def __init__(self, f: FigureField, current: Any, previous: Any, reason: str | None = None):
        self.field = f
        self.current = _scalar(f, f.path, f.label, current)
        self.previous = _scalar(f, f.path + ".previous", "上年" + f.label, previous)
        self._reason = reason

    def _comparison(self):
        places = 0 if self.field.type == "count" else 2
        return compare(self.current.value, self.previous.value, self.field.unit, places)

    def _derived(self, suffix: str, attr: str) -> Figure:
        name = f"{self.field.path}.{suffix}"
        if self.previous.missing or self.current.missing:
            # Never 「较上年同期【待补充…】」: last year's value (known or to be filled) is given as such.
            return Figure(name, "上年为" + self.previous.text, missing=self.previous.missing)
        cmp = self._comparison()
        value = {"current": self.current.value, "previous": self.previous.value, "direction": cmp.direction}
        return Figure(name, getattr(cmp, attr), value, cmp.derivation)

    @property
    def change(self) -> Figure:
        """较上年同期减少16次，同比下降15.7%."""
        return self._derived("change", "change_text")

    @property
    def yoy(self) -> Figure:
        """同比下降15.7%."""
        return self._derived("yoy", "yoy_text")

    @property
    def trend(self) -> str:
        if self.previous.missing or self.current.missing:
            return "missing"
        return self._comparison().trend

    @property
    def good(self) -> bool | None:
        """True when the change went the better way, False when the wrong way, None otherwise."""
        better = self.field.better
        trend = self.trend
        if better == "neutral" or trend in ("flat", "zero", "missing"):
            return None
        fell = trend in ("down", "gone")
        return fell if better == "lower" else not fell

    @property
    def wrong_way(self) -> bool:
        return self.good is False

    @property
    def zero(self) -> bool:
        return self.current.zero

    @property
    def reason(self) -> Figure:
        """主要原因是…: why the figure moved; a placeholder when the spec gives no reason."""
        name = self.field.path + ".reason"
        if self._reason:
            return Figure(name, "主要原因是" + self._reason.strip().rstrip("。；;"), self._reason)
        went_up = self.trend in ("up", "new")
        label = self.field.label + ("增加原因" if went_up else "减少原因")  # one label per figure: never two alike
        return Figure(name, "主要原因是" + placeholder(label), missing=True)

    def __str__(self) -> str:
        return self.current.text


class TitlesFigure:
    """A list of document titles; renders as 《A》《B》 and counts itself. [] is "none this year"."""

    def __init__(self, f: FigureField, titles: list[str] | None):
        self.field = f
        self.titles = None if titles is None else [t.strip().strip("《》") for t in titles]

    @property
    def missing(self) -> bool:
        return self.titles is None

    @property
    def empty(self) -> bool:
        return self.titles == []

    @property
    def one(self) -> bool:
        return self.titles is not None and len(self.titles) == 1

    @property
    def all(self) -> Figure:
        if self.titles is None:
            return Figure(self.field.path, f"《{placeholder(self.field.label)}》", missing=True)
        return Figure(self.field.path, "".join(f"《{t}》" for t in self.titles), list(self.titles))

    @property
    def count(self) -> Figure:
        name = self.field.path + ".count"
        if self.titles is None:
            return Figure(name, placeholder(self.field.label + "数量") + self.field.unit, missing=True)
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
                f"unknown figure {obj.field.path}.{self._undefined_name}"
                " (known: previous, change, yoy, trend, good, wrong_way, zero, reason)"
            )
        raise UndefinedError(f"unknown name {self._undefined_name!r}")

    __str__ = __iter__ = __len__ = __bool__ = __eq__ = __hash__ = _fail_with_undefined_error  # type: ignore[assignment]


def _rate(f: FigureField, spec: Any) -> Figure:
    """A rate computed from its counts (rates are never typed): 226 / 241 -> 93.8%."""
    from ..bank.checks import figure_value

    part, whole = (figure_value(spec, p) for p in f.of)
    if part is None or whole is None or whole == 0:
        return Figure(f.path, placeholder(f.label) + f.unit, missing=True)
    pct = part / whole * 100
    text = format_percent(pct)
    if part and text == "0.0%":  # a rate that rounds to nothing is still not a zero
        text = "不足0.1%"
    return Figure(f.path, text, float(pct), f"rate = {f.of[0]} / {f.of[1]} = {part} / {whole} = {text}")


def _figure_value(f: FigureField, raw: Any, spec: Any = None) -> Any:
    if f.type == "rate":
        return _rate(f, spec)
    if f.type == "titles":
        return TitlesFigure(f, raw)
    if f.compare:
        current = getattr(raw, "current", None)
        previous = getattr(raw, "previous", None)
        return ComparedFigure(f, current, previous, getattr(raw, "reason", None))
    return _scalar(f, f.path, f.label, raw)


def _org_words(kind: Kind, org: Any, year: int | None = None) -> FigureGroup:
    words = {k: year_wording(v, year) for k, v in kind.levels[org.level].items()}
    values: dict[str, Any] = {k: Figure(f"org.{k}", v) for k, v in words.items()}
    if getattr(org, "superior", None):  # the spec names the superior body: it overrides the level's word
        values["superior"] = Figure("org.superior", org.superior)
    values["name"] = (
        Figure("org.name", org.name) if org.name else Figure("org.name", placeholder("单位名称"), missing=True)
    )
    return FigureGroup("org", values)


def reporting_period(year: int | None, date: Any) -> str:
    """How far the year's figures reach by the report's date: 全年 once the year is over (or undated),
    else 截至M月上旬/中旬/下旬 — a report dated 18 December cannot yet speak of the whole year."""
    if year is None or date is None or date.year != year or (date.month, date.day) == (12, 31):
        return "全年"
    return f"截至{date.month}月{'上中下'[min(2, (date.day - 1) // 10)]}旬"


_ERA_RAW = ("year", "known", "campaign_id", "documents")  # read by templates' conditions, never rendered


def _era_group(year: int | None) -> FigureGroup:
    """The year's facts as figures (provenance: the year data; a placeholder where the data has no entry)."""
    era = era_for(year)
    values: dict[str, Any] = {}
    for key, value in era.__dict__.items():
        if key in _ERA_RAW or value is None:
            values[key] = value
        else:
            missing = value.startswith("【待补充：")
            values[key] = Figure(f"era.{key}", value, derivation=f"year data ({year or 'no year'})", missing=missing)
    return FigureGroup("era", values)


def _basis(spec: Any) -> Figure | None:
    """The notice the report answers as cited, 《title》（number） (or 《title》); None when the spec names none."""
    basis = getattr(spec, "basis", None)
    if basis is None:
        return None
    cite = basis.title + (f"（{basis.number}）" if basis.number else "")
    return Figure("basis", cite, derivation="the spec's basis: the notice the report answers")


def build_context(kind: Kind, spec: Any) -> dict[str, Any]:
    """Template values for a validated spec: org, year, prev_year, period, era (the year's facts), basis
    (the notice answered, or None) and the figure groups."""
    ctx: dict[str, Any] = {"org": _org_words(kind, spec.organisation, spec.year)}
    ctx["period"] = reporting_period(spec.year, getattr(spec.organisation, "date", None))
    if spec.year is None:
        ctx["year"] = Figure("year", placeholder("年度"), missing=True)
        ctx["prev_year"] = Figure("prev_year", placeholder("上一年度"), missing=True)
    else:
        ctx["year"] = Figure("year", str(spec.year), spec.year)
        ctx["prev_year"] = Figure("prev_year", str(spec.year - 1), spec.year - 1, f"prev_year = {spec.year} − 1")
    ctx["era"] = _era_group(spec.year)
    ctx["basis"] = _basis(spec)
    for group in kind.groups:
        raw_group = getattr(spec, group, None)
        values = {
            f.name: _figure_value(f, getattr(raw_group, f.name, None) if raw_group is not None else None, spec)
            for f in kind.figures
            if f.group == group
        }
        ctx[group] = FigureGroup(group, values)
    return ctx


def figure_leaves(kind: Kind, spec: Any) -> list[tuple[str, str, Any]]:
    """Every leaf figure of the spec as (path, label, value or None), compared figures split in two."""
    leaves = []
    for f in kind.figures:
        if f.type == "rate":
            continue
        raw_group = getattr(spec, f.group, None)
        raw = getattr(raw_group, f.name, None) if raw_group is not None else None
        if f.compare:
            leaves.append((f.path + ".current", f.label, getattr(raw, "current", None)))
            leaves.append((f.path + ".previous", "上年" + f.label, getattr(raw, "previous", None)))
        else:
            leaves.append((f.path, f.label, raw))
    return leaves


# --- change classes: which wording fits the figures ------------------------------------------------


def resolve(ctx: Any, path: str) -> Any:
    """The figure object at a dotted path of the render context (None when there is none)."""
    group, _, name = path.partition(".")
    obj = ctx.get(group) if hasattr(ctx, "get") else None
    if obj is None or not name:
        return obj
    return obj[name] if isinstance(obj, FigureGroup) and name in obj else None


def _way(good: bool | None) -> str:
    return "better" if good else "worse" if good is False else "even"


def classes(obj: Any) -> frozenset[str]:
    """The classes a figure falls in, which a variant's `when:` names.

    compared: down / flat / up / new (last year 0) / gone (this year 0) / zero (both 0) / missing,
    plus better / worse / even (against the figure's `better:`); counts and amounts: zero, one,
    many (and some = one or many); titles: empty, one, many; a missing figure is `missing` (and,
    as a count or titles, words like `many`, since its placeholder stands for a number).
    """
    hook = getattr(obj, "fact_classes", None)
    if callable(hook):  # the unit's own facts (drafting/facts.py): practice notes, cases
        return hook()
    if isinstance(obj, ComparedFigure):
        trend = obj.trend
        if trend == "missing":
            return frozenset({"missing"})
        return frozenset({trend, _way(obj.good)})
    if isinstance(obj, TitlesFigure):
        if obj.titles is None:
            return frozenset({"missing", "many", "some"})
        n = len(obj.titles)
        return frozenset({"empty"} if n == 0 else {"one", "some"} if n == 1 else {"many", "some"})
    if isinstance(obj, Figure):
        if obj.missing:
            return frozenset({"missing", "many", "some"})
        value = obj.value
        if isinstance(value, (int, float)):
            if value == 0:
                return frozenset({"zero"})
            return frozenset({"one", "some"} if value == 1 and isinstance(value, int) else {"many", "some"})
    return frozenset({"some"})


def possible_classes(f: FigureField) -> list[frozenset[str]]:
    """Every class set a figure of this schema can fall in (what a slot stating it must have wording for)."""
    if f.compare:
        better = f.better

        def way(fell: bool) -> str:
            return "even" if better == "neutral" else "better" if fell == (better == "lower") else "worse"

        return [
            frozenset({"down", way(True)}),
            frozenset({"up", way(False)}),
            frozenset({"new", way(False)}),
            frozenset({"gone", way(True)}),
            frozenset({"flat", "even"}),
            frozenset({"zero", "even"}),
            frozenset({"missing"}),
        ]
    if f.type == "titles":
        return [
            frozenset({"empty"}),
            frozenset({"one", "some"}),
            frozenset({"many", "some"}),
            classes(Figure("", "", missing=True)),
        ]
    if f.type == "rate":
        return [frozenset({"many", "some"}), frozenset({"missing", "many", "some"})]
    sets = [frozenset({"zero"}), frozenset({"many", "some"}), frozenset({"missing", "many", "some"})]
    return sets + ([frozenset({"one", "some"})] if f.type == "count" else [])


def sample_value(f: FigureField, cls: frozenset[str]) -> Any:
    """Raw spec data for a figure that falls in `cls` (to render each class while linting)."""
    if "missing" in cls:
        return None
    if f.type == "titles":
        return [] if "empty" in cls else ["甲制度"] if "one" in cls else ["甲制度", "乙制度"]
    if f.compare:
        trend = next(iter(cls - {"better", "worse", "even"}))
        pairs = {"zero": (0, 0), "flat": (50, 50), "new": (20, 0), "gone": (0, 20)}
        if trend in pairs:
            cur, prev = pairs[trend]
        else:
            cur, prev = (40, 50) if trend == "down" else (60, 50)
        return {"current": cur, "previous": prev}
    if "zero" in cls:
        return 0
    return 1 if "one" in cls else 30
