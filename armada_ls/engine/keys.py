"""Cache keys: a hash of a function and of everything its verification depends on.

A function's result depends on its own text and annotations, the contracts of the functions
it calls (their signatures and annotations; the whole body of a `go func(){...}` it spawns;
which parameters each assigns; the bodies of every pure function and every function taking
a byte slice or a file descriptor, when it calls one or takes one itself),
the package-level annotations (spec, crash invariant; not explorer harnesses), the structs
(lock invariants live on their fields), the constants, the solver timeout and the tool's own
code. A function that calls into another package of its Go module also depends on that
package's text and everything it imports (its contracts, and whether it verifies), on every
module package its own package imports (no two may share a device), and on which of its own
package's functions make values of imported struct types (see armada_ls/verify/imports.py).
The hash is of text, not positions, so an edit elsewhere in the file does not
invalidate it; `Region`s record where each piece was so cached spans can be moved (remap.py).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from goose import ir
from goose import types as T


@dataclass(frozen=True)
class Region:
    """Where one piece of a function's dependencies was: `id` is stable across edits."""

    id: str
    file: str
    start_line: int
    end_line: int
    start_byte: int


@dataclass(frozen=True)
class FunctionKey:
    digest: str
    regions: tuple[Region, ...]


class Texts:
    """UTF-8 bytes of the package's files, sliced by spans."""

    def __init__(self, sources: dict[str, bytes]) -> None:
        self._data = sources
        self._starts: dict[str, list[int]] = {}

    def _line_starts(self, file: str) -> list[int]:
        starts = self._starts.get(file)
        if starts is None:
            data = self._data.get(file, b"")
            starts = [0]
            i = data.find(b"\n")
            while i >= 0:
                starts.append(i + 1)
                i = data.find(b"\n", i + 1)
            self._starts[file] = starts
        return starts

    def offset(self, file: str, pos: ir.Pos) -> int:
        starts = self._line_starts(file)
        if pos.line >= len(starts):
            return len(self._data.get(file, b""))
        return starts[pos.line] + pos.col

    def slice(self, file: str, span: ir.Span) -> bytes:
        data = self._data.get(file, b"")
        return data[self.offset(file, span.start):self.offset(file, span.end)]


@lru_cache(maxsize=1)
def tool_version() -> str:
    """A hash of the code that produces results: goose, logic, verify (and this engine)."""
    root = Path(__file__).resolve().parents[2]
    h = hashlib.sha256()
    for sub in ("goose", "armada_ls/logic", "armada_ls/verify"):
        for path in sorted((root / sub).glob("*.py")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


_CALLEES: dict[tuple[str, bytes], frozenset[str]] = {}


def callees_cached(fn: ir.FuncDecl, text: bytes, decls: str) -> frozenset[str]:
    """`callees` memoised by the function's text and the package's declarations (which fix
    how its calls resolve): walking the IR on every keystroke would dominate the latency."""
    key = (decls, hashlib.sha256(text).digest())
    hit = _CALLEES.get(key)
    if hit is None:
        if len(_CALLEES) > 20000:
            _CALLEES.clear()
        hit = _CALLEES[key] = frozenset(callees(fn.body))
    return hit


def callees(node: Any) -> set[str]:
    """Qualified names of every function a body calls or spawns (callers keep the ones
    that belong to the package)."""
    out: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, list | tuple):
            stack.extend(n)
        elif isinstance(n, ir.Call):
            out.add(n.qualified)
            stack.extend((n.args, n.recv))
        elif is_dataclass(n) and not isinstance(n, ir.Span | ir.Pos | ir.AnnotationGroup):
            stack.extend(getattr(n, f.name) for f in fields(n) if f.name not in ("type", "span"))
    return out


def _reads_bodies(fn: ir.FuncDecl | None) -> bool:
    """A function whose body its callers' verification reads: a pure one (unfolded) or one
    with a byte-slice parameter (whether it keeps, or writes into, the caller's array:
    blocks.Callees, a fixpoint over every such function of the package)."""
    if fn is None or fn.synthetic:
        return False
    return _is_pure(fn) or any(_is_bytes(p.type) or _is_file(p.type) for p in fn.params)


