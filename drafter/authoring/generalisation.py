"""What makes a learned report a kind and not a copy: readable figure keys, masks, dated 提法, year-bound facts.

figure_key(noun, unit, theme)  -> ("research", "visits")   调研 + 次 → research.visits
section_theme(heading)         -> "study"                  抓实学习教育 → study
masked_names(text, org)        -> replacements for **县, XX局, ××镇 (org.name, org.area or a placeholder)
dated_mentions(text)           -> replacements for 党的十九届六中全会精神 … (the drafting year's names)
year_bound(sentence)           -> why a sentence states a fact of its own year only (因公出访全部停止, 首次…)
"""

from __future__ import annotations

import re
from functools import cache

from ..zh.figure_recovery import Replacement

__all__ = ["dated_mentions", "figure_key", "masked_names", "section_theme", "year_bound"]

# Common words of the genre → (group, field); the longest word found nearest the figure wins.
# A field of None takes the unit's word (次 → times); a group of None takes the section's theme.
KEY_WORDS: dict[str, tuple[str | None, str | None]] = {
    "理论学习中心组": ("study", "group_sessions"),
    "中心组": ("study", "group_sessions"),
    "集中学习": ("study", "group_sessions"),
    "专题辅导": ("study", "lectures"),
    "专题讲座": ("study", "lectures"),
    "主题党日": ("study", "party_days"),
    "党课": ("study", "party_lectures"),
    "线上学习": ("study", "online"),
    "学时": ("study", "hours"),
    "学习": ("study", None),
    "培训": ("training", None),
    "调研报告": ("research", "reports"),
    "调研": ("research", "visits"),
    "走访": ("research", "visits"),
    "会议": ("meetings", "count"),
    "文件": ("documents", "count"),
    "发文": ("documents", "count"),
    "三公": ("funds", "three_public"),
    "三公”经费": ("funds", "three_public"),
    "三公经费": ("funds", "three_public"),
    "公务接待费": ("funds", "reception"),
    "公务接待": ("funds", "reception"),
    "公务用车运行维护费": ("funds", "cars"),
    "公务用车": ("funds", "cars"),
    "因公出国": ("funds", "trips_abroad"),
    "经费": ("funds", "amount"),
    "办公用房": ("offices", "area"),
    "新闻稿件": ("publicity", "articles"),
    "稿件": ("publicity", "articles"),
    "报道": ("publicity", "articles"),
    "明察暗访": ("oversight", "spot_checks"),
    "监督检查": ("oversight", "checks"),
    "检查": ("oversight", "checks"),
    "覆盖率": ("oversight", "coverage"),
    "立案": ("discipline", "cases"),
    "违纪问题": ("discipline", "cases"),
    "查处": ("discipline", "cases"),
    "问责": ("discipline", "accountability"),
    "提醒谈话": ("discipline", "reminder_talks"),
    "谈心谈话": ("discipline", "heart_talks"),
    "谈话": ("discipline", "talks"),
    "通报曝光": ("discipline", "exposed"),
    "典型问题": ("discipline", "exposed"),
    "警示教育": ("education", "warning_sessions"),
    "警示教育片": ("education", "films"),
    "短信": ("education", "messages"),
    "廉洁提醒": ("education", "messages"),
    "信访": ("petitions", "count"),
    "制度": ("rules", "titles"),
    "问题": (None, "problems"),
    "整改": (None, "rectified"),
    "党员": (None, "members"),
    "干部": (None, "cadres"),
}
GROUP_LABELS = {
    "study": "学习教育",
    "training": "教育培训",
    "research": "调查研究",
    "meetings": "会议",
    "documents": "文件",
    "funds": "经费支出",
    "offices": "办公用房",
    "publicity": "宣传报道",
    "oversight": "监督检查",
    "discipline": "执纪问责",
    "education": "警示教育",
    "rules": "制度建设",
    "petitions": "信访",
}
UNIT_FIELDS = {
    "次": "times",
    "场": "sessions",
    "期": "sessions",
    "人": "people",
    "名": "people",
    "人次": "attendance",
    "个": "items",
    "件": "cases",
    "起": "cases",
    "份": "copies",
    "篇": "articles",
    "条": "items",
    "项": "items",
    "万元": "amount",
    "元": "amount",
    "%": "rate",
    "％": "rate",
    "平方米": "area",
    "学时": "hours",
    "天": "days",
}
# A section's theme from its heading (抓实学习教育 → study); the first word found wins.
THEME_WORDS = (
    ("学习", "study"),
    ("思想", "study"),
    ("理论", "study"),
    ("调研", "research"),
    ("会议", "meetings"),
    ("文件", "documents"),
    ("经费", "funds"),
    ("节约", "funds"),
    ("监督", "oversight"),
    ("执纪", "discipline"),
    ("问责", "discipline"),
    ("警示", "education"),
    ("制度", "rules"),
    ("问题", "problems"),
    ("下一步", "plans"),
    ("作风", "conduct"),
    ("四风", "conduct"),
    ("任务", "tasks"),
)
RESERVED = {"kind", "organisation", "year", "org", "prev_year", "era", "practices", "cases", "problems", "plans"}


