"""Rule patterns compiled only when a document could match them, and rule lists kept ready between runs.

The norm and typo lists hold several hundred regexes; compiling them all costs more than
reading a document. Each pattern knows a literal that every match must contain (its
trigger, found once from the parsed pattern); a pattern whose trigger is not in the text
cannot match and is never compiled. Validated rule lists are kept in the user cache as
JSON, keyed by the source file's size and modification time, so a second run reads them
without parsing YAML or compiling to validate.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ...config import cache_dir

__all__ = ["LazyPattern", "cached_rules", "required_literal"]

_FORMAT = 1


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def required_literal(source: str) -> str | None:
    """The longest run of literal characters that every match of the pattern contains, if any."""
    from re import _constants as c
    from re import _parser

    try:
        parsed = _parser.parse(source)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    best, run = "", []
    for op, arg in parsed:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        best = max(best, "".join(run), key=len)
        run = []
    best = max(best, "".join(run), key=len)
    return best or None


class LazyPattern:
    """A regex compiled on first use, and only for texts holding its trigger literal."""

    __slots__ = ("pattern", "trigger")

    def __init__(self, pattern: str, trigger: str | None = None):
        self.pattern, self.trigger = pattern, trigger

    def _regex(self, text: str) -> re.Pattern[str] | None:
        if self.trigger is not None and self.trigger not in text:
            return None
        return _compiled(self.pattern)

    def search(self, text: str) -> re.Match[str] | None:
        regex = self._regex(text)
        return regex.search(text) if regex is not None else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        regex = self._regex(text)
        return regex.finditer(text) if regex is not None else iter(())

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


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
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, cached)
        except OSError:
            pass
    return records
