"""A learned kind's organisation levels, and the words a report uses for its own bodies.

A town's report says 镇党委, 镇纪委, 全镇, 我镇; a bureau's says 局党组, 全局干部, 我局. Learned
literally, those words would follow the kind into a county's draft. Each is a level word instead
(`org.party`, `org.supervisor`, `org.area_all`, `org.self` …): the learned kind lists every level
(kind.yaml `levels:`), so the spec's `organisation.level` says which words a draft uses.

    report_level("**镇", text)         -> "township"
    body_words(text, "township", org, taken) -> Replacement per 镇党委 / 全镇 … (org name included
                                          when it runs into the word: **镇党委 is one body)
"""

from __future__ import annotations

import re
from collections import Counter

from ..zh.figure_recovery import Replacement

__all__ = ["LEVELS", "body_words", "report_level"]

# Every learned kind gets all of these; `unit` is the level of a report whose level can't be told.
LEVELS: dict[str, dict[str, str]] = {
    "county": {
        "label": "县",
        "party": "县委",
        "party_meeting": "县委常委会会议",
        "secretary": "县委书记",
        "supervisor": "县纪委监委",
        "leaders": "县级领导干部",
        "units": "各乡镇、县直各部门",
        "cadres": "全县党员干部",
        "area": "本县",
        "area_all": "全县",
        "self": "我县",
    },
    "township": {
        "label": "乡镇",
        "party": "镇党委",
        "party_meeting": "镇党委会议",
        "secretary": "镇党委书记",
        "supervisor": "镇纪委",
        "leaders": "镇领导班子成员",
        "units": "各村（社区）、镇属各站所",
        "cadres": "全镇党员干部",
        "area": "本镇",
        "area_all": "全镇",
        "self": "我镇",
    },
    "department": {
        "label": "部门",
        "party": "局党组",
        "party_meeting": "局党组会议",
        "secretary": "局党组书记",
        "supervisor": "驻局纪检监察组",
        "leaders": "局领导班子成员",
        "units": "机关各科室、局属各单位",
        "cadres": "全局党员干部",
        "area": "本局",
        "area_all": "全局",
        "self": "我局",
    },
    "school": {
        "label": "学校",
        "party": "校党委",
        "party_meeting": "校党委常委会会议",
        "secretary": "校党委书记",
        "supervisor": "校纪委",
        "leaders": "校领导班子成员",
        "units": "各院系、各职能部门",
        "cadres": "全校党员干部",
        "area": "本校",
        "area_all": "全校",
        "self": "我校",
    },
    "enterprise": {
        "label": "企业",
        "party": "公司党委",
        "party_meeting": "公司党委会议",
        "secretary": "公司党委书记",
        "supervisor": "公司纪委",
        "leaders": "公司领导班子成员",
        "units": "各部门、各所属企业",
        "cadres": "公司全体党员干部",
        "area": "本公司",
        "area_all": "全公司",
        "self": "我公司",
    },
    "unit": {
        "label": "单位",
        "party": "党组",
        "party_meeting": "党组会议",
        "secretary": "党组书记",
        "supervisor": "纪检组织",
        "leaders": "领导班子成员",
        "units": "各科室、各下属单位",
        "cadres": "全体干部职工",
        "area": "本地",  # a masked place name (**县) in the report
        "area_all": "全域",  # 全**县
        "self": "我单位",
    },
}

