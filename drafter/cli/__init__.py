"""The drafter command line: a thin shell over the library, and the only place that picks exit codes.

One module per command group; `_common` holds the options they share and builds their Workspace.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import DrafterError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The parser with every command registered (each group imports its heavy parts only when run)."""
    from .check import add_check_command
    from .draft import add_draft_commands
    from .editing import add_editing_commands
    from .kinds import add_kind_commands
    from .polish import add_polish_command
    from .serve import add_web_command
    from .word import add_docx_commands

    parser = argparse.ArgumentParser(
        prog="drafter", description="Draft Chinese official reports (公文) from figures, and check them."
    )
    parser.add_argument("--version", action="version", version=f"drafter {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_kind_commands(sub)
    add_draft_commands(sub)
    add_polish_command(sub)
    add_editing_commands(sub)
    add_check_command(sub)
    add_docx_commands(sub)
    add_web_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 problems found, 2 bad input)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DrafterError as exc:  # every error meant for a user carries its exit code
        print(f"drafter: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
