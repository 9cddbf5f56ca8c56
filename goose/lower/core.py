"""The lowerer's state shared by every part: scopes, names (fresh IR names for shadowing
variables), captures of goroutine literals, boxed variables, and error reporting."""

from __future__ import annotations

from dataclasses import dataclass

import tree_sitter as ts

from goose import ir
from goose import types as T
from goose.cst import span
from goose.decls import INVALID, PackageEnv, TypeResolver
from goose.report import Reporter

ARITH = {"+", "-", "*", "/", "%", "&", "|", "^", "&^", "<<", ">>"}
COMPARE = {"==", "!=", "<", "<=", ">", ">="}
BUILTINS = {"len", "cap", "append", "make", "new", "delete", "panic", "copy", "min", "max"}
REJECTED_BUILTINS = {"print", "println", "close", "complex", "real", "imag", "clear"}


@dataclass
class VarInfo:
    name: str  # IR name
    type: T.Type
    captured: bool = False  # a goroutine literal's capture: a pointer parameter to the cell


class Scope:
    def __init__(self, parent: Scope | None = None) -> None:
        self.parent = parent
        self.vars: dict[str, VarInfo] = {}

    def lookup(self, name: str) -> VarInfo | None:
        s: Scope | None = self
        while s is not None:
            if name in s.vars:
                return s.vars[name]
            s = s.parent
        return None


class LowererCore:
    def __init__(
        self,
        env: PackageEnv,
        rep: Reporter,
        file: str,
        anchors: dict[int, list[ir.AnnotationGroup]],
        synthetic: list[ir.FuncDecl],
        qualified: str,
        results: list[T.Type],
        outer: LowererCore | None = None,
    ) -> None:
        self.env = env
        self.rep = rep
        self.file = file
        self.anchors = anchors
        self.synthetic = synthetic
        self.qualified = qualified
        self.results = results
        self.outer = outer
        self.outer_scope: Scope | None = None  # the literal's defining scope (for captures)
        self.scope = Scope()
        self.names: set[str] = set()
        self.boxed: set[str] = set()
        self.captures: dict[str, tuple[VarInfo, VarInfo]] = {}  # name -> (outer info, inner info)
        self.errors_before = len(rep.diagnostics)
        self.loop_depth = 0
        self.go_count = 0
        self.types = TypeResolver(env, rep, file)
        self.converted: set[int] = set()  # ids of expressions a same-type conversion wrapped
        self.go_int_vars: set[str] = set()  # IR names of range indexes, which Go types int

    def err(self, node: ts.Node | ir.Span, message: str) -> None:
        self.rep.type_error(self.file, node, message)

    def reject(self, node: ts.Node, construct: str, detail: str = "") -> None:
        self.rep.reject(self.file, node, construct, detail)

    def invalid(self, node: ts.Node) -> ir.Expr:
        return ir.Const(span(node), INVALID, 0)

    def declare(self, name: str, ty: T.Type, node: ts.Node | ir.Span) -> VarInfo:
        if name == "_":
            return VarInfo("_", ty)
        if name in self.scope.vars:
            self.err(node, f"`{name}` redeclared in this block")
        irname = name
        if self.scope.lookup(name) is not None or name in self.names:
            k = 2
            while f"{name}${k}" in self.names:
                k += 1
            irname = f"{name}${k}"
        self.names.add(irname)
        info = VarInfo(irname, ty)
        self.scope.vars[name] = info
        return info

    def lookup(self, name: str) -> VarInfo | None:
        return self.lookup_in(self.scope, name)

    def _outer_lookup(self, name: str) -> VarInfo | None:
        assert self.outer is not None and self.outer_scope is not None
        return self.outer.lookup_in(self.outer_scope, name)

    def lookup_in(self, scope: Scope, name: str) -> VarInfo | None:
        info = scope.lookup(name)
        if info is not None:
            return info
        if self.outer is not None and self.outer_scope is not None:
            if name in self.captures:
                return self.captures[name][1]
            o = self._outer_lookup(name)
            if o is not None:
                # A capture: the goroutine body sees the outer variable through a pointer
                # parameter of the same name, and the outer variable moves to the heap.
                inner = VarInfo(o.name, o.type, captured=True)
                self.captures[name] = (o, inner)
                self.names.add(o.name)
                self.outer.mark_boxed(o)
                return inner
        return None

    def mark_boxed(self, info: VarInfo) -> None:
        if not info.captured:
            self.boxed.add(info.name)

    def push(self) -> None:
        self.scope = Scope(self.scope)

    def pop(self) -> None:
        assert self.scope.parent is not None
        self.scope = self.scope.parent

    def is_package_name(self, name: str) -> bool:
        return name in self.env.imports and self.lookup(name) is None
