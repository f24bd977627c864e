"""Variety between seeds: how much two drafts of the same spec share, and how many variants each slot has.

For each built-in kind and its example spec:
- the average share of identical sentences between two seeds, over every pair of seeds 0–9
  (identical = the same text, counted as a multiset; share = identical / the mean sentence count);
- per slot, the number of enabled variants, and which slots that state facts or judgements
  (not headings, not lead-ins ending in ：) have fewer than 6.

Goals (issue 14): ≤ 20% identical on average; ≥ 6 variants for every slot stating facts or judgements.

Run: .venv/bin/python bench/variety.py [--slots]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from drafter import Drafter, get_kind, load_spec  # noqa: E402
from drafter.bank.samples import sample_spec  # noqa: E402
from drafter.drafting.chooser import heading_like  # noqa: E402
from drafter.drafting.figures import build_context  # noqa: E402

EXAMPLES = ROOT / "corpora" / "examples"
EXAMPLE = {
    "eight-point": EXAMPLES / "county-2025.yaml",
    "discipline-summary": EXAMPLES / "discipline-2025.yaml",
    "self-inspection": EXAMPLES / "self-inspection-2025.yaml",
}
SEEDS = range(10)
GOAL_SHARE = 0.20
GOAL_VARIANTS = 6


def identical_share(a: list[str], b: list[str]) -> float:
    """The share of sentences two drafts have in common (multiset intersection over the mean count)."""
    same = sum((Counter(a) & Counter(b)).values())
    return same / ((len(a) + len(b)) / 2) if a or b else 1.0


def average_share(kind_id: str, seeds: range = SEEDS) -> float:
    """The average identical share over every pair of seeds, for a kind's example spec."""
    drafter = Drafter(get_kind(kind_id))
    spec = load_spec(EXAMPLE[kind_id])
    drafts = [[s.text for s in drafter.draft(spec, seed=seed).sentences() if s.text] for seed in seeds]
    pairs = list(itertools.combinations(drafts, 2))
    return sum(identical_share(a, b) for a, b in pairs) / len(pairs)


def slot_counts(kind_id: str) -> list[tuple[str, int, bool]]:
    """(slot id, enabled variants, states facts or judgements) for every slot of a kind.

    A slot states facts or judgements unless it is a section heading (….heading) or its variants read as
    run-in headings or lead-ins (ending in ：);
    `omit` variants do not count as wording.
    """
    kind = get_kind(kind_id)
    drafter = Drafter(kind)
    ctx = build_context(kind, sample_spec(kind))
    out = []
    for slot in drafter.bank:
        wording = [i for i in slot.enabled if slot.variants[i].strip()]
        texts = []
        for i in wording:
            try:
                texts.append(drafter.render_variant(slot, i, ctx)[0])
            except Exception:
                continue
        said = [t for t in texts if t]
        structural = slot.id.endswith(".heading") or (
            bool(said) and all(heading_like(t) or t.rstrip().endswith(("：", ":")) for t in said)
        )
        out.append((slot.id, len(wording), not structural))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slots", action="store_true", help="list every fact slot short of the goal")
    args = parser.parse_args(argv)
    print(f"{'kind':<20} {'identical':>9}  fact slots  <{GOAL_VARIANTS} variants  min  mean")
    for kind_id in EXAMPLE:
        share = average_share(kind_id)
        counts = slot_counts(kind_id)
        facts = [(sid, n) for sid, n, fact in counts if fact]
        short = [(sid, n) for sid, n in facts if n < GOAL_VARIANTS]
        mean = sum(n for _s, n in facts) / len(facts) if facts else 0
        low = min((n for _s, n in facts), default=0)
        print(f"{kind_id:<20} {share:>9.1%}  {len(facts):>10}  {len(short):>11}  {low:>3}  {mean:>4.1f}")
        if args.slots:
            for sid, n in short:
                print(f"    {sid}: {n}")
    print(
        f"goals: identical ≤ {GOAL_SHARE:.0%} on average (seeds 0–9, all pairs); ≥ {GOAL_VARIANTS} variants per fact slot"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