def _lock_owns_descriptor(pkg: ir.Package) -> bool:
    return any("filesys.Open[" in g.text for s in pkg.structs.values() for fd in s.fields
               for g in fd.annotations)


def _is_init(fn: ir.FuncDecl) -> bool:
    return any(line.strip().removeprefix("//@").strip() == "init"
               for g in fn.annotations for line in g.text.splitlines())


def _is_pure(fn: ir.FuncDecl) -> bool:
    return any(line.strip().removeprefix("//@").strip() == "pure"
               for g in fn.annotations for line in g.text.splitlines())


def _is_file(t: T.Type) -> bool:
    """A file descriptor: a caller lending one checks what the callee's body does with it
    (armada_ls/verify/filesys.uses_of)."""
    return isinstance(t, T.Named) and t.pkg == "filesys" and t.name == "File"


def _is_bytes(t: T.Type) -> bool:
    u = T.underlying(t)
    return isinstance(u, T.Slice) and T.underlying(u.elem) == T.BYTE


def _bodies(pkg: ir.Package, texts: Texts) -> bytes:
    h = hashlib.sha256()
    for q in sorted(pkg.funcs):
        f = pkg.funcs[q]
        if _reads_bodies(f):
            h.update(q.encode() + b":" + texts.slice(f.file or pkg.file_of.get(q, ""), f.span) + b"\0")
    return h.digest()


_CHANGED: dict[bytes, str] = {}


def changed_params(fn: ir.FuncDecl, text: bytes) -> str:
    """The parameters fn assigns or takes the address of, memoised by its text."""
    key = hashlib.sha256(text).digest()
    hit = _CHANGED.get(key)
    if hit is None:
        if len(_CHANGED) > 20000:
            _CHANGED.clear()
        names = {p.name for p in fn.params if p.boxed}
        for n in ir.walk(fn.body):
            if isinstance(n, ir.Assign):
                names |= {p.name for p in n.places if isinstance(p, ir.VarPlace)}
            elif isinstance(n, ir.Define):
                names |= {x for k, x in enumerate(n.names) if not (n.new[k] if k < len(n.new) else True)}
        hit = _CHANGED[key] = ",".join(sorted(names & {p.name for p in fn.params}))
    return hit


_IMPORTED: dict[tuple[str, bytes], frozenset[str]] = {}


def imported_calls(fn: ir.FuncDecl, text: bytes, decls: str) -> frozenset[str]:
    """The package names (IR `Call.pkg`) of every call in the body that names a package,
    memoised like `callees_cached`."""
    key = (decls, hashlib.sha256(text).digest())
    hit = _IMPORTED.get(key)
    if hit is None:
        if len(_IMPORTED) > 20000:
            _IMPORTED.clear()
        hit = _IMPORTED[key] = frozenset(n.pkg for n in ir.walk(fn.body)
                                         if isinstance(n, ir.Call) and n.pkg)
    return hit


_MODULE_PART: dict[int, tuple[ir.Package, str]] = {}


def module_imports_part(pkg: ir.Package) -> str:
    """What a function calling into another package of the module depends on beyond its own
    text: the text of every module package its package imports (transitively), and the
    functions of its package that make values of imported struct types. Memoised per
    package object (one per analysis)."""
    hit = _MODULE_PART.get(id(pkg))
    if hit is not None and hit[0] is pkg:
        return hit[1]
    from armada_ls.engine import backends
    from goose import machine_api as M
    from goose.frontend import package_dir_of

    digest = None  # looked up only for a module import: it loads the verifier (z3 and all)
    h = hashlib.sha256()
    names = set()
    for name, path in sorted(pkg.imports.items()):
        if M.canonical(path) is not None:
            continue
        d = package_dir_of(path, pkg.path)
        if d is None:
            continue
        names.add(name)
        digest = digest or backends.lookup("armada_ls.verify.imports:package_digest")
        h.update(f"module-import {path}={digest(d) if digest is not None else '?'};".encode())
    for q in sorted(pkg.funcs):
        if _makes_imported_values(pkg.funcs[q], names):
            h.update(f"makes-imported-values {q};".encode())
    if len(_MODULE_PART) > 1000:
        _MODULE_PART.clear()
    out = h.hexdigest()
    _MODULE_PART[id(pkg)] = (pkg, out)
    return out


