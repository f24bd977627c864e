"""Sentences to suggest for a document's missing themes: a bank slot rendered with the figures read back from the text."""

from __future__ import annotations

import re
from typing import Any

from ..bank.kinds import Kind
from ..bank.spec import validate_spec
from ..zh.figure_recovery import figure_value
from ..zh.units import NUMBER
from .drafter import Drafter
from .figures import build_context

__all__ = ["Suggester", "recover_spec_data"]

_LEVEL_CUES = [  # title words -> organisation level, most specific first
    ("enterprise", ("公司", "集团", "企业")),
    ("school", ("学校", "大学", "学院", "中学", "小学")),
    ("township", ("镇", "乡", "街道")),
    ("department", ("局", "委员会", "办公室", "厅", "部")),
    ("county", ("县", "区", "市")),
]
_TITLE = re.compile(r"^(?P<org>.+?)(?P<year>(19|20)\d\d)年")
_GENERIC = ("数量", "次数", "场次", "篇数", "件数", "人数", "条数", "人次", "批次", "数", "面积", "支出")


def _cue(label: str) -> str:
    cue = re.sub(r"[“”「」（）()]", "", label)
    for word in _GENERIC:
        cue = cue.removesuffix(word)
    return cue[-4:] if len(cue) > 4 else cue


def recover_spec_data(src: Any, kind: Kind) -> dict[str, Any]:
    """Organisation, year and whatever figures can be read back from the text (the rest stay missing)."""
    data: dict[str, Any] = {"kind": kind.id, "organisation": {"level": next(iter(kind.levels))}}
    m = _TITLE.match(src.title or "")
    if m:
        org = m.group("org").strip()
        data["organisation"]["name"] = org
        data["year"] = int(m.group("year"))
        for level, cues in _LEVEL_CUES:
            if level in kind.levels and any(c in org for c in cues):
                data["organisation"]["level"] = level
                break
    for f in kind.figures:
        if f.type in ("titles", "rate") or not f.unit:  # rates are computed, never given
            continue
        if f.optional and f.compare:  # only this year's number is read back; an optional one needs both years
            continue
        cue = _cue(f.label)
        if len(cue) < 2:
            continue
        found = re.search(rf"{re.escape(cue)}[^。；，\d]{{0,10}}?({NUMBER}){re.escape(f.unit)}", src.text)
        if not found:
            continue
        number = figure_value(found.group(1), f.type == "amount")
        value: Any = float(number) if f.type == "amount" else int(number)  # type: ignore[arg-type]
        group = data.setdefault(f.group, {})
        group[f.name] = {"current": value} if f.compare else value
    return data


def _suggest(drafter: Drafter, theme_id: str, ctx: Any) -> tuple[str | None, str | None]:
    """The first body slot tagged with the theme, rendered with the recovered figures."""
    tagged = [s for s in drafter.bank if theme_id in s.themes]
    body = [s for s in tagged if not s.id.endswith((".heading", ".lead"))] or tagged
    if not body:
        return None, None
    slot = body[0]
    return drafter.render_variant(slot, slot.enabled[0], ctx)[0], slot.id


class Suggester:
    """Suggests the first body slot tagged with each missing theme, rendered with whatever figures
    the document states (placeholders for the rest). Holds no per-document state."""

    def __init__(self, drafter: Drafter):
        self.drafter = drafter

    def __call__(self, src: Any, theme_ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
        """theme id -> (sentence, slot id) for the themes the document lacks; figures are read once."""
        if not theme_ids:
            return {}
        kind = self.drafter.kind
        ctx = build_context(kind, validate_spec(recover_spec_data(src, kind), src.name, [kind.path]))
        return {t: _suggest(self.drafter, t, ctx) for t in theme_ids}
