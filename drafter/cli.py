"""The drafter command line: a thin shell over the library; the only place that picks exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .errors import DrafterError
from .output import write_output

__all__ = ["main"]

EXIT_USAGE = 2


def _cmd_kinds(args: argparse.Namespace) -> int:
    from .kinds import builtin_kinds

    for kind in builtin_kinds().values():
        print(f"{kind.id}\t{kind.name}")
    return 0


def _cmd_spec_template(args: argparse.Namespace) -> int:
    from .kinds import get_kind
    from .spec_template import spec_template

    write_output(spec_template(get_kind(args.kind)), args.output)
    return 0


def _cmd_draft(args: argparse.Namespace) -> int:
    from .choice import parse_picks
    from .drafting import draft
    from .spec import load_spec

    spec = load_spec(args.spec)
    doc = draft(spec, seed=args.seed, picks=parse_picks(args.pick))
    write_output(doc.render(args.format), args.output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drafter", description="Draft Chinese official reports (公文) from figures, and check them."
    )
    parser.add_argument("--version", action="version", version=f"drafter {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("kinds", help="list the kinds of report drafter knows")
    p.set_defaults(func=_cmd_kinds)

    p = sub.add_parser("spec-template", help="print a commented blank figures spec for a kind")
    p.add_argument("kind", help="kind id, e.g. eight-point (see `drafter kinds`)")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.set_defaults(func=_cmd_spec_template)

    p = sub.add_parser("draft", help="draft a report from a figures spec (YAML, JSON or TOML)")
    p.add_argument("spec", help="the figures spec file")
    p.add_argument("--seed", type=int, default=0, help="variant choice seed (same seed, same draft; default 0)")
    p.add_argument("--format", choices=("md", "txt", "json"), default="md", help="output format (default md)")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
    p.add_argument(
        "--pick", action="append", default=[], metavar="SLOT=N", help="force variant N of a slot (repeatable)"
    )
    p.set_defaults(func=_cmd_draft)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 2 bad input)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DrafterError as exc:
        print(f"drafter: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
