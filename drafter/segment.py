"""Lazy, quiet loading of the jieba segmenter (only analysis commands need it)."""

from __future__ import annotations

import logging
import warnings
from functools import cache
from typing import Any

__all__ = ["load_jieba"]


@cache
def load_jieba() -> Any:
    """The jieba module, initialised once per process (~0.5–1 s), without its start-up chatter."""
    try:
        with warnings.catch_warnings():
            # jieba imports pkg_resources, which some setuptools releases deprecate loudly.
            warnings.simplefilter("ignore")
            import jieba
    except ImportError as exc:
        raise ImportError("this command needs jieba: pip install 'drafter[check]'") from exc
    jieba.setLogLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        jieba.initialize()
    return jieba
