"""The front-end half of the engine: a package's IR, annotations and diagnostics.

`analyse` runs the front end over a directory (open documents override the disk) and the
annotation language over the result, and returns an immutable `Snapshot` tagged with the
versions of the open documents it saw. Everything later (keys, verification, hover) reads a
snapshot, never the live documents, so a result always says which text it belongs to.
"""

from __future__ import annotations

import copy
import itertools
import os
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from armada_ls.engine import backends
from armada_ls.engine.documents import Documents
from armada_ls.engine.importers import unsaved_imports
from armada_ls.engine.keys import (
    FunctionKey,
    Texts,
    callees,
    function_key,
    has_module_imports,
    package_dependencies,
    unsaved_digest,
)
from goose import ir
from goose.diagnostics import Diagnostic, Severity

_SERIALS = itertools.count(1)


@dataclass
class Snapshot:
    directory: str
    versions: dict[str, int | None]  # open documents of the package -> version
    pkg: ir.Package | None = None
    ann: Any = None  # armada_ls.logic.ast.Annotations, or None until the logic lands
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # what is unavailable, for status messages
    sources: dict[str, bytes] = field(default_factory=dict)
    # Open, unsaved documents of the module packages this one imports (path -> text): its
    # calls into them are verified against their contracts as on screen.
    unsaved: dict[str, str] = field(default_factory=dict)
    elapsed_ms: float = 0.0
    serial: int = field(default_factory=lambda: next(_SERIALS))  # unique per snapshot
    _keys: dict[tuple[str, int], FunctionKey] = field(default_factory=dict, repr=False)
    _pkg_part: Any = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _texts: Any = field(default=None, repr=False)
    _texts_of: Any = field(default=None, repr=False)

    @property
    def texts(self) -> Texts:
        # One per snapshot: its line index is what makes a function's key cheap.
        if self._texts is None or self._texts_of is not self.sources:
            self._texts, self._texts_of = Texts(self.sources), self.sources
        return self._texts

    def functions(self) -> list[str]:
        """The functions of the package worth verifying, in source order."""
        if self.pkg is None:
            return []
        funcs = list(self.pkg.funcs.values())
        funcs.sort(key=lambda f: (self.file_of(f.qualified), f.span.start.line))
        return [f.qualified for f in funcs]

    def file_of(self, qualified: str) -> str:
        assert self.pkg is not None
        fn = self.pkg.funcs[qualified]
        return fn.file or self.pkg.file_of.get(qualified, "")

    def key(self, qualified: str, timeout_ms: int) -> FunctionKey:
        assert self.pkg is not None
        with self._lock:
            k = self._keys.get((qualified, timeout_ms))
            if k is None:
                texts = self.texts
                if self._pkg_part is None:
                    self._pkg_part = package_dependencies(self.pkg, texts)
                k = function_key(self.pkg, qualified, texts, timeout_ms, self._pkg_part,
                                 unsaved_digest(self.unsaved))
                self._keys[(qualified, timeout_ms)] = k
            return k

    def diagnostics_for(self, path: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.file == path]


def _internal(path: str, what: str, e: BaseException) -> Diagnostic:
    return Diagnostic(
        path, ir.NO_SPAN, "internal", "error",
        f"internal error in the {what}: {type(e).__name__}: {e} (please report this)",
        Severity.ERROR, data={"traceback": traceback.format_exc()},
    )


def analyse(documents: Documents, directory: str, anchor: str | None = None) -> Snapshot:
    """Front end + annotations for the package in `directory`. Never raises: an internal
    error becomes a diagnostic on `anchor` (the file the user is looking at)."""
    t0 = time.perf_counter()
    docs = documents.in_directory(directory)
    # Bring each open document's parse up to date with the editor's text (one incremental
    # edit for however many changes arrived since the last analysis).
    sources = {}
    for p in docs:
        try:
            sources[p] = documents.sync(p)
        except KeyError:  # closed meanwhile
            continue
    snap = Snapshot(directory, {p: s.version for p, s in sources.items()})
    anchor = anchor or next(iter(docs), os.path.join(directory, "?.go"))
    load = backends.load_package()
    if load is None:
        snap.notes.append("the Go front end is not available")
        snap.elapsed_ms = (time.perf_counter() - t0) * 1000
        return snap
    try:
        result = load(directory, overrides=sources)
    except Exception as e:
        snap.diagnostics.append(_internal(anchor, "front end", e))
        snap.elapsed_ms = (time.perf_counter() - t0) * 1000
        return snap
    snap.pkg = result.package
    snap.diagnostics.extend(result.diagnostics)
    snap.broken |= set(result.broken)
    if snap.pkg is not None:
        _mark_broken(snap, result.diagnostics)
        for f in snap.pkg.files:
            snap.sources[f] = sources[f].data if f in sources else documents.data(f)
        if has_module_imports(snap.pkg):
            snap.unsaved = unsaved_imports(directory, documents)
        _annotate(snap, anchor)
    snap.elapsed_ms = (time.perf_counter() - t0) * 1000
    return snap


