"""The unit's own facts in a spec: practices, cases, problems and plans (issue 13 items 1, 3, 6)."""

from __future__ import annotations

import copy
import json
import re

import pytest
import yaml
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import get_kind
from drafter.bank.spec import _plain, validate_spec
from drafter.bank.spec_schema import validate_with_schema
from drafter.bank.spec_template import spec_template
from drafter.document import Document
from drafter.drafting.drafter import Drafter
from drafter.errors import SpecError

KINDS = {k: get_kind(k) for k in ("eight-point", "discipline-summary", "self-inspection")}
DRAFTERS = {k: Drafter(kind) for k, kind in KINDS.items()}
EXAMPLE = {
    "eight-point": "county-2025.yaml",
    "discipline-summary": "discipline-2025.yaml",
    "self-inspection": "self-inspection-2025.yaml",
}
SEEDS = (0, 1, 2, 7)


def _data(kind_id: str) -> dict:
    return yaml.safe_load((EXAMPLES / EXAMPLE[kind_id]).read_text(encoding="utf-8"))


def _bare(kind_id: str) -> dict:
    """The example without any of the unit's own facts."""
    data = _data(kind_id)
    for key in ("cases", "problems", "plans"):
        data.pop(key, None)
    for value in data.values():
        if isinstance(value, dict):
            value.pop("practices", None)
    return data


def _draft(data: dict, seed: int = 0) -> Document:
    kind_id = data.get("kind", "eight-point")
    return DRAFTERS[kind_id].draft(validate_spec(data), seed=seed)


def _section(doc: Document, section_id: str):
    return next(s for s in doc.sections if s.id == section_id)


def _problems_and_steps(doc: Document, section_id: str = "closing"):
    sentences = [s for p in _section(doc, section_id).paragraphs for s in p.sentences]
    problems = [s for s in sentences if s.slot and ".problem." in s.slot]
    steps = [s for s in sentences if s.slot and ".next." in s.slot]
    return problems, steps


# --- validation: errors name the field, the quick path defers what it can't vouch for ----------------

BAD = [
    ({"research": {"practices": ["调研前列出问题清单。调研后建台账"]}}, "research.practices[0]", "one clause"),
    ({"research": {"practices": "调研前列出问题清单"}}, "research.practices", "list"),
    ({"research": {"practices": [""]}}, "research.practices[0]", "at least two"),
    ({"cases": [{"who": "某干部张某", "what": "违规吃喝"}]}, "cases[0].handling", "required"),
    ({"cases": [{"who": "某干部张某", "what": "违规吃喝", "handling": "受到处分", "when": 2025}]}, "cases[0].when", "unknown"),
    ({"problems": [{"area": "nowhere", "text": "个别单位落实不到位"}]}, "problems[0].area", "must be one of"),
    ({"problems": [{"area": "meetings", "text": "会议偏多", "figure": "meetings.nothing"}]}, "problems[0].figure", ""),
    ({"problems": [{"area": "meetings", "text": "会议偏多", "amount": 3.0}]}, "problems[0].amount", "unknown"),
    ({"plans": [{"problem": 0, "text": "加强统筹"}]}, "plans[0].problem", ""),
    ({"problems": [{"area": "meetings", "text": "会议偏多"}], "plans": [{"problem": 2, "text": "加强统筹"}]},
     "plans[0].problem", "no problem 2"),
    ({"problems": [{"area": "meetings", "text": "会议偏多"}], "plans": [{"problem": "news", "text": "改进报道"}]},
     "plans[0].problem", "no problem in area"),
]  # fmt: skip


@pytest.mark.parametrize(("extra", "path", "words"), BAD)
def test_bad_facts_name_their_field(extra, path, words):
    data = _bare("eight-point")
    for key, value in extra.items():
        if isinstance(value, dict):
            data[key] = {**data.get(key, {}), **value}
        else:
            data[key] = value
    assert _plain(KINDS["eight-point"], data) is None or "plans" in extra  # cross-checks run after either path
    with pytest.raises(SpecError) as err:
        validate_spec(data)
    paths = [p for p, _ in err.value.problems]
    assert path in paths, err.value.problems
    assert words in dict(err.value.problems)[path]


SELF_BAD = [
    ({"area": "reception", "text": "接待未附公函", "status": "整改中"}, "problems[0]", "deadline"),
    ({"area": "reception", "text": "接待未附公函", "status": "已完成"}, "problems[0].status", "must be one of"),
    ({"area": "reception", "text": "接待未附公函", "count": 0}, "problems[0].count", "≥ 1"),
    ({"area": "reception", "text": "接待未附公函", "count": 5}, "problems[0].count", "more than reception.problems"),
    ({"area": "reception", "text": "接待超标", "amount": 100.0, "refund": 300.0}, "problems[0].refund", "more than"),
]


