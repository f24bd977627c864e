"""`drafter learn` on two small reports written for this test (a county's, a masked town's): the learned kind
says the spec's organisation, level words and year everywhere, the reports' named cases become the spec's
`cases:`, and every other point of issue 13 item 5 holds for reports the other tests never saw."""

from __future__ import annotations

import re

import pytest
import yaml

from drafter import draft
from drafter.authoring.kind_lint import lint_kind
from drafter.authoring.learning import learn_kind
from drafter.authoring.levels import LEVELS, report_level
from drafter.authoring.named_cases import named_case

COUNTY = """石门县2023年作风建设工作总结

2023年，县委坚持以党的二十大精神为指导，扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育，推动全县党员干部转变作风。现将有关情况报告如下：

一、抓好理论学习，筑牢思想根基
县委理论学习中心组全年开展集中学习15次。县委书记带头到基层宣讲6次，我县各级党组织开展主题党日活动210次。

二、改进会风文风，持续纠治“四风”
全县共召开会议64次，较上年减少8次，同比下降11.1%；印发文件132份，较上年减少10份。县级领导干部全年开展调研30多次，严格落实每月至少下基层2次的规定。制定《石门县公务接待管理办法》《石门县会议费管理规定》等2项制度。2023年首次实行会议费网上审批。

三、严肃执纪问责，形成有力震慑
县纪委监委全年立案查处违纪问题12件14人。其中，某乡镇财政所所长刘某违规报销餐费，受到党内警告处分。某局副局长赵某某违规使用公务用车，给予诫勉谈话。

四、存在问题和下一步打算
对照上级要求，我县作风建设还有差距。下一步，县委将持续纠治“四风”。

中共石门县委员会
2024年1月8日
"""

TOWN = """××镇2024年作风建设工作总结

2024年，××镇党委把党纪学习教育作为重要抓手，引导全镇党员干部严守纪律规矩，推动作风建设走深走实。现将全年工作总结如下：

一、强化理论武装，提升党性修养
镇党委理论学习中心组以上率下，全年集中学习11次。镇党委书记结合党纪学习教育讲党课3次，××村党员开展主题党日活动48次。

二、狠抓作风转变，减轻基层负担
坚持能不开的会坚决不开，全镇共召开会议40次，较上年减少5次，同比下降11.1%；印发文件75份，较上年减少9份。镇领导班子成员带着问题下村开展调研22次。

三、压实监督责任，严查违纪问题
镇纪委紧盯节日节点，全年立案查处违纪问题3件3人。××村委会主任王某违规操办升学宴，受到党内警告处分。

四、存在问题和下一步打算
对照上级要求，我镇作风建设还有不少短板。下一步，镇党委将坚持不懈纠治“四风”。

××镇党委
2025年1月6日
"""

MASK = re.compile(r"\*{2,}|[Xx]{2,}|[×Ｘ]{2,}")
# The county's own words, which must never reach a town's draft (and the town's a county's).
COUNTY_WORDS = ("县委", "全县", "我县", "县纪委", "县级领导干部", "石门")
TOWN_WORDS = ("镇党委", "全镇", "我镇", "镇纪委", "镇领导班子成员")


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    return _write(folder, "county-2023.txt", COUNTY), _write(folder, "town-2024.txt", TOWN)


@pytest.fixture(scope="module")
def county(reports, tmp_path_factory):
    return learn_kind(reports[0], tmp_path_factory.mktemp("kinds") / "county")


@pytest.fixture(scope="module")
def pair(reports, tmp_path_factory):
    """The town's report first (outline and figures), the county's aligned to it."""
    return learn_kind([reports[1], reports[0]], tmp_path_factory.mktemp("kinds") / "pair")


def _spec(learned, year: int, name: str, level: str, **extra) -> dict:
    spec = yaml.safe_load((learned.path / "example.yaml").read_text(encoding="utf-8"))
    spec.update(year=year, **extra)
    spec["organisation"].update(name=name, level=level, issuer=name)
    spec["organisation"].pop("date", None)
    if "rules" in spec:
        spec["rules"]["titles"] = ["机关食堂管理办法", "差旅费报销规定"]  # the unit's own, not the report's
    return spec


def _kind_text(learned) -> str:
    files = [
        learned.path / "kind.yaml",
        *(learned.path / "slots").glob("*.yaml"),
        *(learned.path / "templates").glob("*"),
    ]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def _slot_files(learned) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (learned.path / "slots").glob("*.yaml"))


def test_the_reports_level_is_read_from_its_name_or_its_body_words():
    assert [report_level(org, "") for org in ("石门县", "××镇", "青山县林业局", "某某公司")] == [
        "county",
        "township",
        "department",
        "enterprise",
    ]
    assert report_level(None, "镇党委召开会议。我镇坚持……") == "township"
    assert report_level(None, "本单位坚持……") == "unit"
    assert all(LEVELS[level].keys() == LEVELS["unit"].keys() for level in LEVELS)


