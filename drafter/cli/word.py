"""CLI for the printed copy: `draft --format docx`, `profile show`, `preview`."""

from __future__ import annotations

import argparse
import sys

from ..document import Document
from ..errors import DrafterError

__all__ = ["add_docx_commands", "write_docx_output"]


def write_docx_output(doc: Document, args: argparse.Namespace) -> int:
    """The draft as .docx to -o FILE, or as bytes to a pipe; never to a terminal."""
    from ..drafting.choices import choices_yaml
    from ..output import atomic_write
    from ..word.profiles import get_profile
    from ..word.writer import docx_bytes

    profile = get_profile(args.profile)
    to_stdout = not args.output or args.output == "-"
    if to_stdout and sys.stdout.isatty():
        raise DrafterError("a .docx is binary and won't show in a terminal; write it with -o FILE.docx or pipe it")
    data = docx_bytes(doc, profile)
    if args.save_choices:
        atomic_write(args.save_choices, choices_yaml(doc))
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        atomic_write(args.output, data)
    return 0


def _cmd_profile_list(args: argparse.Namespace) -> int:
    from ..word.profiles import builtin_profiles, deviations

    for profile in builtin_profiles().values():
        print(f"{profile.name}\t{len(deviations(profile))} deviation(s)\t{profile.description}")
    return 0


def _cmd_profile_show(args: argparse.Namespace) -> int:
    from ..output import write_output
    from ..word.profiles import get_profile, profile_toml

    write_output(profile_toml(get_profile(args.name)), None)
    return 0


def _cmd_preview(args: argparse.Namespace) -> int:
    from ..word.preview import preview_docx

    report = preview_docx(args.docx, args.output, dpi=args.dpi)
    sys.stdout.write(report.summary())
    return 0


def add_docx_commands(sub: argparse._SubParsersAction) -> None:
    """Register `profile` and `preview` on the main parser."""
    profile = sub.add_parser("profile", help="layout profiles for .docx output: list, show").add_subparsers(
        dest="profile_command", required=True, metavar="COMMAND"
    )
    p = profile.add_parser("list", help="list the built-in profiles")
    p.set_defaults(func=_cmd_profile_list)
    p = profile.add_parser(
        "show", help="print a profile as TOML, each deviation from GB/T 9704-2012 marked (save it to start your own)"
    )
    p.add_argument("name", help="gbt9704, windows, or a FILE.toml")
    p.set_defaults(func=_cmd_profile_show)

    p = sub.add_parser("preview", help="render a .docx through LibreOffice to PDF and PNG pages, and measure them")
    p.add_argument("docx", help="the .docx file")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the PDF and page-N.png files")
    p.add_argument("--dpi", type=int, default=80, help="PNG resolution (default 80)")
    p.set_defaults(func=_cmd_preview)
