"""Kinds of report: each is a folder of data (kind.yaml, themes, slots, templates)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import KindError
from ..yamlio import load_file, safe_load, short_repr

__all__ = [
    "FigureField",
    "Kind",
    "KindCatalog",
    "KindProblem",
    "SectionPlan",
    "Theme",
    "builtin_kinds",
    "data_root",
    "find_kinds",
    "get_kind",
    "load_kind",
    "shared_root",
]

RECIPIENT = ("required", "optional", "none")  # whether a kind's report carries a 主送机关 line
FIGURE_TYPES = ("count", "amount", "titles", "rate")
BETTER = ("lower", "higher", "neutral")
DEFAULT_KIND = "eight-point"  # the kind a spec, a check or a command means when it names none
KIND_ID = re.compile(r"^[a-z][a-z0-9_-]*$")


def data_root() -> Path:
    """The built-in phrase bank: packaged inside drafter/ in a wheel, at the repo top in a checkout."""
    here = Path(__file__).resolve().parent.parent  # the drafter package
    packaged = here / "phrasebank"
    return packaged if packaged.is_dir() else here.parent / "phrasebank"


def shared_root() -> Path:
    """Slot folders more than one kind says (phrasebank/shared/NAME), named in a kind.yaml's shared_slots."""
    return data_root() / "shared"


def _shared_slot_dirs(raw: dict, where: Path) -> tuple[Path, ...]:
    """The folders a kind's `shared_slots:` names, each a folder under shared_root(); never a path elsewhere."""
    names = raw.get("shared_slots") or []
    root = shared_root()
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise KindError(f"{where}: shared_slots must be a list of folder names under {root} (e.g. [campaign])")
    known = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    dirs: list[Path] = []
    for name in names:
        if not KIND_ID.match(name):
            raise KindError(
                f"{where}: shared_slots: {short_repr(name)} is not a folder name under {root}"
                " (lowercase letters, digits, - or _; no paths)"
            )
        folder = root / name
        if not folder.is_dir() or not folder.resolve().is_relative_to(root.resolve()):
            raise KindError(
                f"{where}: shared_slots: no shared slot folder {name!r}; known: {', '.join(known) or 'none'}"
            )
        if folder in dirs:
            raise KindError(f"{where}: shared_slots: {name!r} is named twice")
        dirs.append(folder)
    return tuple(dirs)


@dataclass(frozen=True)
class FigureField:
    """One figure of a kind's schema, e.g. meetings.count (次, compared with last year)."""

    group: str
    name: str
    type: str
    unit: str
    label: str
    compare: bool = False
    sample: Any = None
    better: str = "neutral"  # compared figures: which way is the good way (lower, higher, neutral)
    expected: bool = False  # a zero is implausible for this figure (activity the kind expects): a warning
    warn_above: float | None = None  # a value above this is implausible: a warning
    of: tuple[str, ...] = ()  # rates: (numerator path, denominator path); computed, never typed
    optional: bool = False  # said only when given: left out, the draft says nothing of it (no placeholder)

    @property
    def path(self) -> str:
        return f"{self.group}.{self.name}"


@dataclass(frozen=True)
class SectionPlan:
    id: str
    name: str
    template: str
    headings: str | None = None  # the form its parallel headings take (a name in style.yaml's heading_forms)


@dataclass(frozen=True)
class Theme:
    """A theme reviewers expect: literal aliases, regex aliases, and contexts that don't count."""

    id: str
    name: str
    aliases: tuple[str, ...]
    required: bool = True
    section: str | None = None
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


def _theme(raw: dict) -> Theme:
    literals = tuple(a for a in raw["aliases"] if isinstance(a, str))
    patterns = tuple(a["regex"] for a in raw["aliases"] if isinstance(a, dict))
    for pattern in (*patterns, *raw.get("exclude", [])):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise KindError(f"theme {raw['id']}: bad regex {pattern!r}: {exc}") from None
    return Theme(
        raw["id"],
        raw["name"],
        literals,
        bool(raw.get("required", True)),
        raw.get("section"),
        patterns,
        tuple(raw.get("exclude", [])),
    )


# Top-level spec keys that are not figure groups (see bank/facts.py): no group may take these names.
RESERVED_KEYS = frozenset({"kind", "organisation", "year", "cases", "problems", "plans", "practices"})


