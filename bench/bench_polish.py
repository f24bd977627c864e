"""Polishing concurrency: 20 paragraphs against a server that takes 200 ms a call, 8 at a time vs one at a time.

The server is the test suite's OpenAI-compatible fake (tests/llm_server.py) on
127.0.0.1, driven through the real ChatOpenAI client, with no cache. The serial
run is the baseline measured in the same run; the ratio is serial / concurrent.

Run: make bench-polish   (or .venv/bin/python bench/bench_polish.py)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from llm_server import FakeOpenAI  # noqa: E402

import drafter  # noqa: E402
from drafter.polish import PolishSettings, polish_document  # noqa: E402

EXAMPLE = ROOT / "corpora" / "examples" / "county-2025.yaml"
PARAGRAPHS, DELAY = 20, 0.2


def twenty_paragraph_draft() -> drafter.Document:
    """The example drafted with two seeds, cut to 20 paragraphs (distinct texts)."""
    doc, other = drafter.draft(EXAMPLE, seed=0), drafter.draft(EXAMPLE, seed=1)
    doc.sections += other.sections
    kept = 0
    for sec in doc.sections:
        sec.paragraphs = sec.paragraphs[: max(0, PARAGRAPHS - kept)]
        kept += len(sec.paragraphs)
    assert len(doc.paragraphs()) == PARAGRAPHS
    for sentence in doc.sentences():
        sentence.note = None  # notes are expanded one by one before the paragraphs; this measures paragraphs
    return doc


def timed(server: FakeOpenAI, concurrency: int) -> float:
    settings = PolishSettings(
        model="openai:faithful", base_url=server.base_url, max_concurrency=concurrency, cache=False, timeout=10
    )
    start = time.perf_counter()
    report = polish_document(twenty_paragraph_draft(), settings)
    seconds = time.perf_counter() - start
    assert report.calls == PARAGRAPHS and report.count("accepted") == PARAGRAPHS, report.summary()
    return seconds


def main() -> None:
    with FakeOpenAI(delay=DELAY) as server:
        timed(server, 4)  # warm up: imports, connection pool
        serial = timed(server, 1)
        concurrent = timed(server, 8)
    print(f"polish {PARAGRAPHS} paragraphs, server {DELAY * 1000:.0f} ms/call")
    print(f"  serial (max_concurrency 1):     {serial:.2f} s")
    print(f"  concurrent (max_concurrency 8): {concurrent:.2f} s")
    print(f"  ratio serial / concurrent:      {serial / concurrent:.1f}x")


if __name__ == "__main__":
    main()
