"""Placeholders left in a draft: 【待补充…】, figures masked with * runs, XX / X次 / ×× / 某某 stand-ins,
placeholder document numbers (x办发〔20××〕28号); anywhere on a line, spaces or not."""

from __future__ import annotations

import re

from ...zh.units import unit_pattern
from ..findings import Finding
from ..source import Source

__all__ = ["check"]

# Measure words and units a masked figure is followed by (longest first, so 人次 wins over 人).
UNITS = unit_pattern()
CONTEXT = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\d]")  # CJK, full-width punctuation, digits

TODO = re.compile(r"【\s*待补充\s*(?:[:：]\s*(?P<what>[^】\n]*?))?\s*】")
# A run of asterisks, with any digits it only partly hides (8**次, 1**.5万元).
MASK = re.compile(rf"[\d.]*(?P<run>[*＊]+)[\d.]*(?:[ \t]?(?P<unit>{UNITS}))?")
# XX / xx / ×× / ＸＸ standing in for a name or figure; never part of an ASCII word or address.
STAND_IN = re.compile(r"(?<![A-Za-z./@_-])\d*(?:[Xx]{2,}|×{2,}|[Ｘｘ]{2,})(?![A-Za-z/@_-])")
# One X standing for a figure before a measure word: X次, X 次, x人.
SINGLE_X = re.compile(rf"(?<![A-Za-z0-9.×/_-])[XxＸｘ×][ \t]?(?:{UNITS})")
# A document number whose parts are placeholders: x办发〔20××〕28号, XX发[2025]X号.
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fffXxＸｘ×]{1,8}发\s*[〔\[［(（【]\s*[\dXxＸｘ×]{4}\s*[〕\]］)）】]\s*[\dXxＸｘ×]+\s*号"
)
_X = re.compile(r"[XxＸｘ×]")
# 某某 is a stand-in unless it anonymises a person after a surname (王某某, as published case reports do).
MOUMOU = re.compile(r"某{2,}")
MOU_TONGZHI = re.compile(r"(?<![某])某同志")
# Common surnames, less the ones that double as function words before a stand-in (和某某, 向某某同志).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
    "汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤常温康施牛樊葛邢齐易乔伍庞颜倪"
    "庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈"
    "饶解牟艾尤阳穆农司卓古吉缪简项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲"
    "虞敖巩佘池查麻苑迟邝"
)


def _finding(rule_id: str, message: str, suggest: str, start: int, end: int, text: str) -> Finding:
    return Finding("placeholder", "error", message, start, end, text[start:end], suggest=suggest, rule_id=rule_id)


def _todos(text: str) -> list[Finding]:
    out = []
    for m in TODO.finditer(text):
        what = (m.group("what") or "").strip()
        suggest = f"填写{what}" if what else "补充缺失的内容"
        out.append(_finding("placeholder.todo", f"待补充的内容：{m.group()}", suggest, m.start(), m.end(), text))
    return out


# Markdown emphasis (**86**次, **一是**) wraps text; a pair whose content starts with a unit is two masks (**次，发文**份).
EMPHASIS = re.compile(r"(?<!\*)(\*{2,3})(?![\s*])([^*\n]+?)(?<![\s*])\1(?!\*)")
UNIT_START = re.compile(rf"(?:{UNITS})")


def _emphasis(para: str) -> set[int]:
    """Offsets of the asterisks that open or close Markdown emphasis in a paragraph."""
    marks: set[int] = set()
    for m in EMPHASIS.finditer(para):
        if not UNIT_START.match(m.group(2)):
            marks.update((m.start(1), m.end(2)))
    return marks


def _is_mask(m: re.Match[str], para: str, emphasis: set[int]) -> bool:
    run = m.group("run")
    if para.strip(" *＊-") == "":
        return False  # a separator line (*** or * * *)
    if "＊" in run or len(run) >= 4:
        return True
    if m.start("run") in emphasis:
        return False
    touches_digit = m.start() < m.start("run") or para[m.end("run") : m.end("run") + 1].isdigit()
    if len(run) == 1:  # a lone * masks a figure only inside a sentence: 共*人, 1*5万元
        inside = m.start() > 0 and CONTEXT.match(para[m.start() - 1])
        unit_close = m.group("unit") is not None and m.start("unit") == m.end("run")
        return bool(touches_digit or (inside and unit_close))
    return touches_digit or m.group("unit") is not None  # touching a digit or followed by a unit


def _masks(src: Source) -> list[Finding]:
    out = []
    for p in src.paragraphs:
        para = src.para_text(p)
        emphasis = _emphasis(para)
        for m in MASK.finditer(para):
            if not _is_mask(m, para, emphasis):
                continue
            a = p.start + m.start()
            b = p.start + (m.start("unit") if m.group("unit") else m.end())
            out.append(
                _finding(
                    "placeholder.masked",
                    f"数字被「{m.group('run')}」遮盖：{src.text[a:b]}",
                    "填写实际数字",
                    a,
                    b,
                    src.text,
                )
            )
    return out


def _neighbours(text: str, a: int, b: int) -> str:
    """The nearest character on each side of [a, b) that is not a space (line ends count as nothing)."""
    left = text[:a].rstrip(" \t\u3000")[-1:]
    right = text[b:].lstrip(" \t\u3000")[:1]
    return left + right


def _doc_numbers(text: str) -> list[Finding]:
    return [
        _finding(
            "placeholder.doc_number",
            f"发文字号「{m.group()}」里还有占位符",
            "填写实际的发文字号",
            m.start(),
            m.end(),
            text,
        )
        for m in DOC_NUMBER.finditer(text)
        if _X.search(m.group())
    ]


def _stand_ins(text: str) -> list[Finding]:
    out = []
    taken = [(f.start, f.end) for f in _doc_numbers(text)]
    for m in SINGLE_X.finditer(text):
        if not CONTEXT.search(_neighbours(text, m.start(), m.end())) and text[m.start() - 1 : m.start()] not in (
            "",
            "\n",
        ):
            continue
        if any(a <= m.start() < b for a, b in taken):
            continue
        out.append(
            _finding(
                "placeholder.stand_in",
                f"「{m.group()}」里的「{m.group()[0]}」是占位符，不是实际的数字",
                "填写实际的数字",
                m.start(),
                m.end(),
                text,
            )
        )
    for m in STAND_IN.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        spaced = text[m.start() - 1 : m.start()] in (" ", "\t") and text[m.end() : m.end() + 1] in (" ", "\t")
        if spaced or not CONTEXT.search(_neighbours(text, m.start(), m.end())):
            continue  # XX between spaces or Latin text is not a stand-in in a Chinese sentence
        out.append(
            _finding(
                "placeholder.stand_in",
                f"「{m.group()}」是占位符，不是实际的名称或数字",
                "填写实际的名称或数字",
                m.start(),
                m.end(),
                text,
            )
        )
    for pattern in (MOUMOU, MOU_TONGZHI):
        for m in pattern.finditer(text):
            if m.start() > 0 and text[m.start() - 1] in SURNAMES:
                continue  # 王某某 / 王某同志: an anonymised person in a published case
            out.append(
                _finding(
                    "placeholder.stand_in",
                    f"「{m.group()}」是占位符，不是实际的名称",
                    "填写实际的名称",
                    m.start(),
                    m.end(),
                    text,
                )
            )
    return out


def check(src: Source) -> list[Finding]:
    """Every placeholder in the document: 【待补充…】, masked figures, XX and 某某 stand-ins."""
    found = _todos(src.text) + _masks(src) + _doc_numbers(src.text) + _stand_ins(src.text)
    return sorted(found, key=lambda f: f.start)
