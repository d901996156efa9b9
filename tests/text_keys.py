"""The translation keys the app's code asks for, read from its source with ast (tests/test_i18n.py checks them).

A key reaches t() as a literal, or through a name: a variable, a loop over a literal tuple, a column map's values
(`{"label": "table.stage", **SOURCE_COLUMNS}` given to table_for_reader), a parameter filled by the callers
(derived_caption("investment.share.caption")). Each is followed back to its literals. A part only known when the code
runs (t(f"stage.{s}", lang)) stays open, and the key becomes a pattern: some key must match it."""

from __future__ import annotations

import ast
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from support import ROOT

SOURCES = sorted([*(ROOT / "components").rglob("*.py"), *(ROOT / "pages").rglob("*.py"), ROOT / "app.py"])
OPEN = None  # a part of a key that only the running code knows
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


@dataclass(frozen=True)
class KeyUse:
    """A key the code asks for: its parts (OPEN where unknown) and the place its literal is written."""

    parts: tuple[str | None, ...]
    where: str

    @property
    def is_static(self) -> bool:
        return OPEN not in self.parts

    @property
    def text(self) -> str:
        """The key, or its pattern with * for each open part (stage.*)."""
        return "".join("*" if p is OPEN else p for p in self.parts)

    def matches(self, key: str) -> bool:
        return re.fullmatch("".join(".+" if p is OPEN else re.escape(p) for p in self.parts), key) is not None


class Code:
    """Every module's syntax tree, with what the search needs: each node's parent, calls and assignments by name."""

    def __init__(self, paths: list[Path]):
        self.parent: dict[ast.AST, ast.AST] = {}
        self.path: dict[ast.AST, Path] = {}
        self.calls: dict[str, list[ast.Call]] = defaultdict(list)
        self.module_names: dict[tuple[Path, str], list[ast.expr]] = defaultdict(list)  # assignments outside functions
        self.any_module: dict[str, list[ast.expr]] = defaultdict(list)  # the same, by name alone: for imported names
        for path in paths:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                self.path[node] = path
                for child in ast.iter_child_nodes(node):
                    self.parent[child] = node
                if isinstance(node, ast.Call) and (name := called(node)):
                    self.calls[name].append(node)
            for statement in outside_functions(tree):
                for target, value in assignments(statement):
                    self.module_names[path, target].append(value)
                    self.any_module[target].append(value)

    def uses(self) -> list[KeyUse]:
        """Every key given to t() (its first argument) and every note key of an OverviewCard (its second)."""
        found = []
        for name, index, keyword in (("t", 0, "key"), ("OverviewCard", 1, "note_key")):
            for call in self.calls[name]:
                for argument in arguments(call, index, keyword):
                    found += [
                        KeyUse(parts, self.where(origin))
                        for parts, origin in self.strings(argument, frozenset())
                        if any(p is not OPEN for p in parts)
                    ]
        return list(dict.fromkeys(found))

    def where(self, node: ast.AST) -> str:
        path = self.path[node]
        return f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{node.lineno}"

    def strings(self, node: ast.expr, seen: frozenset) -> list[tuple[tuple[str | None, ...], ast.expr]]:
        """What text an expression may be: (parts, the node that writes it), one per alternative."""
        if node in seen:
            return [((OPEN,), node)]
        seen = seen | {node}
        if isinstance(node, ast.Constant):
            return [((str(node.value),), node)]
        if isinstance(node, ast.IfExp):
            return self.strings(node.body, seen) + self.strings(node.orelse, seen)
        if isinstance(node, ast.JoinedStr):
            pieces = [
                [parts for parts, _ in self.strings(v.value, seen)] if isinstance(v, ast.FormattedValue) else [(str(v.value),)]
                for v in node.values
            ]
            return [(sum(combination, ()), node) for combination in itertools.product(*pieces)]
        if isinstance(node, (ast.Name, ast.Attribute)):
            return [found for value in self.values(node, seen) for found in self.strings(value, seen)] or [((OPEN,), node)]
        return [((OPEN,), node)]

    def values(self, node: ast.Name | ast.Attribute, seen: frozenset) -> list[ast.expr]:
        """The expressions a name may hold: from the nearest loop or function that binds it, else its module, else any
        module (an imported name); a constant's attribute (sources.USES_HEADERS) by its name in any module."""
        if isinstance(node, ast.Attribute):
            return self.any_module.get(node.attr, []) if node.attr.isupper() else []
        name, scope = node.id, self.parent.get(node)
        while scope is not None:
            if isinstance(scope, COMPREHENSIONS):
                for generator in scope.generators:
                    if binds(generator.target, name):
                        return self.looped(generator.target, name, generator.iter, seen)
            elif isinstance(scope, SCOPES):
                local = [value for statement in ast.walk(scope) for target, value in assignments(statement) if target == name]
                if local:
                    return local
                if name in parameters(scope):
                    return self.passed(scope, name) if not isinstance(scope, ast.Lambda) else []
            elif isinstance(scope, ast.Module):
                break
            scope = self.parent.get(scope)
        return self.module_names.get((self.path[node], name)) or self.any_module.get(name, [])

    def looped(self, target: ast.expr, name: str, iterable: ast.expr, seen: frozenset) -> list[ast.expr]:
        """What a loop variable takes: the items of a literal tuple, or the values of a dict walked by .items()."""
        if isinstance(target, ast.Name):
            return self.elements(iterable, seen)
        by_items = isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute) and iterable.func.attr == "items"
        if by_items and isinstance(target, ast.Tuple) and len(target.elts) == 2 and binds(target.elts[1], name):
            return self.dict_values(iterable.func.value, seen)
        return []

    def elements(self, node: ast.expr, seen: frozenset) -> list[ast.expr]:
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return list(node.elts)
        if isinstance(node, (ast.Name, ast.Attribute)) and node not in seen:
            return [e for value in self.values(node, seen) for e in self.elements(value, seen | {node})]
        return []

    def dict_values(self, node: ast.expr, seen: frozenset) -> list[ast.expr]:
        """A column map's translation keys: a dict's values, with the values of any dict it unpacks (**SOURCE_COLUMNS)."""
        if isinstance(node, ast.Dict):
            return [
                v
                for k, value in zip(node.keys, node.values, strict=True)
                for v in ([value] if k is not None else self.dict_values(value, seen))
            ]
        if isinstance(node, ast.DictComp):
            return [node.value]
        if isinstance(node, (ast.Name, ast.Attribute)) and node not in seen:
            return [v for value in self.values(node, seen) for v in self.dict_values(value, seen | {node})]
        return []

    def passed(self, function: ast.FunctionDef, name: str) -> list[ast.expr]:
        """What the callers give a function's parameter, by position or keyword, and its default."""
        positional = [a.arg for a in function.args.posonlyargs + function.args.args]
        if isinstance(self.parent.get(function), ast.ClassDef):
            positional = positional[1:]  # self
        index = positional.index(name) if name in positional else None
        given = [a for call in self.calls[function.name] for a in arguments(call, index, name)]
        defaults = dict(zip(reversed(positional), reversed(function.args.defaults), strict=False))  # the last have defaults
        defaults |= {a.arg: d for a, d in zip(function.args.kwonlyargs, function.args.kw_defaults, strict=True) if d is not None}
        return given + ([defaults[name]] if name in defaults else [])


