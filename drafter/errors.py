"""Every error drafter reports to a user, in one tree.

Each class carries the exit code the command line uses for it (compare click's
`ClickException.exit_code`), and also inherits the builtin that fits, so library
callers can catch `LookupError`, `ValueError`, `OSError` or `ImportError` as usual.
The command line maps exceptions to exit codes by class, never by message text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = [
    "DIST",
    "BatchError",
    "ChoicesError",
    "ConfigError",
    "DocxError",
    "DocxReadError",
    "DrafterError",
    "KindError",
    "LearnError",
    "MissingExtra",
    "NormRuleError",
    "PhraseBankError",
    "PolishError",
    "PreviewError",
    "Problem",
    "ProfileError",
    "ReadError",
    "SpecError",
    "TemplateError",
    "UnknownSlot",
    "UploadError",
    "problem_code",
]

DIST = "gongwen-drafter"  # the distribution name `pip install` takes (PyPI's "drafter" is someone else's)


class DrafterError(Exception):
    """Base of every error drafter reports to a user: bad input, exit code 2."""

    exit_code = 2


# ── configuration and kinds ──────────────────────────────────────────────
class ConfigError(DrafterError, ValueError):
    """A drafter.toml that can't be read; names the file and the key."""


class KindError(DrafterError, LookupError):
    """An unknown kind of report, or a kind folder that doesn't validate."""

    def __init__(self, message: str, kind: str | None = None):
        self.kind = kind
        super().__init__(message)


class Problem(str):
    """One problem's message as the command line prints it (a plain str), carrying a code and its values for
    readers that word it their own way (the web page says it in Chinese: drafter/web/static/zh.js FIELD).

    `Problem("must be a whole number (got 'x')", "integer", got="'x'")`; "" as code when none fits. Any
    str operation gives a plain str back, so a message built from one is the text fallback again.
    """

    code: str
    params: dict[str, Any]

    def __new__(cls, message: str, code: str = "", **params: Any) -> Problem:
        self = super().__new__(cls, message)
        self.code = code
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_problem, (str(self), self.code, self.params))


def _problem(message: str, code: str, params: dict[str, Any]) -> Problem:
    return Problem(message, code, **params)


def problem_code(message: str) -> tuple[str, dict[str, Any]]:
    """(code, values) of a problem message: ("", {}) for plain text."""
    if isinstance(message, Problem):
        return message.code, dict(message.params)
    return "", {}


class SpecError(DrafterError, ValueError):
    """A figures spec that can't be read or doesn't validate; keeps the file and field paths.

    `problems` is [(field path, message)]; a message may be a `Problem` (a str with a code and values).
    """

    def __init__(self, file: str | Path | None, problems: list[tuple[str, str]]):
        self.file = str(file) if file is not None else "<spec>"
        self.problems = problems
        lines = [f"{path}: {msg}" if path else msg for path, msg in problems]
        super().__init__(f"{self.file}: " + ("\n  ".join(lines) if len(lines) == 1 else "\n  " + "\n  ".join(lines)))


# ── the phrase bank and drafting ─────────────────────────────────────────
class PhraseBankError(DrafterError):
    """A phrase-bank slot that is missing, malformed or fails to render."""

    def __init__(self, message: str, slot: str | None = None):
        self.slot = slot
        super().__init__(message)


class UnknownSlot(PhraseBankError, LookupError):
    """A slot id (or prefix) the kind's bank doesn't have."""


class TemplateError(DrafterError):
    """A section template that fails to render."""

    def __init__(self, message: str, template: str | None = None):
        self.template = template
        super().__init__(message)


class ChoicesError(DrafterError, ValueError):
    """A choices file that can't be read; names the file and the slot."""


class BatchError(DrafterError, ValueError):
    """A batch table that can't be read at all (missing, unreadable, no header)."""


# ── documents in and out ─────────────────────────────────────────────────
class ReadError(DrafterError, OSError):
    """A document that can't be read."""


class DocxReadError(DrafterError):
    """A file that isn't a readable .docx."""


class DocxError(DrafterError):
    """A document that can't be written as .docx."""


class ProfileError(DrafterError, ValueError):
    """A profile that can't be found or a TOML profile that doesn't validate; names the file and the key."""

    def __init__(self, message: str, file: str | Path | None = None, field: str | None = None):
        self.file = str(file) if file is not None else None
        self.field = field
        where = ": ".join(x for x in (self.file, field) if x)
        super().__init__(f"{where}: {message}" if where else message)


class PreviewError(DrafterError):
    """A preview that can't be made: LibreOffice or poppler missing, or a conversion that failed."""


class UploadError(DrafterError, ValueError):
    """An uploaded file drafter can't use: wrong type, not UTF-8, not a .docx."""


# ── review, authoring, polishing ─────────────────────────────────────────
class NormRuleError(DrafterError, ValueError):
    """A norms.yaml that can't be read or has a malformed rule; names the file and the rule id."""

    def __init__(self, file: str | Path, message: str, rule_id: str | None = None):
        self.file, self.rule_id = str(file), rule_id
        where = f"{file}: rule {rule_id!r}" if rule_id else str(file)
        super().__init__(f"{where}: {message}")


class LearnError(DrafterError, ValueError):
    """A report drafter can't learn a kind from, or a folder it won't write into."""


class PolishError(DrafterError):
    """Polishing can't start: a bad model string, a missing API key, a missing extra."""


class MissingExtra(DrafterError, ImportError):
    """An optional extra that isn't installed; the message names the pip install that brings it."""

    def __init__(self, what: str, extra: str, package: str | None = None):
        self.extra, self.package = extra, package
        super().__init__(f"{what}: {install_hint(extra)}", name=package)


def _checkout() -> Path | None:
    """The source checkout drafter runs from (pyproject.toml next to the package naming DIST), or None."""
    root = Path(__file__).resolve().parent.parent
    try:
        text = (root / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return None
    return root if f'name = "{DIST}"' in text else None


def install_hint(extra: str) -> str:
    """The command that installs an optional extra: from PyPI, or `pip install -e '.[extra]'` in a checkout."""
    if _checkout() is not None:
        return f"pip install -e '.[{extra}]' (in {_checkout()})"
    return f"pip install '{DIST}[{extra}]'"
