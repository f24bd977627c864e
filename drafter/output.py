"""Writing results: to stdout, or atomically to a file so no half-written output is left."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import DrafterError

__all__ = ["atomic_write", "write_output"]


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write data to path through a temporary file in the same folder, then rename."""
    path = Path(path)
    if not path.parent.is_dir():
        raise DrafterError(f"{path}: folder {path.parent} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(text: str, output: str | None) -> None:
    """Text to the named file (atomically) or to stdout."""
    if output and output != "-":
        atomic_write(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
