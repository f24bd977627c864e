"""Polish settings: which model, where, how patient, how parallel; from drafter.toml and the command line."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from ..config import cache_dir
from ..errors import PolishError

__all__ = ["PROVIDERS", "PolishError", "PolishSettings", "default_cache_path"]

PROVIDERS = ("openai", "ollama", "llamacpp")


def default_cache_path() -> Path:
    """$XDG_CACHE_HOME/drafter/polish.sqlite (or ~/.cache/…)."""
    return cache_dir() / "polish.sqlite"


@dataclass(frozen=True)
class PolishSettings:
    """Everything polishing needs to know; `model` is provider:name, e.g. openai:qwen2.5-7b-instruct."""

    model: str = ""
    base_url: str | None = None
    api_key_env: str | None = None
    timeout: float = 60.0
    max_concurrency: int = 4
    retries: int = 2
    backoff: float = 1.0  # first wait; doubles on each retry
    breaker: int = 5  # consecutive failed calls that stop all further calls
    cache: str | bool | None = None  # a path; None for the default; False for no cache
    temperature: float = 0.3
    retry_rejected: bool = False  # re-ask paragraphs whose cached reply the guard rejects, instead of replaying it

    @property
    def endpoint(self) -> str:
        """Where the model answers: the base URL, or the provider's default. Two servers serving a model
        of the same name are two models, so the reply cache keys on this too."""
        if self.base_url:
            return self.base_url.rstrip("/")
        return {"openai": "https://api.openai.com/v1", "ollama": "http://localhost:11434"}.get(self.provider, "local")

    @classmethod
    def from_sources(cls, config: dict[str, Any] | None = None, **overrides: Any) -> PolishSettings:
        """Defaults, then the [llm] table of drafter.toml, then command-line values that are not None."""
        names = {f.name for f in fields(cls)}
        merged = {k: v for k, v in (config or {}).items() if k in names}
        merged.update({k: v for k, v in overrides.items() if v is not None and k in names})
        return cls(**merged)

    @property
    def provider(self) -> str:
        return self.model.partition(":")[0]

    @property
    def model_name(self) -> str:
        return self.model.partition(":")[2]

    def checked(self) -> PolishSettings:
        """These settings, or a PolishError saying what to fix; llama.cpp in-process runs one call at a time."""
        provider, sep, name = self.model.partition(":")
        if not self.model:
            raise PolishError(
                "polishing needs a model: give --llm openai:NAME (or ollama:NAME, llamacpp:PATH.gguf), or set model in the [llm] section of drafter.toml"
            )
        if not sep or not name or provider not in PROVIDERS:
            raise PolishError(
                f"--llm {self.model!r}: expected PROVIDER:MODEL with PROVIDER one of {', '.join(PROVIDERS)}, "
                "e.g. openai:qwen2.5-7b-instruct or ollama:qwen2.5:7b"
            )
        if provider == "llamacpp" and not Path(name).expanduser().is_file():
            raise PolishError(f"--llm {self.model!r}: GGUF file {name} not found")
        if self.api_key_env and not os.environ.get(self.api_key_env):
            raise PolishError(f"--api-key-env {self.api_key_env}: that environment variable is not set")
        if provider == "openai" and not self.base_url and not self.api_key():
            raise PolishError(
                "OPENAI_API_KEY is not set: export it, name another variable with --api-key-env, "
                "or point --base-url at a local OpenAI-compatible server"
            )
        return replace(self, max_concurrency=1) if provider == "llamacpp" else self

    def api_key(self) -> str | None:
        """The API key, read from the environment only (never from a file or the command line)."""
        return os.environ.get(self.api_key_env or "OPENAI_API_KEY") or None

    def cache_path(self) -> Path | None:
        if self.cache is False:
            return None
        return Path(self.cache).expanduser() if isinstance(self.cache, str) and self.cache else default_cache_path()
