"""Kinds of report: each is a folder of data (kind.yaml, themes, slots, templates)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .errors import KindError

__all__ = ["FigureField", "Kind", "Section", "Theme", "builtin_kinds", "data_root", "get_kind", "load_kind"]

FIGURE_TYPES = ("count", "amount", "titles")


def data_root() -> Path:
    """The built-in phrase bank: packaged inside drafter/ in a wheel, at the repo top in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "phrasebank"
    return packaged if packaged.is_dir() else here.parent / "phrasebank"


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

    @property
    def path(self) -> str:
        return f"{self.group}.{self.name}"


@dataclass(frozen=True)
class Section:
    id: str
    name: str
    template: str


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


@dataclass(frozen=True, eq=False)
class Kind:
    """A kind of report: title pattern, sections, organisation levels, figures, themes."""

    id: str
    name: str
    title: str
    sections: tuple[Section, ...]
    levels: dict[str, dict[str, str]]
    groups: dict[str, str]  # group id -> 中文 label
    figures: tuple[FigureField, ...]
    themes: tuple[Theme, ...]
    path: Path
    slot_dirs: tuple[Path, ...] = field(default=())

    @property
    def template_dir(self) -> Path:
        return self.path / "templates"

    def figure(self, path: str) -> FigureField:
        for f in self.figures:
            if f.path == path:
                return f
        raise KindError(f"kind {self.id!r} has no figure {path!r}", self.id)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError:
        raise KindError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise KindError(f"{path}: not valid YAML: {exc}") from None


def load_kind(path: str | Path) -> Kind:
    """Load and check a kind folder (kind.yaml, themes.yaml, slots/, templates/)."""
    path = Path(path)
    raw = _read_yaml(path / "kind.yaml")
    where = path / "kind.yaml"
    try:
        figures = []
        groups = {}
        for group, gspec in raw.get("figures", {}).items():
            groups[group] = gspec.get("label", group)
            for name, fspec in gspec["fields"].items():
                ftype = fspec["type"]
                if ftype not in FIGURE_TYPES:
                    raise KindError(f"{where}: figures.{group}.{name}.type: {ftype!r} is not one of {FIGURE_TYPES}")
                figures.append(
                    FigureField(
                        group=group,
                        name=name,
                        type=ftype,
                        unit=fspec.get("unit", ""),
                        label=fspec["label"],
                        compare=bool(fspec.get("compare", False)),
                        sample=fspec.get("sample"),
                    )
                )
        sections = tuple(Section(s["id"], s.get("name", s["id"]), s["template"]) for s in raw["sections"])
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
            slot_dirs=(path / "slots",),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise KindError(f"{where}: malformed kind definition ({exc.__class__.__name__}: {exc})") from None
    for s in kind.sections:
        if not (kind.template_dir / s.template).is_file():
            raise KindError(f"{where}: section {s.id!r}: template {s.template!r} not found in {kind.template_dir}")
    return kind


@cache
def builtin_kinds() -> dict[str, Kind]:
    """The kinds shipped with drafter, by id."""
    kinds = {}
    for kind_yaml in sorted(data_root().glob("*/kind.yaml")):
        kind = load_kind(kind_yaml.parent)
        kinds[kind.id] = kind
    return kinds


def get_kind(kind_id: str) -> Kind:
    """A built-in kind by id, or a KindError naming the known ones."""
    kinds = builtin_kinds()
    if kind_id not in kinds:
        raise KindError(f"unknown kind {kind_id!r}; known kinds: {', '.join(sorted(kinds))}", kind_id)
    return kinds[kind_id]