def test_level_words_replace_the_reports_own_bodies(county, pair):
    assert not any(word in _slot_files(county) for word in COUNTY_WORDS)
    assert not any(word in _slot_files(pair) for word in COUNTY_WORDS + TOWN_WORDS)  # the aligned county text too
    kind = yaml.safe_load((pair.path / "kind.yaml").read_text(encoding="utf-8"))
    assert set(kind["levels"]) == set(LEVELS)
    assert (
        yaml.safe_load((county.path / "example.yaml").read_text(encoding="utf-8"))["organisation"]["level"] == "county"
    )
    assert (
        yaml.safe_load((pair.path / "example.yaml").read_text(encoding="utf-8"))["organisation"]["level"] == "township"
    )


@pytest.mark.parametrize(("name", "level", "own", "foreign"), [
    ("白河镇", "township", TOWN_WORDS[:2], COUNTY_WORDS),
    ("青山县", "county", ("县委", "全县"), TOWN_WORDS),
])  # fmt: skip
def test_every_draft_says_the_specs_organisation_and_level(county, pair, name, level, own, foreign):
    for learned in (county, pair):
        for seed in range(4):
            body = draft(_spec(learned, 2025, name, level), kinds_dirs=[learned.path], seed=seed).to_text()
            assert body.splitlines()[0] == f"{name}2025年作风建设工作总结"
            assert all(word in body for word in own), body
            assert not any(word in body for word in foreign if word not in name), body
            assert not MASK.search(body)


def test_the_town_named_in_its_own_words_keeps_its_name(pair):
    body = draft(_spec(pair, 2025, "白河镇", "township"), kinds_dirs=[pair.path]).to_text()
    assert "白河镇党委把党纪学习教育" in body or "白河镇党委把深入贯彻" in body  # ××镇党委: the spec's town
    county_body = draft(_spec(pair, 2025, "青山县", "county"), kinds_dirs=[pair.path]).to_text()
    assert "，县委把" in county_body and "青山县党委" not in county_body


def test_named_cases_become_the_specs_cases(county):
    spec = yaml.safe_load((county.path / "example.yaml").read_text(encoding="utf-8"))
    assert spec["cases"] == [
        {"who": "某乡镇财政所所长刘某", "what": "违规报销餐费", "handling": "受到党内警告处分"},
        {"who": "某局副局长赵某某", "what": "违规使用公务用车", "handling": "给予诫勉谈话"},
    ]
    assert "刘某" not in _kind_text(county) and "赵某某" not in _kind_text(county)
    assert sum("named case" in n for n in county.notes) == 2
    # the example's cases are said once, where the report told them
    body = draft(_spec(county, 2025, "青山县", "county"), kinds_dirs=[county.path]).to_text()
    assert body.count("某乡镇财政所所长刘某违规报销餐费，受到党内警告处分；某局副局长赵某某") == 1
    # no cases this year: the sentence is left out, no placeholder in its place
    none = draft(_spec(county, 2025, "青山县", "county", cases=[]), kinds_dirs=[county.path]).to_text()
    assert "某" not in none and "案例" not in none
    own = [{"who": "县某中心主任孙某", "what": "违规收受礼品", "handling": "受到政务警告处分"}]
    body = draft(_spec(county, 2025, "青山县", "county", cases=own), kinds_dirs=[county.path]).to_text()
    assert "其中，县某中心主任孙某违规收受礼品，受到政务警告处分。" in body and "刘某" not in body


@pytest.mark.parametrize(
    "sentence",
    [
        "县委书记带头到基层宣讲6次。",
        "对顶风违纪的党员干部严肃处理。",
        "某些单位公务接待不规范，已督促整改。",
        "全年立案查处违纪问题12件14人。",
    ],
)
def test_sentences_without_a_named_person_are_not_cases(sentence):
    assert named_case(sentence) is None


def test_masks_leftovers_and_places(pair):
    assert not MASK.search(_kind_text(pair))
    body = draft(_spec(pair, 2025, "白河镇", "township"), kinds_dirs=[pair.path]).to_text()
    assert "【待补充：村名称】党员开展主题党日活动" in body  # a masked village is not the organisation
    assert "王某" in body and "某村委会主任王某违规操办升学宴" in body  # the town's case, via the example spec


