"""Cold start as ratios against baselines measured in the same run, as whole processes.

1. `drafter draft EXAMPLE` vs `python -c "import jinja2, yaml"` (goal ≤ 2.5x);
2. `drafter check corpora/review/clean-2025.txt` vs `python -c "import jieba; jieba.initialize()"` (goal ≤ 1.5x).

Each pair runs alternately (A, B, A, B, …) so load on the machine hits both alike; the
ratio is of the medians. Caches drafter keeps under the user cache folder are warm after
the first run, as they are for a user; jieba's own dictionary cache is warm for both sides.
Python's own bytecode cache is allowed too (PYTHONDONTWRITEBYTECODE is dropped for the runs): a
user's installed package has its .pyc files, and without them every import recompiles.

Run: make bench-start   (or .venv/bin/python bench/bench_start.py [RUNS])
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "corpora" / "examples" / "county-2025.yaml"
CLEAN = ROOT / "corpora" / "review" / "clean-2025.txt"
DRAFTER = [sys.executable, "-m", "drafter"]
JIEBA = "import jieba, logging; jieba.setLogLevel(logging.ERROR); jieba.initialize()"
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=_ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # check exits 1 when it has findings
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime


def alternate(a: list[str], b: list[str], runs: int = 11) -> dict[str, float]:
    """Medians of wall and CPU time of a and b, run alternately after one warm-up each."""
    _run(a), _run(b)
    times: dict[str, list[tuple[float, float]]] = {"a": [], "b": []}
    for _ in range(runs):
        times["a"].append(_run(a))
        times["b"].append(_run(b))
    med = {k: (statistics.median(t[0] for t in v), statistics.median(t[1] for t in v)) for k, v in times.items()}
    return {"a": med["a"][0], "b": med["b"][0], "a_cpu": med["a"][1], "b_cpu": med["b"][1]}


def report(name_a: str, name_b: str, m: dict[str, float], goal: float) -> None:
    ratio = m["a"] / m["b"]
    print(
        f"{name_a} {m['a'] * 1000:.0f} ms vs {name_b} {m['b'] * 1000:.0f} ms: ratio {ratio:.2f}x "
        f"(goal ≤ {goal}x, {'met' if ratio <= goal else 'NOT met'}); "
        f"CPU {m['a_cpu'] * 1000:.0f} vs {m['b_cpu'] * 1000:.0f} ms, {m['a_cpu'] / m['b_cpu']:.2f}x"
    )


def bench_draft(runs: int = 11) -> None:
    m = alternate([*DRAFTER, "draft", str(EXAMPLE)], [sys.executable, "-c", "import jinja2, yaml"], runs)
    report("drafter draft", "import jinja2+yaml", m, 2.5)


def bench_check(runs: int = 11) -> None:
    m = alternate([*DRAFTER, "check", str(CLEAN)], [sys.executable, "-c", JIEBA], runs)
    report("drafter check", "import jieba+initialize", m, 1.5)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    bench_draft(n)
    bench_check(n)
