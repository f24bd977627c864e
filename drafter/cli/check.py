"""CLI for reviewers: `drafter check FILES…` (and --fix)."""

from __future__ import annotations

import argparse
import sys

from ..bank.kinds import DEFAULT_KIND
from ..errors import DrafterError
from ..output import atomic_write, write_output
from ._common import add_bank_option, add_kind_option, add_kinds_dir_option, workspace_from_args

__all__ = ["add_check_command"]


def _fix(args: argparse.Namespace, checker) -> int:
    from ..review.fixing import apply_fixes
    from ..review.source import read_source

    if len(args.files) != 1 or args.files[0] == "-":
        raise DrafterError("--fix takes exactly one file (not stdin)")
    if not (args.output or args.in_place):
        raise DrafterError("--fix writes a corrected copy: give -o FILE, or --in-place to change the file itself")
    path = args.files[0]
    if path.lower().endswith(".docx"):
        raise DrafterError(f"{path}: --fix can't edit .docx runs without risking their formatting; fix it in Word")
    src = read_source(path)
    findings = checker.check(src).findings
    fixed, applied = apply_fixes(src.text, findings)
    atomic_write(path if args.in_place else args.output, fixed)
    for f in applied:
        print(f"{src.locate(f.start)}  {f.rule_id or f.rule}: 「{f.text}」 → 「{f.fix}」")
    print(f"{len(applied)} change(s) written to {path if args.in_place else args.output}", file=sys.stderr)
    return 0


def _annotate(args: argparse.Namespace, result) -> None:
    """Write the marked-up Word copy (comments, tracked changes) of the one file checked."""
    from pathlib import Path

    from ..review.annotation import annotate

    path, out = args.files[0], Path(args.annotate)
    if out.suffix.lower() != ".docx":
        raise DrafterError(f"{out}: --annotate writes a Word file; give a name ending in .docx")
    if path != "-" and out.exists() and out.resolve() == Path(path).resolve():
        raise DrafterError(f"{out}: --annotate never overwrites the file it checks; give another name")
    docx = path if path.lower().endswith(".docx") else None
    data, placed = annotate(result, docx)
    atomic_write(out, data)
    print(f"{placed.comments} comment(s), {placed.changes} tracked change(s) written to {out}", file=sys.stderr)
    if placed.missed:
        print(f"drafter: {len(placed.missed)} mark(s) could not be placed in Word", file=sys.stderr)


def _cmd_check(args: argparse.Namespace) -> int:
    from ..review.report import results_json, results_text
    from ..review.source import read_source
    from ..review.worker import available_jobs

    ws = workspace_from_args(args)
    if args.fix:
        kind = DEFAULT_KIND if args.kind == "auto" else args.kind  # the rules are the same for every kind
        return _fix(args, ws.checker(kind, args.segmenter))
    if args.annotate and len(args.files) != 1:
        raise DrafterError("--annotate takes exactly one file")
    results, unreadable = [], 0
    jobs = args.jobs or available_jobs()
    for path in args.files:
        try:
            src = read_source(path)
            results.append(ws.check(src, args.kind, args.segmenter, salient=not args.no_terms, jobs=jobs))
        except DrafterError as exc:
            print(f"drafter: error: {exc}", file=sys.stderr)
            unreadable += 1
    if results and args.annotate:
        _annotate(args, results[0])
    if results:
        color = args.output is None and sys.stdout.isatty()
        report = results_json(results) if args.format == "json" else results_text(results, color)
        write_output(report, args.output)
    if unreadable:
        return 2
    if args.strict and not all(r.passed_strict for r in results):
        return 1
    return 0


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (1 or more)")
    return int(value)


def add_check_command(sub: argparse._SubParsersAction) -> None:
    """Register `check` on the main parser."""
    from ..review.matching import SEGMENTERS

    p = sub.add_parser("check", help="check documents: theme coverage, placeholders, figures, norms, punctuation")
    p.add_argument("files", nargs="+", help=".txt, .md or .docx files; - reads standard input")
    add_kind_option(p, "kind whose themes to expect; auto picks the kind that fits best")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("-o", "--output", help="write the report (or, with --fix, the corrected copy) here")
    p.add_argument("--strict", action="store_true", help="exit 1 if a required theme is missing or an error is found")
    p.add_argument("--fix", action="store_true", help="apply safe mechanical fixes to a copy (-o) and list them")
    p.add_argument("--in-place", action="store_true", help="with --fix: change the file itself")
    p.add_argument(
        "--annotate",
        metavar="OUT.docx",
        help="write a Word copy with a comment at each finding and tracked changes for safe fixes",
    )
    p.add_argument("--segmenter", choices=SEGMENTERS, default="jieba", help="word segmenter for hit boundaries")
    p.add_argument("--no-terms", action="store_true", help="skip the salient-term listing (jieba.analyse)")
    p.add_argument(
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="processes for a long document (default: the processors available; 1: this process only)",
    )
    add_bank_option(p, "overlay bank for suggestions")
    add_kinds_dir_option(p)
    p.set_defaults(func=_cmd_check)
