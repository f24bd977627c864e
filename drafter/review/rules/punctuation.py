"""Punctuation of Chinese text: half-width marks, unbalanced pairs, 、 between quoted items, doubled marks."""

from __future__ import annotations

import re

from ..findings import Finding
from ..source import Source

__all__ = ["check"]

# CJK ideographs and full-width punctuation: the context in which a half-width mark is a slip.
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d\u2026\u2014]")
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
# Addresses and e-mail keep their ASCII marks.
ASCII_SPAN = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PAIRS = {"“": "”", "《": "》", "（": "）", "「": "」", "‘": "’", "【": "】"}
CLOSERS = {v: k for k, v in PAIRS.items()}
# 、 between quoted or titled items in a series: “三会一课”、“主题党日”, 《A》、《B》.
SERIAL_COMMA = re.compile(r"(?<=[”》」』\"])、(?=[“《「『\"])")
DOUBLED = re.compile(r"([，。；：、！？])\1+")
# Only these characters are looked at one by one (a long document is mostly anything else).
_HALF_WIDTH = re.compile("[" + re.escape("".join(FULL)) + "]")
_PAIR_MARKS = re.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "]")


def _positions(para: str, mark: str) -> list[int]:
    out, i = [], para.find(mark)
    while i >= 0:
        out.append(i)
        i = para.find(mark, i + 1)
    return out


def _ascii_spans(para: str) -> list[tuple[int, int]]:
    if "@" not in para and "http" not in para and "www." not in para:
        return []  # what every address holds (the pattern would try each run of word characters)
    return [m.span() for m in ASCII_SPAN.finditer(para)]


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


def _cjk(ch: str) -> bool:
    return bool(ch) and CJK.match(ch) is not None


def _half_width_fix(para: str, i: int) -> str | None:
    """The full-width form of the half-width mark at para[i] when it sits in Chinese text."""
    ch, before, after = para[i], para[i - 1 : i], para[i + 1 : i + 2]
    if ch in ",:." and before.isdigit() and (after.isdigit() or ch == "."):
        return None  # 8,600 · 9:30 · 12.5 · 1. (a numbered item)
    if ch == ".":
        chinese_before = _cjk(before) or (before in "%％" and CJK.search(para) is not None)
        if not chinese_before or after == ".":
            return None  # only a lone full stop after Chinese (or 15.7%.); ... and a.b stay
        return "。" if (after == "" or after == " " or _cjk(after)) else None
    if ch in "()":
        return FULL[ch] if _paren_in_chinese(para, i) else None
    return FULL[ch] if _cjk(before) or _cjk(after) else None


# The year of a document number in the wrong brackets (松政办发(2021)14号): the structure rule's 〔〕 finding.
DOC_YEAR = re.compile(r"[发字]\s*\(\s*\d{4}\s*\)\s*\d+\s*号")


def _paren_in_chinese(para: str, i: int) -> bool:
    """A half-width parenthesis is Chinese if its pair holds Chinese or touches it on the outside."""
    if para[i] == "(":
        j = para.find(")", i + 1)
        inner = para[i + 1 : j] if j > 0 else para[i + 1 : i + 2]
        outside = para[i - 1 : i] + (para[j + 1 : j + 2] if j > 0 else "")
    else:
        j = para.rfind("(", 0, i)
        inner = para[j + 1 : i] if j >= 0 else para[i - 1 : i]
        outside = (para[j - 1 : j] if j > 0 else "") + para[i + 1 : i + 2]
    if "://" in inner or inner.startswith("www."):
        return False  # a Markdown link's address
    return any(_cjk(c) for c in inner + outside)


def _quote_fixes(para: str, spans: list[tuple[int, int]]) -> dict[int, str]:
    """Straight quotes taken in pairs; a pair that holds or touches Chinese becomes “” (or ‘’)."""
    fixes: dict[int, str] = {}
    for mark, pair in (('"', "“”"), ("'", "‘’")):
        at = [
            i
            for i in _positions(para, mark)
            if not _inside(i, spans)
            and not (mark == "'" and para[i - 1 : i].isascii() and para[i - 1 : i].isalpha())  # don't, author's
        ]
        for n in range(0, len(at), 2):
            a, b = at[n], at[n + 1] if n + 1 < len(at) else None
            inner = para[a + 1 : b] if b is not None else para[a + 1 : a + 2]
            outside = para[a - 1 : a] + (para[b + 1 : b + 2] if b is not None else "")
            if any(_cjk(c) for c in inner + outside):
                fixes[a] = pair[0]
                if b is not None:
                    fixes[b] = pair[1]
    return fixes


