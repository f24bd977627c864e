"""Figures read back from a finished report: numbers and masked runs, their units, labels and 同比 pairs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .numbers import compare
from .units import AMOUNT_UNITS, MONEY_UNITS, NUMBER, PERCENT_SIGNS, unit_pattern

__all__ = ["FoundCompare", "FoundFigure", "Replacement", "figure_label", "figure_value", "find_figures"]

_UNIT = unit_pattern()  # longest first, so 人次 wins over 人 and 万元 over 元
_NUM = NUMBER
_MASK = r"\*+(?:\.\*+)?|[Xx×Ｘ]+(?:\.[Xx×Ｘ]+)?"
_VALUE = rf"(?:{_NUM}|{_MASK})"
_DOWN = ("减少", "下降", "降低", "压减", "缩减", "少")
_UP = ("增加", "增长", "上升", "提高", "提升", "多")
_VERB = "|".join((*_DOWN, *_UP))
# A masked run is a figure only with a unit after it: XX县 is a masked name, not a number.
# 多/余 between a number and its unit (18多次, 80余人) mark an approximation, not a unit: the figure's unit is
# 次 and the marker is dropped (a spec states exact values).
FIGURE = re.compile(
    rf"(?P<num>{_NUM})(?:(?P<approx>[余多])?(?P<unit>{_UNIT}))?|(?P<mask>{_MASK})(?P<mapprox>[余多])?(?P<munit>{_UNIT})"
)
# Rule values are not statistics: 每年至少4次, 不超过3人, 5个工作日内, 陪餐人数不超过3人.
RULE_WORDS = re.compile(r"至少|不少于|不超过|不得超过|不高于|不低于|最多|最少|控制在|限于|原则上")
RULE_DEMAND = re.compile(r"^[\u4e00-\u9fff]{0,3}(?:的要求|的规定|的标准|为限)")
RULE_AFTER = re.compile(r"^(?:[个]?(?:工作日|小时|日|天|周|月)?(?:内|以内|以上|以下|为限|之内))")
# A list of titles and its count: 《A》、《B》《C》等5项制度 (the count follows the list).
TITLES_LIST = re.compile(
    r"(?P<list>《[^》]{1,60}》(?:[、，和及与]?《[^》]{1,60}》)*)(?:等)(?P<count>\d+|[*Xx×Ｘ]+)(?P<unit>项|个|部|份|件|篇)"
)
YEAR = re.compile(rf"(?P<value>\d{{4}}|{_MASK})(?=年)")
CHANGE = re.compile(
    r"(?:较上年(?:同期)?|比上年(?:同期)?|与上年(?:同期)?相比[，,]?|同比)"
    rf"(?P<verb>{_VERB})了?(?P<diff>{_VALUE})(?P<dunit>[余多]?(?:{_UNIT}))?"
    rf"(?:[，,]?(?:同比)?(?P<pverb>{_VERB})了?(?P<pct>{_VALUE})[%％])?"
)
FLAT = re.compile(r"(?:与上年(?:同期)?|同比)(?:基本)?持平")
TITLE = re.compile(r"《[^》]*》")
_CLAUSE_END = re.compile(r"[，。；：、！？（）,;:()]")
_LEAD_WORDS = tuple(
    "全年 全局 全县 全镇 全市 本年度 今年 当年 其中 共计 累计 合计 先后 此外 同时 另外 方面 共 对 向 并 为 在".split()
)
# Verbs that lead a figure's clause in this genre (召开会议86次 → 会议次数).
_LEAD_VERBS = tuple(
    "召开 开展 组织 举办 印发 发现 督促 整改 立案 查处 协调 解决 完成 参加 参与 覆盖 深入 推动 落实 提出 制定 修订 出台 处理 约谈 通报 曝光 发放 下发 编发 刊发 报送 走访 排查 办理 受理 收到 观看 进行 实现 新增 发送 推送 清理 腾退 处置 接受 形成 撰写 讲".split()
)
_TAIL_WORDS = ("达到", "达", "为", "共计", "累计", "合计", "共", "约", "近", "超过", "超", "逾", "计", "了", "人均")
_SUFFIX = {
    "次": "次数",
    "场": "场次",
    "期": "期数",
    "件": "件数",
    "人": "人数",
    "名": "人数",
    "人次": "人次",
    "份": "份数",
    "批次": "批次",
    "天": "天数",
    "学时": "学时数",
}
_MONEY_WORDS = ("费", "经费", "支出", "资金", "金额", "费用", "款", "额", "投入")


@dataclass
class FoundCompare:
    """The 较上年… wording after a figure: its span, which expression re-derives it, last year's value."""

    start: int
    end: int
    form: str  # change (较上年同期减少…，同比下降…) | yoy (同比下降…)
    previous: int | Decimal | None
    note: str = ""


