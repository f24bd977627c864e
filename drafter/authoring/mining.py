"""Mining candidate set phrases from an organisation's past reports, for an editor to review."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import DrafterError
from ..review.source import read_source
from ..zh.segmenter import load_jieba

__all__ = ["Candidate", "MiningResult", "mine_phrases", "mine_texts", "read_plain_text"]

READABLE = (".txt", ".md", ".docx")
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_SENTENCE_END = re.compile(r"(?<=[。！？；：])|\n+")
_CLAUSE_SPLIT = re.compile(r"([，、；：。！？])")


def read_plain_text(path: Path) -> str:
    """The text of a .txt, .md or .docx report, one paragraph per line, Markdown markup left out."""
    src = read_source(path)
    return "\n".join(src.para_text(p) for p in src.paragraphs)


@dataclass
class Candidate:
    phrase: str
    count: int = 0
    documents: set[str] = field(default_factory=set)
    example: str = ""


@dataclass
class MiningResult:
    source: str
    files: list[str]
    min_count: int
    four_character: list[Candidate]
    paired_clauses: list[Candidate]

    def to_yaml(self, known: Iterable[str] = ()) -> str:
        """The candidates as YAML for review; `known` texts mark phrases the bank already has."""
        bank_text = "\n".join(known)

        def rows(cands: list[Candidate]) -> list[dict]:
            return [
                {
                    "phrase": c.phrase,
                    "count": c.count,
                    "documents": len(c.documents),
                    "in_bank": c.phrase in bank_text,
                    "example": c.example,
                }
                for c in cands
            ]

        header = (
            "# Candidate set phrases mined by `drafter bank mine` from past reports.\n"
            "# Review them: nothing here is used until an editor copies a phrasing into an\n"
            "# overlay (drafter draft --bank DIR). in_bank: true means the bank already says it.\n"
        )
        data = {
            "source": self.source,
            "files": self.files,
            "min_count": self.min_count,
            "four_character": rows(self.four_character),
            "paired_clauses": rows(self.paired_clauses),
        }
        return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _corpus_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise DrafterError(f"{folder}: folder not found")
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in READABLE and p.is_file())
    files = [p for p in files if p.name.lower() != "readme.md"]
    if not files:
        raise DrafterError(f"{folder}: no .txt, .md or .docx reports in it")
    return files


def _add(table: dict[str, Candidate], phrase: str, doc: str, sentence: str) -> None:
    cand = table.setdefault(phrase, Candidate(phrase))
    cand.count += 1
    cand.documents.add(doc)
    if not cand.example:
        cand.example = sentence.strip()[:80]


def _ranked(table: dict[str, Candidate], min_count: int) -> list[Candidate]:
    keep = [c for c in table.values() if c.count >= min_count]
    return sorted(keep, key=lambda c: (-c.count, -len(c.documents), c.phrase))


def _paired(jieba, a: str, b: str) -> tuple[str, str] | None:
    """The balanced pair ending clause a and making up clause b (…亲自部署、亲自督办), if any.

    b must be 3–8 Chinese characters; a's tail of the same length must start at
    a word boundary and both must segment into the same word lengths ([2, 2]).
    """
    if not 3 <= len(b) <= 8 or not _CJK_ONLY.fullmatch(b) or not _CJK_ONLY.fullmatch(a):
        return None
    shape_b = [len(t) for t in jieba.lcut(b)]
    if len(shape_b) < 2:
        return None
    tail: list[int] = []
    for token in reversed(jieba.lcut(a)):
        tail.insert(0, len(token))
        if sum(tail) >= len(b):
            break
    head = a[-len(b) :]
    if sum(tail) != len(b) or tail != shape_b or head == b:
        return None
    return head, b


def mine_phrases(folder: str | Path, min_count: int = 2) -> MiningResult:
    """Frequent four-character formulas and balanced paired clauses (学思用贯通、知信行统一) in a folder."""
    folder = Path(folder)
    files = _corpus_files(folder)
    return mine_texts({path.name: read_plain_text(path) for path in files}, min_count, str(folder))


def mine_texts(texts: dict[str, str], min_count: int = 2, source: str = "") -> MiningResult:
    """The same candidates from texts already read, by document name (`drafter learn` mines one report)."""
    jieba = load_jieba()
    fours: dict[str, Candidate] = {}
    pairs: dict[str, Candidate] = {}
    for doc, text in texts.items():
        for sentence in _SENTENCE_END.split(text):
            parts = _CLAUSE_SPLIT.split(sentence)
            clauses = parts[0::2]
            seps = parts[1::2]
            for clause in clauses:
                if len(clause) == 4 and _CJK_ONLY.fullmatch(clause):
                    _add(fours, clause, doc, sentence)
                    continue
                for token in jieba.cut(clause):
                    if len(token) == 4 and _CJK_ONLY.fullmatch(token):
                        _add(fours, token, doc, sentence)
            for i, sep in enumerate(seps):
                if sep not in "、，" or i + 1 >= len(clauses):
                    continue
                pair = _paired(jieba, clauses[i], clauses[i + 1])
                if pair:
                    _add(pairs, f"{pair[0]}{sep}{pair[1]}", doc, sentence)
    return MiningResult(source, list(texts), min_count, _ranked(fours, min_count), _ranked(pairs, min_count))
