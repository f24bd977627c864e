"""Checking speed as ratios against baselines measured in the same run.

Checks 1,000 documents of genre length (drafts of the example with random
seeds and figures, some sentences removed) with:
  1. drafter's theme matcher (automaton + jieba boundary check) alone, and the
     whole `Checker.check` (coverage, suggestions, all review rules);
  2. baseline A: a bare pyahocorasick scan of the same aliases over normalised text;
  3. baseline B: a jieba.lcut-based matcher (tokenise, look up 1–4-token n-grams).
Then the cold CLI start of `drafter check` (jieba's dictionary load included)
against `python -c "import jieba; jieba.initialize()"` (bench_start.py: whole
processes, alternately, medians).

Run: make bench-check   (or .venv/bin/python bench/bench_check.py [N])
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from bench_start import bench_check as bench_start_check

from drafter import Drafter, Workspace, get_kind, validate_spec
from drafter.bank.samples import sample_spec
from drafter.review.matching import ThemeMatcher, normalise
from drafter.review.source import parse_text
from drafter.zh.segmenter import load_jieba

ROOT = Path(__file__).resolve().parent.parent
KIND = get_kind("eight-point")


def corpus(n: int) -> list[str]:
    rng = random.Random(1)
    drafter = Drafter(KIND)
    base = sample_spec(KIND).model_dump(mode="json")
    docs = []
    for i in range(n):
        data = dict(base)
        data["meetings"] = {"count": {"current": rng.randint(20, 200), "previous": rng.randint(20, 200)}}
        text = drafter.draft(validate_spec(data), seed=i).to_text()
        sentences = text.split("。")
        for _ in range(rng.randint(0, 3)):
            sentences.pop(rng.randrange(len(sentences)))
        docs.append("。".join(sentences))
    return docs


def timed(fn, docs) -> float:
    start = time.perf_counter()
    for d in docs:
        fn(d)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    docs = corpus(n)
    chars = sum(len(d) for d in docs) / len(docs)
    load_jieba()
    import ahocorasick

    aliases = {normalise(a)[0] for t in KIND.themes for a in t.aliases}
    automaton = ahocorasick.Automaton()
    for a in aliases:
        automaton.add_word(a, a)
    automaton.make_automaton()
    jieba = load_jieba()

    def bare_ac(text: str) -> set[str]:
        return {v for _end, v in automaton.iter(normalise(text)[0])}

    def lcut_matcher(text: str) -> set[str]:
        tokens = jieba.lcut(normalise(text)[0])
        found = set()
        for i in range(len(tokens)):
            for k in range(1, 5):
                gram = "".join(tokens[i : i + k])
                if gram in aliases:
                    found.add(gram)
        return found

    matcher = ThemeMatcher(KIND.themes)
    checker = Workspace().checker(KIND.id, salient=False)
    t_ac = timed(bare_ac, docs)
    t_lcut = timed(lcut_matcher, docs)
    t_match = timed(matcher.find, docs)
    t_check = timed(lambda d: checker.check(parse_text(d)), docs)
    print(f"{n} documents, {chars:,.0f} characters each on average")
    for name, t in [
        ("bare pyahocorasick", t_ac),
        ("jieba.lcut matcher", t_lcut),
        ("drafter matcher", t_match),
        ("drafter check (all rules)", t_check),
    ]:
        print(f"  {name:<26} {n / t:8,.0f} docs/s   {t / t_ac:6.1f}x the automaton   {t / t_lcut:5.2f}x lcut")

    bench_start_check()


if __name__ == "__main__":
    main()
