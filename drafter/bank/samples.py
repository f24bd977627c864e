"""Sample figures of a kind (from kind.yaml), used to show and check variants."""

from __future__ import annotations

from functools import cache

from ..errors import KindError
from .kinds import Kind
from .spec import Spec, validate_spec

__all__ = ["sample_spec"]


@cache
def sample_spec(kind: Kind, level: str | None = None) -> Spec:
    """A spec with every figure at its sample value (level: the kind's first by default)."""
    data: dict = {
        "kind": kind.id,
        "organisation": {"name": "样例县", "level": level or next(iter(kind.levels))},
        "year": 2025,
    }
    if kind.basis:  # so the variants citing the notice can be shown and linted
        data["basis"] = {"title": "关于开展作风建设专项自查的通知", "number": "样纪办发〔2025〕3号"}
    for f in kind.figures:
        if f.type == "rate":
            continue
        if f.compare and not (isinstance(f.sample, list) and len(f.sample) == 2):
            raise KindError(
                f"{kind.path}/kind.yaml: figures.{f.path}.sample: a compared figure needs [current, previous]"
            )
        value = {"current": f.sample[0], "previous": f.sample[1]} if f.compare else f.sample
        data.setdefault(f.group, {})[f.name] = value
    return validate_spec(data, f"{kind.path}/kind.yaml (samples)", kinds_dirs=[kind.path])
