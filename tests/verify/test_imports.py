"""The verifier's import structure: the executor sits in no import cycle and the statement
handlers reach it only through dispatch.py (armada_ls/verify/README.md, "Import structure")."""

from __future__ import annotations

import ast
from pathlib import Path

import armada_ls.verify as verify

ROOT = Path(verify.__file__).parent
HANDLERS = ["assign", "calls", "exprs", "ghost", "locks", "loops", "returns", "pure", "imports", "filesys"]


def _graph(type_only: bool) -> dict[str, set[str]]:
    """module -> the sibling modules it imports (function-local imports included; imports
    under `if TYPE_CHECKING:` only when `type_only`)."""
    mods = {p.stem for p in ROOT.glob("*.py")}
    out: dict[str, set[str]] = {}
    for p in ROOT.glob("*.py"):
        tree = ast.parse(p.read_text())
        skip: set[int] = set()
        if not type_only:
            for n in ast.walk(tree):
                if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test):
                    skip |= {id(m) for m in ast.walk(n)}
        deps: set[str] = set()
        for n in ast.walk(tree):
            if id(n) in skip or not isinstance(n, ast.ImportFrom) or n.level != 1:
                continue
            if n.module:
                deps.add(n.module.split(".")[0])
            else:
                deps |= {a.name for a in n.names}
        out[p.stem] = deps & mods
    return out


def _reaches(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(graph.get(m, ()))
    return seen


def test_the_cycle_finder_sees_a_cycle() -> None:
    g = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert "a" in _reaches(g, "a")
    assert "d" not in _reaches(g, "d")


def test_executor_and_api_are_in_no_import_cycle() -> None:
    g = _graph(type_only=False)
    for m in ("executor", "api"):
        assert m not in _reaches(g, m), f"{m} reaches itself through imports"


def test_only_api_imports_the_executor() -> None:
    g = _graph(type_only=True)
    assert {m for m, deps in g.items() if "executor" in deps} == {"api"}


def test_statement_handlers_are_registered_once_loaded() -> None:
    from armada_ls.verify import dispatch

    for name in ("loop", "range_map", "desugar_range", "finish", "call", "spawn", "lock_construction",
                 "executor", "verify_package"):
        assert callable(dispatch.handler(name))


def test_handlers_type_against_the_protocol() -> None:
    g = _graph(type_only=True)
    for m in HANDLERS:
        assert "executor" not in g[m], m
