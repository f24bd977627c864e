"""A .docx is a zip: look at its directory before anything unpacks it, so a small file can't unpack to gigabytes.

Checked from the central directory alone (nothing is decompressed): how many members, their total unpacked
size, and each large member's compression ratio. Python's zipfile never inflates a member past the size the
directory declares (it stops and fails the CRC), so the declared sizes bound the work that follows.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import IO

from ..errors import DocxReadError

__all__ = ["MAX_MEMBERS", "MAX_RATIO", "MAX_UNPACKED", "check_docx_zip"]

MAX_MEMBERS = 2_000  # a long report with many images has a few hundred
MAX_UNPACKED = 256 * 1024 * 1024  # bytes, all members together
MAX_RATIO = 200  # unpacked/packed, for members over RATIO_FLOOR (Word's XML packs about 5-20 times)
RATIO_FLOOR = 1024 * 1024


def check_docx_zip(source: str | Path | bytes | IO[bytes], name: str) -> None:
    """A DocxReadError naming the file when it isn't a zip or would unpack too far; nothing is decompressed."""
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        with zipfile.ZipFile(source) as zf:
            members = zf.infolist()
    except FileNotFoundError:
        raise DocxReadError(f"{name}: file not found") from None
    except IsADirectoryError:
        raise DocxReadError(f"{name}: is a folder, not a .docx") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DocxReadError(f"{name}: not a readable .docx (not a zip file: {str(exc)[:80]})") from None
    finally:
        if hasattr(source, "seek"):
            source.seek(0)  # type: ignore[union-attr]
    if len(members) > MAX_MEMBERS:
        raise DocxReadError(f"{name}: refused: {len(members):,} parts in the zip (at most {MAX_MEMBERS:,})")
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise DocxReadError(
            f"{name}: refused: it would unpack to {total / 2**20:,.0f} MB (at most {MAX_UNPACKED // 2**20} MB)"
        )
    for m in members:
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            ratio = m.file_size / max(m.compress_size, 1)
            raise DocxReadError(f"{name}: refused: part {m.filename[:60]!r} is packed {ratio:,.0f} to 1 (a zip bomb?)")
