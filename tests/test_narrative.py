"""The narrative follows the data: drafts from figures off the happy path never say the opposite of them.

Figure vectors for every built-in kind (zeros, equal values, rises, falls, last year 0, one-item and
empty lists, huge amounts) × seeds, read by a checker written here for the tests — deliberately not
the project's review rules — that flags what a careful 办公室 reader would strike out.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drafter import get_kind, validate_spec
from drafter.bank.phrasebank import load_phrasebank
from drafter.drafting.drafter import Drafter
from drafter.drafting.figures import build_context, resolve
from drafter.errors import SpecError

KINDS = ["eight-point", "discipline-summary", "self-inspection"]
DRAFTERS = {k: Drafter(get_kind(k), load_phrasebank(get_kind(k).slot_dirs)) for k in KINDS}

UNITS = "个|件|次|人|份|期|场|条|批次|万元|亿元|人次|起|项|平方米|篇|辆|间|个月"
ZERO_COUNT = re.compile(rf"(?<![\d.])0(?:\.0+)?(?:{UNITS}|%)")
CUT = ("压减", "压缩", "减少", "下降", "降低")
SUCCESS = ("更加", "有效", "明显", "稳步", "提升", "得到", "成效", "显著", "规范透明", "有据可查", "到位")
CHANGE_WORDS = re.compile(r"较上年同期(?:增加|减少)|同比(?:增长|下降)")
AFTER_COMPARE = re.compile(r"(?:较上年同期|同比)【待补充")
PLACEHOLDER = re.compile(r"【待补充：(.+?)】")

PAIRS = [(0, 0), (7, 7), (40, 50), (60, 50), (12, 0), (0, 9), (100000, 100001), (2, 1000)]
AMOUNT_PAIRS = [
    (0.0, 0.0),
    (812.4, 812.4),
    (356.8, 401.25),
    (905.1, 812.4),
    (30.5, 0.0),
    (0.0, 44.2),
    (15000.0, 9000.0),
]


@st.composite
def figure_vectors(draw, kind_id: str) -> dict[str, Any]:
    kind = get_kind(kind_id)
    data: dict[str, Any] = {
        "kind": kind_id,
        "organisation": {"name": "样例县", "level": next(iter(kind.levels)), "issuer": "中共样例县委员会"},
        "year": 2025,
    }
    for f in kind.figures:
        if f.type == "rate":
            continue
        if f.type == "titles":
            value: Any = draw(st.sampled_from([[], ["甲管理办法"], ["甲管理办法", "乙实施细则", "丙规定"], None]))
        elif f.compare:
            cur, prev = draw(st.sampled_from(AMOUNT_PAIRS if f.type == "amount" else PAIRS))
            value = {"current": cur, "previous": prev}
            if draw(st.booleans()):
                value["reason"] = "新增重点项目建设任务"
        elif f.type == "amount":
            value = draw(st.sampled_from([0.0, 1260.5, 123456.78]))
        else:
            value = draw(st.sampled_from([0, 1, 2, 37, 4200]))
        data.setdefault(f.group, {})[f.name] = value
    return _consistent(kind, data)


def _get(data: dict, path: str) -> Any:
    group, name, *leaf = path.split(".")
    raw = data[group][name]
    if isinstance(raw, dict):
        raw = raw[leaf[0] if leaf else "current"]
    return len(raw) if isinstance(raw, list) else raw


def _set(data: dict, path: str, value: Any) -> None:
    group, name, *leaf = path.split(".")
    if isinstance(data[group][name], dict):
        data[group][name][leaf[0] if leaf else "current"] = value
    else:
        data[group][name] = value


def _consistent(kind: Any, data: dict) -> dict:
    """Bend a random vector so the kind's cross-checks hold (the checks themselves are tested in test_spec)."""
    for _ in range(3):
        for check in kind.checks:
            if "sum" in check:
                _set(data, check["equals"], sum(_get(data, p) for p in check["sum"]))
            elif "le" in check:
                a, b = check["le"]
                if _get(data, a) > _get(data, b):
                    _set(data, a, _get(data, b))
            elif "requires" in check:
                a, b = check["requires"]
                if _get(data, a) and not _get(data, b):
                    _set(data, a, 0)
    return data


# --- the checker -----------------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？\n])", text) if s.strip()]