@dataclass
class FoundFigure:
    """One figure in a paragraph: span, value (None when masked), unit, type and a guessed label."""

    start: int
    end: int
    raw: str
    value: int | Decimal | None
    unit: str
    type: str  # count | amount
    label: str = ""
    compare: FoundCompare | None = None
    name: str = ""  # the figure path, given by the caller (meetings.count)
    noun: str = ""  # the words before (or after) it that say what it counts
    approx: str = ""  # 多 or 余 as written between number and unit (dropped in the draft)
    titles: list[str] | None = None  # a titles figure: the list as written (None when masked)
    note: str = ""

    @property
    def masked(self) -> bool:
        if self.type == "titles":
            return self.titles is None
        return self.value is None


@dataclass
class Replacement:
    """A span of a paragraph that a slot says with an expression (a figure, its 同比 wording, the year)."""

    start: int
    end: int
    figure: FoundFigure | None = None
    attr: str = ""  # "" (the figure), change, yoy
    expr: str = ""  # fixed expression (year, prev_year, org.name)

    def expression(self) -> str:
        if self.figure is None:
            return self.expr
        return self.figure.name + (f".{self.attr}" if self.attr else "")


@dataclass
class _Scan:
    text: str
    taken: list[tuple[int, int]] = field(default_factory=list)

    def free(self, a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in self.taken)


def figure_value(raw: str, amount: bool) -> int | Decimal | None:
    """The value of a figure as written (1,250 → 1250; an amount or a decimal is a Decimal; masked → None)."""
    if not re.match(r"\d", raw):
        return None
    try:
        d = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return None
    return d if amount or d != d.to_integral_value() or "." in raw else int(d)


def _unit_type(unit: str, raw: str) -> str:
    if unit.lstrip("余多") in AMOUNT_UNITS or ("." in raw and re.match(r"\d", raw)):
        return "amount"
    if "." in raw:  # a masked run with a decimal point: **.*
        return "amount"
    return "count"


def _previous(current, compared: re.Match, is_count: bool) -> tuple[int | Decimal | None, str, str]:
    """Last year's value from the wording: (previous, form, note)."""
    verb = compared.group("verb")
    decrease = verb in _DOWN
    diff_raw, dunit = compared.group("diff"), (compared.group("dunit") or "")
    pct_raw = compared.group("pct")
    if dunit.endswith(("%", "％")):  # 同比下降17.1%: only the percentage
        pct_raw, diff_raw = diff_raw, None
    form = "yoy" if diff_raw is None else "change"
    if current is None:
        return None, form, ""
    if diff_raw is not None:
        diff = figure_value(diff_raw, not is_count)
        if diff is None:
            return None, form, ""
        previous = current + diff if decrease else current - diff
        if previous < 0:
            return None, form, f"the stated change {diff_raw} is larger than the figure"
        note = ""
        pct = figure_value(pct_raw, True) if pct_raw else None
        if pct is not None and previous:
            got = compare(current, previous, places=0 if is_count else 2).percent
            if got != pct.quantize(Decimal("0.1")):
                note = f"stated {pct_raw}% but {current} against {previous} gives {got}%"
        return previous, form, note
    pct = figure_value(pct_raw, True)
    if pct is None:
        return None, form, ""
    ratio = 1 - pct / 100 if decrease else 1 + pct / 100
    if ratio <= 0:
        return None, form, f"a fall of {pct_raw}% leaves nothing to compare with"
    estimate = Decimal(current) / ratio
    step = Decimal(1) if is_count else Decimal("0.01")
    base = estimate.quantize(step)
    for k in sorted(range(-60, 61), key=abs):
        candidate = base + k * step
        if candidate > 0 and compare(current, candidate, places=0 if is_count else 2).percent == pct:
            return (int(candidate) if is_count else candidate), form, ""
    return (int(base) if is_count else base), form, f"no value of last year gives exactly {pct_raw}%"


def _clause_before(text: str, start: int, floor: int) -> str:
    a = start
    while a > floor and not _CLAUSE_END.match(text[a - 1]):
        a -= 1
    return re.sub(r"\s", "", text[a:start])