@pytest.mark.parametrize(("problem", "path", "words"), SELF_BAD)
def test_found_problems_are_checked_against_each_other_and_the_figures(problem, path, words):
    data = _bare("self-inspection")
    data["problems"] = [problem]
    with pytest.raises(SpecError) as err:
        validate_spec(data)
    assert path in dict(err.value.problems), err.value.problems
    assert words in dict(err.value.problems)[path]


@pytest.mark.parametrize("kind_id", KINDS)
def test_examples_take_the_quick_path_and_match_the_schema(kind_id):
    data = _data(kind_id)
    plain = _plain(KINDS[kind_id], data)
    assert plain is not None
    assert plain == validate_with_schema(KINDS[kind_id], data)[0]


notes = st.lists(st.text(alphabet="公务接待推行清单管理会议。；实行审批\n", min_size=0, max_size=8), max_size=3)
cases = st.lists(
    st.fixed_dictionaries(
        {"who": st.sampled_from(["某干部张某", "", 3]), "what": st.sampled_from(["违规吃喝", "违规用车。"])},
        optional={"handling": st.sampled_from(["受到警告处分", None])},
    ),
    max_size=2,
)
problems = st.lists(
    st.fixed_dictionaries(
        {"area": st.sampled_from(["meetings", "reception", "nowhere"]), "text": st.sampled_from(["会议偏多", "a。b"])},
        optional={
            "count": st.sampled_from([1, 0, 2.0]),
            "amount": st.sampled_from([1.0, 5, -1.0]),
            "status": st.sampled_from(["已整改", "整改中", "x"]),
        },
    ),
    max_size=2,
)
plans = st.lists(
    st.fixed_dictionaries({"problem": st.sampled_from([1, 3, "meetings", True]), "text": notes}), max_size=2
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(KINDS)), notes, cases, problems, plans)
def test_quick_check_of_facts_accepts_only_what_the_schema_accepts_unchanged(kind_id, ns, cs, ps, pl):
    kind = KINDS[kind_id]
    data = _bare(kind_id)
    first = next(iter(kind.groups))
    data.setdefault(first, {})["practices"] = ns
    data.update(cases=cs, problems=ps, plans=pl)
    plain = _plain(kind, data)
    if plain is not None:
        schema_view, problems_found = validate_with_schema(kind, data)
        assert problems_found == [] and plain == schema_view


def test_spec_template_shows_the_facts_commented():
    for kind in KINDS.values():
        text = spec_template(kind)
        assert "# practices:" in text and "# cases:" in text and "# problems:" in text and "# plans:" in text
        assert yaml.safe_load(text)["kind"] == kind.id  # still a valid spec once filled in
    assert "refund" in spec_template(KINDS["self-inspection"]) and "refund" not in spec_template(KINDS["eight-point"])


def test_the_web_schema_lists_the_facts():
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from drafter.web.app import create_app
    from drafter.web.workbench import Workbench

    body = TestClient(create_app(Workbench())).get("/api/schema/self-inspection").json()
    lists = body["lists"]
    assert lists["practices"]["where"] == "group"
    assert [f["name"] for f in lists["cases"]["fields"]] == ["who", "what", "handling"]
    names = [f["name"] for f in lists["problems"]["fields"]]
    assert names[:2] == ["area", "text"] and "refund" in names and "deadline" in names
    assert {"id": "reception", "label": "公务接待"} in lists["problems"]["areas"]


# --- practices -------------------------------------------------------------------------------------


def _practice_sentences(doc: Document):
    return [
        (sec.id, s)
        for sec in doc.sections
        for p in sec.paragraphs
        for s in p.sentences
        if s.fact and s.slot == "practices.lead"
    ]


@pytest.mark.parametrize("seed", SEEDS)
def test_one_practice_and_several_practices_are_worded_accordingly(seed):
    data = _bare("eight-point")
    data["research"]["practices"] = ["县级领导干部调研前列出问题清单。"]
    data["frugality"]["practices"] = ["公务接待推行“一单一函一清单”管理", "公务用车实行平台统一调度"]
    doc = _draft(data, seed)
    found = {s.fact: s for _, s in _practice_sentences(doc)}
    one, many = found["research.practices"], found["frugality.practices"]
    assert one.text.endswith("县级领导干部调研前列出问题清单。") and "以下" not in one.text and "；" not in one.text
    assert many.text.endswith("公务接待推行“一单一函一清单”管理；公务用车实行平台统一调度。")
    assert "：" in many.text or "，" in many.text
    # they sit in their figure section's paragraph, after its figures
    tasks = _section(doc, "tasks")
    research = next(p for p in tasks.paragraphs if any(s.slot == "tasks.research.lead" for s in p.sentences))
    assert research.sentences[-1] is one