@dataclass(frozen=True, eq=False)
class Kind:
    """A kind of report: title pattern, sections, organisation levels, figures, themes."""

    id: str
    name: str
    title: str
    sections: tuple[SectionPlan, ...]
    levels: dict[str, dict[str, str]]
    groups: dict[str, str]  # group id -> 中文 label
    figures: tuple[FigureField, ...]
    themes: tuple[Theme, ...]
    path: Path
    slot_dirs: tuple[Path, ...] = field(default=())  # its own slots/ first, then the shared folders it names
    learned_from: str | None = None  # set by `drafter learn`: the report this kind was learned from
    recipient: str = "optional"  # 主送机关: required (a placeholder when missing), optional, or none
    checks: tuple[dict[str, Any], ...] = ()  # figures checked against each other at spec load (see bank/checks)
    found_problems: bool = False  # spec problems carry count, amount, refund, status (a self-inspection's findings)
    basis: bool = False  # the spec may name the notice the report answers (basis: {title, number}; bank/facts.py)
    backlog: tuple[dict[str, str], ...] = ()  # {done: PATH, of: PATH}: problems found but not yet rectified

    @property
    def template_dir(self) -> Path:
        return self.path / "templates"

    def figure(self, path: str) -> FigureField:
        for f in self.figures:
            if f.path == path:
                return f
        raise KindError(f"kind {self.id!r} has no figure {path!r}", self.id)


def _read_yaml(path: Path) -> Any:
    return load_file(path, lambda problem: KindError(f"{path}: {problem}"))


