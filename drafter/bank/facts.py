"""The unit's own facts in a spec: practices, cases, problems and plans (the lists beside the figures).

Key names are a contract with spec writers and the web form:

- ``practices:`` under any figure group: short notes of the unit's own measures;
- ``cases:`` typical cases, each ``{who, what, handling}``;
- ``problems:`` each ``{area, text}`` (area = a figure group id), optionally ``figure:``; a kind that
  reports found problems (kind.yaml ``found_problems: true``, the self-inspection) also takes
  ``count, amount, done, refund, status, deadline``;
- ``plans:`` each ``{problem: N or AREA, text}``: the next step answering problem N (from 1);
- ``basis:`` for a kind that answers a notice (kind.yaml ``basis: true``, the self-inspection):
  ``{title, number}``, the notice's title (wrapped in 《》 when written without) and its 文号
  (optional, such as 青纪办发〔2025〕12号); the opening cites it.

Every note is one clause: the draft adds the lead-in and the full stop, so a note carries no
sentence-ending punctuation inside (a trailing 。 or ； is dropped).
This module holds the quick check (plain data it can vouch for) and the cross-checks run on
every spec; the pydantic side is in `spec_schema`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ..errors import Problem
from .kinds import Kind
from .limits import MAX_FIGURE, amount_decimals_ok

__all__ = [
    "BASIS_FIELDS",
    "CASE_FIELDS",
    "FOUND_FIELDS",
    "PLAN_FIELDS",
    "PROBLEM_FIELDS",
    "STATUSES",
    "basis_title",
    "check_facts",
    "clause_problem",
    "clean_note",
    "facts_schema",
    "number_problem",
    "plain_basis",
    "plain_facts",
    "plain_practices",
    "title_problem",
]

NOTE_MAX = 120
STATUSES = ("已整改", "整改中")
CASE_FIELDS = {"who": "当事人（匿名，如 某乡镇党委副书记张某）", "what": "违纪事实", "handling": "处理结果"}
PROBLEM_FIELDS = {"area": "方面（图表分组 id）", "text": "问题表述", "figure": "佐证数字（可选，如 meetings.count）"}
FOUND_FIELDS = {
    "count": "问题个数",
    "amount": "涉及金额（元）",
    "done": "整改情况",
    "refund": "清退金额（元）",
    "status": "整改状态（已整改 / 整改中）",
    "deadline": "整改时限（整改中必填）",
}
PLAN_FIELDS = {"problem": "对应的问题（序号，从1起；或方面 id）", "text": "下一步措施"}
BASIS_FIELDS = {
    "title": "依据的通知标题（如 关于开展…自查工作的通知）",
    "number": "文号（可选，如 青纪办发〔2025〕12号）",
}
# A 文号: the issuer's code (青纪办发), the year in 六角括号 〔〕, the serial number and 号.
_NUMBER = re.compile(r"[^\s〔〕]*〔(?:19|20)\d{2}〕[1-9]\d*号")
_INNER_STOP = re.compile(r"[。！？；;!?\n]")
_TRAILING = "。；;，,、 \t"


def clean_note(text: str) -> str:
    """A note as written into a sentence: surrounding spaces and trailing punctuation dropped."""
    return text.strip().rstrip(_TRAILING).strip()


def _not_text(text: Any) -> Problem:
    return Problem(f"must be text (got {text!r})", "text", got=repr(text))


def clause_problem(text: Any) -> str | None:
    """Why a note can't be written as one clause (None when it can); a `Problem` with its code."""
    if type(text) is not str:
        return _not_text(text)
    core = clean_note(text)
    if len(core) < 2:
        return Problem("must be a short note of at least two characters", "note_short")
    if len(core) > NOTE_MAX:
        return Problem(
            f"must be one short note of at most {NOTE_MAX} characters (got {len(core)})",
            "note_long",
            limit=NOTE_MAX,
            length=len(core),
        )
    if _INNER_STOP.search(core):
        return Problem("must be one clause: no 。；！？ or line break inside (write two notes instead)", "note_clause")
    if "【" in core or "】" in core:
        return Problem("must not contain 【】 (placeholders are the draft's, not the spec's)", "note_brackets")
    return None


def basis_title(text: str) -> str:
    """A notice's title as cited: spaces dropped, wrapped in 《》 once."""
    return "《" + text.strip().strip("《》").strip() + "》"


