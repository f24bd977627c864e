"""Drafts follow the year data: what a year studies, its campaign and the wording of its time.

Every kind is drafted for every year 2013–2026 under several seeds and read back: nothing held
after the year's end is named, the plenaries named are the year's (the study paragraph's last is
the year's latest), the campaign paragraph is there exactly in a campaign year, and `drafter
check` finds no dated formulation.
"""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
import yaml
from conftest import EXAMPLES

from drafter.bank.years import events, year_facts
from drafter.drafting.era import era_for, plenary_list, study_formula
from drafter.errors import SpecError
from drafter.review.rules.norm import check as norm_check
from drafter.review.source import parse_text
from drafter.workspace import Workspace

YEARS = range(2013, 2027)
SEEDS = range(3)
BASES = {
    "eight-point": EXAMPLES / "county-2025.yaml",
    "discipline-summary": EXAMPLES / "discipline-2025.yaml",
    "self-inspection": EXAMPLES / "self-inspection-2025.yaml",
}
_PLENARIES = re.compile(r"(十八|十九|二十)届((?:[一二三四五六七]中、?)+)全会")
WS = Workspace()


def _spec(kind: str, year: int, date: dt.date | None = None, campaign: dict | None = None) -> dict:
    data = yaml.safe_load(BASES[kind].read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data.pop("campaign", None)  # the examples' 2025 campaign figures belong to 2025 only
    data["year"] = year
    data["organisation"]["date"] = date or dt.date(year, 12, 28)
    if data["organisation"].get("recipient") and year < 2017:  # the spec's own words, of its time
        data["organisation"]["recipient"] = "县纪委"
    if campaign:
        data["campaign"] = campaign
    return data


def plenaries_named(text: str) -> list[str]:
    """Plenary sessions in the order named, 「二十届三中、四中全会」 read as two."""
    out = []
    for m in _PLENARIES.finditer(text):
        out += [f"{m.group(1)}届{s}全会" for s in m.group(2).split("、") if s]
    return out


def _mentions(text: str, ev) -> bool:
    if ev.type == "congress":
        return ev.name.removeprefix("党的") in text
    if ev.type == "plenary":
        return ev.name in plenaries_named(text) or ev.name in text
    return ev.name in text or (ev.cite_as and ev.cite_as in text)


DRAFTS = [(k, y, s) for k in BASES for y in YEARS for s in SEEDS]


@pytest.fixture(scope="module")
def drafts():
    out = {}
    for kind, year, seed in DRAFTS:
        out[kind, year, seed] = WS.draft(WS.validate(_spec(kind, year)), seed=seed)
    return out


@pytest.mark.parametrize("year", YEARS)
def test_no_draft_names_what_was_not_yet_held(drafts, year):
    year_end = dt.date(year, 12, 31)
    later = [e for e in events().values() if e.type in ("congress", "plenary", "campaign") and e.start > year_end]
    assert later or year >= 2025
    for kind in BASES:
        for seed in SEEDS:
            text = drafts[kind, year, seed].to_text()
            named = [e.name for e in later if _mentions(text, e)]
            assert not named, (kind, year, seed, named)
            if year < 2022:
                assert "二十大" not in text and "二十届" not in text, (kind, year, seed)
            if year < 2017:
                assert "十九大" not in text and "新时代" not in text and "及其实施细则" not in text, (kind, year, seed)


@pytest.mark.parametrize("year", YEARS)
def test_plenaries_named_are_the_years_and_the_study_paragraph_ends_with_the_latest(drafts, year):
    facts = year_facts(year)
    studied = [p.name for p in facts.plenaries]
    for kind in BASES:
        for seed in SEEDS:
            doc = drafts[kind, year, seed]
            assert set(plenaries_named(doc.to_text())) <= set(studied), (kind, year, seed)
    for seed in SEEDS:
        content = next(s.text for s in drafts["eight-point", year, seed].sentences() if s.slot == "study.content")
        listed = plenaries_named(content)
        assert listed and listed[-1] == studied[-1], (year, seed, content)
        congress = facts.congress.name.removeprefix("党的")
        assert congress in content


@pytest.mark.parametrize("year", YEARS)
def test_the_campaign_paragraph_is_there_exactly_in_a_campaign_year(drafts, year):
    facts = year_facts(year)
    for kind in BASES:
        for seed in SEEDS:
            doc = drafts[kind, year, seed]
            said = [
                s for s in doc.sentences() if s.slot and s.slot.startswith("campaign.") and "frugality" not in s.slot
            ]
            if facts.campaign is None:
                assert said == [], (kind, year, seed)
                continue
            assert said, (kind, year, seed)
            assert facts.campaign_text in "".join(s.text for s in said), (kind, year, seed)
            paragraphs = [p for sec in doc.sections for p in sec.paragraphs if p.sentences[0] in said]
            assert len(paragraphs) == 1  # one paragraph of its own, opening its section
            assert all(s in said for s in paragraphs[0].sentences), (kind, year, seed)
            if facts.campaign.id == "eight_point_study_2025":
                slots = {s.slot for s in said}
                assert {"campaign.eight_point_study.lead", "campaign.problems", "campaign.rules"} <= slots
                text = "".join(s.text for s in said)
                assert all(w in text for w in ("学习研讨", "整改", "建章立制")), text
                assert "3月至7月" in text


@pytest.mark.parametrize("kind", list(BASES))
@pytest.mark.parametrize("year", YEARS)
def test_our_drafts_have_no_dated_findings_on_their_own_date(drafts, kind, year):
    for seed in SEEDS:
        for day in (dt.date(year, 12, 28), dt.date(year + 1, 1, 16)):
            text = drafts[kind, year, seed].to_text()
            text = text.replace(f"{year}年12月28日", f"{day.year}年{day.month}月{day.day}日")
            src = parse_text(text, "draft")
            assert src.date == day
            findings = norm_check(src)  # the rule family `drafter check` runs for dated formulations
            dated = [f for f in findings if f.rule_id.startswith("norm.dated.") or f.rule_id.endswith("_not_yet")]
            assert not dated, [(f.rule_id, f.text) for f in dated]


def test_study_formulas_follow_the_year():
    assert study_formula(year_facts(2021)) == "党的十九大和十九届五中、六中全会精神"
    assert study_formula(year_facts(2022)) == "党的十九届六中全会精神和党的二十大精神"
    assert study_formula(year_facts(2017)) == "党的十八届六中全会精神和党的十九大精神"
    assert study_formula(year_facts(2025)) == "党的二十大和二十届三中、四中全会精神"
    assert plenary_list(year_facts(2018).plenaries) == "十九届二中、三中全会"
    assert era_for(2016).thought == "习近平总书记系列重要讲话精神"
    assert era_for(2016).eight_point == "中央八项规定精神"
    assert era_for(2017).eight_point == "中央八项规定及其实施细则精神"
    assert era_for(2021).campaign == "党史学习教育" and era_for(2021).campaign_doing == "开展党史学习教育"
    assert era_for(2017).campaign_doing.startswith("推进")
    assert era_for(2022).campaign is None and era_for(2026).campaign is None
    assert era_for(2025).campaign_span == "3月至7月"
    assert era_for(2025).frugality_rules == "修订后的《党政机关厉行节约反对浪费条例》"
    assert era_for(2024).frugality_rules is None


@pytest.mark.parametrize("year", [None, 2031])
def test_a_year_outside_the_data_gets_a_placeholder_not_a_guess(year):
    era = era_for(year)
    assert not era.known and era.campaign is None
    assert era.study.startswith("【待补充：")
    data = _spec("eight-point", 2025)
    data["year"] = year
    doc = WS.draft(WS.validate(data))
    content = next(s.text for s in doc.sentences() if s.slot == "study.content")
    assert "【待补充：" in content and "二十届" not in content


def test_the_2025_campaign_paragraph_states_the_spec_figures_or_placeholders():
    bare = WS.draft(WS.validate(_spec("eight-point", 2025)))
    bare_text = "".join(
        s.text
        for s in bare.sentences()
        if s.slot and s.slot.startswith(("campaign.eight_point", "campaign.problems", "campaign.rules"))
    )
    assert "【待补充：学习教育查摆问题数】" in bare_text
    full = _spec("eight-point", 2025, campaign={"problems_found": 23, "problems_rectified": 21, "rules_made": 6})
    for seed in SEEDS:
        doc = WS.draft(WS.validate(full), seed=seed)
        said = [
            s
            for s in doc.sentences()
            if s.slot and s.slot.startswith(("campaign.eight_point", "campaign.problems", "campaign.rules"))
        ]
        text = "".join(s.text for s in said)
        assert "23个" in text and "21个" in text and "6项" in text and "【待补充" not in text
        assert "全部" not in text and "均已" not in text  # 21 of 23: not all
        names = {f["name"] for s in said for f in s.figures}
        assert {"campaign.problems_found", "campaign.problems_rectified", "campaign.rules_made"} <= names
    all_done = _spec("eight-point", 2025, campaign={"problems_found": 8, "problems_rectified": 8, "rules_made": 0})
    for seed in SEEDS:
        doc = WS.draft(WS.validate(all_done), seed=seed)
        text = "".join(
            s.text
            for s in doc.sentences()
            if s.slot and s.slot.startswith(("campaign.eight_point", "campaign.problems", "campaign.rules"))
        )
        assert "8个" in text and ("全部" in text or "均已" in text) and "0项" not in text and "建章立制0" not in text
    one = _spec("eight-point", 2025, campaign={"problems_found": 1, "problems_rectified": 1})
    text = WS.draft(WS.validate(one)).to_text()
    assert "问题1个" in text and "全部" not in text.split("问题1个")[1][:12]


def test_the_revised_frugality_regulation_is_named_in_2025_and_after():
    for kind in ("eight-point", "self-inspection"):
        for year, named in ((2024, False), (2025, True), (2026, True)):
            text = WS.draft(WS.validate(_spec(kind, year))).to_text()
            assert ("修订后的《党政机关厉行节约反对浪费条例》" in text) is named, (kind, year)


@pytest.mark.parametrize(
    ("campaign", "field"),
    [
        ({"problems_found": "5"}, "campaign.problems_found"),
        ({"problems_found": -1}, "campaign.problems_found"),
        ({"problems_found": 2.0}, "campaign.problems_found"),
        ({"problems_found": True}, "campaign.problems_found"),
        ({"found": 3}, "campaign.found"),
        ({"problems_found": 3, "problems_rectified": 4}, "campaign.problems_rectified"),
        ("many", "campaign"),
    ],
)
def test_campaign_figures_are_validated_on_both_paths(campaign, field):
    with pytest.raises(SpecError) as err:
        WS.validate(_spec("eight-point", 2025, campaign=campaign))
    assert field in str(err.value)


def test_the_quick_check_and_the_schema_agree_on_campaign_figures():
    from drafter.bank.spec import _plain
    from drafter.bank.spec_schema import validate_with_schema

    kind = WS.kind("eight-point")
    data = _spec("eight-point", 2025, campaign={"problems_found": 5, "problems_rectified": 3})
    quick = _plain(kind, data)
    schema, problems = validate_with_schema(kind, data)
    assert problems == [] and quick is not None
    assert quick["campaign"] == schema["campaign"]
    figures = {k: v for k, v in quick["campaign"].items() if k != "practices"}  # every figure group may carry practices
    assert figures == {"problems_found": 5, "problems_rectified": 3, "rules_made": None}
    assert _plain(kind, _spec("eight-point", 2025, campaign={"problems_found": 5.0})) is None  # deferred


@pytest.mark.parametrize("year", [2018, 2022, 2026, 2031])
def test_campaign_figures_in_a_year_without_a_campaign_stop_the_draft(year):
    with pytest.raises(SpecError) as err:
        WS.validate(_spec("discipline-summary", year, campaign={"problems_found": 3}))
    assert "campaign.problems_found" in str(err.value) and str(year) in str(err.value)


def test_the_2021_example_speaks_of_its_own_year():
    path = EXAMPLES / "county-2021.yaml"
    for seed in SEEDS:
        doc = WS.draft(path, seed=seed)
        text = doc.to_text()
        assert doc.placeholders() == [] and "【待补充" not in text
        assert "党史学习教育" in text and "十九届五中、六中全会" in text
        assert "二十" not in text and "修订后的" not in text
        findings = WS.check(parse_text(text, "county-2021"), "eight-point").findings
        assert not [f for f in findings if f.rule_id.startswith("norm.dated.")]


def test_another_years_campaign_states_campaign_figures_only_when_given():
    bare = WS.draft(WS.validate(_spec("discipline-summary", 2021))).to_text()
    assert "党史学习教育" in bare and "【待补充" not in bare
    given = _spec(
        "discipline-summary", 2021, campaign={"problems_found": 12, "problems_rectified": 12, "rules_made": 3}
    )
    for seed in SEEDS:
        doc = WS.draft(WS.validate(given), seed=seed)
        said = "".join(s.text for s in doc.sentences() if s.slot in ("campaign.problems", "campaign.rules"))
        assert "12个" in said and "3项" in said and "违规吃喝" not in said


# What issue 13 asks the year data to carry (name, type, year it starts), and each year's campaign.
LISTED = [
    ("党的十八大", "congress", 2012),
    ("党的十九大", "congress", 2017),
    ("党的二十大", "congress", 2022),
    *((f"十八届{n}中全会", "plenary", None) for n in "一二三四五六七"),
    *((f"十九届{n}中全会", "plenary", None) for n in "一二三四五六七"),
    *((f"二十届{n}中全会", "plenary", None) for n in "一二三四"),
    ("党的群众路线教育实践活动", "campaign", 2013),
    ("“两学一做”学习教育", "campaign", 2016),
    ("“不忘初心、牢记使命”主题教育", "campaign", 2019),
    ("党史学习教育", "campaign", 2021),
    ("学习贯彻习近平新时代中国特色社会主义思想主题教育", "campaign", 2023),
    ("党纪学习教育", "campaign", 2024),
    ("深入贯彻中央八项规定精神学习教育", "campaign", 2025),
    ("《党政机关厉行节约反对浪费条例》", "document", 2013),
    ("修订后的《党政机关厉行节约反对浪费条例》", "document", 2025),
    ("《中国共产党纪律处分条例》（2015年修订）", "document", 2015),
    ("《中国共产党纪律处分条例》（2018年修订）", "document", 2018),
    ("《中国共产党纪律处分条例》（2023年修订）", "document", 2023),
]
CAMPAIGN_YEARS = {
    2013: "党的群众路线教育实践活动",
    2016: "“两学一做”学习教育",
    2019: "“不忘初心、牢记使命”主题教育",
    2021: "党史学习教育",
    2023: "学习贯彻习近平新时代中国特色社会主义思想主题教育",
    2024: "党纪学习教育",
    2025: "深入贯彻中央八项规定精神学习教育",
}


@pytest.mark.parametrize(("name", "kind", "year"), LISTED)
def test_the_year_data_has_what_the_issue_lists_with_its_date(name, kind, year):
    (event,) = [e for e in events().values() if e.name == name]
    assert event.type == kind and event.start is not None and event.full_name
    assert year is None or event.start.year == year


@pytest.mark.parametrize("year", YEARS)
def test_every_year_2013_to_2026_has_its_congress_plenaries_and_campaign(year):
    facts = year_facts(year)
    assert facts.congress is not None and facts.congress.start.year <= year
    assert facts.plenaries and all(p.start <= dt.date(year, 12, 31) for p in facts.plenaries)
    if year in CAMPAIGN_YEARS:
        assert facts.campaign is not None and facts.campaign.name == CAMPAIGN_YEARS[year]
    assert "【待补充" not in study_formula(facts)
