"""The drafter command line: a thin shell over the library; the only place that picks exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import DrafterError
from ..output import write_output

__all__ = ["main"]

EXIT_USAGE = 2


def _cmd_spec_template(args: argparse.Namespace) -> int:
    from ..bank.kinds import get_kind
    from ..bank.spec_template import spec_template
    from .kinds import kinds_dirs_in_force

    write_output(spec_template(get_kind(args.kind, kinds_dirs_in_force(args))), args.output)
    return 0


def overlays_in_force(args: argparse.Namespace) -> list[str]:
    """Overlay folders from drafter.toml, then from --bank, in that order."""
    from ..config import load_config

    return [*map(str, load_config().overlays), *(getattr(args, "bank", None) or [])]


def _cmd_draft(args: argparse.Namespace) -> int:
    from ..bank.kinds import get_kind
    from ..bank.spec import load_spec
    from ..drafting.choices import choices_yaml, load_choices
    from ..drafting.chooser import parse_picks
    from ..drafting.drafter import Drafter, load_bank
    from ..output import atomic_write
    from .kinds import kinds_dirs_in_force

    if args.batch or not args.spec:
        from .batch import draft_batch_from_args

        return draft_batch_from_args(args)
    kinds_dirs = kinds_dirs_in_force(args)
    spec = load_spec(args.spec, kinds_dirs)
    kind = get_kind(spec.kind, kinds_dirs)
    drafter = Drafter(kind, load_bank(kind, overlays_in_force(args)))
    choices = load_choices(args.choices, kind.id) if args.choices else {}
    choices.update(parse_picks(args.pick))
    doc = drafter.draft(spec, seed=args.seed, choices=choices)
    if args.diff_seed is not None:
        from ..drafting.explain import diff_documents, diff_text

        other = drafter.draft(spec, seed=args.diff_seed, choices=choices)
        write_output(diff_text(diff_documents(doc, other), len(doc.sentences())), args.output)
        return 0
    if args.polish:
        from .polish import polish_from_args

        polish_from_args(doc, args)
    if args.format == "docx":
        from .word import write_docx_output

        return write_docx_output(doc, args)
    if args.profile:
        raise DrafterError("--profile sets the printed layout; it goes with --format docx")
    rendered = doc.render(args.format)
    if args.save_choices:
        atomic_write(args.save_choices, choices_yaml(doc))
    write_output(rendered, args.output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drafter", description="Draft Chinese official reports (公文) from figures, and check them."
    )
    parser.add_argument("--version", action="version", version=f"drafter {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from .kinds import add_kind_commands, add_kinds_dir_option

    add_kind_commands(sub)

    p = sub.add_parser("spec-template", help="print a commented blank figures spec for a kind")
    p.add_argument("kind", help="kind id, e.g. eight-point (see `drafter kinds`)")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    add_kinds_dir_option(p)
    p.set_defaults(func=_cmd_spec_template)

    p = sub.add_parser("draft", help="draft a report from a figures spec (YAML, JSON or TOML)")
    p.add_argument("spec", nargs="?", help="the figures spec file (none with --batch)")
    p.add_argument("--batch", metavar="FILE.csv|.xlsx", help="one draft per row, into the folder -o DIR")
    add_kinds_dir_option(p)
    p.add_argument("--seed", type=int, default=0, help="variant choice seed (same seed, same draft; default 0)")
    p.add_argument("--format", choices=("md", "txt", "json", "docx"), default="md", help="output format (default md)")
    p.add_argument("--profile", metavar="NAME|FILE.toml", help="docx layout: gbt9704 (default), windows, or TOML")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
    p.add_argument(
        "--pick", action="append", default=[], metavar="SLOT=N", help="force variant N of a slot (repeatable)"
    )
    p.add_argument("--choices", metavar="FILE", help="lock slots to variants (or your own text) from a choices file")
    p.add_argument("--save-choices", metavar="FILE", help="write the choices this draft used, to reproduce or tweak it")
    p.add_argument("--bank", action="append", default=[], metavar="DIR", help="layer an overlay bank (repeatable)")
    p.add_argument("--diff-seed", type=int, metavar="N", help="print what changes if the draft used seed N instead")
    from .polish import add_polish_command, add_polish_options

    add_polish_options(p)
    p.set_defaults(func=_cmd_draft)
    add_polish_command(sub)
    from .check import add_check_command
    from .editing import add_editing_commands

    add_editing_commands(sub)
    add_check_command(sub)
    from .word import add_docx_commands

    add_docx_commands(sub)
    from .serve import add_web_command

    add_web_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 2 bad input)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DrafterError as exc:
        print(f"drafter: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ImportError as exc:
        if "pip install" not in str(exc):
            raise
        print(f"drafter: error: {exc}", file=sys.stderr)  # an optional extra isn't installed
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
