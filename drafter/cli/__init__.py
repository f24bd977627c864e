"""The drafter command line: a thin shell over the library, and the only place that picks exit codes.

One module per command group; `_common` holds the options they share and builds their Workspace.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence

from .. import __version__
from ..errors import DrafterError

__all__ = ["DEBUG_ENV", "INTERNAL_ERROR", "build_parser", "main"]

DEBUG_ENV = "DRAFTER_DEBUG"  # set to 1 to let an unexpected error show its traceback
INTERNAL_ERROR = 70  # EX_SOFTWARE (sysexits.h): a bug in drafter, not bad input


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


def _report_bug(exc: BaseException) -> int:
    """The last resort: an error drafter didn't expect, as one line and exit code 70 (EX_SOFTWARE)."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    text = text if len(text) <= 160 else text[:157] + "…"
    what = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    print(
        f"drafter: internal error ({what}); this is a bug in drafter, please report it with the command you ran "
        f"(set {DEBUG_ENV}=1 to see the traceback)",
        file=sys.stderr,
    )
    return INTERNAL_ERROR


def _on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds like an exception: temporary files are removed on the way out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 problems found, 2 bad input, 70 a bug in drafter)."""
    args = build_parser().parse_args(argv)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return args.func(args)
    except DrafterError as exc:  # every error meant for a user carries its exit code
        print(f"drafter: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("drafter: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        return _report_bug(exc)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