def load_kind(path: str | Path) -> Kind:
    """Load and check a kind folder (kind.yaml, themes.yaml, slots/, templates/)."""
    path = Path(path)
    raw = _read_yaml(path / "kind.yaml")
    where = path / "kind.yaml"
    try:
        figures = []
        groups = {}
        for group, gspec in raw.get("figures", {}).items():
            if group in RESERVED_KEYS:
                raise KindError(
                    f"{where}: figures.{group}: {group!r} is a spec key of its own; name the group otherwise"
                )
            groups[group] = gspec.get("label", group)
            for name, fspec in gspec["fields"].items():
                ftype = fspec["type"]
                if ftype not in FIGURE_TYPES:
                    raise KindError(f"{where}: figures.{group}.{name}.type: {ftype!r} is not one of {FIGURE_TYPES}")
                better = fspec.get("better", "neutral")
                if better not in BETTER:
                    raise KindError(f"{where}: figures.{group}.{name}.better: {better!r} is not one of {BETTER}")
                of = tuple(fspec.get("of", ()))
                if (ftype == "rate") != (len(of) == 2):
                    raise KindError(
                        f"{where}: figures.{group}.{name}: a rate (and only a rate) needs of: [part, whole]"
                    )
                figures.append(
                    FigureField(
                        group=group,
                        name=name,
                        type=ftype,
                        unit=fspec.get("unit", ""),
                        label=fspec["label"],
                        compare=bool(fspec.get("compare", False)),
                        sample=fspec.get("sample"),
                        better=better,
                        expected=bool(fspec.get("expected", False)),
                        warn_above=fspec.get("warn_above"),
                        of=of,
                        optional=bool(fspec.get("optional", False)),
                    )
                )
        sections = tuple(
            SectionPlan(s["id"], s.get("name", s["id"]), s["template"], s.get("headings")) for s in raw["sections"]
        )
        themes_raw = _read_yaml(path / "themes.yaml")["themes"] if (path / "themes.yaml").exists() else []
        themes = tuple(_theme(t) for t in themes_raw)
        kind = Kind(
            id=raw["id"],
            name=raw["name"],
            title=raw["title"],
            sections=sections,
            levels={k: dict(v) for k, v in raw["levels"].items()},
            groups=groups,
            figures=tuple(figures),
            themes=themes,
            path=path,
            slot_dirs=(path / "slots", *_shared_slot_dirs(raw, where)),
            learned_from=raw.get("learned_from"),
            recipient=raw.get("recipient", "optional"),
            checks=tuple(raw.get("checks") or ()),
            found_problems=bool(raw.get("found_problems", False)),
            basis=bool(raw.get("basis", False)),
            backlog=tuple(raw.get("backlog") or ()),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise KindError(f"{where}: malformed kind definition ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(kind.id, str) or not KIND_ID.match(kind.id):
        raise KindError(f"{where}: id {kind.id!r} must be ASCII lowercase letters, digits, - or _ (e.g. my-report)")
    if kind.recipient not in RECIPIENT:
        raise KindError(f"{where}: recipient {kind.recipient!r} must be one of {', '.join(RECIPIENT)}")
    for s in kind.sections:
        if not (kind.template_dir / s.template).is_file():
            raise KindError(f"{where}: section {s.id!r}: template {s.template!r} not found in {kind.template_dir}")
    if not (path / "slots").is_dir():
        raise KindError(f"{path}: no slots/ folder (the kind's phrase bank goes there, one or more *.yaml files)")
    return kind


@dataclass(frozen=True)
class KindProblem:
    """A kind folder that could not be used, and why (the id too, when kind.yaml was readable)."""

    path: Path
    message: str
    kind_id: str | None = None

    def __str__(self) -> str:
        return self.message if self.message.startswith(str(self.path)) else f"{self.path}: {self.message}"


@dataclass(frozen=True)
class KindCatalog:
    """The kinds in force (built-in first, then user folders in order) and the folders that failed."""

    kinds: dict[str, Kind]
    builtin: frozenset[str]
    problems: tuple[KindProblem, ...] = ()


def _raw_id(path: Path) -> str | None:
    try:
        raw = safe_load((path / "kind.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    kind_id = raw.get("id") if isinstance(raw, dict) else None
    return kind_id if isinstance(kind_id, str) else None


def _stamp(path: Path) -> tuple[int, ...]:
    files = [path / "kind.yaml", path / "themes.yaml", path / "templates"]
    return tuple(x for f in files for x in ((f.stat().st_mtime_ns, f.stat().st_size) if f.exists() else (0, 0)))


@cache
def _load_cached(path: Path, stamp: tuple[int, ...]) -> Kind:
    return load_kind(path)


def _scan(folders: list[Path], kinds: dict[str, Kind], problems: list[KindProblem]) -> None:
    for folder in map(Path.absolute, folders):  # absolute: a cached kind must not depend on the working folder
        try:
            kind = _load_cached(folder, _stamp(folder))
        except (KindError, OSError) as exc:
            problems.append(KindProblem(folder, str(exc), _raw_id(folder)))
            continue
        if kind.id in kinds:
            other = kinds[kind.id].path
            if other == folder:  # the same folder named twice (e.g. a built-in kind's own path)
                continue
            problems.append(
                KindProblem(folder, f"id {kind.id!r} is already used by {other}; give this kind another id", kind.id)
            )
            continue
        kinds[kind.id] = kind


@cache
def _builtin() -> KindCatalog:
    kinds: dict[str, Kind] = {}
    problems: list[KindProblem] = []
    _scan([p.parent for p in sorted(data_root().glob("*/kind.yaml"))], kinds, problems)
    return KindCatalog(kinds, frozenset(kinds), tuple(problems))


def _builtin_folder(kind_id: str) -> Kind | None:
    """The built-in kind in the folder named by its id, loaded alone (not the whole catalogue); None if not so."""
    if len(kind_id) > 64 or not KIND_ID.match(kind_id):  # a file name can't be much longer anyway
        return None
    folder = (data_root() / kind_id).absolute()
    try:
        if not (folder / "kind.yaml").is_file():
            return None
    except OSError:
        return None
    try:
        kind = _load_cached(folder, _stamp(folder))
    except (KindError, OSError):
        return None  # the full scan reports why
    return kind if kind.id == kind_id else None


def builtin_kinds() -> dict[str, Kind]:
    """The kinds shipped with drafter, by id (a broken one is left out; `find_kinds` reports it)."""
    return dict(_builtin().kinds)


def _kind_folders(d: Path) -> list[Path]:
    """A kinds folder is a kind folder itself (it has kind.yaml) or holds kind folders.

    Hidden folders are not kinds: `.learn-XXXX` is a kind `learn` is still writing (or one a killed run left).
    """
    if (d / "kind.yaml").is_file():
        return [d]
    return [p.parent for p in sorted(d.glob("*/kind.yaml")) if not p.parent.name.startswith(".")]


def find_kinds(dirs: Iterable[str | Path] = ()) -> KindCatalog:
    """Built-in kinds, then the kinds in each user folder; folders that fail are reported, never raised."""
    base = _builtin()
    kinds = dict(base.kinds)
    problems = list(base.problems)
    for d in map(Path, dirs):
        if not d.is_dir():
            problems.append(KindProblem(d, "kinds folder not found"))
            continue
        folders = _kind_folders(d)
        if not folders:
            problems.append(KindProblem(d, "no kind in it (a kind folder holds kind.yaml; see `drafter kind new`)"))
        _scan(folders, kinds, problems)
    return KindCatalog(kinds, base.builtin, tuple(problems))


def get_kind(kind_id: str, dirs: Iterable[str | Path] = ()) -> Kind:
    """A kind by id: built-in, or from the user kinds folders `dirs`; a KindError says why it can't be had."""
    own = _builtin_folder(kind_id)
    if own is not None:
        return own
    builtin = _builtin().kinds
    if kind_id in builtin:
        return builtin[kind_id]
    catalog = find_kinds(dirs)
    if kind_id in catalog.kinds:
        return catalog.kinds[kind_id]
    for problem in catalog.problems:
        if kind_id in (problem.kind_id, problem.path.name):
            raise KindError(f"kind {kind_id!r} can't be loaded: {problem}", kind_id)
    known = ", ".join(sorted(catalog.kinds))
    hint = "" if dirs else "; a kind of your own needs --kinds-dir DIR (or [kinds] dirs in drafter.toml)"
    raise KindError(f"unknown kind {short_repr(kind_id)}; known kinds: {known}{hint}", kind_id)
