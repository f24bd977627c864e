"""CLI for polishing: `drafter draft … --polish --llm PROVIDER:MODEL` and `drafter polish DRAFT.json`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..document import Document
from ..errors import install_hint
from ..output import write_output
from ._common import add_kinds_dir_option, workspace_from_args

if TYPE_CHECKING:
    from ..workspace import Workspace

__all__ = ["add_polish_command", "add_polish_options", "polish_from_args"]


def add_polish_options(p: argparse.ArgumentParser, flag: bool = True) -> None:
    """The model options, shared by `draft --polish` and `polish`; unset ones come from [llm] in drafter.toml."""
    g = p.add_argument_group(f"polishing by a language model ({install_hint('llm')})")
    if flag:
        g.add_argument(
            "--polish", action="store_true", help="rewrite each paragraph with a model, keeping only safe ones"
        )
    g.add_argument("--llm", metavar="PROVIDER:MODEL", help="openai:NAME, ollama:NAME or llamacpp:PATH.gguf")
    g.add_argument("--base-url", help="an OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1 (vLLM, llama.cpp)")
    g.add_argument("--api-key-env", metavar="NAME", help="environment variable holding the API key (OPENAI_API_KEY)")
    g.add_argument("--timeout", type=float, metavar="S", help="seconds per model call (default 60)")
    g.add_argument("--max-concurrency", type=int, metavar="N", help="paragraphs polished at once (default 4)")
    g.add_argument("--cache", metavar="FILE", help="reply cache (default ~/.cache/drafter/polish.sqlite)")
    g.add_argument("--no-cache", action="store_true", help="don't read or write the reply cache")
    g.add_argument(
        "--retry-rejected",
        action="store_true",
        default=None,
        help="ask the model again for paragraphs whose cached reply was rejected (default: replay the cache)",
    )


def polish_from_args(doc: Document, args: argparse.Namespace, workspace: Workspace | None = None) -> None:
    """Polish doc in place with settings from drafter.toml and the command line; summary on stderr."""
    from .progress import Progress

    workspace = workspace or workspace_from_args(args)
    settings = workspace.polish_settings(
        model=args.llm,
        base_url=args.base_url,
        api_key_env=args.api_key_env,
        timeout=args.timeout,
        max_concurrency=args.max_concurrency,
        cache=False if args.no_cache else args.cache,
        retry_rejected=args.retry_rejected,
    )
    bar = Progress(0)
    try:
        report = workspace.polish(doc, settings, progress=bar.update)  # the draft's kind may be a user kind
    finally:
        bar.close()
    print(report.summary(), file=sys.stderr)


def _cmd_polish(args: argparse.Namespace) -> int:
    from ..polish import revert_paragraph

    doc = Document.load(args.draft)
    if args.revert:
        for number in args.revert:
            revert_paragraph(doc, number)
        print(f"reverted paragraph(s) {', '.join(map(str, args.revert))} to the template text", file=sys.stderr)
    else:
        polish_from_args(doc, args)
    write_output(doc.render(args.format), args.output)
    return 0


def add_polish_command(sub: argparse._SubParsersAction) -> None:
    """Register `polish` on the main parser."""
    p = sub.add_parser("polish", help="polish a JSON draft with a language model, or revert polished paragraphs")
    p.add_argument("draft", help="a draft written with --format json")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
    p.add_argument("--format", choices=("json", "md", "txt"), default="json", help="output format (default json)")
    p.add_argument(
        "--revert",
        type=int,
        action="append",
        metavar="N",
        help="put paragraph N back to its template text (repeatable)",
    )
    add_polish_options(p, flag=False)
    add_kinds_dir_option(p)
    p.set_defaults(func=_cmd_polish)
