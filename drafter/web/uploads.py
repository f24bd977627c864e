"""Files sent from the browser: read from memory (or a private temp dir); the client's file name is never a path."""

from __future__ import annotations

import datetime as dt
import math
import re
import tempfile
from pathlib import Path, PurePath
from typing import Any

from ..bank.spec import read_spec_data
from ..errors import DrafterError, SpecError, UploadError
from ..review.source import Source, decode_text, parse_text

__all__ = [
    "DOCUMENT_SUFFIXES",
    "SPEC_SUFFIXES",
    "UploadError",
    "UploadRefused",
    "choices_from_upload",
    "display_name",
    "jsonable",
    "source_from_upload",
]

SPEC_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
DOCUMENT_SUFFIXES = (".docx", ".md", ".markdown", ".txt")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


class UploadRefused(UploadError):
    """An upload refused for a reason the page says in its own words: `code` (see failures.CODES) and `params`."""

    def __init__(self, message: str, code: str, **params: Any):
        super().__init__(message)
        self.code, self.params = code, params


def display_name(filename: str | None) -> str:
    """The client's file name, for messages only: its last component, without control characters, at most 80 chars."""
    name = PurePath((filename or "").replace("\\", "/")).name
    return _UNSAFE.sub("", name)[:80] or "upload"


def _suffix(name: str, allowed: tuple[str, ...]) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in allowed:
        raise UploadRefused(
            f"{name}: can't read {suffix or 'a file without a suffix'}; use {', '.join(allowed)}",
            "upload_type",
            name=name,
            allowed=list(allowed),
        )
    return suffix


def spec_from_upload(filename: str | None, data: bytes) -> Any:
    """Parse an uploaded spec by its suffix, with the same messages as `drafter draft FILE`, naming the upload."""
    name = display_name(filename)
    suffix = _suffix(name, SPEC_SUFFIXES)
    # read_spec_data reads a path; give it a file of our own naming in a private temp dir, gone on return.
    with tempfile.TemporaryDirectory(prefix="drafter-web-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return read_spec_data(path)
        except SpecError as exc:
            # the file can't be parsed at all (validation comes later, field by field)
            message = str(SpecError(name, exc.problems))
            raise UploadRefused(message, "spec_unreadable", name=name, format=suffix[1:].upper()) from None


def choices_from_upload(filename: str | None, data: bytes) -> dict[str, Any]:
    """An uploaded choices file read as `drafter draft --choices` reads it: {"kind": … or None, "choices": {…}}."""
    from ..drafting.choices import load_choices
    from ..yamlio import safe_load

    name = display_name(filename)
    suffix = _suffix(name, (".yaml", ".yml"))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"
        raise UploadRefused(message, "not_utf8", name=name) from None
    with tempfile.TemporaryDirectory(prefix="drafter-web-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            choices = load_choices(path)
            kind = safe_load(path.read_text(encoding="utf-8")).get("kind")
        except DrafterError as exc:
            raise UploadRefused(str(exc).replace(str(path), name), "choices_invalid", name=name) from None
    return {"kind": kind if isinstance(kind, str) else None, "choices": choices}


def source_from_upload(filename: str | None, data: bytes) -> Source:
    """An uploaded .docx/.md/.txt read in memory into a Source, as `drafter check FILE` reads files."""
    name = display_name(filename)
    suffix = _suffix(name, DOCUMENT_SUFFIXES)
    if suffix == ".docx":
        # read exactly as `drafter check FILE.docx` reads it (title lines joined, Word paragraph spans kept for
        # --annotate): from a file of our own naming in a private temp dir, gone on return
        from ..review.source import read_source

        with tempfile.TemporaryDirectory(prefix="drafter-web-") as tmp:
            path = Path(tmp) / "upload.docx"
            path.write_bytes(data)
            try:
                src = read_source(path)
            except DrafterError as exc:
                message = str(exc).replace(str(path), name).replace("<docx>", name, 1)
                raise UploadRefused(message, "docx_unreadable", name=name) from None
        src.name = name
        return src
    try:
        text = decode_text(data, name)  # BOM, UTF-8 or GB18030 Chinese, as `drafter check FILE` reads it
    except DrafterError as exc:
        raise UploadRefused(str(exc), "text_encoding", name=name) from None
    return parse_text(text.replace("\r\n", "\n"), name, markdown=suffix in (".md", ".markdown"))


def jsonable(value: Any) -> Any:
    """Parsed spec data made JSON-safe: dates become ISO text; NaN, bytes and the like become text the form shows."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)
