"""The one YAML (and JSON) reader: strict and bounded.

YAML goes through libyaml when PyYAML has it (several times faster than the pure-Python parser), with
a constructor that refuses what a figures spec, a choices file, an overlay or a kind folder never needs
and a hostile file could abuse:

- aliases (`*name`), so a few hundred bytes can't expand into gigabytes ("billion laughs");
- nesting deeper than MAX_DEPTH;
- a key given twice in one mapping (YAML would silently keep the last one);
- values the constructor can't make (a date such as 2026-13-45, an integer of thousands of digits),
  reported as a YAMLError with the line instead of a ValueError from deep inside PyYAML.

JSON gets the same three rules through `json_loads`. Every refusal is a yaml.YAMLError (JSON: a
json.JSONDecodeError) with a short message, so the callers' existing error paths name the file.
"""

from __future__ import annotations

import json
import reprlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, SequenceNode

__all__ = [
    "MAX_DEPTH",
    "check_depth",
    "json_loads",
    "load_file",
    "read_problem",
    "safe_load",
    "short_repr",
    "yaml_problem",
]

MAX_DEPTH = 64  # far deeper than any spec, bank or kind file; shallow enough that nothing recurses too far

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_REPR = reprlib.Repr()
_REPR.maxstring = 60
_REPR.maxother = 60
_REPR.maxlong = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4
_REPR.maxlevel = 2


def short_repr(value: Any) -> str:
    """repr() cut short, for error messages that quote a value the user gave."""
    try:
        text = _REPR.repr(value)
    except Exception:  # a repr that fails (or an int too long for str) is still described
        return f"<{type(value).__name__}>"
    return text if len(text) <= 120 else text[:117] + "..."


def _check_graph(root: Node) -> None:
    """Refuse aliases (a node reached twice) and nesting deeper than MAX_DEPTH, before anything is built."""
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise ConstructorError(
                None, None, "YAML aliases (*name) are not allowed; write the value out", node.start_mark
            )
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise ConstructorError(None, None, f"nested more than {MAX_DEPTH} levels deep", node.start_mark)
        if isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))


class _StrictLoader(_BASE):  # type: ignore[misc, valid-type]
    def construct_document(self, node: Node) -> Any:
        _check_graph(node)
        return super().construct_document(node)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError, TypeError) as exc:
            text = str(exc).splitlines()[0].split(";")[0] if str(exc) else type(exc).__name__
            value = short_repr(getattr(node, "value", ""))
            raise ConstructorError(None, None, f"can't read {value}: {text[:100]}", node.start_mark) from None

    def construct_mapping(self, node: Node, deep: bool = False) -> Any:
        if isinstance(node, MappingNode):
            self.flatten_mapping(node)
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                    seen.add(key)
                except TypeError:  # an unhashable key: PyYAML's own check reports it
                    continue
                if duplicate:
                    raise ConstructorError(
                        "while reading a mapping",
                        node.start_mark,
                        f"key {short_repr(key)} is given twice",
                        key_node.start_mark,
                    )
        return super().construct_mapping(node, deep)


def safe_load(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """yaml.safe_load, strict (no aliases, no duplicate keys, bounded depth); raises yaml.YAMLError."""
    try:
        return yaml.load(stream, Loader=_StrictLoader)
    except RecursionError:
        raise yaml.YAMLError(f"nested more than {MAX_DEPTH} levels deep") from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key {short_repr(key)} is given twice")
        out[key] = value
    return out


def check_depth(data: Any, limit: int = MAX_DEPTH) -> None:
    """A ValueError when lists and mappings nest deeper than `limit` (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list, tuple)):
            if depth > limit:
                raise ValueError(f"nested more than {limit} levels deep")
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)


def json_loads(text: str | bytes) -> Any:
    """json.loads, strict like safe_load: duplicate keys and deep nesting are a json.JSONDecodeError."""
    doc = text if isinstance(text, str) else text.decode("utf-8", "replace")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
        check_depth(data)
    except RecursionError:
        raise json.JSONDecodeError(f"nested more than {MAX_DEPTH} levels deep", doc, 0) from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # a duplicate key, too deep, or an integer of too many digits
        raise json.JSONDecodeError(str(exc).splitlines()[0][:120], doc, 0) from None
    return data


def yaml_problem(exc: yaml.YAMLError) -> str:
    """A YAMLError as one short line: " at line L, column C: what" (write it right after "not valid YAML")."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or (str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return f"{where}: {str(problem)[:160]}"


def read_problem(exc: BaseException) -> str:
    """An error from reading a text file as one short line (missing, a folder, not UTF-8, unreadable)."""
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text ({exc.reason} at byte {exc.start})"
    if isinstance(exc, OSError):
        return f"can't read it: {exc.strerror or exc}"
    return str(exc).splitlines()[0][:160]


def load_file(path: str | Path, error: Callable[[str], Exception]) -> Any:
    """A YAML file read strictly; a problem reading or parsing it is raised as error(one short line)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(read_problem(exc)) from None
    try:
        return safe_load(text)
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML{yaml_problem(exc)}") from None
