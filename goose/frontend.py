"""The Goose front end: a package directory (or edited buffers) -> typed IR + diagnostics.

`Frontend` keeps parsed files and lowered functions between calls, so that the language
server re-lowers only what an edit touched: a function is reused when its text, position
and the package's declarations (types, signatures, constants, imports) are unchanged.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace

import tree_sitter as ts

from goose import ir
from goose import machine_api as M
from goose import types as T
from goose.buildtags import goose_reads
from goose.comments import collect
from goose.cst import field as fld
from goose.cst import named, span, text
from goose.decls import (
    INVALID,
    FuncSig,
    PackageAPI,
    PackageEnv,
    check_aliases,
    collect_funcs,
    collect_imports,
    collect_package_consts,
    collect_types,
    fill_defined,
    fill_structs,
    package_api,
)
from goose.diagnostics import Diagnostic, display_path
from goose.lower import FuncLowerer
from goose.report import Reporter
from goose.source import SourceFile
from goose.syntax import report_syntax


@dataclass
class PackageResult:
    package: ir.Package | None
    diagnostics: list[Diagnostic]
    sources: dict[str, SourceFile] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)  # functions with front-end errors
    # The imported packages of the module (and Go-written library packages), by import
    # path: what this package's type checking saw of them.
    deps: dict[str, PackageAPI] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(d.category in ("syntax", "unsupported", "future", "error") for d in self.diagnostics)

    def for_file(self, path: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.file == path]


# Editor buffers not saved yet (absolute path -> text). A worker that verifies a caller
# against a callee package open in the editor sets them (armada_ls.engine.tasks), so that
# `Frontend.source` reads the callee as it is on screen rather than as saved.
_UNSAVED: dict[str, str] = {}


def set_unsaved(texts: dict[str, str]) -> None:
    """Replace the unsaved buffers every `Frontend` of this process reads instead of disk."""
    _UNSAVED.clear()
    _UNSAVED.update({os.path.abspath(p): t for p, t in texts.items()})


def go_files(directory: str) -> list[str]:
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return []
    return [
        os.path.join(directory, n)
        for n in names
        if n.endswith(".go") and not n.endswith("_test.go") and not n.startswith((".", "_"))
        and _goose_reads_file(os.path.join(directory, n))
    ]


_READS: dict[str, tuple[tuple[int, int], bool]] = {}


def _goose_reads_file(path: str) -> bool:
    """Is the file part of the package as Goose builds it (its `//go:build` line)? Cached by
    modification time and size, as the language server lists a directory on every edit."""
    try:
        st = os.stat(path)
        key = (st.st_mtime_ns, st.st_size)
        hit = _READS.get(path)
        if hit is not None and hit[0] == key:
            return hit[1]
        with open(path, "rb") as f:
            head = f.read(65536)
    except OSError:
        return True  # reported when it is read
    reads = b"go:build" not in head or goose_reads(head.decode("utf-8", errors="replace"))
    _READS[path] = (key, reads)
    return reads


# Packages of the machine library written in Go that Goose code imports like a package of
# its own module (checked with it, called through their exported API).
COMPAT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "machine", "compat")
LIBRARY_PACKAGES: dict[str, str] = {"github.com/tchajed/marshal": os.path.join(COMPAT_DIR, "tchajed-marshal")}


@dataclass(frozen=True)
class Module:
    root: str  # directory holding go.mod
    path: str  # its module path


def find_module(directory: str) -> Module | None:
    """The Go module a directory belongs to: the nearest go.mod above it."""
    d = os.path.abspath(directory)
    while True:
        gomod = os.path.join(d, "go.mod")
        if os.path.isfile(gomod):
            try:
                with open(gomod, encoding="utf-8", errors="replace") as f:
                    for line in f:
                        parts = line.split("//", 1)[0].split()
                        if len(parts) == 2 and parts[0] == "module":
                            return Module(d, parts[1].strip('"'))
            except OSError:
                return None
            return None
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def import_path_of(directory: str) -> str:
    """The import path of the package in `directory` ("" outside a module)."""
    directory = os.path.abspath(directory)
    for path, d in LIBRARY_PACKAGES.items():
        if os.path.abspath(d) == directory:
            return path
    mod = find_module(directory)
    if mod is None:
        return ""
    rel = os.path.relpath(directory, mod.root)
    return mod.path if rel == "." else f"{mod.path}/{rel.replace(os.sep, '/')}"


def package_dir_of(path: str, importer: str) -> str | None:
    """Where the package with import `path` is, seen from the package in `importer`: a
    library package, or a package of the importer's module; None otherwise."""
    if path in LIBRARY_PACKAGES:
        return LIBRARY_PACKAGES[path]
    mod = find_module(importer)
    if mod is None:
        return None
    if path == mod.path:
        return mod.root
    if path.startswith(mod.path + "/"):
        return os.path.join(mod.root, *path[len(mod.path) + 1:].split("/"))
    return None


