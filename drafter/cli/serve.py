"""CLI for the web workbench: `drafter serve`."""

from __future__ import annotations

import argparse

__all__ = ["add_web_command"]


def _cmd_serve(args: argparse.Namespace) -> int:
    from ..web import serve

    serve(args.host, args.port)
    return 0


def add_web_command(sub: argparse._SubParsersAction) -> None:
    """Register `serve` on the main parser."""
    p = sub.add_parser("serve", help="open the local web workbench: write, edit and review in a browser")
    p.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; anything else is reachable by others)"
    )
    p.set_defaults(func=_cmd_serve)
