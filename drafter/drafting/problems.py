"""The 存在问题 list built from facts, and the 下一步 steps that answer it one by one.

Problems come, in this order, from the spec's `problems`, the compared figures that went the
wrong way (with their reasons), problems found but not yet rectified (kind.yaml `backlog:`) and
the year's typical cases; at most `MOST` are kept, and generic problems (the bank's
`…problem.generic1…3` slots, worded so that no figure can contradict them) fill up to `LEAST`.
Each step answers one problem, in the same order: the spec's plan for it when `plans` gives
one, else a step derived from the problem (the bank's `…next.<source>` slot).
A kind that reports found problems (self-inspection) lists exactly the spec's problems.
"""

from __future__ import annotations

from typing import Any

from ..bank.facts import clean_note
from ..bank.kinds import FigureField, Kind
from ..zh.numbers import format_count, format_money
from .facts import Cases, Fact, Notes
from .figures import ComparedFigure, Figure, FigureGroup

__all__ = ["LEAST", "MOST", "build_problems", "build_steps", "sample_about"]

LEAST, MOST = 3, 4


def _text(ref: str, text: str) -> Figure:
    return Figure(ref, clean_note(text), clean_note(text))


def _figure_at(ctx: Any, path: str) -> Any:
    group, _, name = path.partition(".")
    obj = ctx.get(group)
    return obj[name] if isinstance(obj, FigureGroup) and name in obj else None


def _money(ref: str, value: float | None) -> Figure | None:
    return None if value is None else Figure(ref, format_money(value, "元"), value)


def _label(path: str, text: str) -> Figure:  # a name outside the figure groups: not a stated figure
    return Figure(f"label:{path}", text)


_VERBS = ("强化", "深化", "严格", "落实", "精简", "改进", "厉行", "坚持", "加强", "推进")


def _area(kind: Kind, group: str) -> Figure:
    """A group's topic as a problem names it: 深化廉政教育 → 廉政教育 (方面), 精简会议活动 → 会议活动."""
    label = kind.groups[group]
    topic = label[2:] if label.startswith(_VERBS) and len(label) > 4 else label
    return Figure(f"area:{group}", topic, group)


def _prose_label(label: str, unit: str) -> str:
    """A figure label as it reads before its value: 谈心谈话人次 → 谈心谈话 (1354人次), 会议次数 → 会议 (86次)."""
    for suffix in ("数量", "数"):
        if label.endswith(suffix) and len(label) > len(suffix) + 1:
            label = label[: -len(suffix)]
            break
    if unit and label.endswith(unit) and len(label) > len(unit) + 1:
        label = label[: -len(unit)]
    return label


def _date(d: Any) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _given(kind: Kind, ctx: Any, i: int, p: Any) -> Fact:
    ref = f"problems[{i}]"
    values: dict[str, Any] = {
        "text": _text(ref + ".text", p.text),
        "area": _area(kind, p.area),
        "has_figure": p.figure is not None,
    }
    if p.figure is not None:
        values["figure"] = _figure_at(ctx, p.figure)
        values["label"] = _label(p.figure, _prose_label(kind.figure(p.figure).label, kind.figure(p.figure).unit))
    if kind.found_problems:
        count = getattr(p, "count", None) or 1
        values["count"] = Figure(ref + ".count", format_count(count, "个"), count)
        values["amount"] = _money(ref + ".amount", getattr(p, "amount", None))
        values["refund"] = _money(ref + ".refund", getattr(p, "refund", None))
        done = getattr(p, "done", None)
        values["done"] = _text(ref + ".done", done) if done else None
        status = getattr(p, "status", None)
        values["status"] = status or ""
        deadline = getattr(p, "deadline", None)
        values["deadline"] = Figure(ref + ".deadline", _date(deadline), deadline.isoformat()) if deadline else None
        return Fact("found", ref, values)
    return Fact("given", ref, values)


def _wrong_way(kind: Kind, ctx: Any, skip: set[str]) -> list[Fact]:
    out = []
    for f in kind.figures:
        if not f.compare or f.path in skip:
            continue
        fig = _figure_at(ctx, f.path)
        if isinstance(fig, ComparedFigure) and fig.wrong_way:
            values = {"figure": fig, "label": _label(f.path, f.label), "area": _area(kind, f.group)}
            out.append(Fact("rose" if fig.trend in ("up", "new") else "fell", f.path, values))
    return out


