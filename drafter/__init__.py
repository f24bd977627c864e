"""drafter: draft Chinese official reports (公文) from figures, and check them."""

__version__ = "0.1.0"

from .document import Document, Paragraph, Section, Sentence
from .drafting import Drafter, draft
from .errors import DrafterError, KindError, PhraseBankError, SpecError, TemplateError
from .kinds import Kind, builtin_kinds, get_kind, load_kind
from .numbers import Comparison, chinese_numeral, compare, format_amount, format_percent, ordinal
from .phrasebank import PhraseBank, Slot, load_phrasebank
from .spec import Spec, load_spec, validate_spec

__all__ = [
    "Comparison",
    "Document",
    "Drafter",
    "DrafterError",
    "Kind",
    "KindError",
    "Paragraph",
    "PhraseBank",
    "PhraseBankError",
    "Section",
    "Sentence",
    "Slot",
    "Spec",
    "SpecError",
    "TemplateError",
    "builtin_kinds",
    "chinese_numeral",
    "compare",
    "draft",
    "format_amount",
    "format_percent",
    "get_kind",
    "load_kind",
    "load_phrasebank",
    "load_spec",
    "ordinal",
    "validate_spec",
]