def called(call: ast.Call) -> str | None:
    """The called function's own name: t for t(...), derived_caption for ui.derived_caption(...)."""
    return call.func.id if isinstance(call.func, ast.Name) else call.func.attr if isinstance(call.func, ast.Attribute) else None


def arguments(call: ast.Call, index: int | None, keyword: str) -> list[ast.expr]:
    by_position = [call.args[index]] if index is not None and index < len(call.args) else []
    by_position = [a for a in by_position if not isinstance(a, ast.Starred)]
    return by_position + [k.value for k in call.keywords if k.arg == keyword]


def assignments(statement: ast.AST) -> list[tuple[str, ast.expr]]:
    """(name, value) of a plain `name = value` or `name: type = value`."""
    if isinstance(statement, ast.Assign):
        return [(target.id, statement.value) for target in statement.targets if isinstance(target, ast.Name)]
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value is not None:
        return [(statement.target.id, statement.value)]
    return []


def outside_functions(node: ast.AST):
    """The statements of a module outside its functions and classes, also those under if and with (a page's body)."""
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (*SCOPES, ast.ClassDef)):
            yield child
            yield from outside_functions(child)


def parameters(function: ast.FunctionDef | ast.Lambda) -> set[str]:
    args = function.args
    return {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}


def binds(target: ast.expr, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target))


def key_uses() -> list[KeyUse]:
    """Every translation key (or key pattern) the code under components/, pages/ and app.py asks for."""
    return Code(SOURCES).uses()
