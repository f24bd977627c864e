"""drafter: draft Chinese official reports (公文) from figures, and check them."""

__version__ = "0.1.0"

from .document import Document, Paragraph, Polish, Section, Sentence
from .docx_reader import DocxParagraph, DocxReadError, read_docx
from .docx_writer import DocxError, docx_bytes, write_docx
from .drafting import Drafter, draft
from .errors import DrafterError, KindError, PhraseBankError, SpecError, TemplateError
from .findings import Finding
from .fixing import apply_fixes
from .kinds import Kind, builtin_kinds, get_kind, load_kind
from .numbers import Comparison, chinese_numeral, compare, format_amount, format_percent, ordinal
from .phrasebank import PhraseBank, Slot, load_phrasebank
from .polish import PolishError, PolishReport, PolishSettings, polish_document, revert_paragraph
from .preview import PreviewError, PreviewReport, preview_docx
from .profiles import Profile, ProfileError, builtin_profiles, deviations, get_profile, load_profile
from .rules import run_rules
from .spec import Spec, load_spec, validate_spec

__all__ = [
    "Comparison",
    "Document",
    "DocxError",
    "DocxParagraph",
    "DocxReadError",
    "Drafter",
    "DrafterError",
    "Finding",
    "Kind",
    "KindError",
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
    "format_amount",
    "format_percent",
    "get_kind",
    "get_profile",
    "load_kind",
    "load_phrasebank",
    "load_profile",
    "load_spec",
    "ordinal",
    "polish_document",
    "preview_docx",
    "read_docx",
    "revert_paragraph",
    "run_rules",
    "validate_spec",
    "write_docx",
]
