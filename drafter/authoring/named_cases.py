"""A report's sentence that tells one named case: the spec's `cases:` entry, not the learned kind's text.

    named_case("**村党支部书记违规操办宴席问题被严肃处理。")
    -> NamedCase(lead="", who="某村党支部书记", what="违规操办宴席问题", handling="被严肃处理", end="。")

A case names a person (张某, 某某同志, a masked name with a post such as **村党支部书记), what they
did and how it was handled (处分, 处理, 问责 …). Learned literally, last year's culprit would appear
in every draft; as a case, the learned slot says the spec's cases (`{{ this }}`) and the learned
example spec lists the report's own case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..bank.facts import clause_problem
from .generalisation import MASK_RUN

__all__ = ["NamedCase", "named_case"]

_POST = "书记|副书记|主任|局长|镇长|乡长|村长|所长|站长|科长|股长|队长|经理|校长|院长|会计|出纳|工作人员|驾驶员|委员"
_NAME = r"[\u4e00-\u9fff]某某?(?![些种项个类方一])|某某|同志"
_WHO = re.compile(
    rf"(?P<lead>(?:其中|例如|比如|如)[，、]?)?"
    rf"(?P<who>[^，。；：、]{{0,16}}(?:{_NAME}|{MASK_RUN}[\u4e00-\u9fff]{{0,10}}?(?:{_POST})|(?:{_POST}))"
    rf"(?:[\u4e00-\u9fff]某某?(?![些种项个类方一])|同志)?)"
)
_HANDLED = re.compile(r"处分|处理|问责|免职|撤职|诫勉|警告|记过|降级|开除|留党察看|通报批评|追缴|移送|立案审查")
_HANDLING_START = re.compile(r"被|受到|给予|予以|依规依纪|依纪依规")
_MASK = re.compile(MASK_RUN)


@dataclass
class NamedCase:
    """One case as the spec writes it ({who, what, handling}), with the sentence's lead-in and ending."""

    lead: str
    who: str
    what: str
    handling: str
    end: str

    def fact(self) -> dict[str, str]:
        return {"who": self.who, "what": self.what, "handling": self.handling}


def _anonymous(text: str) -> str:
    return _MASK.sub("某", text)


def named_case(sentence: str) -> NamedCase | None:
    """The case the sentence tells, or None (no named person, or no handling said)."""
    text = sentence.strip()
    end = text[-1] if text and text[-1] in "。；！" else ""
    body = text[: len(text) - len(end)]
    m = _WHO.match(body)
    if not m or len(body) > 120:
        return None
    who, rest = m.group("who"), body[m.end() :]
    if not re.search(rf"{_NAME}|{MASK_RUN}", who):
        return None  # a post alone (镇党委书记带头…) is the body's leader, not a case
    start = next((h.start() for h in _HANDLING_START.finditer(rest) if _HANDLED.search(rest, h.start())), None)
    if start is None:
        comma = rest.rfind("，")
        if comma < 0 or not _HANDLED.search(rest, comma):
            return None
        start = comma
    what, handling = rest[:start].rstrip("，、 "), rest[start:].lstrip("，、 ")
    case = NamedCase(m.group("lead") or "", _anonymous(who), _anonymous(what), _anonymous(handling), end)
    if any(clause_problem(v) for v in case.fact().values()):
        return None
    return case
