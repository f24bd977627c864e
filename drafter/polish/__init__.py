"""Guarded polishing by a language model (LangChain); LangChain itself is imported only when a run starts."""

from .cache import ReplyCache
from .guard import Guard, Violation
from .polisher import REVERTED, Outcome, PolishReport, polish_document, revert_paragraph
from .settings import PolishError, PolishSettings

__all__ = [
    "REVERTED",
    "Guard",
    "Outcome",
    "PolishError",
    "PolishReport",
    "PolishSettings",
    "ReplyCache",
    "Violation",
    "polish_document",
    "revert_paragraph",
]
