"""The year's facts as template values (`era`): what a report on that year studies and names.

Read from the year data (phrasebank/years/, through bank.years), so a 2021 draft studies
党的十九大和十九届五中、六中全会精神 and 党史学习教育, a 2025 draft the 学习教育 of that year,
and a 2016 draft writes 中央八项规定精神 (the 实施细则 came in October 2017).

    {{ era.study }}           党的二十大和二十届三中、四中全会精神 (the congress and plenaries, in order)
    {{ era.congress }}        党的二十大            {{ era.plenaries }}  二十届三中、四中全会
    {{ era.latest_plenary }}  二十届四中全会        {{ era.thought }}    习近平新时代中国特色社会主义思想
    {{ era.eight_point }}     中央八项规定及其实施细则精神 (中央八项规定精神 before 2017-10)
    {{ era.campaign }}        深入贯彻中央八项规定精神学习教育, or None in a year without one
    {{ era.frugality_rules }} 修订后的《党政机关厉行节约反对浪费条例》 in the years that name it, else None

A year the data doesn't cover (or no year) gets placeholders for what only the data can say.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..bank.years import Event, YearFacts, dated_terms, events, year_facts, years

__all__ = ["Era", "era_for", "plenary_list", "study_formula", "year_wording"]

_PLENARY = re.compile(r"^(.+?届)(.中)全会$")
_XI_THOUGHT = "习近平新时代中国特色社会主义思想"
_XI_SPEECHES = "习近平总书记系列重要讲话精神"


def placeholder(label: str) -> str:
    """As figures.placeholder (which imports this module to build the context)."""
    return f"【待补充：{label}】"


def plenary_list(plenaries: tuple[Event, ...]) -> str:
    """二十届三中、四中全会 (sessions of one term share its name; terms are joined by 和)."""
    terms: list[tuple[str, list[str]]] = []
    for p in plenaries:
        m = _PLENARY.match(p.name)
        term, session = (m.group(1), m.group(2)) if m else (p.name, "")
        if terms and terms[-1][0] == term:
            terms[-1][1].append(session)
        else:
            terms.append((term, [session]))
    return "和".join(term + "、".join(sessions) + "全会" for term, sessions in terms)


def study_formula(facts: YearFacts) -> str:
    """The year's study formula: 党的二十大和二十届三中、四中全会精神; a congress held in the year comes last."""
    congress = facts.congress
    plenaries = facts.plenaries
    if congress is None:
        return f"党的{plenary_list(plenaries)}精神" if plenaries else ""
    held_this_year = congress.start is not None and congress.start.year == facts.year
    if held_this_year:  # the plenaries studied before it belong to the previous term
        return (f"党的{plenary_list(plenaries)}精神和" if plenaries else "") + f"{congress.name}精神"
    if not plenaries:
        return f"{congress.name}精神"
    return f"{congress.name}和{plenary_list(plenaries)}精神"


@dataclass(frozen=True)
class Era:
    """Template values for the year's facts; text values render as they are."""

    year: int | None
    known: bool
    study: str
    congress: str
    plenaries: str
    latest_plenary: str
    thought: str
    eight_point: str
    eight_point_rules: str
    campaign: str | None
    campaign_id: str | None
    campaign_doing: str | None
    campaign_span: str | None
    documents: tuple[str, ...]
    frugality_rules: str | None


def _rules_in_force(on: dt.date) -> bool:
    rules = events().get("implementation_rules_2017")
    return rules is not None and rules.start is not None and on >= rules.start


def era_for(year: int | None) -> Era:
    """The year's facts; outside the data (or without a year) what only the data knows is a placeholder."""
    covered = years()
    facts = year_facts(year) if year in covered else None
    # Standing formulations follow the nearest covered year (the latest when no year is given).
    nearest = covered[-1] if year is None else min(max(year, covered[0]), covered[-1])
    year_end = dt.date(nearest, 12, 31)
    thought = (facts.thought if facts else year_facts(nearest).thought) or _XI_SPEECHES
    with_rules = _rules_in_force(year_end)
    docs = facts.documents if facts else ()
    frugality = next((d.cite_as or d.name for d in docs if d.id == "frugality_regulation_2025"), None)
    if facts is None:
        label = "年度" if year is None else f"{year}年"
        return Era(
            year=year,
            known=False,
            study=placeholder(f"{label}学习的党代会和全会精神"),
            congress=placeholder(f"{label}的党代会"),
            plenaries=placeholder(f"{label}学习的全会"),
            latest_plenary=placeholder(f"{label}最近一次全会"),
            thought=thought if thought != _XI_SPEECHES or year is not None else _XI_THOUGHT,
            eight_point="中央八项规定及其实施细则精神" if with_rules else "中央八项规定精神",
            eight_point_rules="中央八项规定及其实施细则" if with_rules else "中央八项规定",
            campaign=None,
            campaign_id=None,
            campaign_doing=None,
            campaign_span=None,
            documents=(),
            frugality_rules=None,
        )
    latest = facts.plenaries[-1].name if facts.plenaries else ""
    return Era(
        year=year,
        known=True,
        study=study_formula(facts),
        congress=facts.congress.name if facts.congress else "",
        plenaries=plenary_list(facts.plenaries),
        latest_plenary=latest,
        thought=thought,
        eight_point="中央八项规定及其实施细则精神" if with_rules else "中央八项规定精神",
        eight_point_rules="中央八项规定及其实施细则" if with_rules else "中央八项规定",
        campaign=facts.campaign_text if facts.campaign else None,
        campaign_id=facts.campaign.id if facts.campaign else None,
        campaign_doing=_doing(facts.campaign_text) if facts.campaign else None,
        campaign_span=_span(facts.campaign, facts.year) if facts.campaign else None,
        documents=tuple(d.cite_as or d.name for d in docs),
        frugality_rules=frugality,
    )


def _doing(text: str | None) -> str | None:
    """The campaign as an action: 开展党史学习教育; a name that is already one (推进…常态化制度化) stays."""
    if not text:
        return None
    return text if text.startswith(("推进", "开展", "深入开展")) else "开展" + text


def _span(campaign: Event, year: int) -> str | None:
    """3月至7月 when the campaign started and ended in the report's year, else None."""
    a, b = campaign.start, campaign.end
    if a is None or b is None or a.year != year or b.year != year or a.month == b.month:
        return None
    return f"{a.month}月至{b.month}月"


def year_wording(text: str, year: int | None) -> str:
    """A standing word (an organisation's level words) in its form for the year: 县纪委监委 before
    the 2018 supervision reform is 县纪委、监察局. Uses the dated terms with one plain replacement."""
    if year is None:
        return text
    day = dt.date(year, 12, 31)
    for t in dated_terms():
        if t.kind != "literal" or not t.instead or "；" in t.instead or t.term not in text:
            continue
        if t.valid_from is not None and day < t.valid_from:
            text = text.replace(t.term, t.instead)
    return text
