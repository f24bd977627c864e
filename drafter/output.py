"""Writing results: to stdout, or atomically to a file so no half-written output is left.

Files get the mode a plain `open(path, "w")` would give (0666 less the umask), or keep the mode of the file
they replace; folders made atomically (`learn`) get 0777 less the umask. Temporary files are removed on
any exit Python sees (errors, Ctrl-C, SIGTERM through the CLI's handler), and ones left behind by a run
that was killed outright (`.NAME.XXXX.tmp`, over an hour old) are swept away by the next write of NAME;
`learn` sweeps its `.learn-XXXX` folders the same way, and the user cache its `*.tmp` files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

from .errors import DrafterError

__all__ = ["atomic_write", "default_mode", "sweep_stale", "write_cache", "write_output"]

STALE_SECONDS = 3600


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no way to read it without setting it (brief, and only off Linux)
    os.umask(mask)
    return mask


def default_mode(folder: bool = False) -> int:
    """The mode a new file (or folder) gets under the current umask."""
    return (0o777 if folder else 0o666) & ~_umask()


def sweep_stale(folder: Path, pattern: str) -> None:
    """Remove the temporary files (or folders) matching pattern in folder that are over STALE_SECONDS old:
    what a run killed outright left behind (a younger one may belong to a run still going)."""
    cutoff = time.time() - STALE_SECONDS
    for tmp in folder.glob(pattern):
        try:
            if tmp.lstat().st_mtime >= cutoff:
                continue
            if tmp.is_dir() and not tmp.is_symlink():
                shutil.rmtree(tmp)
            else:
                tmp.unlink()
        except OSError:
            pass


def _sweep_stale(path: Path) -> None:
    sweep_stale(path.parent, f".{path.name}.*.tmp")


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write data to path through a temporary file in the same folder, then rename."""
    path = Path(path)
    if not path.parent.is_dir():
        raise DrafterError(f"{path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise DrafterError(f"{path}: is a folder; name a file to write")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = default_mode()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _sweep_stale(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DrafterError(f"{path}: can't write there: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise DrafterError(f"{path}: can't write it: {exc.strerror or exc}") from None
        raise


def write_output(text: str, output: str | None) -> None:
    """Text to the named file (atomically) or to stdout."""
    if output and output != "-":
        atomic_write(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def write_cache(path: Path, data: str | bytes) -> None:
    """A file of the user cache, written whole (through PATH.PID.tmp) or not at all; a cache that can't be
    written only costs time. Temp files over an hour old in the cache folder (a killed run's) go first."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep_stale(path.parent, "*.tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
