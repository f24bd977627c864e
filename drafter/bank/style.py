"""Style limits of the phrase bank (phrasebank/style.yaml): formula-word caps, register breaks,
the forms of parallel headings and how sentences may open.

The drafter's chooser keeps drafts within these limits, the repetition check reports them on
any document and `bank lint` flags register breaks in variants; all three read this one file.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import PhraseBankError
from ..yamlio import safe_load
from .kinds import data_root

__all__ = [
    "ECHO_MIN",
    "FormulaWord",
    "Style",
    "echo",
    "heading_core",
    "load_style",
    "style_path",
]

ECHO_MIN = 4  # a heading's run of this many characters repeated by its first sentence is an echo
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LEAD = re.compile(r"^(?:[一二三四五六七八九十]+[是、]|[（(][一二三四五六七八九十]+[）)])")
_DIGIT_OPENING = re.compile(r"^\d+[\u4e00-\u9fff]?")
# Terms a report repeats of necessity: naming them again under a heading is not an echo.
ECHO_EXEMPT = (
    "中央八项规定",
    "八项规定精神",
    "实施细则精神",
    "公务接待",
    "公务用车",
    "办公用房",
    "因公出国",
    "三公经费",
    "文件简报",
    "会议活动",
    "津补贴",
    "党员干部",
    "领导干部",
    "作风建设",
    "监督检查",
    "贯彻落实",
    "规定精神",
)
_QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》|‘[^‘’]*’|「[^「」]*」")


@dataclass(frozen=True)
class FormulaWord:
    word: str
    cap: int
    exempt: tuple[str, ...] = ()  # fixed terms in which the word does not count

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the word is used in `text`, leaving out its uses inside the exempt terms."""
        if self.word not in text:
            return []
        covered = [(m.start(), m.end()) for t in self.exempt if t in text for m in re.finditer(re.escape(t), text)]
        return [
            (m.start(), m.end())
            for m in re.finditer(re.escape(self.word), text)
            if not any(a <= m.start() and m.end() <= b for a, b in covered)
        ]


@dataclass(frozen=True)
class Style:
    formula: tuple[FormulaWord, ...]
    register: tuple[tuple[re.Pattern[str], str], ...]
    heading_forms: tuple[tuple[str, re.Pattern[str]], ...]
    opening_length: int = 2

    def formula_counts(self, text: str) -> Counter[str]:
        """How often each formula word is used in `text` (only the words used)."""
        return Counter({f.word: n for f in self.formula if (n := len(f.spans(text)))})

    def cap(self, word: str) -> int:
        return next(f.cap for f in self.formula if f.word == word)

    def over_caps(self, counts: Counter[str]) -> int:
        """How far counts go over the caps, summed over the words."""
        return sum(max(0, n - self.cap(w)) for w, n in counts.items())

    def register_breaks(self, text: str) -> list[tuple[str, str]]:
        """(matched text, message) for every register break in `text`."""
        return [(m.group(), message) for rx, message in self.register for m in rx.finditer(text)]

    def heading_form(self, heading: str) -> str | None:
        """The declared form a parallel heading takes (动宾短语, …方面 …), None when it matches none."""
        core = heading_core(heading)
        return next((name for name, rx in self.heading_forms if rx.search(core)), None)

    def opening(self, sentence: str) -> str:
        """How a sentence opens: its first characters after any numbering label ('' when too short).

        A number opens with its digits and the character after them (2025年), so 2025年 and 2024年 differ.
        """
        core = _LEAD.sub("", sentence.strip()).lstrip("“‘「《（ ")
        m = _DIGIT_OPENING.match(core)
        if m:
            return m.group()
        head = core[: self.opening_length]
        return head if len(head) == self.opening_length and all(_HAN.match(c) for c in head) else ""


def heading_core(heading: str) -> str:
    """A heading without its numbering label and closing punctuation."""
    return _LEAD.sub("", heading.strip()).rstrip("。．.：:；; ")


def echo(heading: str, sentence: str) -> str:
    """The longest run of ≥ECHO_MIN Chinese characters of `heading` that `sentence` repeats ('' when none).

    Runs inside the terms a report names of necessity (公务接待, 中央八项规定) and quoted names
    (“四种形态”) are not echoes.
    """
    core = _QUOTED.sub("·", heading_core(heading))
    best = ""
    for i in range(len(core)):
        for j in range(len(core), i + ECHO_MIN - 1, -1):
            run = core[i:j]
            if j - i <= len(best):
                break
            if not all(_HAN.match(c) for c in run) or run not in sentence:
                continue
            if any(run in term for term in ECHO_EXEMPT):
                continue
            best = run
            break
    return best


def style_path() -> Path:
    return data_root() / "style.yaml"


def _compile(pattern: Any, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except (re.error, TypeError) as exc:
        raise PhraseBankError(f"{where}: regex {pattern!r} does not compile: {exc}") from None


def _parse(raw: Any, file: Path) -> Style:
    if not isinstance(raw, dict):
        raise PhraseBankError(f"{file}: expected a mapping with formula, register, heading_forms")
    formula = raw.get("formula") or {}
    default = formula.get("default_cap", 6)
    words = []
    for word, spec in (formula.get("words") or {}).items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise PhraseBankError(f"{file}: formula.words.{word}: expected a mapping (cap, except)")
        cap = spec.get("cap", default)
        if not isinstance(cap, int) or isinstance(cap, bool) or cap < 0:
            raise PhraseBankError(f"{file}: formula.words.{word}.cap: expected a whole number ≥ 0, got {cap!r}")
        exempt = spec.get("except") or []
        if not isinstance(exempt, list) or not all(isinstance(t, str) and word in t for t in exempt):
            raise PhraseBankError(f"{file}: formula.words.{word}.except: expected terms that contain {word!r}")
        words.append(FormulaWord(str(word), cap, tuple(exempt)))
    register = []
    for n, entry in enumerate(raw.get("register") or []):
        where = f"{file}: register[{n}]"
        if not isinstance(entry, dict) or ("literal" in entry) == ("pattern" in entry) or not entry.get("message"):
            raise PhraseBankError(f"{where}: give one of literal / pattern, and a message")
        source = re.escape(entry["literal"]) if "literal" in entry else entry["pattern"]
        register.append((_compile(source, where), str(entry["message"])))
    forms = []
    for n, entry in enumerate(raw.get("heading_forms") or []):
        where = f"{file}: heading_forms[{n}]"
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("pattern"):
            raise PhraseBankError(f"{where}: give a name and a pattern")
        forms.append((str(entry["name"]), _compile(entry["pattern"], where)))
    length = (raw.get("openings") or {}).get("length", 2)
    if not isinstance(length, int) or not 1 <= length <= 6:
        raise PhraseBankError(f"{file}: openings.length: expected a whole number 1–6, got {length!r}")
    return Style(tuple(words), tuple(register), tuple(forms), length)


@cache
def _load(path: Path, mtime: float) -> Style:
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PhraseBankError(f"{path}: not valid YAML: {exc}") from None
    return _parse(raw, path)


def load_style(path: str | Path | None = None) -> Style:
    """The style limits (the built-in phrasebank/style.yaml by default); cached until the file changes."""
    path = Path(path) if path is not None else style_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise PhraseBankError(f"{path}: style file not found") from None
    return _load(path, mtime)
