"""Repetition across a whole document, by the limits of phrasebank/style.yaml (the same the drafter keeps):
formula words over their caps, run-in item headings echoed by their first sentence, two sentences in a
row opening the same way, and parallel headings of one section in different grammatical forms."""

from __future__ import annotations

import re

from ...bank.style import Style, echo, heading_core, load_style
from ..findings import Finding
from ..source import Source, SourceParagraph

__all__ = ["check", "headings", "sentence_spans"]

_HEADING_MAX = 25
_CLAUSE = re.compile(r"[，；：,;:]")
_TITLE = re.compile(r"《[^《》]*》")
_SUB_LABEL = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def _heading_like(text: str) -> bool:
    body = text.strip()
    return 0 < len(body) <= _HEADING_MAX and not re.search(r"[，；：,;:]", body.rstrip("。"))


def sentence_spans(src: Source, p: SourceParagraph) -> list[tuple[int, int]]:
    return [(a, b) for a, b in p.sentences if src.text[a:b].strip()]


def headings(src: Source, p: SourceParagraph) -> list[tuple[str, int, int, bool]]:
    """Parallel headings of a paragraph: (numbering style, start, end of the heading text, run in).

    A （一） subheading paragraph's heading runs to its first 。 (or is the whole line); a 一是 item
    inside a body paragraph is a heading when its sentence is short, has no comma and more text follows.
    """
    text = src.text
    out = []
    if p.role == "subheading":
        m = _SUB_LABEL.match(text, p.start) if p.label == "" else None
        start = m.end() if m else p.start
        stop = text.find("。", start, p.end)
        end = stop + 1 if stop >= 0 else p.end
        if _heading_like(text[start:end]):
            out.append(("sub", start, end, end < p.end))
    elif p.role == "body":
        for label, at in p.items:
            start = at + len(label)
            stop = text.find("。", start, p.end)
            if stop < 0 or stop + 1 >= p.end:
                continue  # a heading runs into its text; the last sentence is an item, not a heading
            if _heading_like(text[start : stop + 1]):
                out.append(("item", start, stop + 1, True))
    return out


def _formula(src: Source, style: Style) -> list[Finding]:
    texts = [(p.start, src.para_text(p)) for p in src.paragraphs if p.role != "title"]
    out = []
    for word in style.formula:
        spans = [(at + a, at + b) for at, text in texts if word.word in text for a, b in word.spans(text)]
        if len(spans) <= word.cap:
            continue
        a, b = spans[word.cap]
        out.append(
            Finding(
                "repetition",
                "warning",
                f"「{word.word}」全文用了{len(spans)}次，超过{word.cap}次的上限，读来满篇套话",
                a,
                b,
                word.word,
                suggest=f"删去几处「{word.word}」或换成具体的做法、数据",
                rule_id="repetition.formula",
            )
        )
    return out


def _echoes(src: Source) -> list[Finding]:
    out = []
    for p in src.paragraphs:
        for numbering, a, b, run_in in headings(src, p):
            if numbering != "item" or not run_in:
                continue
            nxt = next(((x, y) for x, y in sentence_spans(src, p) if x >= b), None)
            if nxt is None:
                continue
            first = src.text[nxt[0] : nxt[1]]
            # an echo restates the heading as the text's opening clause (「三是保持高压态势。始终保持…高压态势，」);
            # the heading's subject named again later, beside its figure, is the text doing its work
            run = echo(src.text[a:b], _TITLE.sub("·", _CLAUSE.split(first, 1)[0]))  # 《…业务招待管理办法》 is a name
            if run:
                at = nxt[0] + first.index(run)
                out.append(
                    Finding(
                        "repetition",
                        "warning",
                        f"小标题「{heading_core(src.text[a:b])}」的「{run}」在紧接的第一句又说了一遍",
                        at,
                        at + len(run),
                        run,
                        suggest="第一句直接写具体做法，不重复小标题的话",
                        rule_id="repetition.heading_echo",
                    )
                )
    return out


def _openings(src: Source, style: Style) -> list[Finding]:
    out = []
    prev, prev_at = "", -1
    section = -1
    for p in src.paragraphs:
        if p.role not in ("body", "subheading") or p.section != section:
            prev, section = "", p.section
            if p.role not in ("body", "subheading"):
                continue
        for a, b in sentence_spans(src, p):
            opening = style.opening(src.text[a:b])
            if opening and opening == prev and _same_word(src.text[prev_at:a], src.text[a:b], opening):
                at = src.text.index(opening, a)
                before = src.text[prev_at : prev_at + 12]
                out.append(
                    Finding(
                        "repetition",
                        "warning",
                        f"接连两句都以「{opening}」开头（上一句：「{before}…」）",
                        at,
                        at + len(opening),
                        opening,
                        suggest="换一种开头，或把两句合成一句",
                        rule_id="repetition.opening",
                    )
                )
            prev, prev_at = opening, a
    return out


def _same_word(before: str, sentence: str, opening: str) -> bool:
    """Whether two sentences opening with the same characters open the same way. A noun opening (县委) is a
    subject, compared with the longer noun it starts (县委书记) or with what follows it: 县委坚持… and
    县委常委会… are two openings, 县委坚持… twice is one. Any other opening (严格, 坚持) repeats itself."""
    from ...zh.keywords import nouns

    table = nouns()

    if opening not in table:  # a formula word (严格, 坚持, 一年): the same opening whatever follows
        return True

    def word(text: str) -> str:
        core = text[text.find(opening) :]
        longer = next((core[:n] for n in range(6, len(opening), -1) if core[:n] in table), None)
        return longer or core[: len(opening) + 2]

    return word(before) == word(sentence)


def _forms(src: Source, style: Style) -> list[Finding]:
    groups: dict[tuple[int, str], list[tuple[str, int, int]]] = {}
    for p in src.paragraphs:
        for numbering, a, b, _run_in in headings(src, p):
            form = style.heading_form(src.text[a:b])
            if form:
                groups.setdefault((p.section, numbering), []).append((form, a, b))
    out = []
    for items in groups.values():
        first_form, fa, fb = items[0]
        odd = next(((f, a, b) for f, a, b in items[1:] if f != first_form), None)
        if odd is None:
            continue
        form, a, b = odd
        out.append(
            Finding(
                "repetition",
                "warning",
                f"同一部分的并列标题句式不一：「{heading_core(src.text[fa:fb])}」是“{first_form}”，"
                f"「{heading_core(src.text[a:b])}」是“{form}”",
                a,
                b,
                src.text[a:b],
                suggest=f"并列标题统一用“{first_form}”的句式",
                rule_id="repetition.heading_form",
            )
        )
    return out


def check(src: Source, style: Style | None = None) -> list[Finding]:
    style = style or load_style()
    return _formula(src, style) + _echoes(src) + _openings(src, style) + _forms(src, style)
