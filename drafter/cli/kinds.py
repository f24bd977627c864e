"""CLI for kinds of report: `kinds`, `kind new`, `kind lint`, `learn`."""

from __future__ import annotations

import argparse
import sys

from ..output import write_output
from ._common import add_kinds_dir_option, workspace_from_args

__all__ = ["add_kind_commands"]


def _cmd_kinds(args: argparse.Namespace) -> int:
    catalog = workspace_from_args(args).catalog()
    for kind in catalog.kinds.values():
        if kind.id in catalog.builtin:
            print(f"{kind.id}\t{kind.name}")
        else:
            learned = f"\t(learned from {kind.learned_from})" if kind.learned_from else ""
            print(f"{kind.id}\t{kind.name}\t{kind.path}{learned}")
    for problem in catalog.problems:
        print(f"drafter: broken kind: {problem}", file=sys.stderr)
    return 1 if catalog.problems else 0


def _next_steps(kind_id: str, folder: object, note: str = "") -> str:
    """The two commands that draft a report of a new kind from its folder."""
    return (
        f"  drafter spec-template {kind_id} --kinds-dir {folder} > my.yaml{note}\n"
        f"  drafter draft my.yaml --kinds-dir {folder}"
    )


def _cmd_kind_new(args: argparse.Namespace) -> int:
    from ..authoring.scaffold import new_kind

    folder = new_kind(args.name, args.output)
    print(f"wrote kind {args.name} to {folder}/\n" + _next_steps(args.name, folder), file=sys.stderr)
    return 0


def _cmd_kind_lint(args: argparse.Namespace) -> int:
    from ..authoring.kind_lint import lint_kind

    findings = lint_kind(args.dir)
    for f in findings:
        print(f)
    print(f"{len(findings)} problem(s) in {args.dir}", file=sys.stderr)
    return 1 if findings else 0


def _cmd_learn(args: argparse.Namespace) -> int:
    from ..authoring.learning import learn_kind

    learned = learn_kind(args.report, args.output, args.id)
    write_output(learned.figures_table(), None)
    print(learned.summary(), file=sys.stderr)
    for note in learned.notes:
        print(f"  check {note}", file=sys.stderr)
    note = f"   ({learned.path}/example.yaml has the report's own figures)"
    print(_next_steps(learned.kind_id, learned.path, note), file=sys.stderr)
    return 0


def add_kind_commands(sub: argparse._SubParsersAction) -> None:
    """Register `kinds`, `kind new|lint` and `learn` on the main parser."""
    p = sub.add_parser("kinds", help="list the kinds of report drafter knows (built-in and your own)")
    add_kinds_dir_option(p)
    p.set_defaults(func=_cmd_kinds)

    kind = sub.add_parser("kind", help="kinds of your own: new, lint").add_subparsers(
        dest="kind_command", required=True, metavar="COMMAND"
    )
    p = kind.add_parser("new", help="write a small working kind folder to start from")
    p.add_argument("name", help="the kind's id, e.g. annual-summary (ASCII lowercase, digits, - or _)")
    p.add_argument("-o", "--output", metavar="DIR", help="the folder to create (default ./NAME)")
    p.set_defaults(func=_cmd_kind_new)
    p = kind.add_parser("lint", help="check a kind folder: kind.yaml, templates, slots, themes, bank lint")
    p.add_argument("dir", help="the kind folder (holds kind.yaml)")
    p.set_defaults(func=_cmd_kind_lint)

    p = sub.add_parser("learn", help="learn a kind from a finished report (.txt, .md or .docx)")
    p.add_argument(
        "report",
        nargs="+",
        help="the report(s) of one kind; figures may be masked as **** or XX; more reports add variants",
    )
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the new kind folder (must not exist)")
    p.add_argument("--id", help="the kind's id (default: from the folder name)")
    p.set_defaults(func=_cmd_learn)