def _strip_words(noun: str) -> str:
    """Drop leading fillers and trailing particles (全年共…达), keeping at least two characters."""
    changed = True
    while changed:
        changed = False
        for w in _LEAD_WORDS:
            if noun.startswith(w) and len(noun) >= len(w) + 2:
                noun, changed = noun[len(w) :], True
                break
        for w in _TAIL_WORDS:
            if noun.endswith(w) and len(noun) >= len(w) + 2:
                noun, changed = noun[: -len(w)], True
                break
    return noun


def _noun_before(clause: str) -> str:
    """What a figure counts, from the clause before it: 局党组全年开展中心组集中学习 → 中心组集中学习."""
    noun = _strip_words(clause)
    if "等" in noun and len(noun.rsplit("等", 1)[1]) >= 2:  # 林权流转、护林员管理等方面问题 → 方面问题
        noun = noun.rsplit("等", 1)[1]
    # After the last verb that leaves a noun behind it (专项检查覆盖率 keeps 覆盖 inside).
    cuts = [m.end() for v in _LEAD_VERBS for m in re.finditer(v, noun) if len(noun) - m.end() >= 2]
    cut = max(cuts, default=0)
    noun = _strip_words(noun[cut:])
    return noun[-10:]


def _noun_after(text: str, end: int) -> str:
    """The noun a classifier measures: 3名干部 → 干部 (empty when a verb or punctuation follows)."""
    m = re.match(r"[\u4e00-\u9fff]{2,}", text[end:])
    if not m or m.group().startswith((*_LEAD_WORDS, *_LEAD_VERBS)):
        return ""
    words = m.group().split("的")[0]
    for verb in _LEAD_VERBS:
        i = words.find(verb)
        if i > 0:
            words = words[:i]
    return words[:6] if len(words) >= 2 else ""


def figure_label(noun: str, unit: str) -> str:
    """A 中文 label from the words before a figure and its unit: 会议, 次 → 会议次数."""
    unit = unit.lstrip("余多")
    if unit in MONEY_UNITS:
        suffix = "" if noun.endswith(_MONEY_WORDS) else "金额"
    elif unit == "平方米":
        suffix = "" if noun.endswith("面积") else "面积"
    elif unit in PERCENT_SIGNS:
        suffix = "" if noun.endswith(("率", "比例", "比重")) else "比例"
    else:
        suffix = _SUFFIX.get(unit, "数")
    if noun.endswith(suffix):
        suffix = ""
    return (noun or "数据") + suffix


def _years(scan: _Scan, year: int | None, out: list[Replacement]) -> None:
    for m in YEAR.finditer(scan.text):
        if not scan.free(m.start(), m.end()):
            continue
        raw = m.group("value")
        if raw.isdigit():
            if year is None or int(raw) not in (year, year - 1):
                scan.taken.append(m.span())  # another year: stays as written
                continue
            expr = "year" if int(raw) == year else "prev_year"
        else:
            expr = "year"
        scan.taken.append(m.span())
        out.append(Replacement(m.start(), m.end(), expr=expr))


def find_figures(
    text: str, year: int | None = None, sentences: list[tuple[int, int]] | None = None
) -> tuple[list[FoundFigure], list[Replacement]]:
    """Every figure of a paragraph, and the spans to say with expressions (figures, 同比 wording, years).

    `sentences` (spans into text) keep a percentage-only 同比 with a figure of its own sentence.
    """
    scan = _Scan(text)
    lists = _title_lists(text)
    scan.taken += [m.span() for m in TITLES_LIST.finditer(text)]
    scan.taken += [m.span() for m in TITLE.finditer(text)]
    replacements: list[Replacement] = []
    _years(scan, year, replacements)
    changes = [m for m in CHANGE.finditer(text) if scan.free(*m.span())]
    flats = [m for m in FLAT.finditer(text) if scan.free(*m.span())]
    wording = sorted([*changes, *flats], key=lambda m: m.start())
    figures = [
        f for f in _plain_figures(text, scan, 0, len(text)) if not any(w.start() <= f.start < w.end() for w in wording)
    ]
    for w in wording:
        host = _host(figures, w, sentences)
        if host is None:  # nothing to hang it on: its numbers are figures of their own
            figures += _plain_figures(text, scan, w.start(), w.end())
            continue
        host.compare = _found_compare(host, w)
        scan.taken.append(w.span())
    figures.sort(key=lambda f: f.start)
    _label(text, figures)
    for f, (a, b, ca, cb) in lists:
        figures.append(f)
        replacements.append(Replacement(a, b, f, "all"))
        replacements.append(Replacement(ca, cb, f, "count"))
    figures.sort(key=lambda f: f.start)
    for f in figures:
        if f.type == "titles":
            continue
        replacements.append(Replacement(f.start, f.end, f))
        if f.compare:
            replacements.append(Replacement(f.compare.start, f.compare.end, f, f.compare.form))
    replacements.sort(key=lambda r: r.start)
    return figures, replacements


