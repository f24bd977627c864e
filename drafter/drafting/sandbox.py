"""The Jinja2 sandbox every template runs in, bounded: user text (choices, overlays, user kinds) can't hang or
exhaust the process.

Jinja's own sandbox refuses escapes (`__class__`, `|attr`, unsafe callables); this one also bounds work:
ranges, powers and repetition are refused beyond a cap, strings and lists built by a template stay under a
size, each render's output is capped, and each render has a budget of steps and of wall-clock seconds, checked
in the sandbox's hooks (every call, attribute, item, operator, filter and loop iteration), so a runaway
template stops with a SecurityError instead of freezing a server thread that nothing could kill.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any

from jinja2 import nodes
from jinja2.environment import Template
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import _PassArg

from ..errors import DrafterError
from .figures import Figure

__all__ = ["USED", "BoundedSandbox", "FigureSandbox", "RenderLimits", "RenderRefused", "note_used"]

# Figures read by the render in progress: per call (and per thread), so one Drafter serves many at once.
USED: ContextVar[list[Figure] | None] = ContextVar("drafter_figures_used", default=None)


def note_used(figure: Figure) -> None:
    used = USED.get()
    if used is not None:
        used.append(figure)


@dataclass(frozen=True)
class RenderLimits:
    """What one render may do. The defaults are far above what any bank template needs."""

    max_range: int = 10_000  # items in one range()
    max_size: int = 100_000  # characters (or items) in one string or list a template builds
    max_output: int = 200_000  # characters one render writes
    max_power_bits: int = 4_096  # bits in the result of an integer power
    max_steps: int = 2_000_000  # calls, attribute reads, operators and loop iterations per render
    seconds: float = 2.0  # wall-clock time per render


class RenderRefused(SecurityError):
    """A template that asked for more than a render may do, or failed arithmetic; the message is one line."""


class _Budget:
    __slots__ = ("deadline", "limits", "steps")

    def __init__(self, limits: RenderLimits):
        self.limits = limits
        self.steps = 0
        self.deadline = time.monotonic() + limits.seconds

    def tick(self) -> None:
        self.steps += 1
        if self.steps & 255 == 0:
            if self.steps > self.limits.max_steps:
                raise RenderRefused(f"the template does too much work (over {self.limits.max_steps:,} steps)")
            if time.monotonic() > self.deadline:
                raise RenderRefused(f"the template took longer than {self.limits.seconds:g} s")


CODE_SALT = "\0drafter-bounded-sandbox-1"  # change when _parse's guards change: cached bytecode is recompiled
_BUDGET: ContextVar[_Budget | None] = ContextVar("drafter_render_budget", default=None)
_SIZED = (str, bytes, list, tuple)
_WIDE_FORMAT = re.compile(r"\d{5,}")  # a width or precision of 10000 or more in a % or {} format
_ERRORS = (ArithmeticError, RecursionError, MemoryError, ValueError, LookupError, AttributeError)


def _tick() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    text = text if len(text) <= 120 else text[:117] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class BoundedTemplate(Template):
    """A template whose render runs under a fresh budget and stops at the output cap."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        env = self.environment
        limits: RenderLimits = getattr(env, "limits", RenderLimits())
        token = _BUDGET.set(_Budget(limits))
        try:
            out: list[str] = []
            size = 0
            for chunk in self.generate(*args, **kwargs):
                size += len(chunk)
                if size > limits.max_output:
                    raise RenderRefused(f"the output is longer than {limits.max_output:,} characters")
                out.append(chunk)
            return "".join(out)
        except (DrafterError, SecurityError):
            raise
        except RecursionError:
            raise RenderRefused("the template recurses too deeply") from None
        except _ERRORS as exc:
            raise RenderRefused(_short(exc)) from None
        finally:
            _BUDGET.reset(token)


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with bounds on ranges, powers, repetition, sizes, output, steps and time."""

    template_class = BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    limits = RenderLimits()

    def __init__(self, *args: Any, limits: RenderLimits | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if limits is not None:
            self.limits = limits
        if self.bytecode_cache is not None:
            # Cached bytecode compiled by another environment lacks the loop and concatenation guards this
            # one adds while parsing: salt the checksum so only our own compiled code is ever loaded.
            checksum = self.bytecode_cache.get_source_checksum
            self.bytecode_cache.get_source_checksum = lambda source: checksum(source + CODE_SALT)  # type: ignore[method-assign]
        self.globals["range"] = self.bounded_range
        self.globals.pop("lipsum", None)
        self.filters = {name: self._bounded_filter(f) for name, f in self.filters.items()}

    # --- the hooks --------------------------------------------------------------------------------

    def bounded_range(self, *args: Any) -> Iterator[int]:
        rng = range(*args)
        if len(rng) > self.limits.max_range:
            raise RenderRefused(f"range of {len(rng):,} items (at most {self.limits.max_range:,})")
        return self.guard_iter(rng)

    def guard_iter(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """What every {% for %} loops over: each iteration spends from the budget."""
        budget = _BUDGET.get()
        for item in iterable:
            if budget is not None:
                budget.tick()
            yield item

    def guard_size(self, value: Any) -> Any:
        """What every `~` concatenation yields: refused when it grows past the size cap."""
        _tick()
        self._check_size(value)
        return value

    def _check_size(self, value: Any) -> None:
        if isinstance(value, _SIZED) and len(value) > self.limits.max_size:
            raise RenderRefused(f"a value of {len(value):,} items or characters (at most {self.limits.max_size:,})")

    def _check_args(self, args: Iterable[Any]) -> None:
        for arg in args:
            if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > self.limits.max_size:
                raise RenderRefused(f"argument {arg if abs(arg) < 10**12 else 'too large'} is over the cap")

    def _check_format(self, fmt: Any) -> None:
        if isinstance(fmt, str) and _WIDE_FORMAT.search(fmt):
            raise RenderRefused("a format with a width or precision of 10000 or more")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        cap = self.limits.max_size
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, _SIZED) and isinstance(n, int) and len(seq) * max(n, 0) > cap:
                    raise RenderRefused(f"repetition to {len(seq) * n:,} items or characters (at most {cap:,})")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            bits = abs(left).bit_length() * right
            if bits > self.limits.max_power_bits and abs(left) > 1:
                raise RenderRefused(f"power {left}**{right} is too large")
        elif operator == "%":
            self._check_format(left)
        result = super().call_binop(context, operator, left, right)
        self._check_size(result)
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _tick()
        if __obj is not __self.bounded_range and __obj is not __self.guard_iter:
            __self._check_args(args)
            __self._check_args(kwargs.values())
            if getattr(__obj, "__name__", "") in ("format", "format_map"):
                __self._check_format(getattr(__obj, "__self__", None))
        result = super().call(__context, __obj, *args, **kwargs)
        __self._check_size(result)
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return super().getitem(obj, argument)

    def _bounded_filter(self, func: Any) -> Any:
        passes_context = _PassArg.from_obj(func) is not None

        @wraps(func)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            _tick()
            values = args[1:] if passes_context else args
            self._check_args(values[1:])
            self._check_args(kwargs.values())
            if func.__name__ == "do_format" and values:
                self._check_format(values[0])
            result = func(*args, **kwargs)
            self._check_size(result)
            return result

        return bounded

    # --- every loop and concatenation goes through a guard ------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.EnvironmentAttribute("guard_iter"), [loop.iter], [], None, None)
        for concat in list(tree.find_all(nodes.Concat)):
            concat.nodes = [
                nodes.Call(nodes.EnvironmentAttribute("guard_size"), [n], [], None, None) for n in concat.nodes
            ]
        return tree


class FigureSandbox(BoundedSandbox):
    """The bounded sandbox, also noting figures whose raw value a variant reads ({% if x.value == 0 %}),
    so a sentence that words a zero as 未发现 still records the figure it stated."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute == "value" and isinstance(obj, Figure):
            note_used(obj)
        return super().getattr(obj, attribute)
