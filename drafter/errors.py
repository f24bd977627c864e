"""Errors drafter raises; the CLI turns each into one readable line and exit code 2."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DrafterError", "KindError", "PhraseBankError", "SpecError", "TemplateError"]


class DrafterError(Exception):
    """Base of every error drafter reports to a user."""


class SpecError(DrafterError, ValueError):
    """A figures spec that can't be read or doesn't validate; keeps the file and field paths."""

    def __init__(self, file: str | Path | None, problems: list[tuple[str, str]]):
        self.file = str(file) if file is not None else "<spec>"
        self.problems = problems
        lines = [f"{path}: {msg}" if path else msg for path, msg in problems]
        super().__init__(f"{self.file}: " + ("\n  ".join(lines) if len(lines) == 1 else "\n  " + "\n  ".join(lines)))


class KindError(DrafterError, LookupError):
    """An unknown kind of report, or a kind folder that doesn't validate."""

    def __init__(self, message: str, kind: str | None = None):
        self.kind = kind
        super().__init__(message)


class PhraseBankError(DrafterError):
    """A phrase-bank slot that is missing, malformed or fails to render."""

    def __init__(self, message: str, slot: str | None = None):
        self.slot = slot
        super().__init__(message)


class TemplateError(DrafterError):
    """A section template that fails to render."""

    def __init__(self, message: str, template: str | None = None):
        self.template = template
        super().__init__(message)
