"""The quick spec check (no pydantic) must never accept what the pydantic schema would reject or change."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import get_kind
from drafter.bank.spec import _plain, validate_spec
from drafter.bank.spec_schema import validate_with_schema

ROOT = Path(__file__).resolve().parent.parent
KINDS = [get_kind(k) for k in ("eight-point", "discipline-summary", "self-inspection")]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=3),
    st.dates(),
    st.datetimes(),
    st.lists(st.one_of(st.text(max_size=3), st.integers()), max_size=3),
)
values = st.one_of(scalars, st.dictionaries(st.sampled_from(["current", "previous", "other"]), scalars, max_size=3))


@st.composite
def spec_data(draw):
    kind = draw(st.sampled_from(KINDS))
    data: dict = {}
    if draw(st.booleans()):
        data["kind"] = draw(st.sampled_from([kind.id, "other-kind"]))
    org = {"level": draw(st.sampled_from([*kind.levels, "nowhere"]))}
    for key in ("name", "issuer", "date", "extra"):
        if draw(st.integers(0, 3)) == 0:
            org[key] = draw(scalars)
    data["organisation"] = draw(st.sampled_from([org, None, "text"]))
    if draw(st.booleans()):
        data["year"] = draw(scalars)
    for group in kind.groups:
        if draw(st.booleans()):
            continue
        fields = {}
        for f in kind.figures:
            if f.group == group and draw(st.booleans()):
                fields[f.name] = draw(values)
        if draw(st.integers(0, 5)) == 0:
            fields["unknown"] = 1
        data[group] = draw(st.sampled_from([fields, None, 3]))
    if kind.basis and draw(st.booleans()):  # the notice answered: {title, number}
        words = st.sampled_from(
            ["关于开展自查工作的通知", "《关于开展自查工作的通知》", "青纪办发〔2025〕3号", "〔2025〕3号 "]
        )
        keys = st.sampled_from(["title", "number", "other"])
        data["basis"] = draw(st.one_of(scalars, st.dictionaries(keys, st.one_of(words, scalars), max_size=3)))
    return kind, data


def _sample_value(f):
    if f.compare:
        return {"current": f.sample[0], "previous": f.sample[1]}
    return f.sample


@settings(max_examples=400, deadline=None)
@given(spec_data())
def test_quick_check_accepts_only_what_the_schema_accepts_unchanged(case):
    kind, data = case
    plain = _plain(kind, data)
    if plain is not None:
        schema_view, problems = validate_with_schema(kind, data)
        assert problems == []
        assert plain == schema_view


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(KINDS), st.integers(0, 200), st.integers(0, 10**8).map(lambda c: c / 100), st.dates())
def test_valid_specs_take_the_quick_path_and_match_the_schema(kind, n, amount, date):  # amounts: two decimals
    data: dict = {"kind": kind.id, "organisation": {"level": next(iter(kind.levels)), "name": "某县", "date": date}}
    data["year"] = 2025
    for f in kind.figures:
        if f.type == "rate":  # computed from its counts, never typed
            continue
        value = _sample_value(f)
        if f.type == "count":
            value = {"current": n, "previous": n + 1} if f.compare else n
        elif f.type == "amount":
            previous = amount if f.optional else None  # an optional compared figure needs both years or neither
            value = {"current": amount, "previous": previous} if f.compare else amount
        data.setdefault(f.group, {})[f.name] = value
    for check in kind.checks:  # parts add up to their total (kind.yaml checks:)
        if "sum" in check:
            group, name = check["equals"].split(".")
            data[group][name] = n * len(check["sum"])
    for _ in range(2):  # A > 0 only if B > 0 (allowances.refunded needs allowances.people …)
        for check in kind.checks:
            if "requires" in check:
                (ga, na), (gb, nb) = (p.split(".") for p in check["requires"])
                if data[ga][na] and not data[gb][nb]:
                    data[ga][na] = type(data[ga][na])(0)
    plain = _plain(kind, data)
    assert plain is not None
    assert plain == validate_with_schema(kind, data)[0]
    spec = validate_spec(data)
    assert spec.model_dump() == plain and spec.kind == kind.id and spec.organisation.date == date


def test_schema_path_gives_the_same_spec():
    """A date written as text is not plain: pydantic parses it, and the Spec is the same as with a date."""
    kind = KINDS[0]
    base = {"organisation": {"level": next(iter(kind.levels)), "date": dt.date(2025, 12, 30)}}
    text = {"organisation": {"level": next(iter(kind.levels)), "date": "2025-12-30"}}
    assert _plain(kind, text) is None
    assert validate_spec(text) == validate_spec(base)
    assert validate_spec(text).model_dump(mode="json")["organisation"]["date"] == "2025-12-30"


def test_drafting_an_ordinary_spec_does_not_import_pydantic():
    code = (
        "import sys; from drafter.cli import main; main(['draft', 'corpora/examples/county-2025.yaml', '-o', '/dev/null']);"
        "assert 'pydantic' not in sys.modules, 'pydantic was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
