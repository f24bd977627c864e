"""CLI for `drafter draft --batch TABLE -o DIR`: one draft per row, a progress bar, a summary of bad rows."""

from __future__ import annotations

import argparse
import sys

from ..errors import DrafterError

__all__ = ["draft_batch_from_args"]

# draft options that make sense for one spec only
_SINGLE = {"diff_seed": "--diff-seed", "choices": "--choices", "save_choices": "--save-choices", "polish": "--polish"}


def draft_batch_from_args(args: argparse.Namespace) -> int:
    """Run a batch; exit 1 if any row failed (each is listed on stderr), 0 if every row drafted."""
    from ..drafting.batch import draft_batch
    from ._common import workspace_from_args
    from .progress import Progress

    if not args.batch:
        raise DrafterError("give a figures spec file, or --batch FILE.csv -o DIR for one draft per row")
    if args.spec:
        raise DrafterError(f"give either a spec ({args.spec}) or --batch {args.batch}, not both")
    if not args.output or args.output == "-":
        raise DrafterError("--batch writes one file per row: give the folder with -o DIR")
    used = [flag for key, flag in _SINGLE.items() if getattr(args, key, None)]
    if used or args.pick:
        raise DrafterError(f"{', '.join(used or ['--pick'])} drafts one spec; it doesn't go with --batch")
    if args.profile and args.format != "docx":
        raise DrafterError("--profile sets the printed layout; it goes with --format docx")
    profile = None
    if args.format == "docx":
        from ..word.profiles import get_profile

        profile = get_profile(args.profile)  # a bad profile is one error, not one per row
    workspace = workspace_from_args(args)
    bar = Progress(0, label="drafting")
    try:
        result = draft_batch(
            args.batch,
            args.output,
            fmt=args.format,
            seed=args.seed,
            profile=profile,
            progress=bar.update,
            workspace=workspace,
        )
    finally:
        bar.close()
    print(result.summary(), file=sys.stderr)
    return 1 if result.problems else 0
