"""CLI for writers: `drafter draft` (one spec, or --batch) and `drafter spec-template`."""

from __future__ import annotations

import argparse
import sys

from ..errors import DrafterError
from ..output import write_output
from ._common import add_bank_option, add_kinds_dir_option, workspace_from_args

__all__ = ["add_draft_commands"]


def _cmd_spec_template(args: argparse.Namespace) -> int:
    from ..bank.spec_template import spec_template

    write_output(spec_template(workspace_from_args(args).kind(args.kind)), args.output)
    return 0


def _cmd_draft(args: argparse.Namespace) -> int:
    from ..drafting.choices import choices_yaml, load_choices
    from ..drafting.chooser import parse_picks
    from ..output import atomic_write

    if args.batch or not args.spec:
        from .batch import draft_batch_from_args

        return draft_batch_from_args(args)
    workspace = workspace_from_args(args)
    spec = workspace.load_spec(args.spec)
    drafter = workspace.drafter(spec.kind)
    choices = load_choices(args.choices, spec.kind) if args.choices else {}
    choices.update(parse_picks(args.pick))
    doc = drafter.draft(spec, seed=args.seed, choices=choices)
    for warning in doc.warnings:  # implausible figures: drafted anyway, to be checked by the writer
        print(f"drafter: warning: {warning}", file=sys.stderr)
    if args.diff_seed is not None:
        from ..drafting.explain import diff_documents, diff_text

        other = drafter.draft(spec, seed=args.diff_seed, choices=choices)
        write_output(diff_text(diff_documents(doc, other), len(doc.sentences())), args.output)
        return 0
    if args.polish:
        from .polish import polish_from_args

        polish_from_args(doc, args, workspace)
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


def add_draft_commands(sub: argparse._SubParsersAction) -> None:
    """Register `spec-template` and `draft` on the main parser."""
    from .polish import add_polish_options

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
    add_bank_option(p)
    p.add_argument("--diff-seed", type=int, metavar="N", help="print what changes if the draft used seed N instead")
    add_polish_options(p)
    p.set_defaults(func=_cmd_draft)