def section_theme(heading: str, fallback: str) -> str:
    for word, theme in THEME_WORDS:
        if word in heading:
            return theme
    return fallback


def figure_key(noun: str, unit: str, theme: str) -> tuple[str, str]:
    """(group, field) for a figure from the words before it: the last genre word in them, its unit, the theme."""
    best: tuple[bool, int, int, str] | None = None  # (specific, end, length, word)
    for word, (g, f) in KEY_WORDS.items():
        i = noun.rfind(word)
        rank = (g is not None and f is not None, i + len(word), len(word), word)
        if i >= 0 and (best is None or rank[:3] > best[:3]):
            best = rank
    unit_field = UNIT_FIELDS.get(unit, "count")
    if best is None:
        return theme, unit_field
    group, field = KEY_WORDS[best[3]]
    group = group or theme
    if field is None or (unit == "人次" and not best[0]):
        field = unit_field
    elif unit in ("人", "名") and field not in ("people", "members", "cadres"):
        field += "_people"  # 立案查处违纪问题4件5人: the second figure counts people
    return group, field


# ── masks ──────────────────────────────────────────────────────────────────
MASK_RUN = r"(?:\*{2,}|[Xx]{2,}|[×Ｘ]{2,})"
_PLACE = "省市县区旗镇乡街道村社区"
MASKED_NAME = re.compile(
    rf"(?P<all>全)?{MASK_RUN}(?P<suffix>[\u4e00-\u9fff]{{0,8}}?(?:[{_PLACE}]|局|委|办|部|所|站|中心|公司|党委|党组|政府))"
)
MASKED_WORD = re.compile(MASK_RUN)


def _quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def masked_names(text: str, org: str | None, taken: list[Replacement]) -> list[Replacement]:
    """**县 → the organisation's area word, a masked org name → org.name, other masked names → a placeholder.

    Masked runs left after that (a masked person, a masked word) become a placeholder too: no mask survives."""

    def free(a: int, b: int) -> bool:
        return all(b <= r.start or a >= r.end for r in taken + out)

    out: list[Replacement] = []
    for m in MASKED_NAME.finditer(text):
        if not free(*m.span()):
            continue
        suffix = m.group("suffix")
        name = m.group()[1:] if m.group("all") else m.group()
        if org and (name == org or (org.endswith(suffix) and MASKED_WORD.match(org))):
            out.append(Replacement(m.start(), m.end(), expr=("'全' ~ " if m.group("all") else "") + "org.name"))
        elif suffix[-1] in "省市县区旗" and len(suffix) <= 2:
            out.append(Replacement(m.start(), m.end(), expr="org.area_all" if m.group("all") else "org.area"))
        else:
            out.append(Replacement(m.start(), m.end(), expr=_quote(f"【待补充：{suffix}名称】")))
    for m in MASKED_WORD.finditer(text):
        if free(*m.span()):
            out.append(Replacement(m.start(), m.end(), expr=_quote("【待补充：原文隐去的内容】")))
    return out


