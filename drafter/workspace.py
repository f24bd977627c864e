"""The Workspace: the settings in force and what is built from them, cached per kind.

Compare Jinja's `Environment`: one object owns configuration (drafter.toml, the
user's kinds folders, overlay banks, the [llm] table) and hands out drafters,
checkers and polish settings built from it. The command line, the web
workbench, batch drafting and the Python API all go through one, so no path
forgets the user's kinds folders or overlays.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .bank.kinds import DEFAULT_KIND, Kind, KindCatalog, find_kinds, get_kind
from .bank.spec import Spec, read_spec_data, validate_spec
from .config import Config, load_config
from .document import Document
from .drafting.drafter import Drafter, load_bank

if TYPE_CHECKING:
    from .polish import PolishReport, PolishSettings
    from .review.checker import Checker, CheckResult
    from .review.kindfit import KindFit
    from .review.matching import ThemeMatcher
    from .review.source import Source

__all__ = ["Workspace", "check_file", "draft"]


class Workspace:
    """Configuration in force, and the drafters and checkers made from it (built once per kind, thread-safe).

    Args:
        config (Config): settings read from a drafter.toml (`Workspace.from_config` reads it); none by default.
        kinds_dirs (iterable of paths): user kinds folders, after those of the config.
        overlays (iterable of paths): overlay banks layered over every kind's bank, after those of the config.
        llm (mapping): [llm] settings that override the config's.
    """

    def __init__(
        self,
        config: Config | None = None,
        kinds_dirs: Iterable[str | Path] = (),
        overlays: Iterable[str | Path] = (),
        llm: Mapping[str, Any] | None = None,
    ):
        self.config = config or Config()
        self.kinds_dirs: tuple[str, ...] = (*map(str, self.config.kinds_dirs), *map(str, kinds_dirs))
        self.overlays: tuple[str, ...] = (*map(str, self.config.overlays), *map(str, overlays))
        self.llm: dict[str, Any] = {**self.config.llm, **(llm or {})}
        self._lock = threading.Lock()
        self._drafters: dict[str, Drafter] = {}
        self._checkers: dict[tuple[str, str, bool], Checker] = {}
        self._matchers: dict[tuple[str, str], ThemeMatcher] = {}

    @classmethod
    def from_config(
        cls, cwd: str | Path | None = None, kinds_dirs: Iterable[str | Path] = (), overlays: Iterable[str | Path] = ()
    ) -> Workspace:
        """The workspace of drafter.toml (./drafter.toml, the user config folder or $DRAFTER_CONFIG), plus extras."""
        return cls(load_config(cwd), kinds_dirs, overlays)

    # --- kinds and specs --------------------------------------------------------------------------

    def kind(self, kind_id: str = DEFAULT_KIND) -> Kind:
        """A built-in kind or one from the kinds folders; a KindError (a LookupError) says why not."""
        return get_kind(kind_id, self.kinds_dirs)  # cached by get_kind, and fresh when a kind folder changes

    def catalog(self) -> KindCatalog:
        """Every kind in reach, with the folders that failed to load."""
        return find_kinds(self.kinds_dirs)

    def validate(self, data: Any, file: str | Path | None = None) -> Spec:
        """Parsed spec data checked against its kind; a SpecError names every bad field."""
        return validate_spec(data, file, resolve=self.kind)

    def load_spec(self, path: str | Path) -> Spec:
        """A figures spec file (YAML, JSON or TOML), read and validated."""
        return self.validate(read_spec_data(path), path)

    def spec(self, spec: Spec | Mapping[str, Any] | str | Path) -> Spec:
        """A Spec from a Spec, a mapping of spec data, or a file path."""
        if isinstance(spec, Spec):
            return spec
        if isinstance(spec, (str, Path)):
            return self.load_spec(spec)
        return self.validate(dict(spec))

    # --- drafting -----------------------------------------------------------------------------------

    def drafter(self, kind_id: str = DEFAULT_KIND) -> Drafter:
        """The kind's drafter, with the overlays layered over its bank; re-entrant, so shared."""
        drafter = self._drafters.get(kind_id)
        if drafter is None:
            kind = self.kind(kind_id)
            with self._lock:
                drafter = self._drafters.get(kind_id) or Drafter(kind, load_bank(kind, self.overlays))
                self._drafters[kind_id] = drafter
        return drafter

    def draft(
        self,
        spec: Spec | Mapping[str, Any] | str | Path,
        seed: int = 0,
        choices: Mapping[str, int | str] | None = None,
    ) -> Document:
        """Draft a report from a spec (a Spec, spec data, or a file path); `choices` pins slots."""
        spec = self.spec(spec)
        return self.drafter(spec.kind).draft(spec, seed, choices)

    # --- review -------------------------------------------------------------------------------------

    def checker(self, kind_id: str = DEFAULT_KIND, segmenter: str = "jieba", salient: bool = True) -> Checker:
        """The kind's checker (theme automaton, rules, suggestions from its bank); stateless, so shared."""
        key = (kind_id, segmenter, salient)
        checker = self._checkers.get(key)
        if checker is None:
            from .drafting.suggestion import Suggester
            from .review.checker import Checker

            kind, matcher = self.kind(kind_id), self.matcher(kind_id, segmenter)

            def suggest(src: Source, theme_ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
                # the bank is read only when a document lacks a theme
                return Suggester(self.drafter(kind_id))(src, theme_ids)

            with self._lock:
                checker = self._checkers.get(key) or Checker(
                    kind, segmenter, suggest=suggest, salient=salient, matcher=matcher
                )
                self._checkers[key] = checker
        return checker

    def matcher(self, kind_id: str = DEFAULT_KIND, segmenter: str = "jieba") -> ThemeMatcher:
        """The kind's theme matcher alone (what scoring a kind's fit needs: no bank, no drafter)."""
        key = (kind_id, segmenter)
        matcher = self._matchers.get(key)
        if matcher is None:
            from .review.matching import ThemeMatcher

            themes = self.kind(kind_id).themes
            with self._lock:
                matcher = self._matchers.get(key) or ThemeMatcher(themes, segmenter)
                self._matchers[key] = matcher
        return matcher

    def check_file(self, path: str | Path, kind_id: str = DEFAULT_KIND) -> CheckResult:
        """Check one .txt/.md/.docx file (or '-' for standard input) against a kind ('auto': the best fit)."""
        from .review.source import read_source

        return self.check(read_source(path), kind_id)

    def check(
        self, src: Source, kind_id: str = DEFAULT_KIND, segmenter: str = "jieba", salient: bool = True, jobs: int = 1
    ):
        """Check a document read into a Source; `kind_id` 'auto' picks the best fit. The result lists every fit.

        `jobs` > 1 lets a long document's rules run partly in a second process (review.worker; same result).
        """
        from .review.rules import RULE_FAMILIES
        from .review.worker import RuleRun

        rules = RuleRun(src, RULE_FAMILIES, jobs)  # a long text's worker starts now, while kinds are scored
        try:
            fits = self.kind_fits(src, segmenter)
            checker = self.checker(fits[0].kind if kind_id == "auto" else kind_id, segmenter, salient)
        except BaseException:
            rules.close()
            raise
        result = checker.check(src, rules)
        result.fits = fits
        return result

    def kind_fits(self, src: Source, segmenter: str = "jieba") -> list[KindFit]:
        """Each kind in reach (built-in first), scored by the share of its required themes the document covers."""
        from .review.kindfit import kind_fits

        ids = list(self.catalog().kinds)
        return kind_fits(src, [(k, self.matcher(k, segmenter)) for k in ids])

    def best_kind(self, src: Source, segmenter: str = "jieba") -> str:
        """The id of the kind that fits the document best."""
        return self.kind_fits(src, segmenter)[0].kind

    # --- polishing ----------------------------------------------------------------------------------

    def polish_settings(self, **overrides: Any) -> PolishSettings:
        """Model settings: defaults, then [llm] of the config, then the overrides that are not None."""
        from .polish import PolishSettings

        return PolishSettings.from_sources(self.llm, **overrides)

    def polish(
        self,
        doc: Document,
        settings: PolishSettings | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> PolishReport:
        """Polish doc in place with the guard of its own kind (user kinds included)."""
        from .polish import Guard, polish_document

        settings = settings or self.polish_settings()
        return polish_document(doc, settings, guard=Guard(self.kind(doc.kind)), progress=progress)


def draft(
    spec: Spec | Mapping[str, Any] | str | Path,
    seed: int = 0,
    choices: Mapping[str, int | str] | None = None,
    overlays: Iterable[str | Path] = (),
    kinds_dirs: Iterable[str | Path] = (),
) -> Document:
    """Draft a report.

    Args:
        spec (Spec | mapping | path): a validated Spec, spec data, or a YAML/JSON/TOML file.
        seed (int): which variants to prefer; the same seed gives the same draft.
        choices (mapping): slot id -> variant index, or the editor's own text for that slot.
        overlays (iterable of paths): overlay banks layered over the kind's bank.
        kinds_dirs (iterable of paths): folders of user kinds.
    RETURNS (Document): the draft, with each sentence's slot, variant and figures.
    """
    return Workspace(kinds_dirs=kinds_dirs, overlays=overlays).draft(spec, seed, choices)


def check_file(path: str | Path, kind: str = DEFAULT_KIND, segmenter: str = "jieba") -> CheckResult:
    """Check one .txt/.md/.docx file (or '-' for stdin) against a kind's themes and the review rules."""
    return Workspace().checker(kind, segmenter).check_file(path)
