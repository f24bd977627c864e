"""Field problems carry a code and values (drafter.errors.Problem): the CLI prints the same English words, the
page words each code in Chinese (static/zh.js FIELD). Also: /api/schema's optional figures."""

from __future__ import annotations

import ast
import json
import pickle
import re

import pytest
import yaml
from conftest import FULL, ROOT, spec_json
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import drafter
from drafter.errors import Problem, SpecError, problem_code
from drafter.web import Workbench
from drafter.web.app import create_app

ZH = ROOT / "drafter" / "web" / "static" / "zh.js"
SELF = ROOT / "corpora" / "examples" / "self-inspection-2025.yaml"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Workbench()), raise_server_exceptions=False) as c:
        yield c


def page_codes() -> set[str]:
    block = ZH.read_text(encoding="utf-8").split("export const FIELD = {", 1)[1].split("\n};", 1)[0]
    return set(re.findall(r"^  (\w+): ", block, flags=re.M))


def source_codes() -> set[str]:
    """Every code a Problem(...) in drafter/ is built with."""
    codes = set()
    for path in (ROOT / "drafter").rglob("*.py"):
        if path.name == "errors.py":  # the class itself (and its unpickling helper)
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem" and len(node.args) > 1:
                assert isinstance(node.args[1], ast.Constant), f"{path}: a Problem's code is a literal"
                codes.add(node.args[1].value)
    return codes


def test_every_problem_code_has_chinese_words_on_the_page_and_none_is_stale():
    codes = source_codes()
    assert len(codes) >= 30, codes
    assert codes == page_codes(), codes ^ page_codes()


def test_a_problem_is_the_plain_message_text_with_a_code_beside_it():
    p = Problem("must be a whole number (got 'x')", "integer", got="'x'")
    assert p == "must be a whole number (got 'x')" and isinstance(p, str)
    assert f"year: {p}" == "year: must be a whole number (got 'x')"
    assert problem_code(p) == ("integer", {"got": "'x'"})
    assert problem_code("plain words") == ("", {})
    back = pickle.loads(pickle.dumps(p))
    assert (back, back.code, back.params) == (p, "integer", {"got": "'x'"})


def self_inspection() -> dict:
    """The example as the page sends it: dates as ISO text."""
    return json.loads(json.dumps(yaml.safe_load(SELF.read_text(encoding="utf-8")), default=str))


def problems_of(client, spec: dict) -> list[dict]:
    r = client.post("/api/draft", json={"spec": spec})
    assert r.status_code == 422, r.text
    return r.json()["problems"]


def eight_point(**changes) -> dict:
    spec = spec_json(FULL)
    for path, value in changes.items():
        *keys, last = path.split("__")
        target = spec
        for k in keys:
            target = target.setdefault(k, {})
        target[last] = value
    return spec


@pytest.mark.parametrize(
    ("spec", "path", "code", "params"),
    [
        (eight_point(year="二〇二五年左右"), "year", "integer", {"got": "'二〇二五年左右'"}),
        (eight_point(organisation__date="2026-13-01"), "organisation.date", "date", {"got": "'2026-13-01'"}),
        (eight_point(colour="red"), "colour", "unknown_field", {}),
        (eight_point(meetings__count={"current": -3, "previous": 5}), "meetings.count.current", "min", {"limit": 0}),
        (eight_point(cases=[{"who": "某镇副镇长王某", "what": "违规接受宴请"}]), "cases[0].handling", "required", {}),
        (eight_point(meetings__practices=["会前精简议程。会后不发简报"]), "meetings.practices[0]", "note_clause", {}),
        (
            eight_point(plans=[{"problem": 7, "text": "合并召开能合并的会议"}]),
            "plans[0].problem",
            "no_problem",
            {"number": 7},
        ),
    ],
)
def test_field_problems_reach_the_page_with_their_code_and_values(client, spec, path, code, params):
    problems = {p["path"]: p for p in problems_of(client, spec)}
    assert path in problems, problems
    p = problems[path]
    assert p["code"] == code and params.items() <= p["params"].items(), p
    assert p["message"]  # the CLI's words, for the hover and for a code the page doesn't know


def test_the_notice_and_an_optional_half_year_are_coded(client):
    spec = self_inspection()
    spec["basis"] = {"title": "通知", "number": "2025年31号"}
    problems = {p["path"]: p for p in problems_of(client, spec)}
    assert problems["basis.title"]["code"] == "notice_title"
    assert problems["basis.number"]["code"] == "doc_number"
    spec = self_inspection()
    spec["reception"]["costs"] = {"current": 12.48}
    (p,) = problems_of(client, spec)
    assert (p["path"], p["code"], p["params"]) == (
        "reception.costs.previous",
        "both_years",
        {"label": "公务接待费", "missing": "previous"},
    )


def test_the_cli_prints_the_same_words(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(FULL.read_text(encoding="utf-8").replace("year: 2025", "year: abc"), encoding="utf-8")
    with pytest.raises(SpecError) as info:
        drafter.load_spec(path)
    assert f"{path}: year: must be a whole number (got 'abc')" == str(info.value)


JUNK = st.one_of(
    st.text(max_size=8),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(
        st.sampled_from(["current", "previous", "x"]), st.integers(-5, 5) | st.text(max_size=3), max_size=3
    ),
)
PLACES = [
    ("year",),
    ("organisation", "date"),
    ("organisation", "level"),
    ("meetings", "count"),
    ("meetings", "practices"),
    ("reception", "costs"),
    ("problems",),
    ("basis",),
    ("basis", "number"),
    ("cases",),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from(PLACES), junk=JUNK, kind=st.sampled_from(["eight-point", "self-inspection"]))
def test_junk_anywhere_gives_problems_the_page_can_word_in_chinese(place, junk, kind):
    spec = spec_json(FULL) if kind == "eight-point" else self_inspection()
    target = spec
    for key in place[:-1]:
        if not isinstance(target.get(key), dict):
            target[key] = {}
        target = target[key]
    target[place[-1]] = junk
    try:
        drafter.validate_spec(spec)
    except SpecError as exc:
        known = page_codes()
        for path, message in exc.problems:
            code, _ = problem_code(message)
            if path:  # a field's problem ("" is the spec as a whole: not valid JSON, too deep)
                assert code in known, (path, message)


@pytest.mark.parametrize(
    ("kind", "optional"),
    [
        (
            "self-inspection",
            {
                "three_public.total",
                "reception.costs",
                "cars.costs",
                "overseas.costs",
                "allowances.refunded",
                "allowances.people",
            },
        ),
        ("eight-point", {"news.leader_reports"}),
        ("discipline-summary", set()),
    ],
)
def test_the_schema_says_which_figures_are_optional(client, kind, optional):
    schema = client.get(f"/api/schema/{kind}").json()
    fields = [f for g in schema["groups"] for f in g["fields"]]
    assert all(isinstance(f["optional"], bool) for f in fields)
    assert {f["path"] for f in fields if f["optional"]} == optional
    assert ("basis" in schema["lists"]) == (kind == "self-inspection")
