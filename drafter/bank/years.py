"""The year data: dated central events, what a year's report studies, and formulations right only in a window.

One source for every dated formulation (phrasebank/years/): drafting reads what a
year's report names (`year_facts`), review reads the windows (`dated_terms`).

    events()            -> {id: Event}
    year_facts(2025)    -> YearFacts(congress, plenaries, campaign, ...) with events resolved
    dated_terms()       -> (DatedTerm, ...) with windows as dates (month-only bounds widened)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import DrafterError
from ..yamlio import safe_load
from .kinds import data_root

__all__ = ["DatedTerm", "Event", "YearDataError", "YearFacts", "dated_terms", "events", "year_facts", "years_dir"]


class YearDataError(DrafterError, ValueError):
    """A year-data file that can't be read or has a malformed entry."""


@dataclass(frozen=True)
class Event:
    """A congress, plenary, campaign, document, meeting or rename with its dates."""

    id: str
    type: str
    name: str
    start: dt.date | None
    end: dt.date | None = None
    study_from: dt.date | None = None
    study_until: dt.date | None = None
    full_name: str = ""
    cite_as: str = ""
    notes: str = ""


@dataclass(frozen=True)
class YearFacts:
    """What a report summing up `year` studies and names."""

    year: int
    congress: Event | None
    plenaries: tuple[Event, ...]
    campaign: Event | None
    campaign_text: str | None
    thought: str | None
    documents: tuple[Event, ...]
    notes: str = ""


@dataclass(frozen=True)
class DatedTerm:
    """A formulation that is right only inside [valid_from, valid_until] (None = open)."""

    id: str
    term: str
    kind: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    instead: str | None
    note: str
    source: str
    event: str | None
    test_at: dt.date | None
    hits: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (
            self.valid_until is None or day <= self.valid_until
        )


def years_dir() -> Path:
    return data_root() / "years"


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def to_date(value: Any, end: bool = False, where: str = "") -> dt.date | None:
    """A YAML date, 'YYYY-MM-DD' or 'YYYY-MM' (the 1st, or the last day when `end`); None stays None."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = _MONTH.match(value)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            return dt.date(y, mo, calendar.monthrange(y, mo)[1] if end else 1)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise YearDataError(f"{where}: {value!r} is not a date (YYYY-MM-DD or YYYY-MM)")


def _load(name: str) -> Any:
    path = years_dir() / name
    try:
        return safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise YearDataError(f"{path}: file not found") from None


@cache
def events() -> dict[str, Event]:
    """Every event of years.yaml by id."""
    out: dict[str, Event] = {}
    for raw in _load("years.yaml")["events"]:
        where = f"years.yaml: event {raw.get('id')!r}"
        out[raw["id"]] = Event(
            id=raw["id"],
            type=raw["type"],
            name=raw["name"],
            start=to_date(raw.get("start"), where=where),
            end=to_date(raw.get("end"), end=True, where=where),
            study_from=to_date(raw.get("study_from"), where=where),
            study_until=to_date(raw.get("study_until"), end=True, where=where),
            full_name=raw.get("full_name") or "",
            cite_as=raw.get("cite_as") or "",
            notes=raw.get("notes") or "",
        )
    return out


@cache
def _by_year() -> dict[int, dict[str, Any]]:
    return {int(y): v for y, v in _load("by_year.yaml")["years"].items()}


def years() -> tuple[int, ...]:
    """The report years the data covers."""
    return tuple(sorted(_by_year()))


def year_facts(year: int) -> YearFacts:
    """What the report on `year` studies (congress, plenaries, campaign, documents); KeyError outside the data."""
    raw = _by_year()[year]
    ev = events()

    def one(key: str) -> Event | None:
        return ev[raw[key]] if raw.get(key) else None

    return YearFacts(
        year=year,
        congress=one("congress"),
        plenaries=tuple(ev[p] for p in raw.get("plenaries") or ()),
        campaign=one("campaign"),
        campaign_text=raw.get("campaign_text"),
        thought=raw.get("thought"),
        documents=tuple(ev[d] for d in raw.get("documents") or ()),
        notes=raw.get("notes") or "",
    )


@cache
def dated_terms() -> tuple[DatedTerm, ...]:
    """The formulations of dated_terms.yaml with their windows."""
    out = []
    for raw in _load("dated_terms.yaml")["terms"]:
        where = f"dated_terms.yaml: term {raw.get('id')!r}"
        examples = raw.get("examples") or {}
        out.append(
            DatedTerm(
                id=raw["id"],
                term=raw["term"],
                kind=raw.get("kind", "literal"),
                valid_from=to_date(raw.get("valid_from"), where=where),
                valid_until=to_date(raw.get("valid_until"), end=True, where=where),
                instead=raw.get("instead"),
                note=raw.get("note") or "",
                source=raw.get("source") or "",
                event=raw.get("event"),
                test_at=to_date(raw.get("test_at"), where=where),
                hits=tuple(examples.get("hit") or ()),
                misses=tuple(examples.get("miss") or ()),
            )
        )
    return tuple(out)
