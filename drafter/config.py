"""drafter.toml: settings from the working folder or the user's config folder."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Config", "ConfigError", "cache_dir", "config_paths", "load_config"]

CONFIG_NAME = "drafter.toml"
# [llm] key -> (accepted types, check, what the value must be); bool is excluded from numbers on purpose.
_LLM_KEYS: dict[str, tuple[tuple[type, ...], Any, str]] = {
    "model": ((str,), lambda v: ":" in v, "a provider:model string such as openai:qwen2.5-7b-instruct"),
    "base_url": ((str,), lambda v: v.startswith(("http://", "https://")), "an http(s):// URL"),
    "api_key_env": ((str,), lambda v: v.isidentifier(), "the name of an environment variable, e.g. OPENAI_API_KEY"),
    "timeout": ((int, float), lambda v: v > 0, "a number of seconds > 0"),
    "max_concurrency": ((int,), lambda v: v >= 1, "an integer ≥ 1"),
    "retries": ((int,), lambda v: v >= 0, "an integer ≥ 0"),
    "backoff": ((int, float), lambda v: v >= 0, "a number of seconds ≥ 0"),
    "breaker": ((int,), lambda v: v >= 1, "an integer ≥ 1 (consecutive failures before giving up)"),
    "cache": ((str, bool), lambda v: v is not True, "a file path, or false to disable the cache"),
    "temperature": ((int, float), lambda v: 0 <= v <= 2, "a number between 0 and 2"),
    "retry_rejected": ((bool,), lambda v: True, "true or false (ask again where the cached reply was rejected)"),
}
_SECTIONS: dict[str, set[str]] = {"bank": {"overlays"}, "kinds": {"dirs"}, "llm": set(_LLM_KEYS)}


@dataclass(frozen=True)
class Config:
    """Settings in force; relative paths are resolved against the file they came from."""

    path: Path | None = None
    overlays: tuple[Path, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict)
    llm: dict[str, Any] = field(default_factory=dict)  # [llm], checked; cache resolved against the file
    kinds_dirs: tuple[Path, ...] = ()  # [kinds] dirs: folders of user kinds


def cache_dir() -> Path:
    """drafter's folder in the user cache: $XDG_CACHE_HOME/drafter, else ~/.cache/drafter.

    Everything kept there can be rebuilt; code that uses it goes on without it when it can't be written.
    """
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drafter"


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
    kinds_dirs = raw.get("kinds", {}).get("dirs", [])
    if not isinstance(kinds_dirs, list) or not all(isinstance(d, str) for d in kinds_dirs):
        raise ConfigError(f"{path}: kinds.dirs must be a list of folder paths (kind folders or folders of them)")
    return Config(
        path,
        tuple((path.parent / o).resolve() for o in overlays),
        raw,
        _llm(path, raw.get("llm", {})),
        tuple((path.parent / d).resolve() for d in kinds_dirs),
    )


def _llm(path: Path, table: dict[str, Any]) -> dict[str, Any]:
    for key, value in table.items():
        types, ok, what = _LLM_KEYS[key]
        if (isinstance(value, bool) and bool not in types) or not isinstance(value, types) or not ok(value):
            raise ConfigError(f"{path}: llm.{key}: must be {what} (got {value!r})")
    out = dict(table)
    if isinstance(out.get("cache"), str):
        out["cache"] = str((path.parent / Path(out["cache"]).expanduser()).resolve())
    return out