# ── dated 提法 ───────────────────────────────────────────────────────────
_NUMS = "十八|十九|二十"
_PLEN = rf"(?:(?:{_NUMS})届)?[一二三四五六七](?:中|次)(?:全体会议|全会)?"
_PLEN_FIRST = rf"(?:{_NUMS})届[一二三四五六七](?:中|次)(?:全体会议|全会)?"
STUDY = re.compile(
    rf"(?:党的)?(?:(?:{_NUMS})大(?:[和及、]{_PLEN}(?:[、和及]{_PLEN})*)?|{_PLEN_FIRST}(?:[、和及]{_PLEN})*)(?:全会)?(?:精神)?"
)
STUDY_JOIN = re.compile(r"[、和及与]|以及")
ERA_STUDY = "era.study if era is defined else '【待补充：本年度学习的党代会和全会精神】'"
ERA_CAMPAIGN = "era.campaign if era is defined and era.campaign else '【待补充：本年度党内集中学习教育】'"


@cache
def _campaign_names() -> tuple[str, ...]:
    from ..bank.years import events

    names = {e.name for e in events().values() if e.type == "campaign"}
    names |= {e.full_name for e in events().values() if e.type == "campaign" and e.full_name}
    return tuple(sorted(names, key=len, reverse=True))


@cache
def _windowed_terms() -> tuple[tuple[re.Pattern[str], int | None, int | None, str | None], ...]:
    """Dated terms with a closing window: (pattern, first year, last year, instead)."""
    from ..bank.years import dated_terms

    out = []
    for t in dated_terms():
        if t.valid_until is None or (t.event and t.term.endswith("全会")):
            continue
        pattern = re.compile(t.term if t.kind == "regex" else re.escape(t.term))
        first = t.valid_from.year if t.valid_from else None
        out.append((pattern, first, t.valid_until.year, t.instead if t.instead and "；" not in t.instead else None))
    return tuple(out)


def dated_mentions(text: str, taken: list[Replacement]) -> tuple[list[Replacement], list[str]]:
    """Spans naming a congress, plenary, campaign or a formulation right only in a window, said by the year.

    Returns the replacements and what was found (for the learn report)."""
    out: list[Replacement] = []
    found: list[str] = []

    def free(a: int, b: int) -> bool:
        return all(b <= r.start or a >= r.end for r in taken + out)

    for m in STUDY.finditer(text):
        if ("大" in m.group() or "全会" in m.group() or "中" in m.group()) and free(*m.span()):
            last = out[-1] if out else None
            if last is not None and last.expr == ERA_STUDY and STUDY_JOIN.fullmatch(text[last.end : m.start()]):
                # 「党的二十大精神、党的二十届二中全会精神」 is one list: the year's formula once, not twice
                out[-1] = Replacement(last.start, m.end(), expr=ERA_STUDY)
            else:
                out.append(Replacement(m.start(), m.end(), expr=ERA_STUDY))
            found.append(m.group())
    for name in _campaign_names():
        for m in re.finditer(re.escape(name), text):
            if free(*m.span()):
                out.append(Replacement(m.start(), m.end(), expr=ERA_CAMPAIGN))
                found.append(m.group())
    for pattern, first, last, instead in _windowed_terms():
        for m in pattern.finditer(text):
            if not free(*m.span()):
                continue
            cond = f"year.value and {first or 0} <= year.value <= {last}"
            other = _quote(instead) if instead else _quote("【待补充：按年度改写的提法】")
            out.append(Replacement(m.start(), m.end(), expr=f"({_quote(m.group())} if {cond} else {other})"))
            found.append(m.group())
    return out, found


# ── year-bound facts ─────────────────────────────────────────────────────────
YEAR_BOUND = re.compile(
    r"全部停止|全面停止|一律暂停|暂停|首次|第一次|首个|首家|历史最|创历史|新冠|疫情|防疫|封控|"
    r"\d{4}年(?:[1-9]|1[0-2])月|(?:上|下)半年|年初以来"
)


def year_bound(sentence: str, year: int | None) -> str:
    """Why a sentence states a fact of its own year (empty when it doesn't): 因公出访全部停止, 首次…, 疫情…"""
    m = YEAR_BOUND.search(sentence)
    if m:
        return m.group()
    for y in re.findall(r"(?<!\d)(\d{4})年", sentence):
        if year and int(y) not in (year, year - 1) and int(y) > year - 5:
            return f"{y}年"
    return ""
