"""Package-level declarations: imports, struct types, constants, function signatures.

Collected from every file of a package before any function body is lowered, so bodies can
refer to declarations in any order and any file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import tree_sitter as ts

from goose import machine_api as M
from goose import types as T
from goose.cst import field as fld
from goose.cst import fields, named, span, text
from goose.ir import Span
from goose.report import Reporter

SIGNED = {"int", "int8", "int16", "int32", "int64", "uint", "uintptr"}
FLOATS = {"float32", "float64", "complex64", "complex128"}
INVALID = T.Basic("invalid")


@dataclass
class FuncSig:
    name: str
    recv_type: str  # "" for functions
    ptr_recv: bool
    params: list[tuple[str, T.Type, Span]]
    results: list[T.Type]
    node: ts.Node
    file: str

    @property
    def qualified(self) -> str:
        return f"{self.recv_type}.{self.name}" if self.recv_type else self.name

    @property
    def type(self) -> T.Func:
        return T.Func(tuple(t for _, t, _ in self.params), tuple(self.results))


@dataclass
class ConstInfo:
    name: str
    type: T.Type
    value: int | bool | str
    node: ts.Node
    file: str


@dataclass
class StructInfo:
    name: str
    named: T.Named
    node: ts.Node
    file: str
    field_nodes: list[tuple[str, T.Type, ts.Node]] = field(default_factory=list)


@dataclass
class PackageEnv:
    name: str = ""
    imports: dict[str, str] = field(default_factory=dict)  # short name -> path
    structs: dict[str, StructInfo] = field(default_factory=dict)
    consts: dict[str, ConstInfo] = field(default_factory=dict)
    funcs: dict[str, FuncSig] = field(default_factory=dict)  # by qualified name
    # Type names declared but rejected (interfaces, aliases, generic or non-struct types):
    # their uses resolve to `invalid` silently, the declaration carries the one diagnostic.
    rejected_types: set[str] = field(default_factory=set)
    # Packages of the same module (and Go-written library packages) this one may import,
    # by import path; filled by the front end before the imports are collected.
    deps: dict[str, PackageAPI] = field(default_factory=dict)
    # Type aliases (`type AddrSet = map[uint64]bool`): name -> the syntax of the target,
    # resolved where used (an alias is its target, not a new type).
    aliases: dict[str, ts.Node] = field(default_factory=dict)
    alias_files: dict[str, str] = field(default_factory=dict)
    alias_imports: dict[str, dict[str, str]] = field(default_factory=dict)
    rejected_methods: set[tuple[str, str]] = field(default_factory=set)  # (type, method)
    rejected_funcs: set[str] = field(default_factory=set)  # declared, but rejected (generic)
    # Named non-struct types (`type Inum uint64`), and the syntax of their underlying type.
    defined: dict[str, T.Named] = field(default_factory=dict)
    defined_specs: dict[str, tuple[ts.Node, str, dict[str, str]]] = field(default_factory=dict)

    def method(self, struct: str, name: str) -> FuncSig | None:
        return self.funcs.get(f"{struct}.{name}")

    def has_defined_types(self) -> bool:
        """Does the package, or a package it imports, declare named non-struct types (so
        that the IR's types must be erased)?"""
        if self.defined:
            return True
        stack = list(self.deps.values())
        seen: set[str] = set()
        while stack:
            api = stack.pop()
            if api.path in seen:
                continue
            seen.add(api.path)
            if api.defined:
                return True
            stack.extend(api.deps.values())
        return False

    def rejected_import(self, short: str) -> bool:
        """Is `short` an import that was rejected (its uses are then silently invalid)?"""
        return self.imports.get(short) == REJECTED_IMPORT

    def machine_package(self, short: str) -> str | None:
        """The machine-library package (`prims`, `disk`, `sync`, ...) an imported name
        denotes, or None (not imported, or a package of the module)."""
        path = self.imports.get(short)
        return M.canonical(path) if path is not None else None

    def dep(self, short: str) -> PackageAPI | None:
        """The imported package of the module that `short` names, if it is one."""
        path = self.imports.get(short)
        return self.deps.get(path) if path is not None else None

    def type_package(self, name: str) -> PackageAPI | None:
        """The package whose types are qualified `name`, among the imported packages and
        theirs (a value of an imported package's type may come from a package this one
        does not import itself, and its methods are still callable)."""
        stack = list(self.deps.values())
        seen: set[str] = set()
        while stack:
            api = stack.pop()
            if api.path in seen:
                continue
            seen.add(api.path)
            if api.name == name:
                return api
            stack.extend(api.deps.values())
        return None


@dataclass
class PackageAPI:
    """What another package sees of a package: its exported constants, struct types,
    functions and methods. Types are re-qualified with the package's name
    (`alloc.Alloc`), so they are distinct from the importer's own."""

    name: str
    path: str  # import path
    directory: str
    consts: dict[str, ConstInfo] = field(default_factory=dict)
    structs: dict[str, StructInfo] = field(default_factory=dict)
    funcs: dict[str, FuncSig] = field(default_factory=dict)  # by qualified name
    defined: dict[str, T.Named] = field(default_factory=dict)  # named non-struct types (importers name only exported ones)
    fingerprint: str = ""  # hash of its declarations (a dependency of the importer's IR)
    deps: dict[str, PackageAPI] = field(default_factory=dict)  # what it imports, by path
    rejected_funcs: set[str] = field(default_factory=set)  # declared but rejected: no follow-ons
    cycle: str = ""  # an import cycle found below it: its importers report it too

    def method(self, struct: str, name: str) -> FuncSig | None:
        return self.funcs.get(f"{struct}.{name}")


def exported(name: str) -> bool:
    return name[:1].isupper()


def package_api(env: PackageEnv, path: str, directory: str, fingerprint: str) -> PackageAPI:
    """The exported view of a checked package's declarations."""
    short = env.name
    fresh: dict[str, T.Named] = {n: T.Named(short, n) for n in [*env.structs, *env.defined]}

    api = PackageAPI(short, path, directory, fingerprint=fingerprint, deps=dict(env.deps),
                     rejected_funcs=set(env.rejected_funcs))

    def q(t: T.Type) -> T.Type:
        if isinstance(t, T.Named) and t.pkg == "" and t.name in fresh:
            return fresh[t.name]
        if isinstance(t, T.Pointer):
            return T.Pointer(q(t.elem))
        if isinstance(t, T.Slice):
            return T.Slice(q(t.elem))
        if isinstance(t, T.Map):
            return T.Map(q(t.key), q(t.value))
        if isinstance(t, T.Tuple):
            return T.Tuple(tuple(q(e) for e in t.elems))
        return t

    for n, info in env.structs.items():
        st = info.named.underlying
        if isinstance(st, T.Struct):
            object.__setattr__(fresh[n], "underlying", T.Struct(tuple((fn, q(ft)) for fn, ft in st.fields)))
    for n, d in env.defined.items():
        object.__setattr__(fresh[n], "underlying", q(d.underlying) if d.underlying is not None else INVALID)
        api.defined[n] = fresh[n]  # unexported ones too: they may appear in exported signatures
    for n, c in env.consts.items():
        if exported(n):
            api.consts[n] = ConstInfo(n, q(c.type), c.value, c.node, c.file)
    for n, info in env.structs.items():
        if exported(n):
            api.structs[n] = StructInfo(n, fresh[n], info.node, info.file,
                                        [(fn, q(ft), fnode) for fn, ft, fnode in info.field_nodes])
    for qn, sig in env.funcs.items():
        # Exported methods of unexported types too: an exported function may return one.
        if exported(sig.name):
            api.funcs[qn] = FuncSig(sig.name, sig.recv_type, sig.ptr_recv,
                                    [(pn, q(pt), psp) for pn, pt, psp in sig.params],
                                    [q(r) for r in sig.results], sig.node, sig.file)
    return api


class TypeResolver:
    """Turns type syntax into `types.Type`, rejecting what the subset leaves out."""

    def __init__(self, env: PackageEnv, rep: Reporter, file: str) -> None:
        self.env = env
        self.rep = rep
        self.file = file
        self.resolving: frozenset[str] = frozenset()  # aliases being expanded (cycles)

    def resolve(self, node: ts.Node) -> T.Type:
        try:
            return self._resolve(node)
        except RecursionError:
            # A type nested thousands deep: report it once, where the catch happens.
            self.rep.reject(self.file, node, "too-deep", "type")
            return INVALID

    def _resolve(self, node: ts.Node) -> T.Type:
        k = node.type
        if k == "type_identifier" or k == "identifier":
            return self._ident(node)
        if k == "qualified_type":
            short = text(fld(node, "package") or node)
            name = text(fld(node, "name") or node)
            if short not in self.env.imports:
                self.rep.type_error(self.file, node, f"undefined package `{short}` (import it)")
                return INVALID
            if self.env.rejected_import(short):
                return INVALID
            dep = self.env.dep(short)
            if dep is not None:
                if name in dep.structs:
                    return dep.structs[name].named
                if name in dep.defined and exported(name):
                    return dep.defined[name]
                self.rep.type_error(self.file, node, f"undefined: `{short}.{name}` (not an exported struct type of {dep.path})")
                return INVALID
            pkg = self.env.machine_package(short) or short
            tys = M.TYPES.get(pkg, {}) | M.COMPAT_TYPES.get(pkg, {})
            if name not in tys:
                if pkg == "sync":
                    self.rep.reject(self.file, node, "sync-type", f"`sync.{name}`")
                else:
                    self.rep.type_error(self.file, node, f"`{short}.{name}` is not a type Goose knows")
                return INVALID
            return tys[name]
        # A composite of an invalid type is invalid itself (already reported), so that
        # uses of it raise no follow-on errors such as "cannot use ... as *invalid".
        if k == "pointer_type":
            inner = self.resolve(named(node)[0])
            return INVALID if inner == INVALID else T.Pointer(inner)
        if k == "slice_type":
            el = fld(node, "element")
            inner = self.resolve(el if el is not None else named(node)[0])
            return INVALID if inner == INVALID else T.Slice(inner)
        if k == "map_type":
            key = self.resolve(fld(node, "key") or named(node)[0])
            val = self.resolve(fld(node, "value") or named(node)[1])
            if T.underlying(key) not in (T.UINT64, T.UINT32, T.BYTE, T.BOOL, T.STRING, INVALID):
                self.rep.reject(self.file, fld(node, "key") or node, "map-key", f"map key type `{key}`")
            return INVALID if INVALID in (key, val) else T.Map(key, val)
        if k == "parenthesized_type":
            return self.resolve(named(node)[0])
        if k in ("array_type", "implicit_length_array_type"):
            self.rep.reject(self.file, node, "array", f"array type `{text(node)}`")
        elif k == "interface_type":
            self.rep.reject(self.file, node, "interface", "interface type")
        elif k == "function_type":
            self.rep.reject(self.file, node, "func-value", f"function type `{text(node)}`")
        elif k == "channel_type":
            self.rep.reject(self.file, node, "channel", f"channel type `{text(node)}`")
        elif k == "struct_type":
            if _empty_struct(node):
                return EMPTY_STRUCT  # struct{}: a value with no fields (sets as maps to it)
            self.rep.reject(self.file, node, "anonymous-struct")
        elif k == "generic_type":
            self.rep.reject(self.file, node, "generics", f"generic type `{text(node)}`")
        elif k == "negated_type" or k == "union_type":
            self.rep.reject(self.file, node, "generics")
        else:
            self.rep.type_error(self.file, node, f"unexpected type syntax `{text(node)}`")
        return INVALID

    def _ident(self, node: ts.Node) -> T.Type:
        name = text(node)
        if name in T.INTEGER_TYPES:
            return T.INTEGER_TYPES[name][1]
        if name == "bool":
            return T.BOOL
        if name == "string":
            return T.STRING
        if name in ("any", "error"):
            self.rep.reject(self.file, node, "interface", f"`{name}`")
            return INVALID
        if name in SIGNED:
            self.rep.reject(self.file, node, "signed-int", f"basic type `{name}`")
            return INVALID
        if name in FLOATS:
            self.rep.reject(self.file, node, "float", f"basic type `{name}`")
            return INVALID
        if name == "rune":
            self.rep.reject(self.file, node, "rune", "type `rune`")
            return INVALID
        if name in self.env.structs:
            return self.env.structs[name].named
        if name in self.env.aliases:
            return self._alias(node, name)
        if name in self.env.defined:
            t = self.env.defined[name]
            return INVALID if t.underlying is INVALID else t
        if name not in self.env.rejected_types:
            self.rep.type_error(self.file, node, f"undefined type `{name}`")
        return INVALID


    def _alias(self, node: ts.Node, name: str) -> T.Type:
        """An alias is its target type, resolved in the alias's own file (its imports)."""
        resolving = self.resolving
        if name in resolving:
            self.rep.type_error(self.file, node, f"invalid recursive type alias `{name}`")
            return INVALID
        env = replace(self.env, imports=self.env.alias_imports.get(name, self.env.imports))
        target = TypeResolver(env, self.rep, self.env.alias_files.get(name, self.file))
        target.resolving = resolving | {name}
        return target.resolve(self.env.aliases[name])


EMPTY_STRUCT = T.Struct(())


def _empty_struct(node: ts.Node) -> bool:
    fl = next((c for c in node.named_children if c.type == "field_declaration_list"), None)
    return fl is None or not any(c.type == "field_declaration" for c in fl.named_children)


def collect_imports(env: PackageEnv, root: ts.Node, rep: Reporter, file: str, import_errors: dict[str, str] | None = None) -> None:
    for decl in root.named_children:
        if decl.type != "import_declaration":
            continue
        specs = [decl] if not any(c.type == "import_spec_list" for c in decl.named_children) else []
        for c in decl.named_children:
            if c.type == "import_spec_list":
                specs.extend(s for s in c.named_children if s.type == "import_spec")
            elif c.type == "import_spec":
                specs.append(c)
        for spec in specs:
            if spec.type != "import_spec":
                continue
            path_node = fld(spec, "path")
            if path_node is None:
                continue
            path = text(path_node).strip('"`')
            alias = fld(spec, "name")
            short = path.rsplit("/", 1)[-1]
            if alias is not None and text(alias) in (".", "_"):
                rep.reject(file, alias, "dot-import", f"import `{text(alias)} \"{path}\"`")
                continue
            if alias is not None:
                short = text(alias)  # a renamed import: the IR still names the package
            dep = env.deps.get(path)
            if path in ("unsafe", "reflect"):
                rep.reject(file, spec, path, f'import "{path}"')
            elif import_errors and path in import_errors:
                rep.type_error(file, spec, import_errors[path], "goose/import-package")
            elif dep is None and M.canonical(path) is None:
                rep.reject(file, spec, "import", f'import "{path}"')
            else:
                if dep is not None and alias is None:
                    short = dep.name
                if short in env.imports:
                    rep.type_error(file, spec, f"`{short}` imported twice in this file")
                    continue
                env.imports[short] = path
                continue
            # Rejected (reported once, here): its uses resolve to `invalid` silently.
            env.imports.setdefault(short, REJECTED_IMPORT)


REJECTED_IMPORT = ""  # the path of an import that was rejected




def collect_types(env: PackageEnv, root: ts.Node, rep: Reporter, file: str) -> list[ts.Node]:
    """First pass: struct names (so fields may refer to any struct). Returns the specs."""
    specs: list[ts.Node] = []
    for decl in root.named_children:
        if decl.type != "type_declaration":
            continue
        for spec in named(decl):
            if spec.type == "type_alias":
                # An alias is its target (Go: the same type under another name).
                aname, atype = fld(spec, "name"), fld(spec, "type")
                if aname is None or atype is None:
                    continue
                if fld(spec, "type_parameters") is not None:
                    rep.reject(file, spec, "generics", f"generic type alias `{text(aname)}`")
                    env.rejected_types.add(text(aname))
                    continue
                if text(aname) in env.structs or text(aname) in env.aliases:
                    rep.type_error(file, aname, f"`{text(aname)}` redeclared in this package")
                    continue
                env.aliases[text(aname)] = atype
                env.alias_files[text(aname)] = file
                env.alias_imports[text(aname)] = env.imports
                continue
            if spec.type != "type_spec":
                continue
            name_node = fld(spec, "name")
            ty = fld(spec, "type")
            if name_node is None or ty is None:
                continue
            if fld(spec, "type_parameters") is not None:
                rep.reject(file, spec, "generics", f"generic type `{text(name_node)}`")
                env.rejected_types.add(text(name_node))
                continue
            if ty.type == "interface_type":
                env.rejected_types.add(text(name_node))
                rep.reject(file, ty, "interface", f"interface type `{text(name_node)}`")
                continue
            name = text(name_node)
            if ty.type != "struct_type":
                # `type Inum uint64`: its underlying type is resolved once all names are
                # known (it may name another such type, or a struct).
                if name in env.structs or name in env.aliases or name in env.defined:
                    rep.type_error(file, name_node, f"`{name}` redeclared in this package")
                    continue
                env.defined[name] = T.Named("", name)
                env.defined_specs[name] = (ty, file, env.imports)
                continue
            if name in env.structs or name in env.aliases or name in env.defined:
                rep.type_error(file, name_node, f"`{name}` redeclared in this package")
                continue
            env.structs[name] = StructInfo(name, T.Named("", name), spec, file)
            specs.append(spec)
    return specs


DEFINED_KINDS = "integer, string, slice and map"


def fill_defined(env: PackageEnv, rep: Reporter) -> None:
    """The underlying types of named non-struct types, in dependency order (`type B A`
    takes A's underlying type)."""
    state: dict[str, int] = {}

    def visit(name: str) -> None:
        node, file, imports = env.defined_specs[name]
        state[name] = 1
        res = TypeResolver(replace(env, imports=imports), rep, file)
        if node.type == "type_identifier" and text(node) in env.defined:
            dep = text(node)
            if state.get(dep) == 1:
                rep.type_error(file, node, f"invalid recursive type `{name}`")
                u: T.Type = INVALID
            else:
                if dep not in state:
                    visit(dep)
                u = env.defined[dep].underlying or INVALID
        else:
            u = T.underlying(res.resolve(node))
        if u != INVALID and not (T.is_integer(u) or u == T.STRING or isinstance(u, T.Slice | T.Map)):
            rep.reject(file, node, "named-type", f"named type `{name}` over {u}")
            u = INVALID
        object.__setattr__(env.defined[name], "underlying", u)
        state[name] = 2

    for name in env.defined:
        if name not in state:
            visit(name)


def check_aliases(env: PackageEnv, rep: Reporter, file: str) -> None:
    """Resolve every alias of `file` once at its declaration (with the file's imports), so
    that what is wrong with its target (a cycle, an unsupported type) is reported there even
    if nothing uses it."""
    for name, node in env.aliases.items():
        if env.alias_files[name] == file:
            TypeResolver(env, rep, file)._alias(node, name)


def fill_structs(env: PackageEnv, specs: list[ts.Node], rep: Reporter, imports: dict[str, dict[str, str]]) -> None:
    """Second pass: field types. Named types are nominal, so the Named value is rebuilt with
    its underlying struct and shared by every reference (equality ignores `underlying`)."""
    for spec in specs:
        name = text(fld(spec, "name"))  # type: ignore[arg-type]
        info = env.structs[name]
        env.imports = imports.get(info.file, {})
        res = TypeResolver(env, rep, info.file)
        body = fld(spec, "type")
        fl = next((c for c in body.named_children if c.type == "field_declaration_list"), None)  # type: ignore[union-attr]
        out: list[tuple[str, T.Type, ts.Node]] = []
        seen: set[str] = set()
        for fd in (fl.named_children if fl is not None else []):
            if fd.type != "field_declaration":
                continue
            names = fields(fd, "name")
            tnode = fld(fd, "type")
            if tnode is None:
                continue
            if not names:
                rep.reject(info.file, fd, "embedded-field", f"embedded field `{text(tnode)}`")
                continue
            ft = res.resolve(tnode)
            for n in names:
                nm = text(n)
                if nm in seen:
                    rep.type_error(info.file, n, f"duplicate field `{nm}`")
                seen.add(nm)
                out.append((nm, ft, fd))
        info.field_nodes = out
    for info in env.structs.values():
        struct = T.Struct(tuple((n, t) for n, t, _ in info.field_nodes))
        object.__setattr__(info.named, "underlying", struct)
    _check_recursive(env, rep)


def _check_recursive(env: PackageEnv, rep: Reporter) -> None:
    """A struct that contains itself by value (not through a pointer, slice or map) has no
    finite size: Go rejects it, and a zero value of it would never end."""
    inside: dict[str, list[tuple[str, ts.Node]]] = {}
    for name, info in env.structs.items():
        inside[name] = [
            (ft.name, fnode) for _, ft, fnode in info.field_nodes
            if isinstance(ft, T.Named) and ft.pkg == "" and ft.name in env.structs
        ]

    def reaches(start: str, target: str) -> bool:
        seen = {start}
        stack = [start]
        while stack:
            n = stack.pop()
            if n == target:
                return True
            for child, _ in inside[n]:
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return False

    broken: list[tuple[str, ts.Node]] = []
    for name in env.structs:
        for child, fnode in inside[name]:
            if reaches(child, name):
                msg = (f"invalid recursive type: `{name}` contains itself; use a pointer (*{name})" if child == name
                       else f"invalid recursive type: `{name}` contains `{child}` by value, which contains `{name}`; use a pointer (*{child})")
                rep.type_error(env.structs[name].file, fnode, msg)
                broken.append((name, fnode))
                break
    # Cut each reported field (it becomes invalid), so that nothing downstream recurses
    # through the cycle (comparisons, zero values) or reports it again.
    for name, fnode in broken:
        info = env.structs[name]
        info.field_nodes = [(n, INVALID if fn.id == fnode.id else t, fn) for n, t, fn in info.field_nodes]
        object.__setattr__(info.named, "underlying", T.Struct(tuple((n, t) for n, t, _ in info.field_nodes)))


def collect_consts(env: PackageEnv, root: ts.Node, rep: Reporter, file: str, fold: object) -> None:
    """Package constants of one file; `fold(node, file, expected)` evaluates a constant
    expression."""
    collect_package_consts(env, [(file, root, env.imports)], rep, fold)


def collect_package_consts(
    env: PackageEnv, files: list[tuple[str, ts.Node, dict[str, str]]], rep: Reporter, fold: object
) -> None:
    """Package constants of every file, folded in dependency order: Go lets a constant
    refer to one declared later (or in another file), so `const A = B + 1; const B = 2`
    folds B first."""
    specs: list[tuple[str, dict[str, str], ts.Node]] = []
    for file, root, imports in files:
        for decl in root.named_children:
            if decl.type != "const_declaration":
                continue
            specs.extend((file, imports, spec) for spec in named(decl) if spec.type == "const_spec")
    owner: dict[str, int] = {}
    for i, (_, _, spec) in enumerate(specs):
        for n in _const_names(spec):
            owner.setdefault(text(n), i)
    order: list[int] = []
    state: dict[int, int] = {}  # 1: visiting, 2: done

    def visit(i: int) -> None:
        stack = [(i, iter(_const_deps(specs[i][2], owner, i)))]
        state[i] = 1
        while stack:
            j, deps = stack[-1]
            nxt = next(deps, None)
            if nxt is None:
                stack.pop()
                state[j] = 2
                order.append(j)
            elif nxt not in state:  # a cycle (state 1) is left to the folder to report
                state[nxt] = 1
                stack.append((nxt, iter(_const_deps(specs[nxt][2], owner, nxt))))

    for i in range(len(specs)):
        if i not in state:
            visit(i)
    saved = env.imports
    for i in order:
        file, imports, spec = specs[i]
        env.imports = imports
        _collect_const_spec(env, spec, rep, file, fold)
    env.imports = saved


def _const_deps(spec: ts.Node, owner: dict[str, int], me: int) -> list[int]:
    value = fld(spec, "value")
    if value is None:
        return []
    out: list[int] = []
    stack = [value]
    while stack:
        n = stack.pop()
        if n.type == "identifier":
            j = owner.get(text(n))
            if j is not None and j != me and j not in out:
                out.append(j)
        elif n.type != "selector_expression":
            stack.extend(n.named_children)
        else:
            operand = fld(n, "operand")
            if operand is not None:
                stack.append(operand)
    return out


def _const_names(spec: ts.Node) -> list[ts.Node]:
    # tree-sitter-go tags the commas of `const A, B = 1, 2` with the field `name` too.
    return [n for n in fields(spec, "name") if n.type == "identifier"]


def _collect_const_spec(env: PackageEnv, spec: ts.Node, rep: Reporter, file: str, fold: object) -> None:
    names = _const_names(spec)
    values_node = fld(spec, "value")
    tnode = fld(spec, "type")
    if values_node is None:
        rep.reject(file, spec, "iota", "constant without a value (implicit repetition)")
        return
    values = named(values_node)
    declared = TypeResolver(env, rep, file).resolve(tnode) if tnode is not None else None
    if len(values) != len(names):
        rep.type_error(file, spec, "constant declaration: number of names and values differ")
        return
    for n, v in zip(names, values, strict=True):
        result = fold(v, file, declared)  # type: ignore[operator]
        if result is None:
            continue
        ty, val = result
        if declared is not None:
            ty = declared
        name = text(n)
        if name != "_" and (name in env.consts or name in env.structs or name in env.funcs):
            rep.type_error(file, n, f"`{name}` redeclared in this package")
            continue
        env.consts[name] = ConstInfo(name, ty, val, spec, file)


def collect_funcs(env: PackageEnv, root: ts.Node, rep: Reporter, file: str) -> list[ts.Node]:
    out: list[ts.Node] = []
    for decl in root.named_children:
        if decl.type == "var_declaration":
            rep.reject(file, decl, "global-var", "package-level `var`")
            continue
        if decl.type not in ("function_declaration", "method_declaration"):
            continue
        name_node = fld(decl, "name")
        if name_node is None:
            continue
        name = text(name_node)
        res = TypeResolver(env, rep, file)
        if fld(decl, "type_parameters") is not None:
            rep.reject(file, fld(decl, "type_parameters") or decl, "generics", f"generic function `{name}`")
            env.rejected_funcs.add(name)  # its calls: silently invalid
            continue
        if name == "init" and decl.type == "function_declaration":
            rep.reject(file, name_node, "init-func")
            continue
        recv_type = ""
        ptr_recv = False
        params: list[tuple[str, T.Type, Span]] = []
        if decl.type == "method_declaration":
            recv = fld(decl, "receiver")
            rp = [p for p in named(recv)] if recv is not None else []
            if len(rp) != 1:
                rep.type_error(file, recv or decl, "a method needs exactly one receiver")
                continue
            rtype = fld(rp[0], "type")
            rname = fld(rp[0], "name")
            base = rtype
            if base is not None and base.type == "pointer_type":
                ptr_recv = True
                base = named(base)[0]
            # A struct of this package or a named non-struct type of it (`type Inum uint64`,
            # `type Blocks []Block`): Go allows methods on both, and a call is the same IR.
            if base is None or base.type != "type_identifier" or (text(base) not in env.structs
                                                                   and text(base) not in env.defined):
                rep.reject(file, rtype or recv, "pointer-method-receiver", f"receiver type `{text(rtype) if rtype else '?'}`")
                if base is not None:
                    env.rejected_methods.add((text(base), name))  # its calls: silently invalid
                continue
            recv_type = text(base)
            rt = env.structs[recv_type].named if recv_type in env.structs else env.defined[recv_type]
            params.append((text(rname) if rname is not None else "_", T.Pointer(rt) if ptr_recv else rt, span(rp[0])))
        plist = fld(decl, "parameters")
        for p in named(plist) if plist is not None else []:
            if p.type == "variadic_parameter_declaration":
                rep.reject(file, p, "variadic", f"variadic parameter `{text(p)}`")
                continue
            tnode = fld(p, "type")
            pt = res.resolve(tnode) if tnode is not None else INVALID
            pnames = fields(p, "name")
            if not pnames:
                params.append(("_", pt, span(p)))
            for pn in pnames:
                params.append((text(pn), pt, span(pn)))
        results: list[T.Type] = []
        rnode = fld(decl, "result")
        if rnode is not None:
            if rnode.type == "parameter_list":
                for p in named(rnode):
                    if fields(p, "name"):
                        rep.reject(file, p, "named-result", f"named result `{text(p)}`")
                    tnode = fld(p, "type")
                    if tnode is not None:
                        results.append(res.resolve(tnode))
            else:
                results.append(res.resolve(rnode))
        sig = FuncSig(name, recv_type, ptr_recv, params, results, decl, file)
        if sig.qualified in env.funcs or (not recv_type and name in env.structs and name != "_"):
            rep.type_error(file, name_node, f"`{sig.qualified}` redeclared in this package")
            continue
        if recv_type and recv_type in env.structs and env.structs[recv_type].named.underlying is not None:
            st = env.structs[recv_type].named.underlying
            if isinstance(st, T.Struct) and st.field_type(name) is not None:
                rep.type_error(file, name_node, f"field and method with the same name `{name}`")
        env.funcs[sig.qualified] = sig
        out.append(decl)
    return out
