"""YAML reading through libyaml when PyYAML has it (several times faster than the pure-Python parser)."""

from __future__ import annotations

from typing import IO, Any

import yaml

__all__ = ["safe_load"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """yaml.safe_load, with the C loader when available; raises yaml.YAMLError alike."""
    return yaml.load(stream, Loader=_LOADER)
