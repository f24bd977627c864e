"""Structure and form: numbering gaps, document numbers, date ranges, doubled time words, exclamation marks."""

from __future__ import annotations

import re

from ...zh.numbers import ordinal_label
from ..findings import Finding
from ..source import Source

__all__ = ["check"]

_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
# A bracketed year inside a document number (河纪发[2020]3号): only 〔〕 is right.
DOC_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])(?P<y>[\[［(（【]\s*(?P<year>(?:19|20)\d{2})\s*[\]］)）】])\s*\d+\s*号")
# 3月-5月, 2024年-2025年, 5日~9日: a range written with a hyphen or tilde (an em dash 1—5月 is fine).
DASH_RANGE = re.compile(r"(?<!\d)(?P<a>\d{1,4}(?P<u>[年月日]))\s*[-~～－]\s*(?P<b>\d{1,4}(?P=u))")
# A range followed by 期间: 3月至5月期间, 3—5月期间.
RANGE_PERIOD = re.compile(
    r"\d{1,4}[年月日](?:\d{1,2}[月日])*(?:至|到|—|－|-|~|～)\d{1,4}[年月日]?(?:\d{1,2}[月日])*期间"
)
VAGUE_TIME = re.compile(r"日前|近日")


def _numeral(s: str) -> int:
    """一 .. 九十九 to an int (0 when not a numeral)."""
    if not s or any(c not in _DIGIT and c != "十" for c in s):
        return 0
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_DIGIT.get(tens, 0) if tens else 1) * 10 + (_DIGIT.get(ones, 0) if ones else 0)
    return _DIGIT[s[0]] if len(s) == 1 else 0


def _label_end(src: Source, start: int, end: int) -> int:
    """The heading's span runs from its number to the first punctuation after it."""
    m = re.compile(r"[。，；：！？,;:!?]").search(src.text, start, end)
    return m.start() if m else end


def _gap(src: Source, prev: int, n: int, start: int, end: int, kind: str, rule_id: str) -> Finding | None:
    """A finding when number n does not follow prev (excerpts may start anywhere; 一是 restarts a run of items)."""
    if not prev or not n or n == prev + 1 or (n == 1 and rule_id == "structure.item_sequence"):
        return None
    what = "跳号" if n > prev + 1 else ("重号" if n == prev else "顺序颠倒")
    stop = _label_end(src, start, end)
    msg = f"{kind}序号{what}：上一个是第{prev}项，这里是第{n}项"
    if n > prev + 1:
        msg += f"，缺第{prev + 1}项"
    return Finding("structure", "warning", msg, start, stop, src.text[start:stop], rule_id=rule_id)


def _numbering(src: Source) -> list[Finding]:
    out: list[Finding] = []
    section = sub = item = 0
    for p in src.paragraphs:
        head = p.label + src.para_text(p)
        if p.role == "heading":
            n = _numeral(ordinal_label(head, "section")[:-1])
            if f := _gap(src, section, n, p.start, p.end, "一级标题", "structure.heading_sequence"):
                out.append(f)
            section, sub, item = n, 0, 0
        elif p.role == "subheading":
            n = _numeral(ordinal_label(head, "sub")[1:-1])
            if f := _gap(src, sub, n, p.start, p.end, "二级标题", "structure.subheading_sequence"):
                out.append(f)
            sub, item = n, 0
        elif p.role == "body":
            if not p.items:
                continue  # a plain paragraph between items keeps the run going
            for label, at in p.items:
                n = _numeral(label[:-1])
                if f := _gap(src, item, n, at, p.end, "分项", "structure.item_sequence"):
                    out.append(f)
                item = n
    return out


def _document_numbers(src: Source) -> list[Finding]:
    out = []
    for m in DOC_NUMBER.finditer(src.text):
        if m.group("y").startswith("〔"):
            continue
        a, b = m.span("y")
        fix = f"〔{m.group('year')}〕"
        msg = f"发文字号的年份用六角括号「〔〕」：{fix}"
        out.append(Finding("structure", "warning", msg, a, b, src.text[a:b], fix, fix, "structure.document_number"))
    return out


def _ranges(src: Source) -> list[Finding]:
    out = []
    for m in DASH_RANGE.finditer(src.text):
        fix = f"{m.group('a')}至{m.group('b')}"
        msg = f"时间范围不用连字符或波浪线，写「{fix}」或用一字线「—」"
        out.append(
            Finding("structure", "warning", msg, m.start(), m.end(), m.group(), fix, fix, "structure.date_range")
        )
    for m in RANGE_PERIOD.finditer(src.text):
        fix = m.group()[: -len("期间")]
        msg = "已写明起止时间，「期间」多余"
        out.append(
            Finding("structure", "info", msg, m.start(), m.end(), m.group(), fix, fix, "structure.redundant_period")
        )
    return out


def _vague_times(src: Source) -> list[Finding]:
    out = []
    for p in src.paragraphs:
        for a, b in p.sentences:
            hits = list(VAGUE_TIME.finditer(src.text, a, b))
            if len(hits) >= 2:
                first, second = hits[0], hits[1]
                msg = f"同一句中「{first.group()}」「{second.group()}」两个模糊时间词叠用，留一个，最好写明具体日期"
                out.append(
                    Finding(
                        "structure", "warning", msg, second.start(), second.end(), second.group(),
                        rule_id="structure.vague_time",
                    )
                )  # fmt: skip
    return out


def _exclamations(src: Source) -> list[Finding]:
    msg = "工作报告不用感叹号，改为逗号或句号"
    return [
        Finding("structure", "warning", msg, m.start(), m.end(), m.group(), "。", rule_id="structure.exclamation")
        for m in re.finditer("！", src.text)
    ]


def check(src: Source) -> list[Finding]:
    """Numbering gaps, bracketed years in document numbers, dash ranges, 期间 after a range, 日前…近日, ！."""
    return _numbering(src) + _document_numbers(src) + _ranges(src) + _vague_times(src) + _exclamations(src)
