"""Finding theme aliases in text that varies on the surface.

Text and aliases are normalised alike (NFKC folds full width; quotes, spaces
and line breaks are dropped, so “三公”经费, "三公"经费, 「三公」经费 and 三公
经费 across a line break all read 三公经费). A multi-pattern automaton
(pyahocorasick) finds literal aliases, regexes find the rest, and a word
segmenter rejects hits that cut through a word (公车 in 办公车辆).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate
from typing import Any

from ..bank.kinds import Theme
from ..errors import MissingExtra

__all__ = ["SEGMENTERS", "Hit", "ThemeMatcher", "normalise"]

SEGMENTERS = ("jieba", "spacy", "none")
_CLAUSE_ENDS = tuple("。！？；，、：!?;,:")
_CLAUSE_END = re.compile("[" + re.escape("".join(_CLAUSE_ENDS)) + "]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_DROP = frozenset("“”‘’\"'「」『』〝〞 \t\r\n\u3000\u00a0")


@lru_cache(maxsize=1 << 16)
def _fold(ch: str) -> str | None:
    """What one character becomes in normalised text ("" when dropped), or None when it stays itself."""
    if ch in _DROP:
        return ""
    if ord(ch) <= 0x7F:
        return None
    folded = unicodedata.normalize("NFKC", ch)
    return None if folded == ch else folded


def normalise(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset it came from.

    Each character is folded on its own (NFKC; quotes and spaces dropped). Only the few distinct
    characters that change are looked at one by one; the runs between them are copied as slices.
    """
    folds = {ch: f for ch in set(text) if (f := _fold(ch)) is not None}
    if not folds:
        return text, list(range(len(text)))
    changing = re.compile("[" + "".join(map(re.escape, sorted(folds))) + "]")
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in changing.finditer(text):
        i = m.start()
        if i > pos:
            out.append(text[pos:i])
            index.extend(range(pos, i))
        folded = folds[text[i]]
        out.append(folded)
        index.extend([i] * len(folded))
        pos = i + 1
    out.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(out), index


def _norm(text: str) -> str:
    return normalise(text)[0]


@dataclass(frozen=True)
class Hit:
    """A theme found at [start, end) of the original text."""

    theme: str
    alias: str
    start: int
    end: int
    text: str


@cache
def _spacy_nlp() -> Any:
    from ..zh.segmenter import load_jieba

    load_jieba()  # quiet jieba's start-up before spaCy initialises it
    try:
        import spacy
    except ImportError as exc:
        raise MissingExtra("the spacy segmenter needs spaCy", "check", "spacy") from exc
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


@cache
def _dictionary() -> tuple[dict[str, int], int]:
    """jieba's word frequencies (every prefix of a word is there too, counting 0) and its longest word's length."""
    from ..zh.segmenter import load_jieba

    words = load_jieba().dt.FREQ
    return words, max(map(len, words))


@cache
def _endings() -> frozenset[str]:
    """The last two characters of every dictionary word of two or more (~0.3 s to gather: long texts only)."""
    return frozenset(w[-2:] for w, n in _dictionary()[0].items() if n and len(w) >= 2)


ENDINGS_FROM = 100_000  # characters of normalised text from which gathering _endings() pays off


def token_bounds(text: str, segmenter: str) -> list[tuple[int, int]]:
    """Word spans of normalised text by the chosen segmenter (empty for 'none')."""
    if segmenter == "none" or not text:
        return []
    if segmenter == "jieba":
        from ..zh.segmenter import load_jieba

        return [(a, b) for _w, a, b in load_jieba().tokenize(text, HMM=False)]
    if segmenter == "spacy":
        return [(t.idx, t.idx + len(t.text)) for t in _spacy_nlp()(text)]
    raise ValueError(f"unknown segmenter {segmenter!r}; expected one of {', '.join(SEGMENTERS)}")


