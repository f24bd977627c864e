"""Batch drafting: one draft per row of a CSV or .xlsx table whose columns are figure paths."""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..bank.kinds import DEFAULT_KIND, Kind, get_kind
from ..errors import BatchError, DrafterError, KindError, MissingExtra, SpecError

__all__ = ["BatchError", "BatchResult", "RowProblem", "draft_batch", "read_table", "row_spec_data", "safe_file_name"]

FORMATS = ("md", "txt", "json", "docx")
SPECIAL = ("kind", "file")
_ORG = ("organisation.name", "organisation.level", "organisation.issuer", "organisation.date")
_TITLE_SPLIT = re.compile(r"[、；;\n]")
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class RowProblem:
    """Why one row drafted nothing: its row number in the table (the header is row 1), field path, problem."""

    row: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.path}: {self.message}" if self.path else f"row {self.row}: {self.message}"


@dataclass
class BatchResult:
    """What a batch wrote, and what it couldn't."""

    table: str
    rows: int
    written: list[Path] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})

    def summary(self) -> str:
        """One line of totals, then one line per problem (identical ones across rows grouped)."""
        head = f"drafted {len(self.written)} of {self.rows} row(s) from {self.table} in {self.seconds:.1f} s" + (
            f"; {len(self.failed_rows)} row(s) failed:" if self.problems else ""
        )
        groups: dict[tuple[str, str], list[int]] = {}
        for p in self.problems:
            groups.setdefault((p.path, p.message), []).append(p.row)
        lines = [head]
        for (path, message), rows in sorted(groups.items(), key=lambda kv: kv[1][0]):
            where = f"row {rows[0]}" if len(rows) == 1 else f"rows {_ranges(rows)} ({len(rows)} rows)"
            lines.append(f"  {where}: {path}: {message}" if path else f"  {where}: {message}")
        return "\n".join(lines)


def _ranges(rows: list[int]) -> str:
    out, start, prev = [], rows[0], rows[0]
    for r in [*rows[1:], None]:
        if r is not None and r == prev + 1:
            prev = r
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if r is not None:
            start = prev = r
    return ", ".join(out)


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # what Excel on a Chinese Windows saves as "CSV"
    except UnicodeDecodeError:
        raise BatchError(f"{path}: neither UTF-8 nor GB18030 text; save it as 'CSV UTF-8'") from None


@dataclass(frozen=True)
class UnsavedFormula:
    """An .xlsx cell holding a formula whose value was never saved (openpyxl can't compute it)."""

    cell: str
    formula: str

    def __str__(self) -> str:
        return ""


def _unsaved_formulas(path: Path, openpyxl: Any, table: list[list[Any]]) -> list[list[Any]]:
    """The table with every formula cell that has no cached value replaced by an UnsavedFormula naming it."""
    from openpyxl.utils import get_column_letter

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for r, row in enumerate(wb.active.iter_rows(values_only=True)):
            for c, raw in enumerate(row):
                if isinstance(raw, str) and raw.startswith("=") and r < len(table) and c < len(table[r]):
                    if table[r][c] is None:
                        table[r][c] = UnsavedFormula(f"{get_column_letter(c + 1)}{r + 1}", raw[:60])
    finally:
        wb.close()
    return table


def _read_xlsx(path: Path) -> list[list[Any]]:
    try:
        import openpyxl
    except ImportError as exc:
        raise MissingExtra("reading .xlsx needs openpyxl", "xlsx", "openpyxl") from exc
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors for a damaged file
        raise BatchError(f"{path}: not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})") from None
    try:
        table = [list(r) for r in wb.active.iter_rows(values_only=True)]
    finally:
        wb.close()
    if any(cell is None for row in table for cell in row):  # a formula never saved by Excel reads as empty
        table = _unsaved_formulas(path, openpyxl, table)
    return table