def source_imports(src: SourceFile) -> list[str]:
    """The import paths a file names (before any checking)."""
    out: list[str] = []
    stack = [c for c in src.tree.root_node.named_children if c.type == "import_declaration"]
    while stack:
        n = stack.pop()
        if n.type == "import_spec":
            p = fld(n, "path")
            if p is not None:
                out.append(text(p).strip('"`'))
        else:
            stack.extend(n.named_children)
    return out


@dataclass
class _Lowered:
    func: ir.FuncDecl
    synthetic: list[ir.FuncDecl]
    diagnostics: list[Diagnostic]
    used: set[tuple[str, int, int]]  # annotation groups the function consumed (file, line, col)
    shape: bytes  # _shape of the tree it was lowered from


class Frontend:
    """Caches parsed files (by path and stat) and lowered functions (by content)."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[tuple[float, int], SourceFile]] = {}
        self._funcs: dict[str, _Lowered] = {}
        # _fingerprint -> _decl_shapes of the clean parse of those declarations.
        self._clean_decls: dict[str, bytes] = {}
        self._apis: dict[str, tuple[str, PackageAPI]] = {}

    # ------------------------------------------------------------ sources

    def source(self, path: str) -> SourceFile | None:
        unsaved = _UNSAVED.get(os.path.abspath(path)) if _UNSAVED else None
        if unsaved is not None:  # an editor's buffer stands in for the file
            ukey = (-1.0, hash(unsaved))
            hit = self._files.get(path)
            if hit is not None and hit[0] == ukey:
                return hit[1]
            src = SourceFile(path, unsaved)
            self._files[path] = (ukey, src)
            return src
        try:
            st = os.stat(path)
        except OSError:
            return None
        key = (st.st_mtime, st.st_size)
        hit = self._files.get(path)
        if hit is not None and hit[0] == key:
            return hit[1]
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return None
        src = SourceFile(path, data.decode("utf-8", errors="replace"))
        self._files[path] = (key, src)
        return src

    # ------------------------------------------------------------ packages

    def _sources(self, directory: str, overrides: dict[str, SourceFile]) -> dict[str, SourceFile]:
        paths = go_files(directory)
        for p in overrides:
            if os.path.dirname(p) != directory or not p.endswith(".go") or p.endswith("_test.go"):
                continue
            reads = b"go:build" not in overrides[p].data or goose_reads(overrides[p].text)  # the editor's text decides
            if reads and p not in paths:
                paths.append(p)
            elif not reads and p in paths:
                paths.remove(p)
        paths.sort()
        sources: dict[str, SourceFile] = {}
        for p in paths:
            src = overrides.get(p) or self.source(p)
            if src is not None:
                sources[p] = src
        return sources

    def load_package(self, directory: str, overrides: dict[str, SourceFile] | None = None) -> PackageResult:
        directory = os.path.abspath(directory)
        overrides = {os.path.abspath(k): v for k, v in (overrides or {}).items()}
        sources = self._sources(directory, overrides)
        deps, errors = self.dependencies(directory, sources, overrides, (directory,))
        return self.lower(directory, sources, deps, errors)

    def check_source(self, path: str, text_: str) -> PackageResult:
        """One file on its own, as a package (tests and single-file checks)."""
        path = os.path.abspath(path)
        directory = os.path.dirname(path)
        sources = {path: SourceFile(path, text_)}
        deps, errors = self.dependencies(directory, sources, {}, (directory,))
        return self.lower(directory, sources, deps, errors)

    # ------------------------------------------------------------ imported packages

    def dependencies(
        self, directory: str, sources: dict[str, SourceFile], overrides: dict[str, SourceFile], stack: tuple[str, ...]
    ) -> tuple[dict[str, PackageAPI], dict[str, str]]:
        """The exported APIs of the module packages the sources import (by import path),
        and a message for each import that cannot be loaded (a cycle, no Go files)."""
        deps: dict[str, PackageAPI] = {}
        errors: dict[str, str] = {}
        for src in sources.values():
            for path in source_imports(src):
                if path in deps or path in errors or M.canonical(path) is not None:
                    continue
                d = package_dir_of(path, directory)
                if d is None:
                    continue  # not of this module: collect_imports rejects it
                d = os.path.abspath(d)
                if d in stack:
                    cycle = " -> ".join(import_path_of(x) or x for x in (*stack[stack.index(d):], d))
                    errors[path] = f"import cycle not allowed: {cycle}"
                    continue
                api = self.package_api(d, overrides, (*stack, d))
                if api is None:
                    errors[path] = f"package {path} is not found in the module (no Go files in {display_path(d)})"
                elif api.cycle:
                    errors[path] = api.cycle
                else:
                    deps[path] = api
        return deps, errors

    def package_api(self, directory: str, overrides: dict[str, SourceFile], stack: tuple[str, ...]) -> PackageAPI | None:
        """The exported declarations of the package in `directory` (its bodies are not
        lowered); cached by the text of its declarations and of its own imports'."""
        sources = self._sources(directory, overrides)
        if not sources:
            return None
        deps, errors = self.dependencies(directory, sources, overrides, stack)
        fp = self._fingerprint(sources, deps)
        hit = self._apis.get(directory)
        if hit is not None and hit[0] == fp:
            return hit[1]
        env, _rep, _fi, _fn = self._declare(sources, deps, errors)
        api = package_api(env, import_path_of(directory), directory, fp)
        api.cycle = next((m for m in errors.values() if m.startswith("import cycle")), "")
        self._apis[directory] = (fp, api)
        return api

    def _fingerprint(self, sources: dict[str, SourceFile], deps: dict[str, PackageAPI]) -> str:
        """`_fingerprint` of the declarations' text, extended by their shape (see `_shape`)
        where a file has syntax errors and they are not parsed as the clean parse of the same
        text was (when that is unknown, too): declarations are checked afresh every time, but
        the lowered functions cached under this fingerprint were lowered against them."""
        fp = _fingerprint(sources, deps)
        known = self._clean_decls.get(fp)
        if not any(s.tree.root_node.has_error for s in sources.values()):
            if known is None:  # once per declarations' text; a change there re-lowers all anyway
                self._clean_decls[fp] = _decl_shapes(sources)
            return fp
        shape = _decl_shapes(sources)
        return fp if shape == known else fp + shape.hex()

    # ------------------------------------------------------------ lowering

    def _declare(
        self, sources: dict[str, SourceFile], deps: dict[str, PackageAPI], import_errors: dict[str, str]
    ) -> tuple[PackageEnv, Reporter, dict[str, dict[str, str]], list[tuple[str, ts.Node]]]:
        """The package-level passes: imports, types, signatures, constants."""
        rep = Reporter()
        env = PackageEnv(deps=deps)
        file_imports: dict[str, dict[str, str]] = {}
        pkg_name = ""
        for path, src in sources.items():
            root = src.tree.root_node
            report_syntax(root, rep, path)
            clause = next((c for c in root.named_children if c.type == "package_clause"), None)
            if clause is None:
                rep.add(path, span(root), "syntax", "syntax", "missing package clause")
            else:
                name = text(named(clause)[0]) if named(clause) else ""
                if pkg_name and name != pkg_name:
                    rep.type_error(path, clause, f"package {name} differs from package {pkg_name} of the other files")
                pkg_name = pkg_name or name
            fenv = PackageEnv(deps=deps)
            collect_imports(fenv, root, rep, path, import_errors)
            file_imports[path] = fenv.imports
        env.name = pkg_name
        struct_specs: list[ts.Node] = []
        for path, src in sources.items():
            env.imports = file_imports[path]
            struct_specs.extend(collect_types(env, src.tree.root_node, rep, path))
        fill_defined(env, rep)
        fill_structs(env, struct_specs, rep, file_imports)
        for path in sources:
            env.imports = file_imports[path]
            check_aliases(env, rep, path)
        # Signatures before constants: a constant initialised by a call is then reported as
        # not constant, rather than as an undefined name.
        func_nodes: list[tuple[str, ts.Node]] = []
        for path, src in sources.items():
            env.imports = file_imports[path]
            func_nodes.extend((path, n) for n in collect_funcs(env, src.tree.root_node, rep, path))
        collect_package_consts(
            env, [(p, s.tree.root_node, file_imports[p]) for p, s in sources.items()], rep, _ConstFolder(env, rep)
        )
        return env, rep, file_imports, func_nodes

    def lower(
        self,
        directory: str,
        sources: dict[str, SourceFile],
        deps: dict[str, PackageAPI] | None = None,
        import_errors: dict[str, str] | None = None,
    ) -> PackageResult:
        if deps is None:
            deps, import_errors = self.dependencies(directory, sources, {}, (os.path.abspath(directory),))
        env, rep, file_imports, func_nodes = self._declare(sources, deps, import_errors or {})
        pkg_name = env.name
        fingerprint = self._fingerprint(sources, deps)

        pkg = ir.Package(pkg_name, directory, list(sources), {}, {}, {}, {})
        pkg.import_path = import_path_of(directory)
        all_imports: dict[str, str] = {}
        for imps in file_imports.values():
            for short, path in imps.items():
                if not path:
                    continue  # a rejected import
                # The machine library under the name the IR uses (`prims` for Goose's
                # `machine`); a package of the module under its own name.
                all_imports[M.canonical(path) or (deps[path].name if path in deps else short)] = path
        pkg.imports = all_imports
        anchors_by_file: dict[str, dict[int, list[ir.AnnotationGroup]]] = {}
        for path, src in sources.items():
            anchors, package_groups = collect(src.tree.root_node, path)
            anchors_by_file[path] = anchors
            pkg.annotations.extend(package_groups)
        for name, info in env.consts.items():
            pkg.consts[name] = ir.ConstDecl(name, T.erase(info.type), info.value, span(info.node), file=info.file)
            pkg.file_of[name] = info.file
            decl = info.node.parent
            if decl is not None:
                pkg.consts[name].annotations = list(anchors_by_file[info.file].get(decl.id, []))
        for name, sinfo in env.structs.items():
            anchors = anchors_by_file[sinfo.file]
            decl = sinfo.node.parent
            groups = list(anchors.get(decl.id, [])) if decl is not None else []
            fields = [
                ir.FieldDecl(fname, T.erase(ftype), span(fnode), annotations=list(anchors.get(fnode.id, [])))
                for fname, ftype, fnode in sinfo.field_nodes
            ]
            pkg.structs[name] = ir.StructDecl(name, sinfo.named, fields, span(sinfo.node), annotations=groups, file=sinfo.file)
            pkg.file_of[name] = sinfo.file

        broken: set[str] = set()
        used: set[tuple[str, int, int]] = set()
        sig_of = {s.node.id: s for s in env.funcs.values()}
        for path, node in func_nodes:
            sig = sig_of.get(node.id)
            if sig is None:
                continue
            # Annotation groups are found by tree-node id, which changes on every reparse, so
            # the key covers the function's text and the comments above it: a hit means the
            # cached IR (with its groups) is what lowering would give, up to its position.
            key = _func_key(node, fingerprint, path)
            cached = self._funcs.get(key)
            shape = b""
            if sources[path].tree.root_node.has_error:
                # The same text may be parsed differently here (see _shape): the entry under
                # `key` is from a clean parse; one from another shape is kept under its own key.
                shape = _shape(node)
                if cached is None or cached.shape != shape:
                    key += shape.hex()
                    cached = self._funcs.get(key)
            if cached is None:
                shape = shape or _shape(node)
                frep = Reporter()
                fenv = replace(env, imports=file_imports[path])
                synthetic: list[ir.FuncDecl] = []
                lw = FuncLowerer(fenv, frep, path, anchors_by_file[path], synthetic, sig.qualified, sig.results)
                try:
                    fd = lw.lower_func(sig)
                    cached = _Lowered(fd, synthetic, frep.diagnostics, _used_groups([fd, *synthetic]), shape)
                except RecursionError:
                    cached = _too_deep(sig, node, path, anchors_by_file[path], shape)
                self._funcs[key] = cached
            elif cached.func.span.start.line != node.start_point[0]:
                try:
                    cached = _moved(cached, node)
                except RecursionError:
                    cached = _too_deep(sig, node, path, anchors_by_file[path], cached.shape)
                self._funcs[key] = cached
            used.update(cached.used)
            for d in cached.diagnostics:
                rep.diagnostics.append(d)
            if any(d.category in ("syntax", "unsupported", "future", "error") for d in cached.diagnostics):
                broken.add(sig.qualified)
            pkg.funcs[cached.func.qualified] = cached.func
            pkg.file_of[cached.func.qualified] = path
            for s in cached.synthetic:
                pkg.funcs[s.name] = s
                pkg.file_of[s.name] = path
        # Syntax errors inside a function make it broken too. Its other diagnostics are
        # dropped: they are follow-on noise of the damaged tree (a statement swallowed by an
        # ERROR node leaves "undefined" and "missing return" behind), as Go reports only
        # syntax errors when there are any.
        damaged: list[tuple[str, ir.Span]] = []
        for d in rep.diagnostics:
            if d.category == "syntax":
                for q, f in pkg.funcs.items():
                    if pkg.file_of.get(q) == d.file and f.span.contains(d.span):
                        broken.add(q)
                        damaged.append((d.file, f.span))
        if damaged:
            rep.diagnostics = [
                d for d in rep.diagnostics
                if d.category == "syntax" or not any(f == d.file and sp.contains(d.span) for f, sp in damaged)
            ]
        _check_unattached(pkg, anchors_by_file, used, rep)
        if env.defined:
            # The IR's struct types hold the underlying types too (the checker is done).
            for sinfo in env.structs.values():
                st = sinfo.named.underlying
                if isinstance(st, T.Struct):
                    object.__setattr__(sinfo.named, "underlying", T.Struct(tuple((n, T.erase(t)) for n, t in st.fields)))
        if len(self._funcs) > 20000:
            self._funcs.clear()
            self._clean_decls.clear()
        diags = sorted(rep.diagnostics, key=lambda d: d.sort_key())
        return PackageResult(pkg, diags, sources, broken, deps=dict(deps))


