"""Chat models by provider: openai (any OpenAI-compatible server), ollama, llamacpp (a local GGUF, optional)."""

from __future__ import annotations

import warnings
from typing import Any

from ..errors import install_hint
from .settings import PolishError, PolishSettings

__all__ = ["make_chat_model"]

# OpenAI-compatible local servers (vLLM, llama.cpp, Ollama's /v1) want some key but ignore it.
_LOCAL_KEY = "not-needed"
# A paragraph is at most a few hundred characters; a model that rambles past this is cut off (and then rejected).
MAX_TOKENS = 1024


def _missing(what: str, extra: str) -> PolishError:
    return PolishError(f"polishing with {what} needs extra packages: {install_hint(extra)}")


def _openai(s: PolishSettings) -> Any:
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise _missing("openai:", "llm") from None
    # ChatOpenAI sends max_tokens as OpenAI's newer max_completion_tokens, which llama.cpp's and other
    # compatible servers ignore (generating until the context is full); to them send plain max_tokens.
    limit = {"extra_body": {"max_tokens": MAX_TOKENS}} if s.base_url else {"max_tokens": MAX_TOKENS}
    # max_retries=0: retries, backoff and the circuit breaker are ours (faults.py), the same for every provider.
    return ChatOpenAI(
        model=s.model_name,
        base_url=s.base_url,
        api_key=s.api_key() or _LOCAL_KEY,
        timeout=s.timeout,
        max_retries=0,
        temperature=s.temperature,
        **limit,
    )


def _ollama(s: PolishSettings) -> Any:
    try:
        from langchain_ollama import ChatOllama
    except ImportError:
        raise _missing("ollama:", "llm") from None
    extra = {"base_url": s.base_url} if s.base_url else {}
    return ChatOllama(
        model=s.model_name,
        temperature=s.temperature,
        num_predict=MAX_TOKENS,
        client_kwargs={"timeout": s.timeout},
        **extra,
    )


def _llamacpp(s: PolishSettings) -> Any:
    try:
        # langchain_community warns on import that it is being retired; that is its business, not the user's.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from langchain_community.chat_models import ChatLlamaCpp
    except ImportError:
        raise _missing("llamacpp:", "llamacpp") from None
    try:
        return ChatLlamaCpp(
            model_path=s.model_name, temperature=s.temperature, max_tokens=MAX_TOKENS, n_ctx=4096, verbose=False
        )
    except ImportError:
        raise _missing("llamacpp:", "llamacpp") from None


def make_chat_model(settings: PolishSettings) -> Any:
    """A LangChain chat model for settings.model (provider:name), configured for our timeout and no own retries."""
    makers = {"openai": _openai, "ollama": _ollama, "llamacpp": _llamacpp}
    return makers[settings.checked().provider](settings)
