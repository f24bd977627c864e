"""The package's layers (ARCHITECTURE.md): imports point one way, down; no cycles; a small public API.

Every import counts, including lazy ones inside functions; only `if TYPE_CHECKING:` blocks are skipped.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import drafter

PACKAGE = Path(drafter.__file__).resolve().parent

# Lowest first. A module may import from its own layer or a lower one, never from a higher one.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("drafter", "errors", "yamlio", "output", "config", "document")),
    ("zh", ("zh",)),
    ("bank", ("bank",)),
    ("word", ("word",)),
    ("drafting", ("drafting",)),
    ("review", ("review",)),
    ("polish", ("polish",)),
    ("authoring", ("authoring",)),
    ("workspace", ("workspace",)),
    ("front", ("web", "cli", "__main__")),
]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    parts = module.split(".")
    head = parts[1] if len(parts) > 1 else "drafter"
    for i, (_, names) in enumerate(LAYERS):
        if head in names:
            return i
    raise AssertionError(f"{module} is in no layer: add its package to LAYERS and to ARCHITECTURE.md")


def _skip(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _resolve(target: str) -> str:
    while target not in MODULES and "." in target:
        target = target.rsplit(".", 1)[0]
    return target


def imports_of(module: str) -> set[str]:
    """Modules of the package that `module` imports anywhere (function bodies included)."""
    path = MODULES[module]
    is_package = path.name == "__init__.py"
    base = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    stack: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
    while stack:
        node = stack.pop()
        if _skip(node):
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "drafter"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                up = base[: len(base) - (node.level - 1)]
                target = ".".join([*up, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] == "drafter":
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    found.add(full if full in MODULES else target)
        stack.extend(ast.iter_child_nodes(node))
    return {_resolve(t) for t in found} - {module}


GRAPH = {m: imports_of(m) for m in MODULES}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    mine = layer_of(module)
    upward = [t for t in sorted(GRAPH[module]) if layer_of(t) > mine]
    assert not upward, f"{module} ({LAYERS[mine][0]}) imports from higher layers: {upward}"


def test_no_import_cycles():
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            # a package __init__ re-exporting its children is not a cycle with them
            if v.startswith(w + ".") and MODULES[w].name == "__init__.py":
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for m in MODULES:
        if m not in index:
            visit(m)
    assert cycles == []


def test_the_package_top_holds_few_modules():
    flat = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert len(flat) <= 10, flat


def test_public_api_is_one_list_and_every_name_resolves():
    assert sorted(drafter.__all__) == sorted(drafter._EXPORTS)
    assert len(drafter.__all__) <= 40
    for name in drafter.__all__:
        assert getattr(drafter, name) is not None


def test_the_layer_checker_sees_lazy_imports():
    # workspace imports the checker only inside a method; it still counts
    assert "drafter.review.checker" in GRAPH["drafter.workspace"]
    assert layer_of("drafter.review.checker") < layer_of("drafter.workspace")
