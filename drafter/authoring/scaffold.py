"""`drafter kind new`: a small working kind folder to start a kind of report of your own."""

from __future__ import annotations

from pathlib import Path

from ..bank.kinds import KIND_ID, builtin_kinds
from ..errors import KindError

__all__ = ["new_kind"]

_KIND_YAML = """\
# A kind of report of your own. drafter reads this folder as data:
#   kind.yaml    title pattern, sections (one template each), organisation levels, figures
#   themes.yaml  what a reviewer expects the report to cover (drafter check)
#   slots/       the phrase bank: each slot has numbered variants, filled with figures
#   templates/   one Jinja template per section: heading(...), say(...), item() for 一是
# Draft it:  drafter spec-template {id} --kinds-dir DIR > my.yaml
#            drafter draft my.yaml --kinds-dir DIR
# Check it:  drafter kind lint DIR
id: {id}
name: 年度工作总结
title: "{{{{ org.name }}}}{{{{ year }}}}年工作总结"

sections:
  - {{id: main, name: 主要工作, template: main.j2}}

# Words that depend on the organisation's level: {{{{ org.party }}}}, {{{{ org.cadres }}}}…
levels:
  department:
    label: 部门
    party: 局党组
    leaders: 局领导班子成员
    units: 机关各科室、局属各单位
    cadres: 全局干部职工
  township:
    label: 乡镇
    party: 镇党委
    leaders: 镇领导班子成员
    units: 各村（社区）、镇属各站所
    cadres: 全镇党员干部

# type: count (whole number), amount (at most two decimals), titles (list of 《titles》).
# compare: true takes {{current: …, previous: …}}; 较上年/同比 is derived ({{{{ work.meetings.change }}}}).
figures:
  work:
    label: 主要工作
    fields:
      meetings: {{type: count, compare: true, better: lower, unit: 次, label: 召开工作会议次数, sample: [24, 30]}}
      trainings: {{type: count, unit: 场, label: 业务培训场次, sample: 6}}
"""

_THEMES_YAML = """\
# Themes a reviewer expects; a slot tagged with a theme must say one of its aliases.
themes:
  - {id: meetings, name: 会议, required: true, section: main, aliases: [会议]}
  - {id: training, name: 培训, required: true, section: main, aliases: [培训]}
"""

_SLOTS_YAML = """\
# 主要工作: each slot lists variants; the seed picks one, --pick SLOT=N forces one.
slots:
  - id: main.heading
    note: 一级标题（两个分句）
    variants:
      - "突出重点抓落实，各项工作稳步推进"
      - "聚焦主责主业，扎实推进重点工作"
      - "压实工作责任，推动任务落地见效"

  - id: main.lead
    note: 总体情况
    variants:
      - "{{ year }}年，{{ org.name }}围绕年度目标任务，统筹安排、狠抓落实，各项工作取得了新的进展。"
      - "一年来，{{ org.name }}坚持目标导向和问题导向，细化任务分工，推动年度重点工作有序开展。"
      - "{{ year }}年，{{ org.party }}把年度重点任务逐项分解到岗、落实到人，工作推进有力有序。"

  - id: main.meetings
    themes: [meetings]
    note: 会议次数及同比
    figure: work.meetings   # when: names the classes of this figure a variant is written for
    variants:
      - {when: [down, flat, missing], text: "全年召开工作会议{{ work.meetings }}，{{ work.meetings.change }}。"}
      - {when: [down], text: "严格控制会议数量，全年共召开工作会议{{ work.meetings }}，{{ work.meetings.change }}。"}
      - {when: [up, new], text: "全年召开会议{{ work.meetings }}，{{ work.meetings.change }}，{{ work.meetings.reason }}。"}
      - {when: [gone, zero], text: "全年未召开工作会议。"}

  - id: main.trainings
    themes: [training]
    note: 培训场次
    figure: work.trainings
    variants:
      - {omit: true, when: zero}   # no training: the sentence is left out, never 「0场」
      - {when: some, text: "组织业务培训{{ work.trainings }}，{{ org.cadres }}履职能力进一步提升。"}
      - {when: some, text: "全年举办各类培训{{ work.trainings }}，持续提升干部队伍专业素养。"}
      - {when: some, text: "围绕重点业务开展专题培训{{ work.trainings }}，推动学用结合、以学促干。"}
"""

_TEMPLATE = """\
{#- 主要工作: the heading, then one paragraph; say() a slot of slots/main.yaml, item() numbers 一是… -#}
{{ heading('main.heading') }}

{{ say('main.lead') }}{{ say('main.meetings') }}{{ say('main.trainings') }}
"""


def new_kind(kind_id: str, folder: str | Path | None = None) -> Path:
    """Write a small kind folder that drafts and lints as it is; returns the folder."""
    if not KIND_ID.match(kind_id):
        raise KindError(f"kind name {kind_id!r}: use ASCII lowercase letters, digits, - or _ (e.g. annual-summary)")
    if kind_id in builtin_kinds():
        raise KindError(f"{kind_id!r} is a built-in kind; choose another name", kind_id)
    folder = Path(folder) if folder is not None else Path(kind_id)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise KindError(f"{folder}: already exists and is not empty; choose a new folder with -o DIR")
    (folder / "slots").mkdir(parents=True, exist_ok=True)
    (folder / "templates").mkdir(exist_ok=True)
    (folder / "kind.yaml").write_text(_KIND_YAML.format(id=kind_id), encoding="utf-8")
    (folder / "themes.yaml").write_text(_THEMES_YAML, encoding="utf-8")
    (folder / "slots" / "main.yaml").write_text(_SLOTS_YAML, encoding="utf-8")
    (folder / "templates" / "main.j2").write_text(_TEMPLATE, encoding="utf-8")
    return folder
