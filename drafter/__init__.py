"""drafter: draft Chinese official reports (公文) from figures, and check them.

The public API, re-exported lazily: `import drafter` stays cheap (the CLI
starts fast) and each name loads its module on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "BatchResult": "drafting.batch",
    "Comparison": "zh.numbers",
    "Document": "drafting.document",
    "DocxError": "word.writer",
    "DocxParagraph": "word.reader",
    "DocxReadError": "word.reader",
    "Drafter": "drafting.drafter",
    "DrafterError": "errors",
    "Finding": "review.findings",
    "Kind": "bank.kinds",
    "KindCatalog": "bank.kinds",
    "KindError": "errors",
    "LearnedKind": "authoring.learning",
    "Paragraph": "drafting.document",
    "PhraseBank": "bank.phrasebank",
    "PhraseBankError": "errors",
    "Polish": "drafting.document",
    "PolishError": "polish",
    "PolishReport": "polish",
    "PolishSettings": "polish",
    "PreviewError": "word.preview",
    "PreviewReport": "word.preview",
    "Profile": "word.profiles",
    "ProfileError": "word.profiles",
    "Section": "drafting.document",
    "Sentence": "drafting.document",
    "Slot": "bank.phrasebank",
    "Spec": "bank.spec",
    "SpecError": "errors",
    "TemplateError": "errors",
    "apply_fixes": "review.fixing",
    "builtin_kinds": "bank.kinds",
    "builtin_profiles": "word.profiles",
    "chinese_numeral": "zh.numbers",
    "compare": "zh.numbers",
    "deviations": "word.profiles",
    "docx_bytes": "word.writer",
    "draft": "drafting.drafter",
    "draft_batch": "drafting.batch",
    "find_kinds": "bank.kinds",
    "format_amount": "zh.numbers",
    "format_percent": "zh.numbers",
    "get_kind": "bank.kinds",
    "learn_kind": "authoring.learning",
    "lint_kind": "authoring.kind_lint",
    "get_profile": "word.profiles",
    "load_kind": "bank.kinds",
    "load_phrasebank": "bank.phrasebank",
    "load_profile": "word.profiles",
    "load_spec": "bank.spec",
    "new_kind": "authoring.scaffold",
    "ordinal": "zh.numbers",
    "polish_document": "polish",
    "preview_docx": "word.preview",
    "read_docx": "word.reader",
    "revert_paragraph": "polish",
    "run_rules": "review.rules",
    "validate_spec": "bank.spec",
    "write_docx": "word.writer",
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
    from .authoring.kind_lint import lint_kind
    from .authoring.learning import LearnedKind, learn_kind
    from .authoring.scaffold import new_kind
    from .bank.kinds import Kind, KindCatalog, builtin_kinds, find_kinds, get_kind, load_kind
    from .bank.phrasebank import PhraseBank, Slot, load_phrasebank
    from .bank.spec import Spec, load_spec, validate_spec
    from .drafting.batch import BatchResult, draft_batch
    from .drafting.document import Document, Paragraph, Polish, Section, Sentence
    from .drafting.drafter import Drafter, draft
    from .errors import DrafterError, KindError, PhraseBankError, SpecError, TemplateError
    from .polish import PolishError, PolishReport, PolishSettings, polish_document, revert_paragraph
    from .review.findings import Finding
    from .review.fixing import apply_fixes
    from .review.rules import run_rules
    from .word.preview import PreviewError, PreviewReport, preview_docx
    from .word.profiles import Profile, ProfileError, builtin_profiles, deviations, get_profile, load_profile
    from .word.reader import DocxParagraph, DocxReadError, read_docx
    from .word.writer import DocxError, docx_bytes, write_docx
    from .zh.numbers import Comparison, chinese_numeral, compare, format_amount, format_percent, ordinal