def read_table(path: str | Path) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """The header and the non-empty rows, each with its row number (header = 1), of a .csv or .xlsx file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise BatchError(f"{path}: a batch is a .csv or .xlsx table (got {suffix or 'no suffix'})")
    if not path.is_file():
        raise BatchError(f"{path}: file not found")
    if suffix == ".xlsx":
        table = _read_xlsx(path)
    else:
        table = [list(r) for r in csv.reader(io.StringIO(_decode(path, path.read_bytes()), newline=""))]
    if not table or not any(table[0]):
        raise BatchError(f"{path}: no header row; the first row names the columns (organisation.name, year, …)")
    header = [str(h).strip() if h is not None else "" for h in table[0]]
    seen: set[str] = set()
    for h in header:
        if h and h in seen:
            raise BatchError(f"{path}: column {h!r} appears twice in the header")
        seen.add(h)
    rows = []
    for n, cells in enumerate(table[1:], start=2):
        if not any(isinstance(c, UnsavedFormula) or (c not in (None, "") and str(c).strip()) for c in cells):
            continue
        rows.append((n, {h: c for h, c in zip(header, cells, strict=False) if h}))
    return header, rows


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _whole(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d+(\.0*)?", value.strip()):
        return int(float(value))
    return value  # left as it is: validation names the field and the bad value


def _number(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value).strip().replace(",", "")
    try:
        return float(text) if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)|[+-]?(nan|inf|infinity)", text, re.I) else value
    except ValueError:
        return value


def row_spec_data(row: dict[str, Any], kind: Kind) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Spec data from one row (cells named by figure path), and the columns that don't fit the kind."""
    problems: list[tuple[str, str]] = []
    data: dict[str, Any] = {"kind": kind.id, "organisation": {}}
    org = data["organisation"]
    fields = {f.path: f for f in kind.figures}
    for column, raw in row.items():
        if isinstance(raw, UnsavedFormula):
            problems.append(
                (
                    column,
                    f"cell {raw.cell} holds a formula ({raw.formula}) with no saved value; open and save it in Excel",
                )
            )
            continue
        if column in SPECIAL:
            continue
        value = raw if isinstance(raw, (int, float, date)) and not isinstance(raw, bool) else _text(raw)
        if value is None:
            continue
        if column in _ORG:
            key = column.split(".", 1)[1]
            org[key] = value.date() if isinstance(value, datetime) else value
            continue
        if column == "year":
            data["year"] = _whole(value)
            continue
        base, _, part = column.rpartition(".")
        f = fields.get(column) or (fields.get(base) if part in ("current", "previous") else None)
        if f is None:
            hint = f"columns are figure paths (see `drafter spec-template {kind.id}`), kind, file, organisation.*, year"
            problems.append((column, f"unknown column for kind {kind.id}; {hint}"))
            continue
        if f.compare and f is fields.get(column):
            problems.append((column, f"a compared figure: give {column}.current and {column}.previous"))
            continue
        if f.type == "titles":
            value = [t.strip() for t in _TITLE_SPLIT.split(str(value)) if t.strip()]
        elif f.type == "count":
            value = _whole(value)
        else:
            value = _number(value)
        group = data.setdefault(f.group, {})
        if f.compare:
            group.setdefault(f.name, {})[part] = value
        else:
            group[f.name] = value
    org.setdefault("level", next(iter(kind.levels)))
    return data, problems


def safe_file_name(raw: str | None, fallback: str, fmt: str) -> str:
    """A file name from a cell: no folders, no hidden or reserved names, the format's suffix."""
    name = _UNSAFE.sub("_", raw or "").strip(" ._")
    if name.lower().endswith(f".{fmt}"):
        name = name[: -len(fmt) - 1].rstrip(" .")
    name = name[:80]
    if not name or _RESERVED.match(name):
        name = fallback
    return f"{name}.{fmt}"