# The forms a report of each level uses for its own bodies → the level word's key, tried in this
# order (the longer word first); a lookahead keeps 县委党校 (a school, not the body), 党组织 and
# 全局性 (overall) as written.
_FORMS: dict[str, dict[str, str]] = {
    "county": {
        "县委书记": "secretary",
        "县委常委会会议": "party_meeting",
        "县委常委会": "party_meeting",
        "县纪委监委": "supervisor",
        "县纪委": "supervisor",
        "县委(?!党校)": "party",
        "县级领导干部": "leaders",
        "全县党员干部": "cadres",
        "全县": "area_all",
        "本县": "area",
        "我县": "self",
    },
    "township": {
        "[镇乡]党委书记": "secretary",
        "[镇乡]党委会议?": "party_meeting",
        "[镇乡]纪委": "supervisor",
        "[镇乡]党委(?!会|书记)": "party",
        "[镇乡]领导班子成员": "leaders",
        "全[镇乡]党员干部": "cadres",
        "全[镇乡]": "area_all",
        "本[镇乡]": "area",
        "我[镇乡]": "self",
    },
    "department": {
        "局党组书记": "secretary",
        "局党组会议?": "party_meeting",
        "驻局纪检监察组": "supervisor",
        "局党[组委](?!会|书记|织)": "party",
        "局领导班子成员": "leaders",
        "全局党员干部": "cadres",
        "全局(?=干部|党员|职工|上下)": "area_all",
        "我局": "self",
    },
    "school": {
        "校党委书记": "secretary",
        "校纪委": "supervisor",
        "校党委(?!书记)": "party",
        "全校党员干部": "cadres",
        "全校": "area_all",
        "我校": "self",
    },
    "enterprise": {
        "公司党委书记": "secretary",
        "公司纪委": "supervisor",
        "公司党委(?!书记)": "party",
        "全公司": "area_all",
        "我公司": "self",
    },
    "unit": {
        "党组书记": "secretary",
        "党组会议": "party_meeting",
        "党组(?!织|书记|会|成员)": "party",
        "我单位": "self",
    },
}
_PATTERNS = {level: [(re.compile(form), key) for form, key in forms.items()] for level, forms in _FORMS.items()}
_SUFFIX_LEVEL = (
    ("公司", "enterprise"),
    ("集团", "enterprise"),
    ("大学", "school"),
    ("学院", "school"),
    ("学校", "school"),
    ("中学", "school"),
    ("小学", "school"),
    ("街道", "township"),
    ("镇", "township"),
    ("乡", "township"),
    ("局", "department"),
    ("委", "department"),
    ("办", "department"),
    ("厅", "department"),
    ("中心", "department"),
    ("县", "county"),
    ("区", "county"),
    ("市", "county"),
    ("旗", "county"),
)


def report_level(org: str | None, text: str) -> str:
    """The report's level: from its organisation's name (**镇 → township), else from its body words."""
    if org:
        for suffix, level in _SUFFIX_LEVEL:
            if org.endswith(suffix):
                return level
    counts: Counter[str] = Counter()
    for level, patterns in _PATTERNS.items():
        if level == "unit":
            continue
        counts[level] = sum(len(p.findall(text)) for p, key in patterns if key in ("party", "self", "secretary"))
    level, n = max(counts.items(), key=lambda kv: kv[1]) if counts else ("unit", 0)
    return level if n else "unit"


def body_words(text: str, level: str, org: str | None, taken: list[Replacement]) -> list[Replacement]:
    """Level words for the report's own bodies (镇党委 → org.party); an org name running into one is part of it."""
    out: list[Replacement] = []

    def free(a: int, b: int) -> bool:
        return all(b <= r.start or a >= r.end for r in taken + out)

    label = _quote(LEVELS[level]["label"])
    for pattern, key in _PATTERNS.get(level, []):
        for m in pattern.finditer(text):
            start, expr = m.start(), f"org.{key}"
            # **镇党委, 青山县林业局党组: the name runs into the word (its last character is the word's first).
            # A spec of the report's level keeps the name (白河镇党委); another level says its own word (县委).
            begin = start + 1 - len(org or "")
            if org and begin >= 0 and text[begin : start + 1] == org:
                start, tail = begin, _quote(m.group()[1:])
                expr = f"(org.name ~ {tail}) if (org.label | string) == {label} else org.{key}"
            if free(start, m.end()):
                out.append(Replacement(start, m.end(), expr=expr))
    return out


def _quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