def title_problem(text: Any) -> str | None:
    """Why a notice's title can't be cited (None when it can)."""
    if type(text) is not str:
        return _not_text(text)
    core = text.strip().strip("《》").strip()
    if len(core) < 4:
        return Problem("must be the notice's full title, such as 关于开展…自查工作的通知", "notice_title")
    if len(core) > NOTE_MAX or _INNER_STOP.search(core) or any(c in core for c in "《》【】"):
        return Problem(
            f"must be one title of at most {NOTE_MAX} characters, without 。；《》【】 inside",
            "notice_title_form",
            limit=NOTE_MAX,
            length=len(core),
        )
    return None


def number_problem(text: Any) -> str | None:
    """Why a 文号 is not one (None when it is)."""
    if type(text) is not str:
        return _not_text(text)
    if not _NUMBER.fullmatch(text.strip()):
        return Problem(
            f"must be a 文号 such as 青纪办发〔2025〕12号: the year in 〔〕, then the number and 号 (got {text!r})",
            "doc_number",
            got=text,
        )
    return None


def plain_basis(raw: Any) -> dict[str, Any] | None:
    """The notice a spec cites, normalised (title in 《》), when the quick check vouches for it, else None."""
    if type(raw) is not dict or not {"title"} <= raw.keys() <= set(BASIS_FIELDS) or title_problem(raw["title"]):
        return None
    number = raw.get("number")
    if number is not None and number_problem(number):
        return None
    return {"title": basis_title(raw["title"]), "number": None if number is None else number.strip()}


def _number_ok(v: Any, whole: bool) -> bool:
    """A found problem's count, or an amount (within the limits every figure keeps: bank.limits)."""
    if whole:
        return type(v) is int and 1 <= v <= MAX_FIGURE
    return type(v) is float and math.isfinite(v) and 0 <= v <= MAX_FIGURE and amount_decimals_ok(v)


def plain_practices(raw: Any) -> list[str] | None:
    """A group's practices when the quick check vouches for them ([] when absent), else None."""
    if raw is None:
        return []
    if type(raw) is not list or not all(clause_problem(n) is None for n in raw):
        return None
    return list(raw)


def _plain_case(c: Any) -> dict[str, Any] | None:
    if type(c) is not dict or c.keys() != set(CASE_FIELDS):
        return None
    if any(clause_problem(c[k]) for k in CASE_FIELDS):
        return None
    return {k: c[k] for k in CASE_FIELDS}


def _plain_problem(kind: Kind, p: Any) -> dict[str, Any] | None:
    allowed = set(PROBLEM_FIELDS) | (set(FOUND_FIELDS) if kind.found_problems else set())
    if type(p) is not dict or not {"area", "text"} <= p.keys() <= allowed:
        return None
    if p["area"] not in kind.groups or clause_problem(p["text"]):
        return None
    figure = p.get("figure")
    if figure is not None and figure not in {f.path for f in kind.figures}:
        return None
    out = {"area": p["area"], "text": p["text"], "figure": figure}
    if kind.found_problems:
        count, amount, refund = p.get("count"), p.get("amount"), p.get("refund")
        done, status, deadline = p.get("done"), p.get("status"), p.get("deadline")
        if count is not None and not _number_ok(count, True):
            return None
        if any(v is not None and not _number_ok(v, False) for v in (amount, refund)):
            return None
        if done is not None and clause_problem(done):
            return None
        if status is not None and status not in STATUSES:
            return None
        if deadline is not None and type(deadline) is not dt.date:
            return None
        if status == "整改中" and deadline is None:
            return None
        out.update(count=count, amount=amount, done=done, refund=refund, status=status, deadline=deadline)
    return out


def _plain_plan(kind: Kind, p: Any) -> dict[str, Any] | None:
    if type(p) is not dict or p.keys() != set(PLAN_FIELDS) or clause_problem(p["text"]):
        return None
    ref = p["problem"]
    if not ((type(ref) is int and ref >= 1) or (type(ref) is str and ref in kind.groups)):
        return None
    return {"problem": ref, "text": p["text"]}


