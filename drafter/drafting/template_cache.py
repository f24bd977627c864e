"""Compiled templates kept between runs: Jinja's bytecode cache under the user cache folder.

Variants are served through a loader (by a digest of their text) so that Jinja's
`FileSystemBytecodeCache` applies to them as it does to the section templates.
Jinja checks each cached entry against a checksum of the template's source, so an
edited slot, overlay or template is compiled afresh; the folder name carries the
Jinja version and the environment's options, so no other set-up reads these entries.
No cache folder (unwritable, or `DRAFTER_NO_CACHE` set) means compiling every run.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

import jinja2
from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
)

from ..config import cache_dir

__all__ = ["VariantLoader", "bytecode_cache", "compile_variant"]

_PREFIX = "variant:"


class VariantLoader(FileSystemLoader):
    """The kind's template folder, plus variant sources registered under `variant:<digest>` names."""

    def __init__(self, searchpath: Any):
        super().__init__(searchpath)
        self.variants: dict[str, str] = {}

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Any]:
        if template.startswith(_PREFIX):
            try:
                return self.variants[template], None, lambda: True
            except KeyError:
                raise TemplateNotFound(template) from None
        return super().get_source(environment, template)


class _QuietCache(FileSystemBytecodeCache):
    """A bytecode cache that turns any failure to read or write into compiling anew."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache(options: str) -> FileSystemBytecodeCache | None:
    """The cache for environments set up as `options` says, or None when there is no writable cache folder."""
    if os.environ.get("DRAFTER_NO_CACHE"):
        return None
    base = cache_dir()
    tag = hashlib.sha256(f"{jinja2.__version__}|{options}".encode()).hexdigest()[:16]
    folder = base / f"jinja-{tag}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.access(folder, os.W_OK | os.X_OK):
            return None
    except OSError:
        return None
    return _QuietCache(str(folder))


def compile_variant(env: Environment, source: str) -> Template:
    """A variant's template, through the loader (and so the bytecode cache) when the env has a VariantLoader."""
    loader = env.loader
    if not isinstance(loader, VariantLoader) or env.bytecode_cache is None:
        return env.from_string(source)
    name = _PREFIX + hashlib.sha1(source.encode("utf-8")).hexdigest()
    loader.variants[name] = source
    try:
        return env.get_template(name)
    except TemplateSyntaxError:
        return env.from_string(source)  # raises the error as it reads without a loader (no template name)