def test_without_facts_the_draft_stays_generic_and_has_no_placeholder_for_them():
    for kind_id in KINDS:
        doc = _draft(_bare(kind_id))
        assert not any(s.slot and s.slot.startswith(("practices.", "cases.")) for s in doc.sentences())
        assert doc.placeholders() == [], kind_id
        if kind_id != "self-inspection":
            problems, steps = _problems_and_steps(doc)
            assert len(problems) == len(steps) >= 3


# --- cases -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_cases_are_told_where_problems_are_reported_and_referred_to_in_education(seed):
    doc = _draft(_data("eight-point"), seed)
    measures = _section(doc, "measures")
    told = [s for p in measures.paragraphs for s in p.sentences if s.slot == "cases.exposed"]
    assert len(told) == 1
    assert "某乡镇党委副书记张某违规接受管理服务对象宴请，受到党内警告处分；县某局办公室主任李某" in told[0].text
    paragraph = next(p for p in measures.paragraphs if told[0] in p.sentences)
    assert any(s.slot == "measures.discipline.exposure" for s in paragraph.sentences)
    lesson = [s for p in measures.paragraphs for s in p.sentences if s.slot == "cases.lesson"]
    assert len(lesson) == 1 and "张某" in lesson[0].text and "违规接受" not in lesson[0].text  # not told twice
    d = _draft(_data("discipline-summary"), seed)
    assert any(s.slot == "cases.exposed" for p in _section(d, "enforcement").paragraphs for s in p.sentences)
    one = [s for p in _section(d, "education").paragraphs for s in p.sentences if s.slot == "cases.lesson"]
    assert one and "等" not in one[0].text  # one case: no 等


# --- problems and next steps -----------------------------------------------------------------------


@pytest.mark.parametrize("kind_id", ["eight-point", "discipline-summary"])
@pytest.mark.parametrize("seed", SEEDS)
def test_each_next_step_answers_its_problem_in_order_and_json_links_them(kind_id, seed):
    doc = _draft(_data(kind_id), seed)
    problems, steps = _problems_and_steps(doc)
    assert 3 <= len(problems) <= 4 and len(steps) == len(problems)
    assert [s.answers for s in steps] == [p.fact for p in problems]
    numbers = ["一是", "二是", "三是", "四是"][: len(problems)]
    assert [p.prefix for p in problems] == numbers and [s.prefix for s in steps] == numbers
    data = json.loads(doc.to_json()) if hasattr(doc, "to_json") else doc.to_dict()
    sentences = [s for sec in data["sections"] for p in sec["paragraphs"] for s in p["sentences"]]
    assert [s["answers"] for s in sentences if "answers" in s] == [p.fact for p in problems]
    assert all("answers" not in s for s in sentences if not (s.get("slot") or "").startswith("closing.next."))
    assert Document.from_dict(data).to_dict() == data


def test_the_county_problems_come_from_its_facts():
    doc = _draft(_data("eight-point"))
    problems, steps = _problems_and_steps(doc)
    assert [p.fact for p in problems] == ["problems[0]", "problems[1]", "problems[2]", "cases"]
    assert "63个" in problems[2].text  # the figure the writer named, as the body states it
    assert "违规吃喝" in problems[3].text  # a case of 宴请: 违规吃喝 persists
    assert steps[1].slot == "closing.next.plan" and "早发现、早提醒" in steps[1].text  # the spec's plan for problem 2
    assert all(s.slot != "closing.next.plan" for i, s in enumerate(steps) if i != 1)


def test_a_wrong_way_figure_becomes_a_problem_with_its_reason():
    data = _bare("eight-point")
    data["meetings"]["count"] = {"current": 110, "previous": 102, "reason": "全县重点项目推进会议增多"}
    doc = _draft(data)
    problems, steps = _problems_and_steps(doc)
    assert problems[0].fact == "meetings.count" and steps[0].answers == "meetings.count"
    assert (
        "110次" in problems[0].text and "增加8次" in problems[0].text and "全县重点项目推进会议增多" in problems[0].text
    )
    body = "".join(s.text for p in _section(doc, "tasks").paragraphs for s in p.sentences)
    assert "110次" in body  # the problem states the figure the body states
    assert len(problems) == 3 and [p.fact for p in problems[1:]] == ["generic1", "generic2"]