def _strip(text: str, figures: list[dict]) -> str:
    for f in sorted(figures, key=lambda f: -len(f["text"])):
        text = text.replace(f["text"], "")
    return text


def flags(kind_id: str, spec: Any, doc: Any) -> list[str]:
    """What a careful reader would strike out of this draft, given its figures."""
    drafter = DRAFTERS[kind_id]
    kind = drafter.kind
    ctx = build_context(kind, spec)
    out: list[str] = []
    text = doc.to_text()
    for m in ZERO_COUNT.finditer(text):
        out.append(f"stated zero {m.group(0)!r}: …{text[max(0, m.start() - 20) : m.end() + 5]}…")
    for s in _sentences(text):
        if AFTER_COMPARE.search(s):
            out.append(f"placeholder after 较上年同期/同比: {s}")
        labels = PLACEHOLDER.findall(s)
        if len(labels) != len(set(labels)):
            out.append(f"two placeholders with one label: {s}")
    compared = {f.path: resolve(ctx, f.path) for f in kind.figures if f.compare}
    for sec in doc.sections:
        for para in sec.paragraphs:
            heading = para.sentences[0] if para.sentences and para.sentences[0].prefix else None
            for sentence in para.sentences:
                names = {
                    f["name"].split(".")[0] + "." + f["name"].split(".")[1]
                    for f in sentence.figures
                    if "." in f["name"]
                }
                own = [compared[n] for n in names if n in compared]
                body = _strip(sentence.text, sentence.figures)
                ones = [
                    f
                    for f in sentence.figures
                    if f.get("value") == 1 and f["name"].count(".") == 1 and kind.figure(f["name"]).unit in ("个", "项")
                ]
                if len(ones) == len([f for f in sentence.figures if isinstance(f.get("value"), int)]) == 1:
                    if any(w in body for w in ("逐项", "均已", "分别", "各项问题")):
                        out.append(f"plural words about one item: {sentence.text}")
                for fig in own:
                    if fig.wrong_way:
                        words = [w for w in CUT + SUCCESS if w in body]
                        if words:
                            out.append(f"claim {words} beside wrong-way {fig.field.path}: {sentence.text}")
                        if heading is not None and heading is not sentence:
                            hw = [w for w in CUT + SUCCESS if w in heading.text]
                            if hw:
                                out.append(f"heading {hw} over wrong-way {fig.field.path}: {heading.text}")
                if (
                    own
                    and all(f.trend == "flat" for f in own)
                    and CHANGE_WORDS.search(
                        body + "".join(f["text"] for f in sentence.figures if f["name"].endswith((".change", ".yoy")))
                    )
                ):
                    out.append(f"change told for a flat figure: {sentence.text}")
    for f in kind.figures:
        if f.type == "titles":
            fig = resolve(ctx, f.path)
            if fig.one:
                title = f"《{fig.titles[0]}》"
                for s in _sentences(text):
                    if title in s and ("分别为" in s or f"{title}等" in s):
                        out.append(f"分别为/等 with one item: {s}")
    for slot_id in {s.slot for s in doc.sentences() if s.slot}:
        slot = drafter.bank.get(slot_id)
        stated = set()
        for i in slot.enabled:
            if drafter.fits(slot, i, ctx):
                rendered, figures = drafter.render_variant(slot, i, ctx)
                if rendered:
                    stated.add(
                        frozenset(
                            f["name"] if isinstance(f, dict) else f.name
                            for f in figures
                            if f.name.split(".")[0] in kind.groups
                        )
                    )
        if len(stated) > 1:
            out.append(f"variants of {slot_id} state different figures: {[sorted(s) for s in stated]}")
    return out


@pytest.mark.parametrize("kind_id", KINDS)
def test_drafts_never_say_the_opposite_of_their_figures(kind_id):
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(figure_vectors(kind_id), st.sampled_from([0, 1, 2, 7]))
    def run(data, seed):
        try:
            spec = validate_spec(data)
        except SpecError:
            assume(False)
        doc = DRAFTERS[kind_id].draft(spec, seed=seed)
        assert flags(kind_id, spec, doc) == []

    run()


