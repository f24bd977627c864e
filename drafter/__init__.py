"""drafter: draft Chinese official reports (公文) from figures, and check them.

The public API, re-exported lazily: `import drafter` stays cheap (the CLI
starts fast) and each name loads its module on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "BatchResult": "batch",
    "Comparison": "numbers",
    "Document": "document",
    "DocxError": "docx_writer",
    "DocxParagraph": "docx_reader",
    "DocxReadError": "docx_reader",
    "Drafter": "drafting",
    "DrafterError": "errors",
    "Finding": "findings",
    "Kind": "kinds",
    "KindCatalog": "kinds",
    "KindError": "errors",
    "LearnedKind": "learning",
    "Paragraph": "document",
    "PhraseBank": "phrasebank",
    "PhraseBankError": "errors",
    "Polish": "document",
    "PolishError": "polish",
    "PolishReport": "polish",
    "PolishSettings": "polish",
    "PreviewError": "preview",
    "PreviewReport": "preview",
    "Profile": "profiles",
    "ProfileError": "profiles",
    "Section": "document",
    "Sentence": "document",
    "Slot": "phrasebank",
    "Spec": "spec",
    "SpecError": "errors",
    "TemplateError": "errors",
    "apply_fixes": "fixing",
    "builtin_kinds": "kinds",
    "builtin_profiles": "profiles",
    "chinese_numeral": "numbers",
    "compare": "numbers",
    "deviations": "profiles",
    "docx_bytes": "docx_writer",
    "draft": "drafting",
    "draft_batch": "batch",
    "find_kinds": "kinds",
    "format_amount": "numbers",
    "format_percent": "numbers",
    "get_kind": "kinds",
    "learn_kind": "learning",
    "lint_kind": "kind_lint",
    "get_profile": "profiles",
    "load_kind": "kinds",
    "load_phrasebank": "phrasebank",
    "load_profile": "profiles",
    "load_spec": "spec",
    "new_kind": "scaffold",
    "ordinal": "numbers",
    "polish_document": "polish",
    "preview_docx": "preview",
    "read_docx": "docx_reader",
    "revert_paragraph": "polish",
    "run_rules": "rules",
    "validate_spec": "spec",
    "write_docx": "docx_writer",
}

__all__ = [
    "BatchResult",
    "Comparison",
    "Document",
    "DocxError",
    "DocxParagraph",
    "DocxReadError",
    "Drafter",
    "DrafterError",
    "Finding",
    "Kind",
    "KindCatalog",
    "KindError",
    "LearnedKind",
    "Paragraph",
    "PhraseBank",
    "PhraseBankError",
    "Polish",
    "PolishError",
    "PolishReport",
    "PolishSettings",
    "PreviewError",
    "PreviewReport",
    "Profile",
    "ProfileError",
    "Section",
    "Sentence",
    "Slot",
    "Spec",
    "SpecError",
    "TemplateError",
    "apply_fixes",
    "builtin_kinds",
    "builtin_profiles",
    "chinese_numeral",
    "compare",
    "deviations",
    "docx_bytes",
    "draft",
    "draft_batch",
    "find_kinds",
    "format_amount",
    "format_percent",
    "get_kind",
    "get_profile",
    "learn_kind",
    "lint_kind",
    "load_kind",
    "load_phrasebank",
    "load_profile",
    "load_spec",
    "new_kind",
    "ordinal",
    "polish_document",
    "preview_docx",
    "read_docx",
    "revert_paragraph",
    "run_rules",
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
    from .batch import BatchResult, draft_batch
    from .document import Document, Paragraph, Polish, Section, Sentence
    from .docx_reader import DocxParagraph, DocxReadError, read_docx
    from .docx_writer import DocxError, docx_bytes, write_docx
    from .drafting import Drafter, draft
    from .errors import DrafterError, KindError, PhraseBankError, SpecError, TemplateError
    from .findings import Finding
    from .fixing import apply_fixes
    from .kind_lint import lint_kind
    from .kinds import Kind, KindCatalog, builtin_kinds, find_kinds, get_kind, load_kind
    from .learning import LearnedKind, learn_kind
    from .numbers import Comparison, chinese_numeral, compare, format_amount, format_percent, ordinal
    from .phrasebank import PhraseBank, Slot, load_phrasebank
    from .polish import PolishError, PolishReport, PolishSettings, polish_document, revert_paragraph
    from .preview import PreviewError, PreviewReport, preview_docx
    from .profiles import Profile, ProfileError, builtin_profiles, deviations, get_profile, load_profile
    from .rules import run_rules
    from .scaffold import new_kind
    from .spec import Spec, load_spec, validate_spec