def test_inspection_problems_not_yet_rectified_become_a_problem():
    doc = _draft(_bare("discipline-summary"))
    problems, steps = _problems_and_steps(doc)
    backlog = [p for p in problems if p.fact == "backlog:inspection.problems"]
    assert len(backlog) == 1 and "15个" in backlog[0].text
    assert any(s.answers == backlog[0].fact and "15个" in s.text for s in steps)


def test_generic_problems_only_fill_up_to_three_and_never_exceed_four():
    data = _bare("eight-point")
    data["problems"] = [{"area": "news", "text": f"第{n}项问题表述较为笼统"} for n in range(1, 7)]
    doc = _draft(data)
    problems, steps = _problems_and_steps(doc)
    assert [p.fact for p in problems] == [f"problems[{i}]" for i in range(4)] and len(steps) == 4
    data["problems"] = data["problems"][:1]
    problems, _ = _problems_and_steps(_draft(data))
    assert [p.fact for p in problems] == ["problems[0]", "generic1", "generic2"]


GENERIC_CLAIMS = re.compile(r"\d|形式较为单一|有效遏制|全面|彻底解决")


@pytest.mark.parametrize("kind_id", ["eight-point", "discipline-summary"])
def test_generic_problems_state_no_figure_and_no_claim_a_figure_could_contradict(kind_id):
    bank = DRAFTERS[kind_id].bank
    for n in (1, 2, 3):
        for source in bank.get(f"closing.problem.generic{n}").variants:
            assert not GENERIC_CLAIMS.search(source), source


def test_the_closing_is_numbered_after_the_sections():
    doc = _draft(_data("eight-point"))
    assert [s.number for s in doc.sections if s.heading] == ["一、", "二、", "三、", "四、", "五、"]
    assert _section(doc, "closing").number == "五、"
    d = _draft(_data("discipline-summary"))
    assert _section(d, "closing").number == "六、"


# --- self-inspection: the problems found, in full ---------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_self_inspection_names_each_found_problem_with_amounts_and_rectification(seed):
    doc = _draft(_data("self-inspection"), seed)
    problems = [s for p in _section(doc, "problems").paragraphs for s in p.sentences if s.slot == "problems.found"]
    assert [s.fact for s in problems] == [f"problems[{i}]" for i in range(4)]
    assert "1860元" in problems[0].text and "2个" in problems[0].text and "4320元" in problems[3].text
    text = doc.to_text()
    assert "思想认识" not in "".join(s.text for s in problems)
    rect = [
        s for p in _section(doc, "rectification").paragraphs for s in p.sentences if s.slot == "rectification.found"
    ]
    assert [s.fact for s in rect] == [p.fact for p in problems]
    assert "2880元" in rect[3].text and "2026年1月31日" in rect[3].text
    assert "2880元" in text and doc.placeholders() == []


def test_self_inspection_without_found_problems_keeps_its_general_shortcomings():
    doc = _draft(_bare("self-inspection"))
    slots = [s.slot for p in _section(doc, "problems").paragraphs for s in p.sentences]
    assert "problems.awareness.lead" in slots and "problems.found" not in slots


def _next_steps(doc: Document) -> list:
    return [s for p in _section(doc, "next").paragraphs for s in p.sentences if s.prefix]


@pytest.mark.parametrize("seed", SEEDS)
def test_self_inspection_next_steps_answer_the_found_problems_and_json_links_them(seed):
    doc = _draft(_data("self-inspection"), seed)
    problems = [s for p in _section(doc, "problems").paragraphs for s in p.sentences if s.slot == "problems.found"]
    steps = _next_steps(doc)
    assert [s.slot for s in steps] == ["next.found"] * 4
    assert [s.answers for s in steps] == [p.fact for p in problems] == [f"problems[{i}]" for i in range(4)]
    assert [s.prefix for s in steps] == ["一是", "二是", "三是", "四是"]
    for step, area in zip(steps, ["公务接待", "公务用车", "文件简报", "津补贴发放"], strict=True):
        assert area in step.text
    assert "2026年1月31日" in steps[3].text  # the problem still being rectified: its deadline
    assert all("2026年" not in s.text for s in steps[:3])  # the rectified ones: none
    data = doc.to_dict()
    sentences = [s for sec in data["sections"] for p in sec["paragraphs"] for s in p["sentences"]]
    assert [s["answers"] for s in sentences if "answers" in s] == [p.fact for p in problems]