def test_the_checker_flags_what_it_should():
    """The checker itself: each rule has a case it catches (a checker that flags nothing proves nothing)."""
    kind_id = "eight-point"
    kind = get_kind(kind_id)
    from drafter.bank.samples import sample_spec

    spec = sample_spec(kind)
    doc = DRAFTERS[kind_id].draft(spec)
    assert flags(kind_id, spec, doc) == []
    sentence = next(s for s in doc.sentences() if s.slot == "tasks.meetings.figures")
    sentence.text = sentence.text + "会议数量全年0次，较上年同期【待补充：上年会议次数】【待补充：上年会议次数】"
    found = " ".join(flags(kind_id, spec, doc))
    assert "stated zero" in found and "placeholder after" in found and "one label" in found


def test_wrong_way_changes_give_their_reason_or_a_placeholder():
    kind = get_kind("eight-point")
    from drafter.authoring.bank_lint import _without_none
    from drafter.bank.samples import sample_spec

    data = _without_none(sample_spec(kind).model_dump(mode="json"))
    data["meetings"]["count"] = {"current": 130, "previous": 102}
    text = DRAFTERS["eight-point"].draft(validate_spec(data)).to_text()
    assert "较上年同期增加28次" in text and "主要原因是【待补充：会议次数增加原因】" in text
    data["meetings"]["count"]["reason"] = "承接全省重点项目推进会等专题会议"
    text = DRAFTERS["eight-point"].draft(validate_spec(data)).to_text()
    assert "主要原因是承接全省重点项目推进会等专题会议" in text and "增加原因" not in text


def _county(**changes: Any) -> dict:
    import yaml
    from conftest import FULL

    data = yaml.safe_load(FULL.read_text(encoding="utf-8"))
    for path, value in changes.items():
        group, name = path.split("__")
        data[group][name] = value
    return data


@pytest.mark.parametrize(
    "changes, fields",
    [
        ({"discipline__cases": 0}, ["discipline.persons", "discipline.cases"]),
        ({"discipline__persons": 5}, ["discipline.cases", "discipline.persons"]),
        ({"education__attendees": 3}, ["education.warning_sessions", "education.attendees"]),
    ],
)
def test_impossible_figures_stop_the_draft_naming_both_fields(cli, tmp_path, changes, fields):
    import yaml

    spec = tmp_path / "bad.yaml"
    spec.write_text(yaml.safe_dump(_county(**changes), allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out.txt"
    r = cli("draft", spec, "-o", out)
    assert r.code == 2 and not out.exists()
    assert all(f in r.err for f in fields), r.err
    assert "Traceback" not in r.err


def test_typed_rates_are_refused_and_computed_instead():
    import yaml
    from conftest import EXAMPLES

    data = yaml.safe_load((EXAMPLES / "discipline-2025.yaml").read_text(encoding="utf-8"))
    data["inspection"]["rectification_rate"] = 99.5
    with pytest.raises(SpecError, match=r"inspection\.rectification_rate"):
        validate_spec(data)
    del data["inspection"]["rectification_rate"]
    data["inspection"]["rectified"] = 300  # more rectified than found
    with pytest.raises(SpecError, match=r"inspection\.problems"):
        validate_spec(data)
    data["inspection"]["rectified"] = 226
    text = DRAFTERS["discipline-summary"].draft(validate_spec(data)).to_text()
    assert "93.8%" in text  # 226 / 241, computed


def test_self_inspection_items_must_add_up_to_the_total():
    import yaml
    from conftest import EXAMPLES

    data = yaml.safe_load((EXAMPLES / "self-inspection-2025.yaml").read_text(encoding="utf-8"))
    data["found"]["total"] = 9
    with pytest.raises(SpecError, match=r"found\.total.*add up to 5"):
        validate_spec(data)


def test_implausible_figures_warn_but_still_draft(cli, tmp_path):
    import yaml

    data = _county(frugality__three_public={"current": 15000.0, "previous": 905.1})
    spec = tmp_path / "odd.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out.json"
    r = cli("draft", spec, "--format", "json", "-o", out)
    assert r.code == 0 and "warning" in r.err and "frugality.three_public" in r.err
    import json

    doc = json.loads(out.read_text(encoding="utf-8"))
    assert any("超过±80%" in w for w in doc["warnings"]) and any("通常范围" in w for w in doc["warnings"])
    assert "1.5亿元" in "".join(s["text"] for sec in doc["sections"] for p in sec["paragraphs"] for s in p["sentences"])