def _check_header(table: Any, header: list[str], rows: list[tuple[int, dict[str, Any]]], kind_of: Any) -> None:
    """Before anything is written: every column must be a figure path of some kind the rows name (or the default)."""
    named = {_text(row.get("kind")) or DEFAULT_KIND for _, row in rows} or {DEFAULT_KIND}
    paths: set[str] = set()
    for kind_id in named:
        try:
            kind = kind_of(kind_id)
        except (KindError, LookupError):
            continue  # reported on its rows
        for f in kind.figures:
            paths.add(f.path)
            paths.update((f"{f.path}.current", f"{f.path}.previous") if f.compare else ())
    known = {*SPECIAL, *_ORG, "year", *paths}
    unknown = [h for h in header if h and h not in known]
    if unknown and paths:
        shown = ", ".join(repr(h[:40]) for h in unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise BatchError(
            f"{table}: unknown column(s) {shown} for kind {', '.join(sorted(named))}; "
            "columns are figure paths (see `drafter spec-template KIND`), kind, file, organisation.*, year"
        )


def draft_batch(
    table: str | Path,
    out_dir: str | Path,
    fmt: str = "md",
    seed: int = 0,
    kinds_dirs: Iterable[str | Path] = (),
    overlays: Iterable[str | Path] = (),
    profile: Any = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    workspace: Any = None,
) -> BatchResult:
    """Draft every row of a table into out_dir; a bad row is reported and skipped, never stops the others.

    Args:
        table (path): a CSV (UTF-8 or GB18030) or .xlsx table; columns are figure paths, plus kind and file.
        out_dir (path): the folder for the drafts (made if missing).
        fmt (str): md, txt, json or docx.
        seed (int): the variant seed for every row.
        kinds_dirs, overlays (iterables of paths): user kinds and overlay banks, when no workspace is given.
        profile (Profile): the .docx layout (fmt docx).
        progress (callable): called as progress(done, total) after each row.
        workspace (Workspace): where drafters come from (one is made from kinds_dirs and overlays when None).
    RETURNS (BatchResult): files written and the problems of the rows that failed.
    """
    from ..bank.spec import validate_spec
    from ..output import atomic_write
    from .drafter import Drafter, load_bank

    if fmt not in FORMATS:
        raise BatchError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    started = time.perf_counter()
    header, rows = read_table(table)
    kinds_dirs, overlays = list(kinds_dirs), list(overlays)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: is a file; a batch writes one file per row into a folder (-o DIR)")
    _check_header(table, header, rows, workspace.kind if workspace is not None else lambda k: get_kind(k, kinds_dirs))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"{out}: can't make the folder: {exc.strerror or exc}") from None
    result = BatchResult(str(table), len(rows))
    drafters: dict[str, Drafter] = {}

    def drafter_for(kind_id: str) -> Drafter:
        if workspace is not None:
            return workspace.drafter(kind_id)
        if kind_id not in drafters:
            kind = get_kind(kind_id, kinds_dirs)
            drafters[kind_id] = Drafter(kind, load_bank(kind, overlays))
        return drafters[kind_id]

    resolve = workspace.kind if workspace is not None else None
    used: set[str] = set()
    for done, (n, row) in enumerate(rows, 1):
        try:
            drafter = drafter_for(_text(row.get("kind")) or DEFAULT_KIND)
            data, problems = row_spec_data(row, drafter.kind)
            if problems:
                result.problems += [RowProblem(n, path, msg) for path, msg in problems]
                continue
            spec = validate_spec(data, f"{table} row {n}", kinds_dirs, resolve=resolve)
            doc = drafter.draft(spec, seed=seed)
            content: str | bytes
            if fmt == "docx":
                from ..word.writer import docx_bytes

                content = docx_bytes(doc, profile)
            else:
                content = doc.render(fmt)
            name = safe_file_name(_text(row.get("file")) or _text(row.get("organisation.name")), f"row-{n}", fmt)
            stem, suffix = name.rsplit(".", 1)
            k = 2
            while name.lower() in used:
                name, k = f"{stem}-{k}.{suffix}", k + 1
            used.add(name.lower())
            path = out / name
            atomic_write(path, content)
            result.written.append(path)
        except SpecError as exc:
            result.problems += [RowProblem(n, path, msg) for path, msg in exc.problems]
        except KindError as exc:
            result.problems.append(RowProblem(n, "kind", str(exc)))
        except DrafterError as exc:
            result.problems.append(RowProblem(n, "", str(exc)))
        finally:
            if progress:
                progress(done, len(rows))
    result.seconds = time.perf_counter() - started
    return result