def _half_width(src: Source, base: list[int], para: str) -> list[Finding]:
    out = []
    spans = _ascii_spans(para) + [m.span() for m in DOC_YEAR.finditer(para)]
    quotes = _quote_fixes(para, spans)
    for i in sorted({*(m.start() for m in _HALF_WIDTH.finditer(para)), *quotes}):
        if _inside(i, spans):
            continue
        ch = para[i]
        fix = _half_width_fix(para, i) if ch in FULL else quotes.get(i)
        if fix is not None:
            out.append(
                Finding(
                    "punctuation",
                    "warning",
                    f"中文里用了半角标点「{ch}」，应为全角「{fix}」",
                    base[i],
                    base[i] + 1,
                    ch,
                    suggest=fix,
                    fix=fix,
                    rule_id="punctuation.half_width",
                )
            )
    return out


def _unbalanced(base: list[int], para: str) -> list[Finding]:
    stack: list[tuple[str, int]] = []
    bad: list[tuple[str, int, str]] = []
    for m in _PAIR_MARKS.finditer(para):
        i, ch = m.start(), m.group()
        if ch in PAIRS:
            stack.append((ch, i))
        elif ch in CLOSERS:
            if stack and stack[-1][0] == CLOSERS[ch]:
                stack.pop()
            elif any(opener == CLOSERS[ch] for opener, _ in stack):
                while stack[-1][0] != CLOSERS[ch]:  # the openers skipped over were never closed
                    opener, j = stack.pop()
                    bad.append((opener, j, f"「{opener}」没有对应的「{PAIRS[opener]}」"))
                stack.pop()
            else:
                bad.append((ch, i, f"「{ch}」前面没有对应的「{CLOSERS[ch]}」"))
    bad += [(opener, j, f"「{opener}」没有对应的「{PAIRS[opener]}」") for opener, j in stack]
    return [
        Finding(
            "punctuation",
            "error",
            f"引号或括号不成对：{msg}",
            base[i],
            base[i] + 1,
            ch,
            suggest="补全或删去不成对的符号",
            rule_id="punctuation.unbalanced",
        )
        for ch, i, msg in sorted(bad, key=lambda b: b[1])
    ]


def _serial_commas(base: list[int], para: str) -> list[Finding]:
    return [
        Finding(
            "punctuation",
            "warning",
            "并列的引号或书名号之间不用顿号",
            base[m.start()],
            base[m.end() - 1] + 1,
            m.group(),
            suggest="删去顿号",
            fix="",
            rule_id="punctuation.serial_comma",
        )
        for m in SERIAL_COMMA.finditer(para)
    ]


def _doubled(base: list[int], para: str) -> list[Finding]:
    out = []
    for m in DOUBLED.finditer(para):
        run, mark = m.group(), m.group(1)
        ellipsis = mark == "。" and len(run) >= 3  # 。。。 was meant as an ellipsis: the writer must choose
        out.append(
            Finding(
                "punctuation",
                "warning",
                f"标点重复：{run}",
                base[m.start()],
                base[m.end() - 1] + 1,
                run,
                suggest="……" if ellipsis else mark,
                fix=None if ellipsis else mark,
                rule_id="punctuation.doubled",
            )
        )
    return out


def check(src: Source) -> list[Finding]:
    """Half-width marks in Chinese, unbalanced pairs, 、 between quoted items, doubled marks."""
    out: list[Finding] = []
    for p in src.paragraphs:
        para, base = src.para_view(p)  # hard wraps and page-number lines left out; base maps back
        out += _half_width(src, base, para)
        out += _unbalanced(base, para)
        out += _serial_commas(base, para)
        out += _doubled(base, para)
    return out
