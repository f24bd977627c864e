"""Lazy, quiet loading of the jieba segmenter (only analysis commands need it)."""

from __future__ import annotations

import logging
import warnings
from functools import cache
from pathlib import Path
from typing import Any

from ..config import cache_dir
from ..errors import MissingExtra
from ..output import write_cache

__all__ = ["jieba_idioms", "load_jieba"]


@cache
def load_jieba() -> Any:
    """The jieba module, initialised once per process (~0.5–1 s), without its start-up chatter."""
    try:
        with warnings.catch_warnings():
            # jieba imports pkg_resources, which some setuptools releases deprecate loudly.
            warnings.simplefilter("ignore")
            import jieba
    except ImportError as exc:
        raise MissingExtra("this command needs jieba", "check", "jieba") from exc
    jieba.setLogLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        jieba.initialize()
    return jieba


@cache
def jieba_idioms() -> frozenset[str]:
    """Four-character idioms (成语, tag i) of jieba's dictionary.

    Read straight from dict.txt and kept in the user cache, because loading
    jieba.posseg for its tag table costs ~0.4 s on every start.
    """
    jieba = load_jieba()
    custom = getattr(jieba.dt, "dictionary", None)
    source = Path(custom) if custom else Path(jieba.__file__).parent / "dict.txt"
    stamp = f"{source.stat().st_size}-{int(source.stat().st_mtime)}"
    cached = cache_dir() / f"jieba-idioms-{stamp}.txt"
    try:
        return frozenset(cached.read_text(encoding="utf-8").split())
    except OSError:
        pass
    idioms = []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "i" and len(parts[0]) == 4:
                idioms.append(parts[0])
    write_cache(cached, "\n".join(sorted(idioms)))  # a read-only home still works, just slower
    return frozenset(idioms)