def plain_facts(kind: Kind, data: dict[str, Any]) -> dict[str, Any] | None:
    """The top-level lists ([] when absent) when the quick check vouches for them, else None."""
    out: dict[str, Any] = {}
    for key, plain in (
        ("cases", _plain_case),
        ("problems", lambda p: _plain_problem(kind, p)),
        ("plans", lambda p: _plain_plan(kind, p)),
    ):
        raw = data.get(key)
        if raw is None:
            out[key] = []
            continue
        if type(raw) is not list:
            return None
        items = [plain(item) for item in raw]
        if any(i is None for i in items):
            return None
        out[key] = items
    if kind.basis:
        raw = data.get("basis")
        out["basis"] = None if raw is None else plain_basis(raw)
        if raw is not None and out["basis"] is None:
            return None
    return out


def check_facts(kind: Kind, spec: Any) -> list[tuple[str, str]]:
    """Facts that contradict each other or the figures, as (field path, message naming the other field)."""
    out: list[tuple[str, str]] = []
    problems = list(getattr(spec, "problems", None) or [])
    areas = {p.area for p in problems}
    for i, plan in enumerate(getattr(spec, "plans", None) or []):
        ref = plan.problem
        if isinstance(ref, int) and ref > len(problems):
            message = f"no problem {ref}: problems lists {len(problems)}"
            out.append((f"plans[{i}].problem", Problem(message, "no_problem", number=ref, count=len(problems))))
        elif isinstance(ref, str) and ref not in areas:
            message = f"no problem in area {ref!r}: problems has {sorted(areas) or 'none'}"
            out.append((f"plans[{i}].problem", Problem(message, "no_problem_in_area", area=ref)))
    if kind.found_problems:
        out += _found_against_figures(kind, spec, problems)
    return out


def _found_against_figures(kind: Kind, spec: Any, problems: list[Any]) -> list[tuple[str, str]]:
    """Found problems counted per area must not exceed the area's `problems` figure."""
    from .checks import figure_value

    out = []
    per_area: dict[str, int] = {}
    for p in problems:
        per_area[p.area] = per_area.get(p.area, 0) + (p.count or 1)
    for area, n in per_area.items():
        path = f"{area}.problems"
        if not any(f.path == path for f in kind.figures):
            continue
        given = figure_value(spec, path)
        if given is not None and n > given:
            first = next(i for i, p in enumerate(problems) if p.area == area)
            message = f"problems in {area} add up to {n}, more than {path} ({given:f})"
            params = {"total": n, "figure": f"{given:f}"}
            out.append((f"problems[{first}].count", Problem(message, "problems_over_figure", **params)))
    for i, p in enumerate(problems):
        if p.refund is not None and p.amount is not None and p.refund > p.amount:
            message = f"{p.refund:g} is more than problems[{i}].amount ({p.amount:g})"
            params = {"refund": f"{p.refund:g}", "amount": f"{p.amount:g}"}
            out.append((f"problems[{i}].refund", Problem(message, "refund_over_amount", **params)))
    return out


def facts_schema(kind: Kind) -> dict[str, Any]:
    """The lists a form renders beside the figures: where each goes, its label and its item fields."""
    problem_fields = dict(PROBLEM_FIELDS) | (FOUND_FIELDS if kind.found_problems else {})
    return {
        "practices": {
            "where": "group",
            "label": "本单位特色做法（每条一句，不加句号）",
            "item": "text",
            "example": "公务接待推行“一单一函一清单”管理",
        },
        "cases": {"where": "top", "label": "典型案例", "item": "record", "fields": _fields(CASE_FIELDS)},
        "problems": {
            "where": "top",
            "label": "查摆的问题" if kind.found_problems else "存在的问题",
            "item": "record",
            "fields": _fields(problem_fields),
            "areas": [{"id": g, "label": label} for g, label in kind.groups.items()],
            "statuses": list(STATUSES) if kind.found_problems else [],
        },
        "plans": {"where": "top", "label": "下一步措施（可选）", "item": "record", "fields": _fields(PLAN_FIELDS)},
    } | (
        # One record, not a list: the notice the report answers (its opening cites it).
        {"basis": {"where": "top", "label": "自查依据的通知", "item": "single", "fields": _fields(BASIS_FIELDS)}}
        if kind.basis
        else {}
    )


def _fields(fields: dict[str, str]) -> list[dict[str, str]]:
    return [{"name": k, "label": v} for k, v in fields.items()]