def has_module_imports(pkg: ir.Package) -> bool:
    """Does the package import packages of its module (or library packages)?"""
    from goose import machine_api as M

    return any(M.canonical(path) is None and path != "sync" for path in pkg.imports.values())


def unsaved_digest(unsaved: dict[str, str]) -> str:
    if not unsaved:
        return ""
    h = hashlib.sha256()
    for path, text in sorted(unsaved.items()):
        h.update(path.encode() + b"\0" + text.encode("utf-8", errors="surrogatepass") + b"\0")
    return h.hexdigest()[:32]


def _makes_imported_values(fn: ir.FuncDecl, names: set[str]) -> bool:
    def value(t: Any) -> bool:
        if isinstance(t, T.Named):
            return t.pkg in names
        if isinstance(t, T.Slice):
            return value(t.elem)
        if isinstance(t, T.Map):
            return value(t.key) or value(t.value)
        if isinstance(t, T.Tuple):
            return any(value(e) for e in t.elems)
        if isinstance(t, T.Struct):
            return any(value(ft) for _, ft in t.fields)
        return False

    if not names:
        return False
    if any(value(p.type) for p in ([fn.recv] if fn.recv is not None else []) + list(fn.params)):
        return True
    for n in ir.walk(fn.body):
        if isinstance(n, ir.New):
            u = T.underlying(n.type)
            if isinstance(u, T.Pointer) and value(u.elem):
                return True
        if value(getattr(n, "type", None)) or any(value(t) for t in getattr(n, "types", None) or []):
            return True
    return False


def _group_regions(prefix: str, groups: list[ir.AnnotationGroup], default_file: str,
                   texts: Texts, h: Any, regions: list[Region]) -> None:
    for i, g in enumerate(groups):
        file = g.file or default_file
        text = g.text.encode()
        h.update(f"{prefix}#{i}:".encode() + text + b"\0")
        regions.append(Region(f"{prefix}#{i}", file, g.span.start.line, g.span.end.line,
                              texts.offset(file, g.span.start)))


