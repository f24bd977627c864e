"""drafter.toml: settings from the working folder or the user's config folder."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DrafterError

__all__ = ["Config", "ConfigError", "config_paths", "load_config"]

CONFIG_NAME = "drafter.toml"
_SECTIONS: dict[str, set[str]] = {"bank": {"overlays"}}


class ConfigError(DrafterError, ValueError):
    """A drafter.toml that can't be read; names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Settings in force; relative paths are resolved against the file they came from."""

    path: Path | None = None
    overlays: tuple[Path, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict)


def config_paths(cwd: str | Path | None = None) -> list[Path]:
    """Where drafter looks, first match wins: $DRAFTER_CONFIG, ./drafter.toml, the user config folder."""
    if os.environ.get("DRAFTER_CONFIG"):
        return [Path(os.environ["DRAFTER_CONFIG"])]
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return [Path(cwd or Path.cwd()) / CONFIG_NAME, base / "drafter" / CONFIG_NAME]


def load_config(cwd: str | Path | None = None) -> Config:
    """The first drafter.toml found (an empty Config when there is none)."""
    for path in config_paths(cwd):
        if path.is_file():
            return _read(path)
    if os.environ.get("DRAFTER_CONFIG"):
        raise ConfigError(f"{os.environ['DRAFTER_CONFIG']}: file not found (from $DRAFTER_CONFIG)")
    return Config()


def _read(path: Path) -> Config:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    for section, value in raw.items():
        if section not in _SECTIONS:
            raise ConfigError(f"{path}: unknown section [{section}]; expected one of: {', '.join(_SECTIONS)}")
        if section in _SECTIONS:
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: {section} must be a table")
            unknown = set(value) - _SECTIONS[section]
            if unknown:
                raise ConfigError(f"{path}: [{section}] unknown keys {sorted(unknown)}")
    overlays = raw.get("bank", {}).get("overlays", [])
    if not isinstance(overlays, list) or not all(isinstance(o, str) for o in overlays):
        raise ConfigError(f"{path}: bank.overlays must be a list of folder paths")
    return Config(path, tuple((path.parent / o).resolve() for o in overlays), raw)
