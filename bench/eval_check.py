"""Precision and recall of `drafter check` on the labelled passages (corpora/eval/passages.yaml).

Every passage is checked as its own kind at its own date. A finding is right when its
span overlaps a labelled problem of the same family; a labelled problem is caught when a
finding of its family overlaps it. Clean passages only add false positives. Themes: the
themes the checker finds against the `themes` labels (micro-averaged).

Families follow the labels: a finding's family is its rule family, except number.claim
(family claim). Run: make eval-check   (or .venv/bin/python bench/eval_check.py [-v] [--set FILE])
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import yaml

from drafter import Workspace
from drafter.review.source import parse_text

HERE = Path(__file__).resolve().parent
PASSAGES = HERE.parent / "corpora" / "eval" / "passages.yaml"
GOAL_PRECISION, GOAL_RECALL = 0.9, 0.8


def family(rule: str, rule_id: str) -> str:
    return "claim" if rule_id.startswith("number.claim") else rule


def span_of(text: str, problem: dict) -> tuple[int, int]:
    start, n = -1, problem.get("occurrence", 1)
    for _ in range(n):
        start = text.find(problem["span"], start + 1)
    if start < 0:
        raise SystemExit(f"{problem['span']!r} is not in its passage")
    return start, start + len(problem["span"])


def evaluate(path: Path, verbose: bool = False) -> dict:
    passages = yaml.safe_load(path.read_text(encoding="utf-8"))
    ws = Workspace()
    tp, fp, caught, labelled = Counter(), Counter(), Counter(), Counter()
    theme_tp = theme_found = theme_labelled = 0
    misses: list[str] = []
    for p in passages:
        text = p["text"]
        src = parse_text(text, p["id"])
        date = p["date"]
        src.stated_date = date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date))
        result = ws.checker(p["kind"], salient=False).check(src)
        problems = [(x["family"], *span_of(text, x)) for x in p.get("problems") or ()]
        for fam, _a, _b in problems:
            labelled[fam] += 1
        for f in result.findings:
            fam = family(f.rule, f.rule_id)
            if any(pf == fam and f.start < b and a < f.end for pf, a, b in problems):
                tp[fam] += 1
            else:
                fp[fam] += 1
                misses.append(f"  FP {p['id']} {f.rule_id} 「{f.text}」")
        for fam, a, b in problems:
            if any(family(f.rule, f.rule_id) == fam and f.start < b and a < f.end for f in result.findings):
                caught[fam] += 1
            else:
                misses.append(f"  FN {p['id']} {fam} 「{text[a:b]}」")
        found = {t.id for t in result.coverage.themes if t.found}
        labels = set(p.get("themes") or ())
        theme_tp += len(found & labels)
        theme_found += len(found)
        theme_labelled += len(labels)
        if verbose:
            for t in sorted(found - labels):
                misses.append(f"  theme FP {p['id']} {t}")
            for t in sorted(labels - found):
                misses.append(f"  theme FN {p['id']} {t}")
    families = sorted(set(labelled) | set(tp) | set(fp))
    rows = {}
    for fam in families:
        found_n = tp[fam] + fp[fam]
        rows[fam] = {
            "precision": tp[fam] / found_n if found_n else None,
            "recall": caught[fam] / labelled[fam] if labelled[fam] else None,
            "findings": found_n,
            "false_positives": fp[fam],
            "labelled": labelled[fam],
            "caught": caught[fam],
        }
    mine = families
    all_tp, all_found = sum(tp[f] for f in mine), sum(tp[f] + fp[f] for f in mine)
    rows["(all)"] = {
        "precision": all_tp / all_found if all_found else None,
        "recall": sum(caught[f] for f in mine) / max(1, sum(labelled[f] for f in mine)),
        "findings": all_found,
        "false_positives": sum(fp[f] for f in mine),
        "labelled": sum(labelled[f] for f in mine),
        "caught": sum(caught[f] for f in mine),
    }
    themes = {
        "precision": theme_tp / theme_found if theme_found else None,
        "recall": theme_tp / theme_labelled if theme_labelled else None,
    }
    return {"passages": len(passages), "families": rows, "themes": themes, "details": misses}


def _pct(x: float | None) -> str:
    return "   –  " if x is None else f"{x:6.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", dest="file", metavar="PATH", default=str(PASSAGES), help="a labelled set (YAML)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every false positive and missed problem")
    args = ap.parse_args(argv)
    if not Path(args.file).is_file():
        ap.error(f"{args.file}: no such labelled set")
    out = evaluate(Path(args.file), args.verbose)
    print(f"{out['passages']} passages  ({args.file})")
    print(f"{'family':<14}{'precision':>10}{'recall':>8}{'findings':>10}{'FP':>5}{'labelled':>10}{'caught':>8}")
    for fam, r in out["families"].items():
        print(
            f"{fam:<14}{_pct(r['precision']):>10}{_pct(r['recall']):>8}{r['findings']:>10}"
            f"{r['false_positives']:>5}{r['labelled']:>10}{r['caught']:>8}"
        )
    t = out["themes"]
    print(f"{'themes':<14}{_pct(t['precision']):>10}{_pct(t['recall']):>8}")
    every = out["families"]["(all)"]
    ok = (every["precision"] or 0) >= GOAL_PRECISION and (every["recall"] or 0) >= GOAL_RECALL
    print(f"goal for all families: precision ≥ {GOAL_PRECISION}, recall ≥ {GOAL_RECALL}: {'met' if ok else 'NOT met'}")
    if args.verbose:
        print("\n".join(out["details"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