def _plain_figures(text: str, scan: _Scan, start: int, end: int) -> list[FoundFigure]:
    figures = []
    for m in FIGURE.finditer(text, start, end):
        a, b = m.span()
        if not scan.free(a, b):
            continue
        raw = m.group("num") or m.group("mask")
        unit = m.group("unit") or m.group("munit") or ""
        clause = _clause_before(text, a, start)
        rule = RULE_WORDS.search(clause) or (re.search("每[年月季周]", clause) and RULE_DEMAND.match(text[b:]))
        if unit and (rule or RULE_AFTER.match(text[b : b + 6])):
            scan.taken.append((a, b))
            continue  # a rule's value (每年至少4次, 5个工作日内) is text, not a statistic
        if m.group("num") and not unit and (text[b : b + 1] in tuple("月日号时年岁") or text[a - 1 : a] == "第"):
            continue  # dates, ages and ordinals are not figures
        if text[a - 1 : a].isascii() and text[a - 1 : a].isalpha():
            continue  # part of a code such as G318
        ftype = _unit_type(unit, raw)
        found = FoundFigure(a, b, text[a:b], figure_value(raw, ftype == "amount"), unit, ftype)
        found.approx = m.group("approx") or m.group("mapprox") or ""
        figures.append(found)
    return figures


def _host(figures: list[FoundFigure], w: re.Match, sentences: list[tuple[int, int]] | None) -> FoundFigure | None:
    """The figure a 同比 wording is about: the nearest one before it, of the same unit when it states one."""
    sentence = next(((a, b) for a, b in sentences or [] if a <= w.start() < b), (0, w.start()))
    dunit = (w.groupdict().get("dunit") or "").lstrip("余多")
    percent_only = "diff" not in w.groupdict() or dunit in ("%", "％")
    for f in reversed([f for f in figures if f.end <= w.start() and f.compare is None]):
        if percent_only and f.start < sentence[0]:
            return None
        if percent_only or not dunit or f.unit.lstrip("余多") == dunit:
            return f
    return None


def _found_compare(host: FoundFigure, w: re.Match) -> FoundCompare:
    if "verb" not in w.groupdict():  # 与上年持平
        return FoundCompare(w.start(), w.end(), "change", host.value)
    previous, form, note = _previous(host.value, w, host.type == "count")
    return FoundCompare(w.start(), w.end(), form, previous, note)


_MASKED_TITLE = re.compile(r"《[^》]*(?:\*{2,}|[Xx×Ｘ]{2,})[^》]*》")


def _title_lists(text: str) -> list[tuple[FoundFigure, tuple[int, int, int, int]]]:
    """Each 《A》《B》等N项 as a titles figure: (figure, (list start, list end, count start, count end)).

    The count is the list's own length when drafted; a stated count that disagrees is noted.
    A list with a masked title is masked as a whole (its titles are the unit's to give)."""
    out = []
    for m in TITLES_LIST.finditer(text):
        titles = [t.strip("《》") for t in re.findall(r"《[^》]*》", m.group("list"))]
        masked = bool(_MASKED_TITLE.search(m.group("list")))
        after = re.match(r"[\u4e00-\u9fff]{1,4}", text[m.end() :])
        noun = after.group() if after else "文件"
        f = FoundFigure(m.start(), m.end(), m.group(), None if masked else len(titles), m.group("unit"), "titles")
        f.titles = None if masked else titles
        f.noun, f.label = noun, noun + "名称"
        stated = m.group("count")
        if stated.isdigit() and int(stated) != len(titles):
            f.note = (
                f"the report says {stated}{m.group('unit')} but lists {len(titles)} title(s); the draft counts the list"
            )
        out.append((f, (m.start("list"), m.end("list"), m.start("count"), m.end("unit"))))
    return out


_CLASSIFIERS = ("个", "名", "家", "所", "户", "项", "条", "篇", "件", "份", "起", "批次")


def _label(text: str, figures: list[FoundFigure]) -> None:
    floor, last_noun = 0, ""
    for f in figures:
        after = _noun_after(text, f.end) if f.unit.lstrip("余多") in _CLASSIFIERS else ""
        noun = after or _noun_before(_clause_before(text, f.start, floor))
        if not noun:  # 立案查处违纪问题4件5人: the second figure counts the same thing
            noun = last_noun
        f.label = figure_label(noun, f.unit)
        f.noun = noun
        last_noun = noun
        floor = f.compare.end if f.compare else f.end
