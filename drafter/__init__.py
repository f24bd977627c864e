"""drafter: draft Chinese official reports (公文) from figures, and check them.

The public API is the list in `_EXPORTS`, re-exported lazily: `import drafter`
stays cheap (the command line starts fast) and each name loads its module on
first use. Everything else is importable from its stage package (see
ARCHITECTURE.md) but may change between versions.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module that defines it: the public API.
_EXPORTS: dict[str, str] = {
    # the workspace and the one-call functions
    "Workspace": "workspace",
    "draft": "workspace",
    "check_file": "workspace",
    # specs and kinds
    "Kind": "bank.kinds",
    "get_kind": "bank.kinds",
    "Spec": "bank.spec",
    "load_spec": "bank.spec",
    "validate_spec": "bank.spec",
    # drafting and the document
    "Drafter": "drafting.drafter",
    "draft_batch": "drafting.batch",
    "Document": "document",
    "Section": "document",
    "Paragraph": "document",
    "Sentence": "document",
    # review
    "Checker": "review.checker",
    "CheckResult": "review.checker",
    "Finding": "review.findings",
    # polishing
    "polish_document": "polish",
    "PolishSettings": "polish",
    "PolishReport": "polish",
    # Word
    "write_docx": "word.writer",
    "docx_bytes": "word.writer",
    "read_docx": "word.reader",
    # errors
    "DrafterError": "errors",
    "SpecError": "errors",
    "KindError": "errors",
    "PhraseBankError": "errors",
    "UnknownSlot": "errors",
    "TemplateError": "errors",
    "DocxReadError": "errors",
    "MissingExtra": "errors",
}

__all__ = [  # the same names as _EXPORTS (a test keeps them equal)
    "CheckResult",
    "Checker",
    "Document",
    "DocxReadError",
    "Drafter",
    "DrafterError",
    "Finding",
    "Kind",
    "KindError",
    "MissingExtra",
    "Paragraph",
    "PhraseBankError",
    "PolishReport",
    "PolishSettings",
    "Section",
    "Sentence",
    "Spec",
    "SpecError",
    "TemplateError",
    "UnknownSlot",
    "Workspace",
    "check_file",
    "docx_bytes",
    "draft",
    "draft_batch",
    "get_kind",
    "load_spec",
    "polish_document",
    "read_docx",
    "validate_spec",
    "write_docx",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'drafter' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:  # for type checkers and editors; nothing is imported at run time
    from .bank.kinds import Kind, get_kind
    from .bank.spec import Spec, load_spec, validate_spec
    from .document import Document, Paragraph, Section, Sentence
    from .drafting.batch import draft_batch
    from .drafting.drafter import Drafter
    from .errors import (
        DocxReadError,
        DrafterError,
        KindError,
        MissingExtra,
        PhraseBankError,
        SpecError,
        TemplateError,
        UnknownSlot,
    )
    from .polish import PolishReport, PolishSettings, polish_document
    from .review.checker import Checker, CheckResult
    from .review.findings import Finding
    from .word.reader import read_docx
    from .word.writer import docx_bytes, write_docx
    from .workspace import Workspace, check_file, draft
