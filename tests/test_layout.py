"""The code's layout holds: pure modules never import Streamlit (or the UI package), and no module of components/
imports, directly or through others, itself: every import is read from the source, at any depth in the file."""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

COMPONENTS = ROOT / "components"
UI = "components.ui"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in COMPONENTS.rglob("*.py")}


def imports(path: Path) -> set[str]:
    """The modules a file imports (a `from package import name` of a submodule counts as that submodule)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names if f"{node.module}.{alias.name}" in MODULES}
    return found


def test_pure_modules_never_import_streamlit():
    for name, path in MODULES.items():
        if name == UI or name.startswith(UI + "."):
            continue
        used = imports(path)
        assert not {m for m in used if m == "streamlit" or m.startswith("streamlit.")}, name
        assert not {m for m in used if m == UI or m.startswith(UI + ".")}, name


def test_no_module_imports_itself_through_others():
    graph = {name: {m for m in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}
    # a package's own __init__ is run by importing any of its modules: that edge is Python's, not a cycle of ours
    graph = {name: {m for m in edges if not name.startswith(m + ".")} for name, edges in graph.items()}
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            assert state.get(target) != "open", " -> ".join([*trail, name, target])
            if target not in state:
                visit(target, [*trail, name])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_the_check_sees_imports_inside_functions():
    # components/topics/items.py imports its citations helper inside a function: it must still count
    assert "components.figures.citations" in imports(MODULES["components.topics.items"])