class _ConstFolder:
    """Evaluates package-level constant expressions through the body lowerer."""

    def __init__(self, env: PackageEnv, rep: Reporter) -> None:
        self.env = env
        self.rep = rep

    def __call__(self, node: ts.Node, file: str, expected: T.Type | None) -> tuple[T.Type, int | bool | str] | None:
        lw = FuncLowerer(self.env, self.rep, file, {}, [], "<const>", [])
        try:
            e = lw.expr(node)
        except RecursionError:
            self.rep.reject(file, node, "too-deep", "constant expression")
            return None
        if expected is not None:
            e = lw.coerce(e, expected, node)
        if isinstance(e, ir.Const) and isinstance(e.value, int) and not isinstance(e.value, bool) and e.value < 0:
            self.rep.reject(file, node, "negative-constant", f"constant `{text(node)}` = {e.value}")
            return None
        if not isinstance(e, ir.Const) or e.type == INVALID:
            if e.type != INVALID:
                self.rep.add(file, node, "goose/const-type", "future", f"`{text(node)}` is not a constant expression Goose can evaluate")
            return None
        if isinstance(e.value, bool):
            return (T.BOOL if e.type in (T.UNTYPED_BOOL, T.BOOL) else e.type), e.value
        return e.type, e.value


def _fingerprint(sources: dict[str, SourceFile], deps: dict[str, PackageAPI] | None = None) -> str:
    """Hash of everything outside function bodies (types, signatures, consts, imports),
    and of the declarations of the imported packages."""
    h = hashlib.blake2b(digest_size=16)
    for path, api in sorted((deps or {}).items()):
        h.update(f"{path}={api.fingerprint}\0".encode())
    for path, src in sorted(sources.items()):
        h.update(path.encode())
        for c in src.tree.root_node.children:
            if c.type in ("function_declaration", "method_declaration"):
                body = fld(c, "body")
                end = body.start_byte if body is not None else c.end_byte
                h.update(src.data[c.start_byte:end])
            elif c.type != "comment":
                h.update(src.data[c.start_byte:c.end_byte])
            h.update(b"\0")
    return h.hexdigest()