def _backlog(kind: Kind, ctx: Any) -> list[Fact]:
    out = []
    for entry in kind.backlog:
        found, done = _figure_at(ctx, entry["of"]), _figure_at(ctx, entry["done"])
        if not isinstance(found, Figure) or not isinstance(done, Figure) or found.missing or done.missing:
            continue
        left = found.value - done.value
        if left > 0:
            f = kind.figure(entry["of"])
            values = {
                "found": found,
                "done": done,
                "left": Figure(f.path + ".left", format_count(left, f.unit), left, f"{f.path} − {entry['done']}"),
                "label": _label(f.path, f.label),
                "area": _area(kind, f.group),
            }
            out.append(Fact("backlog", f"backlog:{f.path}", values))
    return out


def build_problems(kind: Kind, spec: Any, ctx: Any) -> list[Fact]:
    """The problems the closing names, in order (see the module docstring)."""
    given = [_given(kind, ctx, i, p) for i, p in enumerate(getattr(spec, "problems", None) or [])]
    if kind.found_problems:
        return given
    facts = list(given)
    figures_told = {p.figure for p in getattr(spec, "problems", None) or [] if p.figure}
    facts += _wrong_way(kind, ctx, figures_told)
    facts += _backlog(kind, ctx)
    cases = ctx.get("cases")
    if isinstance(cases, Cases) and len(cases):
        source = "cases_banquet" if cases.banquets else "cases"
        facts.append(Fact(source, "cases", {"count": cases.count, "names": cases.names}))
    facts = facts[:MOST]
    for n in range(1, LEAST - len(facts) + 1):
        facts.append(Fact(f"generic{n}", f"generic{n}", {}))
    return facts


def build_steps(kind: Kind, spec: Any, problems: list[Fact]) -> list[Fact]:
    """One step per problem, same order: the spec's plan for it, else one derived from it."""
    plans = list(getattr(spec, "plans", None) or [])
    used: set[int] = set()
    steps = []
    for problem in problems:
        plan = _plan_for(problem, plans, used)
        if plan is not None:
            values = {"text": _text(f"plans[{plan}].text", plans[plan].text), "problem": problem}
            steps.append(Fact("plan", f"plans[{plan}]", values, answers=problem.ref))
        else:
            steps.append(Fact(problem.source, f"step:{problem.ref}", {"problem": problem}, answers=problem.ref))
    return steps


def _plan_for(problem: Fact, plans: list[Any], used: set[int]) -> int | None:
    if not problem.ref.startswith("problems["):
        return None
    index = int(problem.ref[len("problems[") : -1])
    area = problem["area"].value
    for j, plan in enumerate(plans):  # by number first, then the first unused plan for its area
        if j not in used and plan.problem == index + 1:
            used.add(j)
            return j
    for j, plan in enumerate(plans):
        if j not in used and plan.problem == area:
            used.add(j)
            return j
    return None


def sample_fact(about: str, ctx: Any) -> Fact:
    """A problem or step with every key a slot may read, to show and lint slots outside a draft."""
    field = FigureField("sample", "figure", "count", "次", "样例数字", compare=True, better="lower")
    compared = ComparedFigure(field, 60, 50, "样例原因")  # not one of the kind's figures: lint leaves it alone
    some = Figure("sample.count", "2个", 2)
    values: dict[str, Any] = {
        "text": Figure("sample.text", "个别单位审批把关不严"),
        "area": Figure("sample.area", "样例方面"),
        "label": Figure("sample.label", "样例数字"),
        "has_figure": compared is not None,
        "figure": compared,
        "found": some,
        "done": Figure("sample.done", "已补齐手续"),
        "left": some,
        "count": some,
        "names": "某单位干部张某",
        "amount": Figure("sample.amount", "1200元", 1200.0),
        "refund": Figure("sample.refund", "600元", 600.0),
        "status": "整改中",
        "deadline": Figure("sample.deadline", "2026年3月31日"),
    }
    problem = Fact("given", "problems[0]", values)
    if about == "step":
        return Fact("given", "step:problems[0]", {"problem": problem, "text": values["text"]}, answers="problems[0]")
    return problem


def sample_about(about: str, ctx: Any) -> Any:
    """A stand-in `this` to show or lint a slot said about a fact, outside a draft."""
    if about == "notes":
        return Notes("sample.practices", ["公务接待推行清单管理", "会议活动实行计划审批"])
    if about == "cases":

        class _Case:
            who, what, handling = "某单位干部张某", "违规接受宴请", "受到党内警告处分"

        return Cases([_Case()])
    return sample_fact(about, ctx)