def function_key(pkg: ir.Package, qualified: str, texts: Texts, timeout_ms: int,
                 package_part: tuple[str, tuple[Region, ...], str] | None = None,
                 unsaved: str = "", portable: bool = False) -> FunctionKey:
    """`unsaved`: `unsaved_digest` of the editor buffers of imported packages that the
    verification reads instead of their files. `portable`: hash the file's base name, not
    its path, so that a copy of the package in another directory gets the same key for the
    same function (what tests/verify/test_mailboat.py uses to verify a seeded copy's
    changed functions only); never for the cache, whose results name their files."""
    fn = pkg.funcs[qualified]
    file = fn.file or pkg.file_of.get(qualified, "")
    h = hashlib.sha256()
    # The file is part of the key: a result names its file, so the same function text in
    # two packages (a seeded-bug copy, say) must not share one.
    h.update(f"{tool_version()}|{timeout_ms}|{qualified}|{os.path.basename(file) if portable else file}|".encode())
    regions: list[Region] = []
    digest_pkg, pkg_regions, sigs = package_part or package_dependencies(pkg, texts)
    own = texts.slice(file, fn.span)
    h.update(own + b"\0")
    regions.append(Region(f"func:{qualified}", file, fn.span.start.line, fn.span.end.line,
                          texts.offset(file, fn.span.start)))
    _group_regions(f"ann:{qualified}", fn.annotations, file, texts, h, regions)
    for callee in sorted(callees_cached(fn, own, digest_pkg + sigs)):
        c = pkg.funcs.get(callee)
        if c is None or callee == qualified:
            h.update(f"callee:{callee}:?".encode())
            continue
        cfile = c.file or pkg.file_of.get(callee, "")
        h.update(f"callee:{callee}:{c.signature}".encode())
        if c.synthetic:
            h.update(texts.slice(cfile, c.span))
            regions.append(Region(f"func:{callee}", cfile, c.span.start.line, c.span.end.line,
                                  texts.offset(cfile, c.span.start)))
        _group_regions(f"ann:{callee}", c.annotations, cfile, texts, h, regions)
        if c.params:  # which parameters its postcondition leaves unknown (calls.py)
            h.update(f"assigns:{changed_params(c, texts.slice(cfile, c.span))}".encode())
    if any(_reads_bodies(pkg.funcs.get(q)) for q in callees_cached(fn, own, digest_pkg + sigs)) \
            or _reads_bodies(fn):
        h.update(b"bodies:" + _bodies(pkg, texts))
    if any(p in pkg.imports for p in imported_calls(fn, own, digest_pkg + sigs)):
        h.update(b"module-imports:" + module_imports_part(pkg).encode() + b"unsaved:" + unsaved.encode())
    if "filesys" in pkg.imports:  # the directories init makes are the ones usable (filesys.init_dirs)
        h.update(b"init:" + b"".join(texts.slice(f.file or pkg.file_of.get(q, ""), f.span)
                                      for q, f in sorted(pkg.funcs.items()) if _is_init(f)))
        if _lock_owns_descriptor(pkg):  # its kind: how every function uses the field (filesys.field_uses)
            h.update(b"all:" + b"".join(texts.slice(f.file or pkg.file_of.get(q, ""), f.span)
                                         for q, f in sorted(pkg.funcs.items())))
    h.update(digest_pkg.encode())
    regions.extend(pkg_regions)
    return FunctionKey(h.hexdigest()[:32], tuple(regions))


def signatures(pkg: ir.Package) -> str:
    return hashlib.sha256("|".join(f"{q}:{f.signature}" for q, f in sorted(pkg.funcs.items())).encode()).hexdigest()


def package_dependencies(pkg: ir.Package, texts: Texts) -> tuple[str, tuple[Region, ...], str]:
    """The part every function of the package depends on (computed once per snapshot), and
    a digest of all signatures (how calls resolve)."""
    h = hashlib.sha256()
    regions: list[Region] = []
    h.update(pkg.name.encode())
    for name, path in sorted(pkg.imports.items()):
        h.update(f"import {name} {path};".encode())
    seen: dict[bytes, int] = {}
    for g in pkg.annotations:
        text = g.text.encode()
        if text.lstrip().startswith(b"explore"):
            continue
        n = seen.get(text, 0)
        seen[text] = n + 1
        tid = hashlib.sha256(text).hexdigest()[:12]
        h.update(b"pkg-ann:" + text + b"\0")
        regions.append(Region(f"pkg:{tid}:{n}", g.file, g.span.start.line, g.span.end.line,
                              texts.offset(g.file, g.span.start)))
    for name in sorted(pkg.structs):
        s = pkg.structs[name]
        sfile = s.file or pkg.file_of.get(name, "")
        h.update(f"struct {name}:".encode() + texts.slice(sfile, s.span) + b"\0")
        regions.append(Region(f"struct:{name}", sfile, s.span.start.line, s.span.end.line,
                              texts.offset(sfile, s.span.start)))
        for f in s.fields:
            for g in f.annotations:
                h.update(f"field {name}.{f.name}:".encode() + g.text.encode() + b"\0")
        for g in s.annotations:
            h.update(f"struct-ann {name}:".encode() + g.text.encode() + b"\0")
    for name in sorted(pkg.consts):
        c = pkg.consts[name]
        h.update(f"const {name} {c.type} = {c.value!r};".encode())
        for g in c.annotations:
            h.update(g.text.encode())
    return h.hexdigest(), tuple(regions), signatures(pkg)
