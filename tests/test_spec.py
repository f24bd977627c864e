"""Bad specs: one readable error naming the file and field, exit 2, no traceback, no output file."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import FULL

from drafter import SpecError, load_spec, validate_spec


def _mutate(data: dict, path: str, value) -> dict:
    *parents, last = path.split(".")
    node = data
    for p in parents:
        node = node.setdefault(p, {})
    node[last] = value
    return data


# field path to change, bad value, expected path in the message, expected words
BAD_FIELDS = [
    ("meetings.count.previous", -3, "meetings.count.previous", "must be ≥ 0"),
    ("meetings.count.current", "八十六", "meetings.count.current", "must be a whole number"),
    ("research.visits", 2.5, "research.visits", "must be a whole number"),
    ("research.visits", True, "research.visits", "must be a whole number"),
    ("frugality.three_public.current", float("nan"), "frugality.three_public.current", "finite number"),
    ("frugality.three_public.current", "812", "frugality.three_public.current", "must be a number"),
    ("frugality.vehicle_costs", 356.8, "frugality.vehicle_costs", "{current: …, previous: …}"),
    ("meetings.total", 3, "meetings.total", "unknown field; expected one of: count"),
    ("meeting", {"count": 3}, "meeting", "unknown field"),
    ("organisation.level", "city", "organisation.level", "must be one of"),
    ("institutions.titles", "《办法》", "institutions.titles", "must be a list"),
    ("year", 1800, "year", "must be ≥ 1949"),
]


@pytest.mark.parametrize("path,value,where,words", BAD_FIELDS)
def test_bad_field_names_path_and_problem(full_data, tmp_path, cli, path, value, where, words):
    spec = tmp_path / "bad.yaml"
    spec.write_text(yaml.safe_dump(_mutate(full_data, path, value), allow_unicode=True), encoding="utf-8")
    out = tmp_path / "draft.md"
    r = cli("draft", spec, "-o", out)
    assert r.code == 2
    assert f"bad.yaml: {where}: " in r.err or f"  {where}: " in r.err
    assert words in r.err
    assert "Traceback" not in r.err and r.out == ""
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [spec]  # no temporary file left behind either


def test_every_problem_is_reported_at_once(full_data):
    _mutate(full_data, "meetings.count.previous", -1)
    _mutate(full_data, "study.lectures", "x")
    with pytest.raises(SpecError) as info:
        validate_spec(full_data, "f.yaml")
    paths = [p for p, _ in info.value.problems]
    assert paths == ["study.lectures", "meetings.count.previous"]


@pytest.mark.parametrize(
    "name,text,words",
    [
        ("broken.yaml", "organisation: {name: 青山县\nyear: 2025\n", "not valid YAML at line"),
        ("broken.json", '{"organisation": {"level": "county"},}', "not valid JSON"),
        ("broken.toml", "year = = 2025", "not valid TOML"),
        ("list.yaml", "- 1\n- 2\n", "must be a mapping"),
        ("nolevel.yaml", "organisation: {name: 青山县}\n", "organisation.level: required"),
        ("kind.yaml", "kind: weekly\norganisation: {level: county}\n", "unknown kind 'weekly'"),
    ],
)
def test_unreadable_specs(tmp_path, cli, name, text, words):
    spec = tmp_path / name
    spec.write_text(text, encoding="utf-8")
    r = cli("draft", spec)
    assert r.code == 2 and words in r.err and name in r.err
    assert "Traceback" not in r.err and r.out == ""


def test_missing_file(tmp_path, cli):
    r = cli("draft", tmp_path / "nope.yaml", "-o", tmp_path / "out.md")
    assert r.code == 2 and "nope.yaml: file not found" in r.err
    assert not (tmp_path / "out.md").exists()


def _toml(value):
    """A TOML inline value (enough for the examples: text, numbers, lists, tables)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def test_json_and_toml_specs_match_yaml(full_data, tmp_path, cli):
    full_data["organisation"]["date"] = "2026-01-16"
    (tmp_path / "s.json").write_text(json.dumps(full_data, ensure_ascii=False), encoding="utf-8")
    toml_lines = [
        'kind = "eight-point"',
        "year = 2025",
        "[organisation]",
        'name = "青山县"',
        'level = "county"',
        'issuer = "中共青山县委员会"',
        "date = 2026-01-16",
    ]
    for key in ("cases", "problems", "plans"):  # the unit's facts: arrays of inline tables
        if key in full_data:
            toml_lines.insert(2, f"{key} = {_toml(full_data[key])}")
    for group, fields in full_data.items():
        if not isinstance(fields, dict) or group == "organisation":
            continue
        toml_lines.append(f"[{group}]")
        for key, value in fields.items():
            if isinstance(value, dict):
                toml_lines.append(f"{key} = {{ current = {value['current']}, previous = {value['previous']} }}")
            else:
                toml_lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    (tmp_path / "s.toml").write_text("\n".join(toml_lines) + "\n", encoding="utf-8")
    outputs = {suffix: cli("draft", tmp_path / f"s.{suffix}").out for suffix in ("json", "toml")}
    yaml_out = cli("draft", FULL).out
    assert outputs["json"] == yaml_out
    assert outputs["toml"] == yaml_out


def test_examples_validate():
    spec = load_spec(FULL)
    assert spec.organisation.name == "青山县" and spec.meetings.count.previous == 102