class ThemeMatcher:
    """Finds every theme's hits in a text; build once per kind, reuse for many documents."""

    def __init__(self, themes: Iterable[Theme], segmenter: str = "jieba"):
        if segmenter not in SEGMENTERS:
            raise ValueError(f"unknown segmenter {segmenter!r}; expected one of {', '.join(SEGMENTERS)}")
        try:
            import ahocorasick
        except ImportError as exc:
            raise MissingExtra("drafter check needs pyahocorasick", "check", "ahocorasick") from exc
        self.themes = list(themes)
        self.segmenter = segmenter
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[str, str]]] = {}
        for theme in self.themes:
            for alias in theme.aliases:
                table.setdefault(_norm(alias), []).append((theme.id, alias))
        for key, value in table.items():
            self.automaton.add_word(key, (key, value))
        self.automaton.make_automaton()
        self.patterns = [(t.id, re.compile(p)) for t in self.themes for p in t.patterns]
        self.excludes = {t.id: [re.compile(_norm(x)) for x in t.exclude] for t in self.themes}

    def _candidates(self, norm: str) -> list[tuple[str, str, int, int]]:
        out = []
        for end, (key, owners) in self.automaton.iter(norm):
            for theme_id, alias in owners:
                out.append((theme_id, alias, end - len(key) + 1, end + 1))
        for theme_id, pattern in self.patterns:
            out += [
                (theme_id, pattern.pattern, m.start(), m.end()) for m in pattern.finditer(norm) if m.end() > m.start()
            ]
        return out

    def _excluded_spans(self, norm: str) -> dict[str, tuple[list[int], list[int]]]:
        """Per theme with exclusions: the excluded spans' starts, sorted, and the furthest end up to each."""
        out = {}
        for tid, xs in self.excludes.items():
            spans = sorted(m.span() for x in xs for m in x.finditer(norm))
            if spans:
                out[tid] = ([a for a, _b in spans], list(accumulate((b for _a, b in spans), max)))
        return out

    @staticmethod
    def _overlaps(excluded: tuple[list[int], list[int]] | None, a: int, b: int) -> bool:
        """Whether [a, b) overlaps an excluded span: of the spans starting before b, the furthest end is past a."""
        if excluded is None:
            return False
        starts, reach = excluded
        i = bisect.bisect_left(starts, b)
        return i > 0 and reach[i - 1] > a

    @staticmethod
    def _cuts_a_word(bounds: list[tuple[int, int]], starts: list[int], a: int, b: int) -> bool:
        """True when the hit's edge splits off one character of a word outside it (公车 in 办公车辆).

        An alias inside one longer word counts (中央八项规定精神), and so does an
        alias ending in a compound that holds a whole word of it (三公经费支出).
        """
        if not bounds:
            return False
        first = bounds[max(bisect.bisect_right(starts, a) - 1, 0)]
        last = bounds[max(bisect.bisect_right(starts, b - 1) - 1, 0)]
        if first[0] <= a and first[1] >= b:
            return False
        cut_at_start = first[0] < a and first[1] - a == 1
        cut_at_end = last[1] > b and b - last[0] == 1
        return cut_at_start or cut_at_end

    @staticmethod
    def _clause(ends: list[int], length: int, a: int, b: int) -> tuple[int, int]:
        """The clause around [a, b): from after the last clause mark before a to the first one at or after b."""
        i, j = bisect.bisect_left(ends, a), bisect.bisect_left(ends, b)
        return (ends[i - 1] + 1 if i else 0), (ends[j] if j < len(ends) else length)

    def _may_cut(self, norm: str, a: int, b: int, left: int, right: int, endings: Container[str] | None) -> bool:
        """Whether any dictionary word could cut the hit's edge (without the HMM, jieba's tokens are
        dictionary words, single characters or runs of ASCII letters and digits): only then segment.

        A word ending at a's character and starting before it ends in norm[a-1:a+1] (one of `endings`, when
        given); a word from b-1 on has norm[b-1:b+1] as a prefix. Most hits fail both tests at once."""
        if self.segmenter != "jieba" or _ASCII_WORD.match(norm[a]) or _ASCII_WORD.match(norm[b - 1]):
            return True
        words, longest = _dictionary()
        starts = range(max(left, a + 1 - longest), a)
        if (endings is None or (starts and norm[a - 1 : a + 1] in endings)) and any(
            words.get(norm[x : a + 1]) for x in starts
        ):
            return True
        if b + 1 > right or norm[b - 1 : b + 1] not in words:
            return False
        return any(words.get(norm[b - 1 : y]) for y in range(b + 1, min(right, b - 1 + longest) + 1))

    def _window_bounds(self, norm: str, span: tuple[int, int], cache: dict) -> tuple[list[tuple[int, int]], list[int]]:
        """Word spans of one clause: segmenting clauses with hits, not the whole text, keeps it fast."""
        left, right = span
        if (left, right) not in cache:
            bounds = [(x + left, y + left) for x, y in token_bounds(norm[left:right], self.segmenter)]
            cache[left, right] = (bounds, [x for x, _y in bounds])
        return cache[left, right]

    def _accepted(self, norm: str, skip: Container[str] = ()) -> Iterator[tuple[str, str, int, int]]:
        """Candidates in text order (longest first at one start) that no exclusion covers and that cut no word;
        themes in `skip` are passed over without a look."""
        excluded = self._excluded_spans(norm)
        ends = [m.start() for m in _CLAUSE_END.finditer(norm)]
        windows: dict[tuple[int, int], tuple[list[tuple[int, int]], list[int]]] = {}
        endings = _endings() if self.segmenter == "jieba" and len(norm) >= ENDINGS_FROM else None
        for theme_id, alias, a, b in sorted(self._candidates(norm), key=lambda c: (c[2], -c[3], c[0])):
            if theme_id in skip or self._overlaps(excluded.get(theme_id), a, b):
                continue
            if self.segmenter != "none":
                clause = self._clause(ends, len(norm), a, b)
                if self._may_cut(norm, a, b, *clause, endings) and self._cuts_a_word(
                    *self._window_bounds(norm, clause, windows), a, b
                ):
                    continue
            yield theme_id, alias, a, b

    def find(self, text: str, normalised: tuple[str, list[int]] | None = None) -> list[Hit]:
        """Every accepted hit, in text order (overlapping hits of one theme keep the longest).

        `normalised` is normalise(text) when the caller has it already (a Source keeps it for every kind).
        """
        norm, index = normalised or normalise(text)
        hits: list[Hit] = []
        for theme_id, alias, a, b in self._accepted(norm):
            start, end = index[a], index[b - 1] + 1
            if hits and hits[-1].theme == theme_id and start < hits[-1].end:
                continue
            hits.append(Hit(theme_id, alias, start, end, text[start:end]))
        return hits

    def found(self, text: str, normalised: tuple[str, list[int]] | None = None) -> set[str]:
        """The themes find() gives hits for, without collecting the hits: a theme found once is not looked at again
        (what a kind's fit needs)."""
        norm = (normalised or normalise(text))[0]
        found: set[str] = set()
        for theme_id, _alias, _a, _b in self._accepted(norm, skip=found):
            found.add(theme_id)
        return found