def test_self_inspection_with_one_problem_pads_its_next_steps_to_three_and_takes_the_spec_plan():
    data = _data("self-inspection")
    data["problems"] = [data["problems"][1]]
    for group in ("reception", "documents", "allowances"):
        data[group]["problems"] = 0
    del data["allowances"]["refunded"], data["allowances"]["people"]  # they need a 津补贴 problem
    data["found"]["total"], data["rectification"]["rectified"] = 1, 1
    steps = _next_steps(_draft(data))
    assert [s.slot for s in steps] == ["next.found", "next.long_term", "next.responsibility"]
    assert steps[0].answers == "problems[0]" and [s.answers for s in steps[1:]] == [None, None]
    data["plans"] = [{"problem": 1, "text": "每逢节假日前由局办公室逐车检查封存情况"}]
    steps = _next_steps(_draft(data))
    assert steps[0].slot == "next.plan" and "逐车检查封存情况" in steps[0].text and steps[0].answers == "problems[0]"


def test_self_inspection_without_found_problems_keeps_its_generic_next_steps():
    steps = _next_steps(_draft(_bare("self-inspection")))
    assert [s.slot for s in steps] == [
        "next.study",
        "next.supervision",
        "next.system",
        "next.long_term",
        "next.responsibility",
    ]
    assert all(s.answers is None for s in steps)


# --- property: random facts never give fragments, repeated lead-ins or broken numbering -------------

NOTE = st.text(alphabet="公务接待推行清单管理会议实行审批调研台账“”制度", min_size=2, max_size=20).filter(
    lambda t: t.strip("“”") == t and len(t) >= 2
)
GROUPS = ["study", "research", "meetings", "documents", "news", "frugality", "property", "education", "supervision"]


@st.composite
def facts(draw):
    data = _bare("eight-point")
    for group in draw(st.lists(st.sampled_from(GROUPS), unique=True, max_size=6)):
        data[group]["practices"] = draw(st.lists(NOTE, min_size=1, max_size=3))
    data["problems"] = [
        {"area": draw(st.sampled_from(GROUPS)), "text": draw(NOTE)} for _ in range(draw(st.integers(0, 5)))
    ]
    n = len(data["problems"])
    if n:
        data["plans"] = [
            {"problem": draw(st.integers(1, n)), "text": draw(NOTE)} for _ in range(draw(st.integers(0, 2)))
        ]
    if draw(st.booleans()):
        data["cases"] = [
            {
                "who": "某单位干部张某",
                "what": draw(st.sampled_from(["违规接受宴请", "违规使用公车"])),
                "handling": "受到警告处分",
            }
        ]
    return data, draw(st.integers(0, 9))


FRAGMENT = re.compile(r"[，；：、]。|。[，；。]|；；|：：|：$|^[，；。]")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts())
def test_random_facts_never_give_fragments_repeated_lead_ins_or_broken_numbering(case):
    data, seed = case
    original = copy.deepcopy(data)
    doc = _draft(data, seed)
    for s in doc.sentences():
        if s.fact:
            assert s.text.endswith("。") and not FRAGMENT.search(s.text), s.text
    # every note appears whole, in its own section, once
    by_section: dict[str, list[str]] = {}
    for section_id, s in _practice_sentences(doc):
        notes = original[s.fact.split(".")[0]]["practices"]
        body = "；".join(notes)
        assert s.text.endswith(body + "。")
        lead = s.text[: -len(body) - 1]
        assert lead and lead.endswith(("，", "：")), s.text
        by_section.setdefault(section_id, []).append(lead)
    for leads in by_section.values():
        assert len(leads) == len(set(leads)), leads
    problems, steps = _problems_and_steps(doc)
    assert 3 <= len(problems) <= 4 and len(steps) == len(problems)
    numbers = ["一是", "二是", "三是", "四是"][: len(problems)]
    assert [p.prefix for p in problems] == numbers and [s.prefix for s in steps] == numbers
    assert [s.answers for s in steps] == [p.fact for p in problems]
    assert [s.number for s in doc.sections if s.heading] == ["一、", "二、", "三、", "四、", "五、"]


def test_the_county_example_carries_practices_two_cases_and_three_problems_and_the_draft_states_them():
    data = yaml.safe_load((EXAMPLES / "county-2025.yaml").read_text(encoding="utf-8"))
    practices = [n for group in data.values() if isinstance(group, dict) for n in group.get("practices", [])]
    assert len(practices) >= 3 and len(data["cases"]) == 2 and len(data["problems"]) == 3
    text = _draft(data).to_text()
    assert all(n in text for n in practices)
    assert all(f"{c['who']}{c['what']}" in text for c in data["cases"])
    assert all(p["text"] in text for p in data["problems"])
