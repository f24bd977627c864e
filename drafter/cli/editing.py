"""CLI commands for editors: variants, explain, diff, bank lint, bank mine."""

from __future__ import annotations

import argparse
import sys

from ..output import write_output
from ._common import add_bank_option, add_kind_option, add_kinds_dir_option, workspace_from_args

__all__ = ["add_editing_commands"]


def _cmd_variants(args: argparse.Namespace) -> int:
    from ..bank.samples import sample_spec
    from ..drafting.variants import slot_views, views_json, views_table

    workspace = workspace_from_args(args)
    kind = workspace.kind(args.kind)
    spec = workspace.load_spec(args.spec) if args.spec else sample_spec(kind)
    views = slot_views(workspace.drafter(kind.id), spec, args.slot or "")
    write_output(views_json(views) if args.format == "json" else views_table(views), None)
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    from ..document import Document
    from ..drafting.explain import explain_document, explain_json, explain_source, explain_table, select_section

    if args.draft.lower().endswith(".json"):
        refs = explain_document(Document.load(args.draft), args.section)
    else:
        from ..review.source import read_source

        drafter = workspace_from_args(args).drafter(args.kind)
        refs = select_section(explain_source(read_source(args.draft), drafter), args.section)
    write_output(explain_json(refs) if args.format == "json" else explain_table(refs), None)
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from ..document import Document
    from ..drafting.explain import diff_documents, diff_text

    a, b = Document.load(args.a), Document.load(args.b)
    changes = diff_documents(a, b)
    write_output(diff_text(changes, len(a.sentences())), None)
    return 0


def _cmd_bank_lint(args: argparse.Namespace) -> int:
    from ..authoring.bank_lint import lint_bank
    from ..bank.kinds import builtin_kinds, get_kind

    if args.kind:
        kinds = [get_kind(args.kind)]
    elif args.dir:
        kinds = [get_kind("eight-point")]
    else:
        kinds = list(builtin_kinds().values())
    total = 0
    for kind in kinds:
        findings = lint_bank(kind, overlays=[args.dir] if args.dir else [])
        for f in findings:
            print(f"{kind.id}: {f}" if len(kinds) > 1 else f)
        what = f"overlay {args.dir} on the {kind.id} bank" if args.dir else f"the built-in {kind.id} bank"
        print(f"{len(findings)} problem(s) in {what}", file=sys.stderr)
        total += len(findings)
    return 1 if total else 0


def _cmd_bank_mine(args: argparse.Namespace) -> int:
    from ..authoring.mining import mine_phrases
    from ..bank.kinds import get_kind
    from ..drafting.drafter import load_bank

    result = mine_phrases(args.dir, min_count=args.min_count)
    bank = load_bank(get_kind(args.kind))
    write_output(result.to_yaml(v for slot in bank for v in slot.variants), args.output)
    print(
        f"{len(result.four_character)} four-character and {len(result.paired_clauses)} paired-clause candidates "
        f"from {len(result.files)} file(s)",
        file=sys.stderr,
    )
    return 0


def add_editing_commands(sub: argparse._SubParsersAction) -> None:
    """Register the editors' commands on the main parser."""
    p = sub.add_parser("variants", help="list slots and their numbered variants, rendered with figures")
    p.add_argument("slot", nargs="?", help="a slot id or prefix, e.g. study or tasks.meetings.figures")
    add_kind_option(p, "kind id")
    p.add_argument("--spec", help="render with the figures of this spec instead of the kind's samples")
    add_bank_option(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_kinds_dir_option(p)
    p.set_defaults(func=_cmd_variants)

    p = sub.add_parser("explain", help="list each sentence of a draft with its slot, variant and figures")
    p.add_argument("draft", help="a JSON draft (--format json), or a .docx/.md/.txt to match back to the bank")
    add_kind_option(p, "kind whose bank to match .docx/.md/.txt against")
    add_bank_option(p, "overlay bank to match against too")
    p.add_argument("--section", help="only this section: its number (1 for 一、, 0 for the preamble) or id")
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_kinds_dir_option(p)
    p.set_defaults(func=_cmd_explain)

    p = sub.add_parser("diff", help="show sentence by sentence what changed between two JSON drafts")
    p.add_argument("a")
    p.add_argument("b")
    p.set_defaults(func=_cmd_diff)

    bank = sub.add_parser("bank", help="phrase-bank tools: lint, mine").add_subparsers(
        dest="bank_command", required=True, metavar="COMMAND"
    )
    p = bank.add_parser("lint", help="check the built-in bank, or an overlay folder layered over it")
    p.add_argument("dir", nargs="?", help="an overlay folder (default: lint the built-in banks)")
    p.add_argument("--kind", help="only this kind (default: every built-in kind; eight-point with an overlay)")
    p.set_defaults(func=_cmd_bank_lint)

    p = bank.add_parser("mine", help="propose candidate set phrases from a folder of past reports")
    p.add_argument("dir", help="folder of .txt/.md/.docx reports")
    p.add_argument("-o", "--output", help="write the candidates YAML here (default stdout)")
    p.add_argument("--min-count", type=int, default=2, help="keep phrases seen at least this often (default 2)")
    add_kind_option(p, "mark phrases already in this kind's bank")
    p.set_defaults(func=_cmd_bank_mine)
