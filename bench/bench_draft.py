"""Drafting speed as ratios against baselines measured in the same run.

1. In-process drafts per second (warm `Drafter`) vs a bare Jinja2 render of the
   same section templates, each slot filled with its first variant (no
   sandbox, no provenance, no choice): the cost of drafter's machinery.
2. Wall time of `drafter draft EXAMPLE` vs `python -c "import jinja2, yaml"`:
   the cost of start-up beyond the two libraries every draft needs (whole processes,
   run alternately, medians; see bench_start.py, which also times `drafter check`).

Run: make bench   (or .venv/bin/python bench/bench_draft.py)
"""

from __future__ import annotations

import time
from pathlib import Path

import jinja2
from bench_start import bench_draft as bench_draft_start

from drafter import Drafter, get_kind, load_spec
from drafter.bank.phrasebank import load_phrasebank
from drafter.drafting.figures import build_context

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "corpora" / "examples" / "county-2025.yaml"


def per_second(fn, seconds: float = 2.0) -> float:
    fn()  # warm up
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        n += 1
    return n / (time.perf_counter() - start)


def bare_renderer():
    kind = get_kind("eight-point")
    bank = load_phrasebank(kind.slot_dirs)
    ctx = build_context(kind, load_spec(EXAMPLE))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(kind.template_dir))
    first = {slot.id: env.from_string(slot.variants[0]) for slot in bank}
    templates = [env.get_template(s.template) for s in kind.sections]

    def say(slot_id: str) -> str:
        return first[slot_id].render(ctx)

    def render() -> str:
        return "\n\n".join(t.render(ctx, say=say, heading=say, item=lambda style="item": "一是") for t in templates)

    return render


def main() -> None:
    spec = load_spec(EXAMPLE)
    drafter = Drafter(get_kind("eight-point"))
    seeds = iter(range(10**9))
    ours = per_second(lambda: drafter.draft(spec, seed=next(seeds)))
    bare = per_second(bare_renderer())
    print(
        f"in-process: drafter {ours:,.0f} drafts/s, bare Jinja2 {bare:,.0f} renders/s, ratio {bare / ours:.1f}x slower"
    )

    bench_draft_start()


if __name__ == "__main__":
    main()
