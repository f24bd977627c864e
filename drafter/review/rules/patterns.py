"""Rule patterns compiled only when a document could match them, and rule lists kept ready between runs.

The norm and typo lists hold several hundred regexes; compiling them all costs more than
reading a document. Each pattern knows a literal that every match must contain (its
trigger, found once from the parsed pattern); a pattern whose trigger is not in the text
cannot match and is never compiled. A pattern that can match no line break (nothing in it
reads a line break, no end anchor) is run only over the lines holding its trigger: the same matches,
without a scan of a whole long document per rule. Validated rule lists are kept in the user cache as
JSON, keyed by the source file's size and modification time, so a second run reads them
without parsing YAML or compiling to validate.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from ...config import cache_dir
from ...output import write_cache

__all__ = [
    "LazyPattern",
    "SpanIndex",
    "alternative_literals",
    "cached_rules",
    "line_bound",
    "required_literal",
    "trigger_counts",
]

_FORMAT = 1


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _longest_literal(items: Iterable[tuple[Any, Any]]) -> str:
    best, run = "", []
    for op, arg in items:
        if op.name == "LITERAL":
            run.append(chr(arg))
            continue
        best = max(best, "".join(run), key=len)
        run = []
    return max(best, "".join(run), key=len)


def _parsed(source: str) -> Any:
    from re import _parser

    try:
        parsed = _parser.parse(source)
    except re.error:
        return None
    return None if parsed.state.flags & re.IGNORECASE else parsed


def required_literal(source: str) -> str | None:
    """The longest run of literal characters that every match of the pattern contains, if any."""
    parsed = _parsed(source)
    return (_longest_literal(parsed) or None) if parsed is not None else None


def _one_of(items: Any) -> tuple[str, ...] | None:
    """Literals one of which every match of the parsed sequence contains (the most selective set found), or None."""
    best: tuple[str, ...] | None = None

    def consider(found: tuple[str, ...] | None) -> None:
        nonlocal best
        if found and all(found):
            key = (min(map(len, found)), -len(found))
            if best is None or key > (min(map(len, best)), -len(best)):
                best = found

    run = _longest_literal(items)
    consider((run,) if run else None)
    for op, arg in items:
        name = op.name
        if name == "SUBPATTERN":
            consider(_one_of(arg[3]))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
            consider(_one_of(arg[2]))
        elif name == "ATOMIC_GROUP":
            consider(_one_of(arg))
        elif name == "BRANCH":
            sets = [_one_of(branch) for branch in arg[1]]
            if all(sets):
                consider(tuple(dict.fromkeys(x for found in sets for x in found)))
        elif name == "IN" and all(o.name == "LITERAL" for o, _a in arg):
            consider(tuple(dict.fromkeys(chr(a) for _o, a in arg)))
    return best


@cache
def alternative_literals(source: str) -> tuple[str, ...] | None:
    """Literals one of which every match of the pattern contains (for A|B, 局|署, (?:X|Y)…), if such are known."""
    parsed = _parsed(source)
    return _one_of(list(parsed)) if parsed is not None else None


_NEWLINE = ord("\n")
# A line visited costs about as much as the regex scanning this many characters: with triggers more
# frequent than that, one scan of the whole text is quicker (both give the same matches).
_LINE_COST = 200
# Zero-width assertions that read the same on a line as in the whole text (^ without MULTILINE is \A).
_LINE_ANCHORS = ("AT_BEGINNING", "AT_BEGINNING_STRING", "AT_BOUNDARY", "AT_NON_BOUNDARY")
# Classes that never match a line break.
_LINE_CATEGORIES = ("CATEGORY_DIGIT", "CATEGORY_WORD", "CATEGORY_NOT_SPACE", "CATEGORY_NOT_LINEBREAK")


def _set_is_line_bound(items: list[tuple[Any, Any]]) -> bool:
    for op, arg in items:
        if op.name == "NEGATE" or (op.name == "LITERAL" and arg == _NEWLINE):
            return False
        if op.name == "RANGE" and arg[0] <= _NEWLINE <= arg[1]:
            return False
        if op.name == "CATEGORY" and arg.name not in _LINE_CATEGORIES:
            return False
        if op.name not in ("LITERAL", "RANGE", "CATEGORY"):
            return False
    return True


def _is_line_bound(items: Iterable[tuple[Any, Any]], flags: int) -> bool:
    """Whether no match of the parsed items (nor any look-around in them) can read past a line break."""
    for op, arg in items:
        name = op.name
        if name == "LITERAL":
            ok = arg != _NEWLINE
        elif name == "NOT_LITERAL":
            ok = arg == _NEWLINE
        elif name == "ANY":
            ok = not flags & re.DOTALL
        elif name == "IN":
            ok = _set_is_line_bound(arg)
        elif name == "AT":
            ok = arg.name in _LINE_ANCHORS
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            ok = _is_line_bound(arg[2], flags)
        elif name == "SUBPATTERN":
            ok = _is_line_bound(arg[3], (flags | arg[1]) & ~arg[2])
        elif name == "BRANCH":
            ok = all(_is_line_bound(b, flags) for b in arg[1])
        elif name in ("ASSERT", "ASSERT_NOT"):
            ok = _is_line_bound(arg[1], flags)
        elif name == "ATOMIC_GROUP":
            ok = _is_line_bound(arg, flags)
        elif name == "GROUPREF":
            ok = True  # repeats a group, which is checked where it stands
        elif name == "GROUPREF_EXISTS":
            ok = all(_is_line_bound(b, flags) for b in arg[1:] if b is not None)
        else:
            ok = False
        if not ok:
            return False
    return True


@cache
def line_bound(source: str) -> bool:
    """Whether every match of the pattern lies within one line and reads no further (look-arounds included)."""
    from re import _parser

    try:
        parsed = _parser.parse(source)
    except re.error:
        return False
    flags = parsed.state.flags
    return not flags & re.MULTILINE and _is_line_bound(parsed, flags)


class LazyPattern:
    """A regex compiled on first use, and only for texts holding its trigger literal."""

    __slots__ = ("pattern", "trigger")

    def __init__(self, pattern: str, trigger: str | None = None):
        self.pattern, self.trigger = pattern, trigger

    def _triggers(self) -> tuple[str, ...] | None:
        """Literals one of which every match holds (None: no such literals known)."""
        return (self.trigger,) if self.trigger else alternative_literals(self.pattern)

    def _regex(self, text: str) -> re.Pattern[str] | None:
        triggers = self._triggers()
        if triggers is not None and not any(t in text for t in triggers):
            return None
        return _compiled(self.pattern)

    def search(self, text: str) -> re.Match[str] | None:
        regex = self._regex(text)
        return regex.search(text) if regex is not None else None

    def finditer(self, text: str, counts: Mapping[str, int] | None = None) -> Iterator[re.Match[str]]:
        """Every match in text, as the compiled regex's finditer gives them (offsets into the whole text).

        `counts`: trigger_counts(text, …) when the caller has them (one pass for a whole rule list).
        """
        triggers = self._triggers()
        if triggers is None:
            return _compiled(self.pattern).finditer(text)
        if counts is None:
            found = sum(text.count(t) for t in triggers)
        else:
            found = sum(counts.get(t, 0) for t in triggers)
        if not found:
            return iter(())
        if found * _LINE_COST < len(text) and line_bound(self.pattern):
            return self._by_line(text, triggers)
        return _compiled(self.pattern).finditer(text)

    def _by_line(self, text: str, triggers: tuple[str, ...]) -> Iterator[re.Match[str]]:
        # Every match holds a trigger and stays on its line; look-behinds still see the text before the line.
        lines: set[int] = set()
        for trigger in triggers:
            at = text.find(trigger)
            while at >= 0:
                start = text.rfind("\n", 0, at) + 1
                end = text.find("\n", at)
                end = len(text) if end < 0 else end + 1
                lines.add(start)
                at = text.find(trigger, end)
        if not lines:
            return
        regex = _compiled(self.pattern)
        for start in sorted(lines):
            end = text.find("\n", start)
            yield from regex.finditer(text, start, len(text) if end < 0 else end + 1)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


@cache
def _trigger_automaton(triggers: frozenset[str]) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for t in triggers:
        automaton.add_word(t, t)
    automaton.make_automaton()
    return automaton


def trigger_counts(text: str, patterns: Iterable[LazyPattern]) -> dict[str, int] | None:
    """How often each trigger literal of the patterns occurs in text, in one pass over it (an automaton of them
    all), instead of a search of the whole text per rule; None without pyahocorasick."""
    triggers = frozenset(t for p in patterns for t in (p._triggers() or ()))
    try:
        automaton = _trigger_automaton(triggers) if triggers else None
    except ImportError:
        return None
    return Counter(word for _end, word in automaton.iter(text)) if automaton is not None else {}


class SpanIndex:
    """Spans (a, b) asked whether any of them holds a given stretch; a bisection, not a scan of every span."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [a for a, _b in ordered]
        self._reach = list(accumulate((b for _a, b in ordered), max))  # the furthest end among spans so far

    def holds(self, a: int, b: int, strict: bool = False) -> bool:
        """Whether a span holds [a, b): x <= a and b <= y (strict: x < a and b < y)."""
        i = bisect.bisect_left(self._starts, a) if strict else bisect.bisect_right(self._starts, a)
        return i > 0 and (self._reach[i - 1] > b if strict else self._reach[i - 1] >= b)


def cached_rules(name: str, path: Path, build: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The validated rule records of `path` (JSON-able dicts, each with its patterns' triggers).

    `build` reads and validates the file (raising on a bad rule); its result is kept in the
    user cache until the file changes. An unwritable cache only costs time.
    """
    stat = path.stat()
    where = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
    key = f"rules-{name}-{_FORMAT}-{where}-{stat.st_size}-{stat.st_mtime_ns}.json"
    cached = cache_dir() / key
    if not os.environ.get("DRAFTER_NO_CACHE"):
        try:
            data = json.loads(cached.read_text(encoding="utf-8"))
            if isinstance(data, list):
                return data
        except (OSError, ValueError):
            pass
    records = build()
    if not os.environ.get("DRAFTER_NO_CACHE"):
        write_cache(cached, json.dumps(records, ensure_ascii=False))
    return records
