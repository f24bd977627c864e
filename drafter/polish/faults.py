"""Faults of a model server: which errors are worth retrying, backoff, and a circuit breaker."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

__all__ = ["CallFailed", "CircuitBreaker", "CircuitOpen", "Retrying", "describe", "is_retryable", "is_timeout"]

T = TypeVar("T")


class CircuitOpen(Exception):
    """Too many calls in a row failed; no more calls are made in this run."""


class CallFailed(Exception):
    """A call that failed for good (after any retries); `reason` is short enough for the summary."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def _status(exc: BaseException) -> int | None:
    code = getattr(exc, "status_code", None)
    if code is None and getattr(exc, "response", None) is not None:
        code = getattr(exc.response, "status_code", None)
    # A 200 whose body can't be parsed is a bad reply, not an HTTP failure.
    return code if isinstance(code, int) and code >= 400 else None


def is_timeout(exc: BaseException) -> bool:
    """A call that took longer than its timeout (openai, httpx, ollama and builtin flavours)."""
    return isinstance(exc, TimeoutError) or "Timeout" in type(exc).__name__


def is_retryable(exc: BaseException) -> bool:
    """429, 5xx and connection failures are worth another try; a timeout, a 4xx or bad output are not.

    A timed-out call is not retried: a model that is too slow stays too slow, and
    retrying it would multiply the wait. It still counts towards the breaker.
    """
    if is_timeout(exc):
        return False
    code = _status(exc)
    if code is not None:
        return code == 429 or code >= 500
    return (
        isinstance(exc, ConnectionError) or "Connection" in type(exc).__name__ or "ConnectError" in type(exc).__name__
    )


def describe(exc: BaseException) -> str:
    """A short reason for the summary: 'timeout', 'HTTP 503', 'connection error', or the error type."""
    if is_timeout(exc):
        return "timeout"
    code = _status(exc)
    if code is not None:
        return f"HTTP {code}"
    if is_retryable(exc):
        return "connection error"
    return f"bad reply ({type(exc).__name__})"


class CircuitBreaker:
    """Opens after `threshold` consecutive failed calls; a success in between resets the count. Thread-safe."""

    def __init__(self, threshold: int):
        self.threshold = threshold
        self.failures = 0
        self._lock = threading.Lock()

    @property
    def open(self) -> bool:
        return self.failures >= self.threshold

    def record(self, ok: bool) -> None:
        with self._lock:
            self.failures = 0 if ok else self.failures + 1


@dataclass
class Retrying:
    """Calls a function with retries and exponential backoff, through a shared breaker; counts the calls made."""

    breaker: CircuitBreaker
    retries: int = 2
    backoff: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    calls: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __call__(self, fn: Callable[[Any], T], arg: Any) -> T:
        """fn(arg), retried on 429/5xx/connection errors; CallFailed or CircuitOpen when it can't be had."""
        for attempt in range(self.retries + 1):
            if self.breaker.open:
                raise CircuitOpen("circuit open")
            with self._lock:
                self.calls += 1
            try:
                result = fn(arg)
            except Exception as exc:
                if is_retryable(exc) and attempt < self.retries:
                    self.sleep(self.backoff * 2**attempt)
                    continue
                self.breaker.record(False)
                raise CallFailed(describe(exc)) from exc
            self.breaker.record(True)
            return result
        raise AssertionError("unreachable")  # pragma: no cover - the loop always returns or raises
