"""Which kind fits a document best: the share of each kind's required themes the document covers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .matching import ThemeMatcher
from .source import Source

__all__ = ["KindFit", "better_fit", "kind_fits"]

# Another kind is worth naming only when it covers clearly more of its own required themes.
MARGIN = 0.15


@dataclass(frozen=True)
class KindFit:
    kind: str
    coverage: float  # share of the kind's required themes found
    found: int
    required: int


def kind_fits(src: Source, matchers: Iterable[tuple[str, ThemeMatcher]]) -> list[KindFit]:
    """Every kind's fit, best first (ties keep the order given: built-in kinds first)."""
    fits = []
    for kind_id, matcher in matchers:
        required = {t.id for t in matcher.themes if t.required}
        found = matcher.found(src.text, src.normalised) & required
        share = len(found) / len(required) if required else 0.0
        fits.append(KindFit(kind_id, share, len(found), len(required)))
    return sorted(fits, key=lambda f: -f.coverage)


def better_fit(fits: list[KindFit], kind_id: str) -> KindFit | None:
    """The best other kind when it fits clearly better than kind_id, else None."""
    mine = next((f for f in fits if f.kind == kind_id), None)
    best = fits[0] if fits else None
    if best is None or mine is None or best.kind == kind_id:
        return None
    return best if best.coverage >= mine.coverage + MARGIN else None