def _shape(node: ts.Node) -> bytes:
    """A digest of the node's tree (node types, fields, MISSING tokens), which lowering reads
    besides the text. In a file with syntax errors, tree-sitter's recovery can resolve the
    same text differently depending on the rest of the file (an untouched `panic("x")` below
    an unclosed raw string came back as a type conversion), and a cache keyed by text alone
    served the lowering of the clean tree. Without errors the tree of a text is taken to be
    one and the same (the cache's keys rely on it)."""
    return hashlib.blake2b(str(node).encode(), digest_size=16).digest()


def _decl_shapes(sources: dict[str, SourceFile]) -> bytes:
    """`_shape` of everything `_fingerprint` covers: the package outside function bodies."""
    h = hashlib.blake2b(digest_size=16)
    for _path, src in sorted(sources.items()):
        for c in src.tree.root_node.children:
            if c.type in ("function_declaration", "method_declaration"):
                body = fld(c, "body")
                for k in c.named_children:
                    if body is None or k.id != body.id:
                        h.update(_shape(k))
            elif c.type != "comment":
                h.update(_shape(c))
        h.update(b"\0")
    return h.digest()


def _func_key(node: ts.Node, fingerprint: str, path: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(fingerprint.encode())
    h.update(path.encode())
    h.update(str(node.start_point[1]).encode())
    h.update(node.text or b"")
    # Comments right above the function are part of it for annotation purposes.
    prev = node.prev_sibling
    while prev is not None and prev.type == "comment":
        h.update(prev.text or b"")
        prev = prev.prev_sibling
    # So are comments after its closing brace on the same line (a trailing `} //@ ...`).
    h.update(b"\0")
    nxt = node.next_sibling
    while nxt is not None and nxt.type == "comment" and nxt.start_point[0] == node.end_point[0]:
        h.update(nxt.text or b"")
        nxt = nxt.next_sibling
    return h.hexdigest()


def _used_groups(funcs: list[ir.FuncDecl]) -> set[tuple[str, int, int]]:
    used: set[tuple[str, int, int]] = set()
    for f in funcs:
        for g in f.annotations:
            used.add((g.file, g.span.start.line, g.span.start.col))
        for n in ir.walk(f.body):
            if isinstance(n, ir.Stmt):
                for g in n.annotations:
                    used.add((g.file, g.span.start.line, g.span.start.col))
    return used


def _too_deep(
    sig: FuncSig, node: ts.Node, path: str, anchors: dict[int, list[ir.AnnotationGroup]], shape: bytes
) -> _Lowered:
    """A function too deeply nested to lower (Python's recursion limit): one diagnostic, an
    empty body, and its annotation groups counted as placed (they are not the problem)."""
    rep = Reporter()
    rep.reject(path, fld(node, "name") or node, "too-deep", f"function `{sig.qualified}`")
    params = [ir.Param(n, t, sp) for n, t, sp in sig.params]
    recv = params.pop(0) if sig.recv_type else None
    fsp = span(node)
    fd = ir.FuncDecl(sig.name, params, list(sig.results), [], fsp, span(fld(node, "name") or node),
                     recv=recv, recv_type=sig.recv_type, file=path, annotations=list(anchors.get(node.id, [])))
    used = {
        (g.file, g.span.start.line, g.span.start.col)
        for groups in anchors.values()
        for g in groups
        if fsp.contains(g.span) or g in fd.annotations
    }
    return _Lowered(fd, [], rep.diagnostics, used, shape)


def _moved(cached: _Lowered, node: ts.Node) -> _Lowered:
    """The cached function, moved to where `node` now is (same text, new position)."""
    rows = node.start_point[0] - cached.func.span.start.line
    func = ir.relocate(cached.func, rows)
    synthetic = [ir.relocate(s, rows) for s in cached.synthetic]
    diags = [replace(d, span=ir.shift_span(d.span, rows)) for d in cached.diagnostics]
    used = {(f, line + rows, col) for f, line, col in cached.used}
    return _Lowered(func, synthetic, diags, used, cached.shape)


def _check_unattached(
    pkg: ir.Package,
    anchors_by_file: dict[str, dict[int, list[ir.AnnotationGroup]]],
    used: set[tuple[str, int, int]],
    rep: Reporter,
) -> None:
    """Every annotation group must end up on a declaration, field or statement: none may
    be dropped silently (e.g. a `//@` inside an expression)."""
    used = set(used)
    for s in pkg.structs.values():
        for g in s.annotations + [g for fd in s.fields for g in fd.annotations]:
            used.add((g.file, g.span.start.line, g.span.start.col))
    for c in pkg.consts.values():
        for g in c.annotations:
            used.add((g.file, g.span.start.line, g.span.start.col))
    for path, anchors in anchors_by_file.items():
        for groups in anchors.values():
            for g in groups:
                if (g.file, g.span.start.line, g.span.start.col) not in used:
                    rep.add(path, g.span, "annot/placement", "error", "this annotation is not attached to a statement, declaration or field (move it onto its own line above one)")


def load_package(directory: str, overrides: dict[str, SourceFile] | None = None) -> PackageResult:
    return _DEFAULT.load_package(directory, overrides)


def check_source(path: str, text_: str) -> PackageResult:
    return _DEFAULT.check_source(path, text_)


_DEFAULT = Frontend()
