"""Issue 17, no traceback reaches a user: each case of the issue exits 2 with one line naming the file; random
garbage specs never produce a traceback; anything unexpected is exit 70 with a hint to report it."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
import yaml
from conftest import EXAMPLES, FULL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import drafter.cli as cli_module

BASE = yaml.safe_load(FULL.read_text(encoding="utf-8"))
FULL_TEXT = FULL.read_text(encoding="utf-8")


def _one_line(r) -> None:
    assert "Traceback" not in r.err, r.err[-2000:]
    assert r.err.count("\n") <= 1 and len(r.err) < 600, r.err[:800]


# (file name, content, words the one line must hold)
ISSUE_SPECS = [
    ("date.yaml", FULL_TEXT.replace("date: 2026-01-16", "date: 2026-13-45"), "month must be in 1..12"),
    (
        "huge.yaml",
        FULL_TEXT.replace(
            "year: 2025", "year: 2025\nmeetings: {count: {current: 10000000000000000000000000000, previous: 1}}"
        ),
        "",
    ),
    (
        "count.json",
        json.dumps(
            {
                **BASE,
                "organisation": {**BASE["organisation"], "date": None},
                "meetings": {"count": {"current": 10**28, "previous": 1}},
            }
        ),
        "must be ≤",
    ),
    ("digits.yaml", FULL_TEXT.replace("year: 2025", "year: " + "9" * 5000), "Exceeds the limit"),
    ("deep.json", "[" * 100_000 + "]" * 100_000, "nested more than"),
    ("laughs.yaml", "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nyear: [*b, *b]\n", "aliases"),
    ("dup.yaml", FULL_TEXT + "year: 2024\n", "given twice"),
    (
        "decimals.yaml",
        FULL_TEXT.replace("three_public: {current: 812.4", "three_public: {current: 0.001"),
        "at most 2 decimals",
    ),
    ("binary.yaml", "\x00\x01\x02", ""),
    ("level.yaml", FULL_TEXT.replace("level: county", "level: []"), "organisation.level"),  # found by hypothesis
]


@pytest.mark.parametrize(("name", "content", "words"), ISSUE_SPECS, ids=[c[0] for c in ISSUE_SPECS])
def test_issue_specs_are_one_line_exit_2(cli, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    r = cli("draft", path)
    assert r.code == 2, r.err[-2000:]
    _one_line(r)
    assert name in r.err and words in r.err


SELF = (EXAMPLES / "self-inspection-2025.yaml").read_text(encoding="utf-8")
# The unit's own facts (found problems with amounts) keep the figures' limits: on the quick path too.
FACT_SPECS = [
    ("amount-decimals.yaml", SELF.replace("amount: 1860.0", "amount: 0.001"), "problems[0].amount: at most 2 decimals"),
    ("amount-huge.yaml", SELF.replace("amount: 1860.0", "amount: 1.0e+29"), "problems[0].amount: must be ≤"),
    (
        "count-huge.yaml",
        SELF.replace("count: 2, amount", "count: " + "9" * 30 + ", amount"),
        "problems[0].count: must be ≤",
    ),
]


@pytest.mark.parametrize(("name", "content", "words"), FACT_SPECS, ids=[c[0] for c in FACT_SPECS])
def test_fact_amounts_and_counts_keep_the_limits(cli, tmp_path, name, content, words):
    assert content != SELF
    test_issue_specs_are_one_line_exit_2(cli, tmp_path, name, content, words)


def test_decimals_rule_holds_in_the_example(tmp_path):
    assert "three_public: {current: 812.4" in FULL_TEXT  # the replacement above really changes the spec


def test_output_naming_a_folder_is_one_line(cli, tmp_path):
    r = cli("draft", FULL, "-o", tmp_path)
    assert r.code == 2 and "is a folder" in r.err
    _one_line(r)


def test_deep_json_draft_for_diff_is_one_line(cli, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    r = cli("diff", deep, deep)
    assert r.code == 2 and "deep.json" in r.err
    _one_line(r)


def test_overlay_with_a_bad_date_is_one_line(cli, tmp_path):
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "x.yaml").write_text("slots:\n  - id: study.heading\n    variants: [a]\n    when: 2026-02-30\n")
    r = cli("draft", FULL, "--bank", bank)
    assert r.code == 2 and "x.yaml" in r.err and "day is out of range" in r.err
    _one_line(r)


def test_unexpected_errors_are_exit_70_with_a_hint(cli, monkeypatch):
    def boom(*args, **kwargs):
        raise ZeroDivisionError("the unexpected")

    monkeypatch.setattr("drafter.cli.kinds._cmd_kinds", boom, raising=False)
    parser = cli_module.build_parser()
    args = parser.parse_args(["kinds"])
    monkeypatch.setattr(cli_module, "build_parser", lambda: _Fixed(args, boom))
    r = cli("kinds")
    assert r.code == 70 and "internal error (ZeroDivisionError: the unexpected)" in r.err and "report" in r.err
    _one_line(r)
    monkeypatch.setenv("DRAFTER_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        cli_module.main(["kinds"])


class _Fixed:
    def __init__(self, args, func):
        self.args, self.args.func = args, func

    def parse_args(self, argv):
        return self.args


# --- garbage specs --------------------------------------------------------------------------------

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(min_value=dt.date(1, 1, 1)),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def _garbage_spec(draw):
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from([None, "organisation", "meetings", "frugality", "study", "year", "kind"]))
        value = draw(_VALUES)
        if where is None:
            return value  # the whole spec is garbage
        if isinstance(data.get(where), dict) and draw(st.booleans()):
            key = draw(st.sampled_from([*data[where], draw(st.text(max_size=8))]))
            data[where][key] = value
        else:
            data[where] = value
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=_garbage_spec(), fmt=st.sampled_from(["yaml", "json"]))
def test_garbage_specs_never_produce_a_traceback(cli, tmp_path, spec, fmt):
    path = tmp_path / f"garbage.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(spec, default=str, allow_nan=True), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    r = cli("draft", path)
    assert r.code in (0, 2), (r.code, r.err[-2000:])
    assert "Traceback" not in r.err and r.err.count("\n") <= 30  # one line per bad field, at most
    assert all(len(line) < 400 for line in r.err.splitlines()), r.err[:2000]