def test_year_bound_formulations_follow_the_drafting_year(county, pair):
    body = draft(_spec(county, 2025, "青山县", "county"), kinds_dirs=[county.path]).to_text()
    assert "主题教育" not in body and "深入贯彻中央八项规定精神学习教育" in body  # 2023's campaign → 2025's
    assert "二十届" in body and "2023" not in body
    early = draft(_spec(county, 2021, "青山县", "county"), kinds_dirs=[county.path]).to_text()
    assert "二十大" not in early and "二十届" not in early and "十九届" in early
    town = draft(_spec(pair, 2024, "白河镇", "township"), kinds_dirs=[pair.path]).to_text()
    assert "党纪学习教育" in town
    assert "党纪学习教育" not in draft(_spec(pair, 2025, "白河镇", "township"), kinds_dirs=[pair.path]).to_text()


def test_year_bound_facts_are_flagged_not_carried(county):
    assert any("year-bound fact (首次)" in n and "会议费网上审批" in n for n in county.notes)
    body = draft(_spec(county, 2025, "青山县", "county"), kinds_dirs=[county.path]).to_text()
    assert "首次" not in body and "网上审批" not in body and "【待补充：本年度特有的情况" in body


def test_figures_have_readable_keys_exact_units_and_no_rule_values(county):
    names = {f.name: f for f in county.figures}
    assert {
        "study.group_sessions",
        "meetings.count",
        "documents.count",
        "research.visits",
        "discipline.cases",
        "discipline.cases_people",
        "rules.titles",
    } <= names.keys()
    assert all(re.fullmatch(r"[a-z_]+\.[a-z_]+(?:_\d+)?", n) for n in names), names
    assert (names["research.visits"].unit, names["research.visits"].approx) == ("次", "多")
    assert not any(f.value == 2 and f.unit == "次" for f in county.figures)  # 每月至少…2次 is a rule
    assert not any(w in f.label for f in county.figures for w in ("至少", "每月"))
    body = draft(_spec(county, 2025, "青山县", "county"), kinds_dirs=[county.path]).to_text()
    assert "调研30次" in body and "多次" not in body and "每月至少下基层2次的规定" in body


def test_a_titles_list_is_a_titles_figure(county):
    titles = next(f for f in county.figures if f.name == "rules.titles")
    assert titles.type == "titles" and titles.titles == ["石门县公务接待管理办法", "石门县会议费管理规定"]
    spec = _spec(county, 2025, "青山县", "county")
    spec["rules"]["titles"] = ["机关食堂管理办法", "差旅费报销规定", "公车使用登记制度"]
    body = draft(spec, kinds_dirs=[county.path]).to_text()
    assert "《机关食堂管理办法》《差旅费报销规定》《公车使用登记制度》等3项制度" in body and "石门" not in body


def test_two_reports_give_each_aligned_slot_a_variant_from_each_and_seeds_differ(pair):
    slots = [s for p in (pair.path / "slots").glob("*.yaml") for s in yaml.safe_load(p.read_text("utf-8"))["slots"]]
    worded = {s["id"]: [v for v in s["variants"] if not (isinstance(v, dict) and v.get("omit"))] for s in slots}
    two = [sid for sid, v in worded.items() if len(v) == 2]
    assert len(two) >= 7, worded
    assert pair.notes[-1].startswith(f"{sum(len(v) - 1 for v in worded.values())} variant(s) from county-2023.txt")
    cases = next(s for s in slots if s.get("about") == "cases")  # only a case sentence stands for a case sentence
    assert all("{{ this }}" in (v if isinstance(v, str) else v["text"]) for v in cases["variants"])
    assert lint_kind(pair.path) == []
    spec = _spec(pair, 2025, "白河镇", "township")
    bodies = {draft(spec, kinds_dirs=[pair.path], seed=seed).to_text() for seed in range(8)}
    assert len(bodies) >= 3


@pytest.mark.parametrize(
    "text",
    [
        "围绕党的二十大精神、党的二十届二中全会精神开展研讨",
        "围绕党的二十大精神和二十届三中全会精神开展研讨",
        "围绕党的十九大精神以及十九届四中全会精神开展研讨",
    ],
)
def test_a_list_of_congress_and_plenary_mentions_becomes_the_years_formula_once(text):
    from drafter.authoring.generalisation import ERA_STUDY, dated_mentions

    replacements, found = dated_mentions(text, [])
    study = [r for r in replacements if r.expr == ERA_STUDY]
    assert len(study) == 1 and len(found) == 2
    assert text[study[0].start : study[0].end].endswith("全会精神")


def test_study_mentions_apart_in_a_sentence_stay_two():
    from drafter.authoring.generalisation import ERA_STUDY, dated_mentions

    text = "学习党的二十大精神，并结合二十届二中全会精神查找差距"
    replacements, _ = dated_mentions(text, [])
    assert sum(r.expr == ERA_STUDY for r in replacements) == 2