def _annotate(snap: Snapshot, anchor: str) -> None:
    annotate = backends.annotate()
    if annotate is None:
        snap.notes.append("the annotation language is not available")
        return
    assert snap.pkg is not None
    try:
        ann, diags = annotate(snap.pkg)
    except Exception as e:
        snap.diagnostics.append(_internal(anchor, "annotation language", e))
        snap.broken |= set(snap.pkg.funcs)
        return
    snap.ann = ann
    snap.diagnostics.extend(diags)
    errors = [d for d in diags if d.severity is Severity.ERROR]
    if not errors:
        return
    owners = _owners(snap, errors)
    if owners is None:  # a package-level annotation (spec, crash_inv, lock_inv): all wait
        snap.broken |= set(snap.pkg.funcs)
        return
    # Isolation: an error in a function's own annotations (its contract, its ghost
    # statements, its loop invariants) stops that function, and every function that calls
    # it (directly or not: they rely on its contract). Everything else depends only on its
    # own text, its callees' contracts and the package-level annotations, all intact, so
    # it is verified as usual; the verifier, which refuses a package whose annotations have
    # errors, is given them without the errors (and never asked about a broken function).
    snap.broken |= _with_callers(snap.pkg, owners)
    snap.ann = copy.copy(ann)
    snap.ann.errors = []


def _owners(snap: Snapshot, errors: list[Diagnostic]) -> set[str] | None:
    """The functions the errors sit in (their span or their annotation groups), or None
    when one of them sits in no function."""
    assert snap.pkg is not None
    ranges: dict[str, list[tuple[int, int, str]]] = {}
    for q, f in snap.pkg.funcs.items():
        file = f.file or snap.pkg.file_of.get(q, "")
        for sp in [f.span] + [g.span for g in f.annotations]:
            ranges.setdefault(file, []).append((sp.start.line, sp.end.line, q))
    out: set[str] = set()
    for d in errors:
        line = d.span.start.line
        owners = {q for lo, hi, q in ranges.get(d.file, ()) if lo <= line <= hi}
        if not owners:
            return None
        out |= owners
    return out


_CALLEES: dict[int, tuple[ir.FuncDecl, frozenset[str]]] = {}


def _callees(f: ir.FuncDecl) -> frozenset[str]:
    """`keys.callees` of a function, remembered per lowered function object (the front end
    reuses the object of a function whose text did not change)."""
    hit = _CALLEES.get(id(f))
    if hit is not None and hit[0] is f:
        return hit[1]
    if len(_CALLEES) > 20000:
        _CALLEES.clear()
    out = frozenset(callees(f.body))
    _CALLEES[id(f)] = (f, out)
    return out


def _with_callers(pkg: ir.Package, names: set[str]) -> set[str]:
    callers: dict[str, set[str]] = {}
    for q, f in pkg.funcs.items():
        for c in _callees(f):
            callers.setdefault(c, set()).add(q)
    out, todo = set(names), list(names)
    while todo:
        for c in callers.get(todo.pop(), ()):
            if c not in out:
                out.add(c)
                todo.append(c)
    # a goroutine body started by a broken function is part of it
    out |= {q for q in pkg.funcs if q.split("$", 1)[0] in out}
    return out


def _mark_broken(snap: Snapshot, diags: list[Diagnostic]) -> None:
    """A function with an error in it (front end or annotations) is not verified; an error
    outside every function (a type, the spec, an invariant) leaves nothing meaningful to
    verify in the package. Never trust that a half-understood function proves anything."""
    assert snap.pkg is not None
    errors = [d for d in diags if d.severity is Severity.ERROR]
    if not errors:
        return
    ranges: dict[str, list[tuple[int, int, str]]] = {}
    for q, f in snap.pkg.funcs.items():
        file = f.file or snap.pkg.file_of.get(q, "")
        for s in [f.span] + [g.span for g in f.annotations]:
            ranges.setdefault(file, []).append((s.start.line, s.end.line, q))
    for d in errors:
        line = d.span.start.line
        owners = {q for lo, hi, q in ranges.get(d.file, ()) if lo <= line <= hi}
        if not owners:
            snap.broken |= set(snap.pkg.funcs)
            return
        snap.broken |= owners
