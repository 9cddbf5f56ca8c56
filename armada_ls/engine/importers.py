"""Which open packages depend on a package: a caller in another package is verified against
its callee package's contracts (armada_ls/verify/imports.py), as saved on disk or, when the
callee is open in the editor, as on screen (`unsaved_imports`): so an edit or a save of a
callee re-verifies the open packages that import it, directly or through other packages."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from armada_ls.engine import backends
from armada_ls.engine.documents import Documents


def _deps(directory: str, imports: Callable[[str], list[str]], memo: dict[str, set[str]]) -> set[str]:
    """Every module package `directory` imports, transitively (a cycle ends the walk: the
    front end reports it)."""
    if directory in memo:
        return memo[directory]
    memo[directory] = set()  # in progress: a cycle sees nothing more
    out: set[str] = set()
    for d in imports(directory):
        d = os.path.abspath(d)
        out.add(d)
        out |= _deps(d, imports, memo)
    memo[directory] = out
    return out


def importers(changed: str, candidates: Iterable[str]) -> list[str]:
    """The `candidates` (package directories) other than `changed` that import it."""
    imports = backends.lookup("armada_ls.verify.imports:module_imports")
    if imports is None:  # no verifier: nothing verifies against contracts
        return []
    changed = os.path.abspath(changed)
    memo: dict[str, set[str]] = {}
    return sorted(d for d in set(candidates)
                  if os.path.abspath(d) != changed and changed in _deps(os.path.abspath(d), imports, memo))


def unsaved_imports(directory: str, documents: Documents) -> dict[str, str]:
    """The open documents of the packages `directory` imports (transitively) whose text
    differs from the disk: what the verification of its calls into them must read instead
    of the saved files (path -> text)."""
    imports = backends.lookup("armada_ls.verify.imports:module_imports")
    if imports is None:
        return {}
    deps = _deps(os.path.abspath(directory), imports, {})
    out: dict[str, str] = {}
    for d in sorted(deps):
        for path, doc in sorted(documents.in_directory(d).items()):
            try:
                with open(path, "rb") as f:
                    same = f.read() == doc.data
            except OSError:
                same = False
            if not same:
                out[path] = doc.text.text
    return out
