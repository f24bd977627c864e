"""What the commands share: the options that every command spells the same way, and the Workspace they build."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..bank.kinds import DEFAULT_KIND

if TYPE_CHECKING:
    from ..workspace import Workspace

__all__ = ["add_bank_option", "add_kind_option", "add_kinds_dir_option", "workspace_from_args"]


def add_kinds_dir_option(p: argparse.ArgumentParser) -> None:
    """--kinds-dir DIR (repeatable): a kind folder, or a folder of them, besides [kinds] dirs in drafter.toml."""
    p.add_argument(
        "--kinds-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of your own kinds, or one kind folder (repeatable; also [kinds] dirs in drafter.toml)",
    )


def add_bank_option(p: argparse.ArgumentParser, help: str = "layer an overlay bank (repeatable)") -> None:
    """--bank DIR (repeatable): an overlay bank, after [bank] overlays in drafter.toml."""
    p.add_argument("--bank", action="append", default=[], metavar="DIR", help=help)


def add_kind_option(p: argparse.ArgumentParser, help: str) -> None:
    """--kind ID, defaulting to the default kind."""
    p.add_argument("--kind", default=DEFAULT_KIND, help=f"{help} (default {DEFAULT_KIND})")


def workspace_from_args(args: argparse.Namespace) -> Workspace:
    """drafter.toml's settings, then --kinds-dir and --bank, in that order."""
    from ..workspace import Workspace

    return Workspace.from_config(
        kinds_dirs=getattr(args, "kinds_dir", None) or (), overlays=getattr(args, "bank", None) or ()
    )
