"""Salient words of a text by TF-IDF over jieba's dictionary, without loading jieba.posseg.

jieba.analyse tags every word with jieba.posseg, whose tag table alone costs ~0.6–0.9 s to
load on each start. The tags and IDF weights of the parts of speech we keep are read once
from jieba's own files and kept in the user cache as one marshal file.
"""

from __future__ import annotations

import marshal
from collections.abc import Collection
from functools import cache
from pathlib import Path

from ..config import cache_dir
from ..output import write_cache
from .segmenter import load_jieba

__all__ = ["NOUNISH", "nouns", "salient_words"]

NOUNISH = frozenset(("n", "nz", "vn", "nt", "l", "i"))  # nouns, proper nouns, verbal nouns, bodies, set phrases
_FORMAT = 1


def _sources(jieba) -> tuple[Path, Path]:
    custom = getattr(jieba.dt, "dictionary", None)
    words = Path(custom) if custom else Path(jieba.__file__).parent / "dict.txt"
    return words, Path(jieba.__file__).parent / "analyse" / "idf.txt"


def _build(words: Path, idf: Path, pos: frozenset[str]) -> tuple[dict[str, float], float]:
    tags: set[str] = set()
    with words.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] in pos:
                tags.add(parts[0])
    weights: dict[str, float] = {}
    values: list[float] = []
    with idf.open(encoding="utf-8") as fh:
        for line in fh:
            word, _, freq = line.strip().partition(" ")
            value = float(freq)
            values.append(value)
            if word in tags:
                weights[word] = value
    median = sorted(values)[len(values) // 2]  # as jieba.analyse computes it, over every word
    for word in tags.difference(weights):
        weights[word] = median
    return weights, median


@cache
def _table(pos: frozenset[str]) -> tuple[dict[str, float], float]:
    """word -> IDF for dictionary words tagged with one of `pos`, and the median IDF."""
    words, idf = _sources(load_jieba())
    stamp = "-".join(str(int(p.stat().st_size)) + "." + str(int(p.stat().st_mtime)) for p in (words, idf))
    path = cache_dir() / f"jieba-keywords-{_FORMAT}-{'.'.join(sorted(pos))}-{stamp}.marshal"
    try:
        weights, median = marshal.loads(path.read_bytes())
        return weights, median
    except (OSError, ValueError, EOFError, TypeError):
        pass
    weights, median = _build(words, idf, pos)
    write_cache(path, marshal.dumps((weights, median)))  # an unwritable cache still works, just slower next time
    return weights, median


def salient_words(text: str, top: int = 20, pos: frozenset[str] = NOUNISH) -> list[str]:
    """The `top` words of text with the highest TF-IDF among dictionary words of the given parts of speech."""
    jieba = load_jieba()
    weights, _median = _table(pos)
    freq: dict[str, float] = {}
    for word in jieba.lcut(text):
        if len(word.strip()) < 2 or word not in weights:
            continue
        freq[word] = freq.get(word, 0.0) + 1.0
    total = sum(freq.values())
    for word in freq:
        freq[word] *= weights[word] / total
    return sorted(freq, key=freq.__getitem__, reverse=True)[:top]


def nouns() -> Collection[str]:
    """Dictionary nouns, bodies and set phrases (县委, 县委书记): the table salient_words reads, loaded once."""
    return _table(NOUNISH)[0].keys()
