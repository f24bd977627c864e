"""`drafter check` on long documents: MB/s at 1, 4 and 10 MB, against a baseline measured in the same run.

The document is varied, not one paragraph repeated: drafts of every bundled example with one seed
each (so variants, kinds and figures change from report to report), with the corpora texts (past
reports, learn and review texts) mixed in every 25 reports. It is built once into build/bench/.

Each size is checked as a user runs it (`python -m drafter check FILE --format json -o OUT`, a whole
process: start-up, reading, every kind's fit, themes, rules, the JSON report), with the default
--jobs (a forked worker for long texts) and with --jobs 1. The baseline is jieba's segmentation of
the same text (HMM off, `jieba.lcut`, also a whole process): what checking used to be bounded by. MB
are 10^6 bytes of UTF-8. CPU is user+system of the process and its worker.

Run: make bench-check-large   (or python bench/bench_check_large.py [MB …])
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench"
SIZES = (1, 4, 10)


def document(megabytes: float) -> Path:
    """A varied report collection of about `megabytes` MB (UTF-8), built once and kept."""
    path = OUT / f"check-{megabytes:g}mb.txt"
    if path.exists():
        return path
    from drafter import Workspace

    ws = Workspace()
    specs = [ws.load_spec(p) for p in sorted((ROOT / "corpora" / "examples").glob("*.yaml"))]
    texts = sorted((ROOT / "corpora").glob("*/*.txt")) + sorted((ROOT / "corpora" / "past-reports").glob("*.md"))
    corpora = [p.read_text(encoding="utf-8") for p in texts]
    parts, size, i = [], 0, 0
    while size < megabytes * 1e6:
        if i % 25 == 0:
            part = corpora[(i // 25) % len(corpora)]
        else:
            part = ws.draft(specs[i % len(specs)], seed=i).to_text()
        parts.append(part)
        size += len(part.encode()) + 2
        i += 1
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, children included) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


SEGMENT = "import sys, jieba; jieba.setLogLevel(60); jieba.lcut(open(sys.argv[1], encoding='utf-8').read(), HMM=False)"


def main() -> None:
    sizes = [float(a) for a in sys.argv[1:]] or SIZES
    out = OUT / "check-report.json"
    print(f"{os.cpu_count()} processors; load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{'MB':>6} {'check':>24} {'check --jobs 1':>24} {'jieba.lcut (baseline)':>24}  lcut/check (wall)")
    for mb in sizes:
        path = document(mb)
        size = path.stat().st_size / 1e6
        argv = [sys.executable, "-m", "drafter", "check", str(path), "--format", "json", "-o", str(out)]
        check = timed(argv)
        one = timed([*argv, "--jobs", "1"])
        lcut = timed([sys.executable, "-c", SEGMENT, str(path)])
        rates = [f"{size / wall:5.2f} MB/s ({size / cpu:4.2f} cpu)" for wall, cpu in (check, one, lcut)]
        print(f"{size:6.2f} {rates[0]:>24} {rates[1]:>24} {rates[2]:>24}  {lcut[0] / check[0]:5.2f}x")
    print(f"load average {os.getloadavg()[0]:.1f} at the end (5 engineers share 2 cores: compare ratios, not MB/s)")


if __name__ == "__main__":
    main()
