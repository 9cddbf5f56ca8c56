"""Type checking and lowering of function bodies to the Goose IR.

One `FuncLowerer` per function. It reports every error it finds (it never stops at the
first): an erroneous expression gets the `invalid` type, which silences follow-on errors.
Names that shadow an outer variable of the same function get a fresh IR name (`x$2`) so the
IR has one name per variable; variables whose address is taken or that a goroutine captures
are marked `boxed` (they live in a heap cell).
"""

from __future__ import annotations

import ast as pyast
import re
from dataclasses import dataclass

import tree_sitter as ts

from goose import ir
from goose import machine_api as M
from goose import types as T
from goose.cst import field as fld
from goose.cst import named, operator, span, statements, text, unparen
from goose.decls import INVALID, FuncSig, PackageEnv, TypeResolver
from goose.ir import walk
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


def parse_int(lit: str) -> int:
    s = lit.replace("_", "").lower()
    if s.startswith("0x"):
        return int(s[2:], 16)
    if s.startswith("0b"):
        return int(s[2:], 2)
    if s.startswith("0o"):
        return int(s[2:], 8)
    if len(s) > 1 and s.startswith("0"):
        return int(s[1:], 8)
    return int(s)


def parse_string(node: ts.Node) -> str:
    raw = text(node)
    if node.type == "raw_string_literal":
        return raw[1:-1]
    try:
        v = pyast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return raw[1:-1]
    return v if isinstance(v, str) else raw[1:-1]


def parse_rune(raw: str) -> int | None:
    try:
        v = pyast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return None
    if isinstance(v, str) and len(v) == 1:
        return ord(v)
    return None


_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|([0-7]{3})|.)")


def _non_utf8_escape(raw: str) -> bool:
    """Does a Go string literal spell a byte >= 0x80 with \\x or octal? The IR holds
    strings as text, where such a byte is not representable (it would become a 2-byte
    character, and len would be wrong)."""
    for m in _ESCAPE.finditer(raw):
        hexd, octd = m.group(1), m.group(2)
        if (hexd and int(hexd, 16) >= 0x80) or (octd and int(octd, 8) >= 0x80):
            return True
    return False


def fits(value: int, ty: T.Type) -> bool:
    if ty == T.UNTYPED_INT:
        return True
    return 0 <= value < (1 << T.int_bits(ty))


class FuncLowerer:
    def __init__(
        self,
        env: PackageEnv,
        rep: Reporter,
        file: str,
        anchors: dict[int, list[ir.AnnotationGroup]],
        synthetic: list[ir.FuncDecl],
        qualified: str,
        results: list[T.Type],
        outer: FuncLowerer | None = None,
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

    # ------------------------------------------------------------ helpers

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

    # ------------------------------------------------------------ functions

    def lower_func(self, sig: FuncSig) -> ir.FuncDecl:
        node = sig.node
        params: list[ir.Param] = []
        for pname, pty, psp in sig.params:
            info = self.declare(pname, pty, psp) if pname != "_" else VarInfo("_", pty)
            params.append(ir.Param(info.name, pty, psp))
        recv = params.pop(0) if sig.recv_type else None
        body_node = fld(node, "body")
        body = self.block(body_node, new_scope=False) if body_node is not None else []
        if body_node is None:
            self.err(fld(node, "name") or node, f"function `{sig.name}` has no body (external functions are not supported)")
        if sig.results and body_node is not None and not self.terminates(body):
            self.rep.type_error(self.file, _closing_brace(body_node), "missing return at the end of the function", "goose/missing-return")
        fd = ir.FuncDecl(
            name=sig.name,
            params=params,
            results=list(sig.results),
            body=body,
            span=span(node),
            name_span=span(fld(node, "name") or node),
            recv=recv,
            recv_type=sig.recv_type,
            file=self.file,
            annotations=list(self.anchors.get(node.id, [])),
        )
        finish(fd, self.boxed)
        return fd

    def terminates(self, body: list[ir.Stmt]) -> bool:
        if not body:
            return False
        last = body[-1]
        if isinstance(last, ir.Return):
            return True
        if isinstance(last, ir.ExprStmt) and isinstance(last.expr, ir.Builtin) and last.expr.name == "panic":
            return True
        if isinstance(last, ir.If):
            return self.terminates(last.then) and self.terminates(last.els)
        if isinstance(last, ir.Block):
            return self.terminates(last.body)
        if isinstance(last, ir.For) and last.cond is None:
            return not _has_break(last.body)
        return False

    # ------------------------------------------------------------ statements

    def block(self, node: ts.Node, new_scope: bool = True) -> list[ir.Stmt]:
        """A block's statements. A function body is lowered with `new_scope=False`: Go puts
        the parameters in the body's own block, so `x := ...` there reassigns a parameter
        `x` (or is "no new variables") rather than shadowing it."""
        if new_scope:
            self.push()
        out: list[ir.Stmt] = []
        for s in statements(node):
            out.extend(self.stmt(s))
        if new_scope:
            self.pop()
        return out

    def stmt(self, node: ts.Node) -> list[ir.Stmt]:
        out = self._stmt(node)
        groups = self.anchors.get(node.id)
        if groups and out:
            out[0].annotations.extend(groups)
        return out

    def _stmt(self, node: ts.Node) -> list[ir.Stmt]:
        k = node.type
        sp = span(node)
        if k == "expression_statement":
            e = named(node)[0]
            e2 = unparen(e)
            if e2.type == "unary_expression" and operator(e2) == "<-":
                self.reject(e2, "receive")
                return []
            if e2.type != "call_expression":
                self.err(node, f"`{text(node)}` is not used (only calls may be statements)")
                return []
            x = self.call(e2, statement=True)
            if x.type != INVALID and (
                (isinstance(x, ir.Builtin) and x.name not in ("copy", "delete", "panic"))
                or not isinstance(x, ir.Call | ir.Builtin)
            ):
                # Go allows only calls of functions, methods, copy, delete and panic as
                # statements: `append(s, 1)`, `len(s)` and conversions are "not used".
                self.err(node, f"`{text(e2)}` (a value) is not used")
                return []
            return [ir.ExprStmt(sp, x)]
        if k == "short_var_declaration":
            return [self.define(node, fld(node, "left"), fld(node, "right"))]
        if k == "var_declaration":
            return self.var_decl(node)
        if k == "const_declaration":
            self.reject(node, "local-const")
            return []
        if k == "assignment_statement":
            return [self.assign(node)]
        if k in ("inc_statement", "dec_statement"):
            target = named(node)[0]
            place = self.place(target)
            one = ir.Const(span(node), place.type if T.is_integer(place.type) else INVALID, 1)
            if place.type != INVALID and not T.is_integer(place.type):
                self.err(node, f"invalid operation: `{text(node)}` (non-integer type {place.type})")
            return [ir.Assign(sp, [place], [one], op="+" if k == "inc_statement" else "-")]
        if k == "if_statement":
            return [self.if_stmt(node)]
        if k == "for_statement":
            return [self.for_stmt(node)]
        if k == "block":
            return [ir.Block(sp, self.block(node))]
        if k == "return_statement":
            return [self.return_stmt(node)]
        if k == "break_statement":
            if named(node):
                self.reject(node, "label", "labelled break")
            elif self.loop_depth == 0:
                self.err(node, "break is not in a loop")
            return [ir.Break(sp)]
        if k == "continue_statement":
            if named(node):
                self.reject(node, "label", "labelled continue")
            elif self.loop_depth == 0:
                self.err(node, "continue is not in a loop")
            return [ir.Continue(sp)]
        if k == "go_statement":
            return self.go_stmt(node)
        if k == "defer_statement":
            return self.defer_stmt(node)
        if k == "labeled_statement":
            self.reject(node, "label", f"label `{text(named(node)[0])}`")
            inner = named(node)[1:]
            return self.stmt(inner[0]) if inner else []
        if k == "goto_statement":
            self.reject(node, "goto")
            return []
        if k == "expression_switch_statement":
            self.reject(node, "switch")
            return []
        if k == "type_switch_statement":
            self.reject(node, "type-switch")
            return []
        if k == "select_statement":
            self.reject(node, "select")
            return []
        if k == "send_statement":
            self.reject(node, "channel", "channel send")
            return []
        if k == "fallthrough_statement":
            self.reject(node, "fallthrough")
            return []
        if k == "empty_statement":
            return []
        if k == "type_declaration":
            self.reject(node, "anonymous-struct", "type declared inside a function")
            return []
        if k == "ERROR":
            return []
        self.err(node, f"unsupported statement `{text(node)[:40]}`")
        return []

    def var_decl(self, node: ts.Node) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for spec in named(node):
            if spec.type == "var_spec_list":
                specs = [s for s in named(spec) if s.type == "var_spec"]
            else:
                specs = [spec]
            for vs in specs:
                names = [c for c in vs.children_by_field_name("name")]
                tnode = fld(vs, "type")
                vnode = fld(vs, "value")
                declared = self.types.resolve(tnode) if tnode is not None else None
                values: list[ir.Expr] = []
                tys: list[T.Type] = []
                if vnode is not None:
                    vals = named(vnode)
                    if len(vals) == 1 and len(names) > 1:
                        v = self.expr(vals[0], tuple_ok=True)
                        tt = v.type.elems if isinstance(v.type, T.Tuple) else ()
                        if len(tt) != len(names):
                            if v.type != INVALID:
                                self.err(vs, f"assignment mismatch: {len(names)} variables but {text(vals[0])} gives {len(tt) or 1} values")
                            tt = tuple(INVALID for _ in names)
                        values = [v]
                        tys = [declared or t for t in tt]
                    elif len(vals) != len(names):
                        self.err(vs, f"assignment mismatch: {len(names)} variables but {len(vals)} values")
                        continue
                    else:
                        for n, v in zip(names, vals, strict=True):
                            e = self.expr(v)
                            if declared is not None:
                                e = self.coerce(e, declared, v)
                            else:
                                if text(n) != "_" and self._int_in_go(e):
                                    self._reject_int_var(text(n), v)
                                e = self.default(e, v)
                            values.append(e)
                            tys.append(declared or e.type)
                else:
                    if declared is None:
                        continue
                    tys = [declared] * len(names)
                infos = [self.declare(text(n), t, n) for n, t in zip(names, tys, strict=True)]
                out.append(ir.Define(span(vs), [i.name for i in infos], tys, values, new=[True] * len(infos)))
        return out

    def define(self, node: ts.Node, left: ts.Node | None, right: ts.Node | None) -> ir.Stmt:
        lnames = named(left) if left is not None else []
        rvals = named(right) if right is not None else []
        values: list[ir.Expr] = []
        tys: list[T.Type] = []
        go_int: list[bool] = []  # per value: Go would give a new variable the type int
        for n in lnames:
            if n.type != "identifier":
                self.err(n, f"non-name `{text(n)}` on the left side of :=")
        if len(rvals) == 1 and len(lnames) > 1:
            v = self.expr(rvals[0], tuple_ok=True, comma_ok=len(lnames) == 2)
            tt = v.type.elems if isinstance(v.type, T.Tuple) else ()
            if len(tt) != len(lnames):
                if v.type != INVALID:
                    self.err(node, f"assignment mismatch: {len(lnames)} variables but `{text(rvals[0])}` gives {len(tt) or 1} value(s)")
                tt = tuple(INVALID for _ in lnames)
            values = [v]
            tys = list(tt)
        elif len(rvals) != len(lnames):
            self.err(node, f"assignment mismatch: {len(lnames)} variables but {len(rvals)} values")
            tys = [INVALID] * len(lnames)
        else:
            for v in rvals:
                raw = self.expr(v)
                go_int.append(self._int_in_go(raw))
                e = self.default(raw, v)
                values.append(e)
                tys.append(e.type)
        names: list[str] = []
        new: list[bool] = []
        any_new = False
        final_tys: list[T.Type] = []
        for n, t in zip(lnames, tys, strict=False):
            name = text(n)
            if name != "_" and name in self.scope.vars:
                info = self.scope.vars[name]
                if t != INVALID and info.type != INVALID and not T.assignable(t, info.type):
                    self.err(n, f"cannot assign {t} to `{name}` (type {info.type})")
                names.append(info.name)
                new.append(False)
                final_tys.append(info.type)
            else:
                if name != "_":
                    any_new = True
                if isinstance(t, T.Tuple) or t == T.VOID:
                    self.err(n, "a call with no result cannot be assigned")
                    t = INVALID
                i = len(names)
                if name != "_" and i < len(go_int) and go_int[i]:
                    self._reject_int_var(name, rvals[i])
                info = self.declare(name, t, n)
                names.append(info.name)
                new.append(name != "_")
                final_tys.append(t)
        if not any_new and lnames:
            self.err(node, "no new variables on the left side of :=")
        return ir.Define(span(node), names, final_tys, values, new=new)

    def assign(self, node: ts.Node) -> ir.Stmt:
        op = operator(node)
        left = named(fld(node, "left")) if fld(node, "left") is not None else []  # type: ignore[arg-type]
        right = named(fld(node, "right")) if fld(node, "right") is not None else []  # type: ignore[arg-type]
        places = [self.place(x) for x in left]
        if op != "=":
            bop = op[:-1]
            if len(places) != 1 or len(right) != 1:
                self.err(node, f"`{op}` needs exactly one operand on each side")
                return ir.Assign(span(node), places, [], op=bop)
            pt = places[0].type
            v = self.expr(right[0])
            if bop in ("<<", ">>"):
                v = self.coerce_shift(v, right[0])
            else:
                v = self.coerce(v, pt, right[0])
            if pt != INVALID and bop not in ("+",) and not T.is_integer(pt):
                self.err(node, f"invalid operation `{op}` on {pt}")
            if bop == "+" and pt != INVALID and not (T.is_integer(pt) or pt == T.STRING):
                self.err(node, f"invalid operation `+=` on {pt}")
            return ir.Assign(span(node), places, [v], op=bop)
        if len(right) == 1 and len(left) > 1:
            v = self.expr(right[0], tuple_ok=True, comma_ok=len(left) == 2)
            tt = v.type.elems if isinstance(v.type, T.Tuple) else ()
            if len(tt) != len(left):
                if v.type != INVALID:
                    self.err(node, f"assignment mismatch: {len(left)} targets but `{text(right[0])}` gives {len(tt) or 1} value(s)")
            else:
                for p, t, ln in zip(places, tt, left, strict=True):
                    if not isinstance(p, ir.Blank) and INVALID not in (p.type, t) and not T.assignable(t, p.type):
                        self.err(ln, f"cannot assign {t} to `{text(ln)}` (type {p.type})")
            return ir.Assign(span(node), places, [v])
        if len(right) != len(left):
            self.err(node, f"assignment mismatch: {len(left)} targets but {len(right)} values")
            return ir.Assign(span(node), places, [])
        values = []
        for p, r in zip(places, right, strict=True):
            e = self.expr(r)
            e = self.default(e, r) if isinstance(p, ir.Blank) else self.coerce(e, p.type, r)
            values.append(e)
        return ir.Assign(span(node), places, values)

    def if_stmt(self, node: ts.Node) -> ir.Stmt:
        init = fld(node, "initializer")
        self.push()
        pre = self.stmt(init) if init is not None else []
        cond_node = fld(node, "condition")
        cond = self.cond(cond_node) if cond_node is not None else self.invalid(node)
        cons = fld(node, "consequence")
        then = self.block(cons) if cons is not None else []
        alt = fld(node, "alternative")
        els: list[ir.Stmt] = []
        if alt is not None:
            els = self.stmt(alt) if alt.type == "if_statement" else self.block(alt)
        self.pop()
        result = ir.If(span(node), cond, then, els)
        if pre:
            return ir.Block(span(node), [*pre, result])
        return result

    def cond(self, node: ts.Node) -> ir.Expr:
        c = self.expr(node)
        if c.type not in (T.BOOL, T.UNTYPED_BOOL, INVALID):
            self.err(node, f"non-boolean condition `{text(node)}` (type {c.type})")
        if c.type == T.UNTYPED_BOOL:
            c.type = T.BOOL
        return c

    def for_stmt(self, node: ts.Node) -> ir.Stmt:
        body_node = fld(node, "body")
        clause = next((c for c in named(node) if c.type in ("for_clause", "range_clause")), None)
        self.push()
        self.loop_depth += 1
        try:
            if clause is None:
                cnode = next((c for c in named(node) if body_node is None or c.id != body_node.id), None)
                cond = self.cond(cnode) if cnode is not None else None
                body = self.block(body_node) if body_node is not None else []
                return ir.For(span(node), None, cond, None, body)
            if clause.type == "for_clause":
                init_n = fld(clause, "initializer")
                init = self.stmt(init_n) if init_n is not None else []
                cond_n = fld(clause, "condition")
                cond = self.cond(cond_n) if cond_n is not None else None
                upd_n = fld(clause, "update")
                upd = self.stmt(upd_n) if upd_n is not None else []
                body = self.block(body_node) if body_node is not None else []
                if len(init) > 1 or len(upd) > 1:
                    self.reject(clause, "cond-init")
                return ir.For(span(node), init[0] if init else None, cond, upd[0] if upd else None, body)
            return self.range_stmt(node, clause, body_node)
        finally:
            self.loop_depth -= 1
            self.pop()

    def range_stmt(self, node: ts.Node, clause: ts.Node, body_node: ts.Node | None) -> ir.Stmt:
        left = fld(clause, "left")
        right = fld(clause, "right")
        x = self.expr(right) if right is not None else self.invalid(clause)
        names = named(left) if left is not None else []
        is_define = any(c.type == ":=" for c in clause.children)
        if not is_define and any(text(n) != "_" for n in names):
            self.reject(clause, "cond-init", "range with `=` (assigning existing variables)")
        xt = T.underlying(x.type)
        if len(names) > 2:
            self.err(left or clause, "range clause permits at most two iteration variables")

        def decl(i: int, ty: T.Type) -> str | None:
            if i >= len(names):
                return None
            n = names[i]
            if text(n) == "_":
                return None
            return self.declare(text(n), ty, n).name

        if isinstance(xt, T.Slice):
            k = decl(0, T.UINT64)
            if k is not None:
                self.go_int_vars.add(k)  # Go's index is an int; the model's a uint64
            v = decl(1, xt.elem)
            body = self.block(body_node) if body_node is not None else []
            return ir.RangeSlice(span(node), k, v, x, body, elem_type=xt.elem)
        if isinstance(xt, T.Map):
            k = decl(0, xt.key)
            v = decl(1, xt.value)
            body = self.block(body_node) if body_node is not None else []
            return ir.RangeMap(span(node), k, v, x, body)
        if xt == T.STRING:
            self.reject(right or clause, "rune", "range over a string")
        elif T.is_integer(xt):
            if len(names) > 1:
                self.err(left or clause, "range over an integer permits only one iteration variable")
                decl(1, INVALID)  # declared anyway: its uses raise no "undefined" follow-ons
            untyped = x.type == T.UNTYPED_INT
            n_expr = self.default(x, right or clause)
            k = decl(0, n_expr.type)
            if k is not None and untyped:
                self.go_int_vars.add(k)  # `range 10` counts in int
            body = self.block(body_node) if body_node is not None else []
            return ir.RangeInt(span(node), k, n_expr, body)
        elif xt != INVALID:
            self.err(right or clause, f"cannot range over `{text(right) if right else ''}` (type {x.type})")
        body = self.block(body_node) if body_node is not None else []
        return ir.For(span(node), None, None, None, body)

    def return_stmt(self, node: ts.Node) -> ir.Stmt:
        vals_node = named(node)
        vals = named(vals_node[0]) if vals_node and vals_node[0].type == "expression_list" else vals_node
        want = self.results
        if len(vals) == 1 and len(want) > 1:
            v = self.expr(vals[0], tuple_ok=True)
            got = v.type.elems if isinstance(v.type, T.Tuple) else (v.type,)
            if v.type != INVALID and tuple(got) != tuple(want):
                self.err(node, f"wrong return values: have ({', '.join(map(str, got))}), want ({', '.join(map(str, want))})")
            return ir.Return(span(node), [v])
        if len(vals) != len(want):
            self.err(node, f"wrong number of return values: have {len(vals)}, want {len(want)}")
            return ir.Return(span(node), [self.expr(v) for v in vals])
        return ir.Return(span(node), [self.coerce(self.expr(v), t, v) for v, t in zip(vals, want, strict=True)])

    def go_stmt(self, node: ts.Node) -> list[ir.Stmt]:
        call_node = unparen(named(node)[0])
        if call_node.type != "call_expression":
            self.reject(node, "goroutine-call")
            return []
        fn = unparen(fld(call_node, "function") or call_node)
        if fn.type == "func_literal":
            return [self.go_literal(node, call_node, fn)]
        c = self.call(call_node, statement=True)
        if not isinstance(c, ir.Call):
            if c.type != INVALID:
                self.reject(call_node, "goroutine-call")
            return []
        return [ir.Go(span(node), c)]

    def go_literal(self, node: ts.Node, call_node: ts.Node, lit: ts.Node) -> ir.Stmt:
        self.go_count += 1
        name = f"{self.qualified.replace('.', '_')}$go{self.go_count}"
        res = fld(lit, "result")
        if res is not None:
            self.err(res, "a goroutine's function literal must not return results")
        child = FuncLowerer(self.env, self.rep, self.file, self.anchors, self.synthetic, name, [], outer=self)
        child.outer_scope = self.scope
        child.names = set()
        params: list[ir.Param] = []
        plist = fld(lit, "parameters")
        variadic = False
        for p in named(plist) if plist is not None else []:
            if p.type == "variadic_parameter_declaration":
                self.reject(p, "variadic", f"variadic parameter `{text(p)}`")
                variadic = True
                continue
            tnode = fld(p, "type")
            pt = self.types.resolve(tnode) if tnode is not None else INVALID
            pnames = p.children_by_field_name("name")
            if not pnames:  # func(uint64) { ... }: an unnamed parameter
                params.append(ir.Param("_", pt, span(p)))
            for pn in pnames:
                info = child.declare(text(pn), pt, pn)
                params.append(ir.Param(info.name, pt, span(pn)))
        args_node = fld(call_node, "arguments")
        args = [self.expr(a) for a in (named(args_node) if args_node is not None else [])]
        if variadic:
            args = []
        elif len(args) != len(params):
            self.err(call_node, f"wrong number of arguments: have {len(args)}, want {len(params)}")
        args = [self.coerce(a, p.type, call_node) for a, p in zip(args, params, strict=False)]
        body_node = fld(lit, "body")
        body = child.block(body_node, new_scope=False) if body_node is not None else []
        # Captured variables become pointer parameters after the explicit ones.
        cap_args: list[ir.Expr] = []
        for outer_info, inner in child.captures.values():
            params.append(ir.Param(inner.name, T.Pointer(inner.type), span(lit), boxed=False))
            if outer_info.captured:
                cap_args.append(ir.Var(span(lit), T.Pointer(outer_info.type), outer_info.name))
            else:
                v = ir.Var(span(lit), outer_info.type, outer_info.name, boxed=True)
                cap_args.append(ir.AddrOf(span(lit), T.Pointer(outer_info.type), v))
        fd = ir.FuncDecl(name, params, [], body, span(lit), span(lit), synthetic=True, file=self.file)
        finish(fd, child.boxed)
        self.synthetic.append(fd)
        call = ir.Call(span(call_node), T.VOID, "", name, [*args, *cap_args])
        return ir.Go(span(node), call)

    def defer_stmt(self, node: ts.Node) -> list[ir.Stmt]:
        call_node = unparen(named(node)[0])
        if call_node.type != "call_expression":
            self.reject(node, "defer")
            return []
        c = self.call(call_node, statement=True)
        ok = isinstance(c, ir.Call) and (
            (c.pkg == "sync" and c.name == "Unlock") or (c.pkg == "filesys" and c.name == "Close")
        )
        if not ok:
            if c.type != INVALID:
                self.reject(node, "defer", f"defer of `{text(call_node)}`")
            return []
        assert isinstance(c, ir.Call)
        return [ir.Defer(span(node), c)]

    # ------------------------------------------------------------ places

    def place(self, node: ts.Node) -> ir.Place:
        node = unparen(node)
        sp = span(node)
        k = node.type
        if k == "identifier":
            name = text(node)
            if name == "_":
                return ir.Blank(sp, INVALID)
            info = self.lookup(name)
            if info is None:
                if name in self.env.consts:
                    self.err(node, f"cannot assign to constant `{name}`")
                else:
                    self.err(node, f"undefined: `{name}`")
                return ir.Blank(sp, INVALID)
            if info.captured:
                return ir.DerefPlace(sp, info.type, ir.Var(sp, T.Pointer(info.type), info.name))
            return ir.VarPlace(sp, info.type, info.name)
        if k == "unary_expression" and operator(node) == "*":
            p = self.expr(fld(node, "operand") or node)
            pt = T.underlying(p.type)
            if isinstance(pt, T.Pointer):
                return ir.DerefPlace(sp, pt.elem, p)
            if p.type != INVALID:
                self.err(node, f"invalid indirect of `{text(node)}` (type {p.type})")
            return ir.Blank(sp, INVALID)
        if k == "selector_expression":
            operand = unparen(fld(node, "operand") or node)
            fname = text(fld(node, "field") or node)
            if operand.type == "identifier" and self.is_package_name(text(operand)):
                self.err(node, f"cannot assign to `{text(node)}`")
                return ir.Blank(sp, INVALID)
            base = self.expr(operand)
            bt = base.type
            if isinstance(bt, T.Pointer):
                ft = _field_type(bt.elem, fname)
                if ft is None:
                    self.err(node, f"`{bt.elem}` has no field `{fname}`")
                    return ir.Blank(sp, INVALID)
                return ir.FieldPlace(sp, ft, base, fname)
            if bt != INVALID:
                ft = _field_type(bt, fname)
                if ft is None:
                    self.err(node, f"`{bt}` has no field `{fname}`")
                    return ir.Blank(sp, INVALID)
                if isinstance(base, ir.Var):
                    vp = ir.VarPlace(base.span, bt, base.name)
                    return ir.FieldPlace(sp, ft, vp, fname)
                if isinstance(base, ir.Deref):
                    return ir.FieldPlace(sp, ft, base.ptr, fname)
                self.reject(node, "nested-field-assign", f"assignment to `{text(node)}`")
            return ir.Blank(sp, INVALID)
        if k == "index_expression":
            x = self.expr(fld(node, "operand") or node)
            idx_node = fld(node, "index") or node
            xt = T.underlying(x.type)
            if isinstance(xt, T.Slice):
                i = self.index_expr(idx_node)
                return ir.IndexPlace(sp, xt.elem, x, i)
            if isinstance(xt, T.Map):
                key = self.coerce(self.expr(idx_node), xt.key, idx_node)
                return ir.MapPlace(sp, xt.value, x, key)
            if xt == T.STRING:
                self.reject(node, "string-mutation")
            elif xt != INVALID:
                self.err(node, f"cannot index `{text(node)}` (type {x.type})")
            return ir.Blank(sp, INVALID)
        self.err(node, f"cannot assign to `{text(node)}`")
        return ir.Blank(sp, INVALID)

    # ------------------------------------------------------------ expressions

    def _int_in_go(self, e: ir.Expr) -> bool:
        """Would Go give this expression the type int when it initialises a new variable?
        Untyped integer constants default to int, and len/cap/copy return int (the model
        types them uint64, which is right only where Go converts or compares them)."""
        if id(e) in self.converted:
            return False
        if isinstance(e, ir.Var) and e.name in self.go_int_vars:
            return True
        if e.type == T.UNTYPED_INT:
            return True
        if isinstance(e, ir.Builtin):
            if e.name in ("min", "max"):
                return self._int_operands(e.args)
            return e.name in ("len", "cap", "copy")
        if isinstance(e, ir.Binary) and e.op not in COMPARE and e.op not in ("&&", "||"):
            return self._int_operands([e.x] if e.op in ("<<", ">>") else [e.x, e.y])
        return False

    def _int_operands(self, args: list[ir.Expr]) -> bool:
        # An untyped constant next to an int is an int (it has taken the other side's type
        # by now, so any constant counts; a typed non-int one would not compile in Go).
        ints = [self._int_in_go(a) for a in args]
        return any(ints) and all(i or isinstance(a, ir.Const) for i, a in zip(ints, args, strict=True))

    def _reject_int_var(self, name: str, value: ts.Node) -> None:
        """`x := 3` and `n := len(s)` give x and n the type int in Go, which the model
        does not have (it would wrap where Go goes negative)."""
        v = text(value)
        self.reject(value, "signed-int", f"`{name}` would have type int in Go; write uint64({v})")

    def default(self, e: ir.Expr, node: ts.Node) -> ir.Expr:
        """Give an untyped constant its default type (x := 3 is a uint64 here)."""
        if e.type == T.UNTYPED_NIL:
            self.err(node, "use of untyped nil in a definition")
            e.type = INVALID
            return e
        if e.type in (T.UNTYPED_INT, T.UNTYPED_BOOL, T.UNTYPED_STRING):
            return self.coerce(e, T.default_type(e.type), node)
        return e

    def coerce(self, e: ir.Expr, target: T.Type, node: ts.Node) -> ir.Expr:
        if INVALID in (e.type, target):
            return e
        if isinstance(e.type, T.Tuple):
            self.reject(node, "multi-value-context", f"`{text(node)}`")
            e.type = INVALID
            return e
        if not T.assignable(e.type, target):
            self.err(node, f"cannot use `{text(node)}` (type {e.type}) as {target}")
            return e
        if e.type in (T.UNTYPED_INT, T.UNTYPED_BOOL, T.UNTYPED_STRING, T.UNTYPED_NIL):
            if isinstance(e, ir.Const) and isinstance(e.value, int) and not isinstance(e.value, bool):
                if not fits(e.value, target):
                    self.err(node, f"constant {e.value} overflows {target}")
            _set_type(e, target)
        return e

    def coerce_shift(self, e: ir.Expr, node: ts.Node) -> ir.Expr:
        if e.type == T.UNTYPED_INT:
            return self.coerce(e, T.UINT64, node)
        if e.type != INVALID and not T.is_integer(e.type):
            self.err(node, f"shift count `{text(node)}` must be an unsigned integer")
        return e

    def index_expr(self, node: ts.Node) -> ir.Expr:
        i = self.expr(node)
        if i.type == T.UNTYPED_INT:
            return self.coerce(i, T.UINT64, node)
        if i.type != INVALID and not T.is_integer(i.type):
            self.err(node, f"invalid index `{text(node)}` (type {i.type})")
        return i

    def expr(self, node: ts.Node, tuple_ok: bool = False, comma_ok: bool = False) -> ir.Expr:
        e = self._expr(node, tuple_ok, comma_ok)
        if not tuple_ok and isinstance(e.type, T.Tuple):
            if e.type == T.VOID:
                self.err(node, f"`{text(node)}` (no value) used as a value")
            else:
                self.reject(node, "multi-value-context", f"`{text(node)}`")
            e.type = INVALID
        return e

    def _expr(self, node: ts.Node, tuple_ok: bool, comma_ok: bool) -> ir.Expr:
        k = node.type
        sp = span(node)
        if k == "parenthesized_expression":
            inner = named(node)
            return self.expr(inner[0], tuple_ok, comma_ok) if inner else self.invalid(node)
        if k == "int_literal":
            return ir.Const(sp, T.UNTYPED_INT, parse_int(text(node)))
        if k in ("interpreted_string_literal", "raw_string_literal"):
            if k == "interpreted_string_literal" and _non_utf8_escape(text(node)):
                self.reject(node, "string-bytes", f"string literal {text(node)[:30]}")
                return self.invalid(node)
            return ir.Const(sp, T.UNTYPED_STRING, parse_string(node))
        if k == "rune_literal":
            v = parse_rune(text(node))
            if v is None or v > 255:
                self.reject(node, "rune", f"rune literal {text(node)}")
                return self.invalid(node)
            return ir.Const(sp, T.UNTYPED_INT, v)
        if k in ("float_literal", "imaginary_literal"):
            self.reject(node, "float", f"literal {text(node)}")
            return self.invalid(node)
        if k == "true":
            return ir.Const(sp, T.UNTYPED_BOOL, True)
        if k == "false":
            return ir.Const(sp, T.UNTYPED_BOOL, False)
        if k == "nil":
            return ir.Nil(sp, T.UNTYPED_NIL)
        if k == "iota":
            self.reject(node, "iota")
            return self.invalid(node)
        if k == "identifier":
            return self.ident(node)
        if k == "selector_expression":
            return self.selector(node)
        if k == "binary_expression":
            return self.binary(node)
        if k == "unary_expression":
            return self.unary(node)
        if k == "call_expression":
            return self.call(node, comma_ok=tuple_ok)
        if k == "type_conversion_expression":
            tnode = fld(node, "type")
            onode = fld(node, "operand")
            if tnode is None or onode is None:
                return self.invalid(node)
            return self.conversion(node, self.types.resolve(tnode), onode)
        if k == "index_expression":
            return self.index(node, comma_ok)
        if k == "slice_expression":
            return self.slice_expr(node)
        if k == "composite_literal":
            return self.composite(node)
        if k == "func_literal":
            self.reject(node, "closure", "function literal")
            return self.invalid(node)
        if k == "type_assertion_expression":
            self.reject(node, "type-assertion")
            return self.invalid(node)
        if k == "ERROR":
            return self.invalid(node)
        self.err(node, f"unsupported expression `{text(node)[:40]}`")
        return self.invalid(node)

    def ident(self, node: ts.Node) -> ir.Expr:
        name = text(node)
        sp = span(node)
        info = self.lookup(name)
        if info is not None:
            if info.captured:
                return ir.Deref(sp, info.type, ir.Var(sp, T.Pointer(info.type), info.name))
            return ir.Var(sp, info.type, info.name)
        c = self.env.consts.get(name)
        if c is not None:
            return ir.Const(sp, c.type, c.value)
        if name == "_":
            self.err(node, "cannot use _ as a value")
            return self.invalid(node)
        if name in self.env.funcs:
            self.reject(node, "func-value", f"function `{name}` used as a value")
            return self.invalid(node)
        if name in BUILTINS or name in REJECTED_BUILTINS:
            self.err(node, f"built-in `{name}` must be called")
            return self.invalid(node)
        if name in self.env.imports:
            self.err(node, f"use of package `{name}` without a selector")
            return self.invalid(node)
        self.err(node, f"undefined: `{name}`")
        return self.invalid(node)

    def selector(self, node: ts.Node) -> ir.Expr:
        operand = unparen(fld(node, "operand") or node)
        fname = text(fld(node, "field") or node)
        sp = span(node)
        if operand.type == "identifier" and self.is_package_name(text(operand)):
            pkg = text(operand)
            consts = M.CONSTS.get(pkg, {})
            if fname in consts:
                ty, val = consts[fname]
                return ir.Const(sp, ty, val)
            if fname in M.FUNCS.get(pkg, {}) or (pkg == "sync" and fname in M.SYNC_FUNCS):
                self.reject(node, "func-value", f"function `{pkg}.{fname}` used as a value")
                return self.invalid(node)
            self.err(node, f"undefined: `{pkg}.{fname}`")
            return self.invalid(node)
        if operand.type == "type_identifier" or (operand.type == "identifier" and text(operand) in self.env.structs and self.lookup(text(operand)) is None):
            self.reject(node, "method-expression", f"`{text(node)}`")
            return self.invalid(node)
        x = self.expr(operand)
        if x.type == INVALID:
            return self.invalid(node)
        xt = x.type
        if isinstance(xt, T.Pointer):
            ft = _field_type(xt.elem, fname)
            if ft is not None:
                return ir.FieldPtrGet(sp, ft, x, fname)
        else:
            ft = _field_type(xt, fname)
            if ft is not None:
                return ir.FieldGet(sp, ft, x, fname)
        if _method_sig(self.env, xt, fname) is not None or _sync_method(xt, fname) is not None:
            self.reject(node, "method-value", f"method value `{text(node)}`")
            return self.invalid(node)
        self.err(node, f"`{text(operand)}` (type {xt}) has no field or method `{fname}`")
        return self.invalid(node)

    def binary(self, node: ts.Node) -> ir.Expr:
        op = operator(node)
        ln, rn = fld(node, "left"), fld(node, "right")
        if ln is None or rn is None:
            return self.invalid(node)
        x = self.expr(ln)
        y = self.expr(rn)
        sp = span(node)
        if INVALID in (x.type, y.type):
            return ir.Binary(sp, INVALID, op, x, y)
        if op in ("&&", "||"):
            for e, n in ((x, ln), (y, rn)):
                if e.type not in (T.BOOL, T.UNTYPED_BOOL):
                    self.err(n, f"operator {op} not defined on `{text(n)}` (type {e.type})")
                    return ir.Binary(sp, INVALID, op, x, y)
            ty = T.UNTYPED_BOOL if x.type == y.type == T.UNTYPED_BOOL else T.BOOL
            x, y = self.coerce(x, T.BOOL, ln) if ty == T.BOOL else x, self.coerce(y, T.BOOL, rn) if ty == T.BOOL else y
            return self.fold(ir.Binary(sp, ty, op, x, y), node)
        if op in ("<<", ">>"):
            y = self.coerce_shift(y, rn)
            if not T.is_integer(x.type):
                self.err(ln, f"shifted operand `{text(ln)}` must be an integer")
                return ir.Binary(sp, INVALID, op, x, y)
            return self.fold(ir.Binary(sp, x.type, op, x, y), node)
        # Operands must agree; untyped constants take the other side's type.
        if x.type != y.type:
            before = len(self.rep.diagnostics)
            if x.type in (T.UNTYPED_INT, T.UNTYPED_BOOL, T.UNTYPED_STRING, T.UNTYPED_NIL):
                x = self.coerce(x, y.type, ln)
            elif y.type in (T.UNTYPED_INT, T.UNTYPED_BOOL, T.UNTYPED_STRING, T.UNTYPED_NIL):
                y = self.coerce(y, x.type, rn)
            if len(self.rep.diagnostics) > before:  # the coercion said what is wrong
                return ir.Binary(sp, INVALID, op, x, y)
            if x.type != y.type and INVALID not in (x.type, y.type):
                self.err(node, f"mismatched types {x.type} and {y.type} in `{text(node)}`")
                return ir.Binary(sp, INVALID, op, x, y)
        t = x.type
        if op in COMPARE:
            for e, n in ((x, ln), (y, rn)):
                if self._int_in_go(e) and any(isinstance(s, ir.Binary) and s.op == "-" for s in walk(e)):
                    # `len(s)-1 >= 0` is int arithmetic in Go (it goes negative); the
                    # model's uint64 would wrap and compare differently.
                    self.reject(n, "signed-int", f"`{text(n)}` is int arithmetic in Go and can go negative; compare uint64 values (e.g. uint64(len(s)) >= 1)")
                    return ir.Binary(sp, INVALID, op, x, y)
            if op in ("==", "!="):
                if isinstance(T.underlying(t), T.Slice | T.Map):
                    if not (isinstance(x, ir.Nil) or isinstance(y, ir.Nil)):
                        self.err(node, f"invalid operation: {t} can only be compared to nil")
                elif not T.comparable(t) and t != T.UNTYPED_NIL:
                    self.err(node, f"invalid operation: {t} values cannot be compared")
            elif not (T.is_integer(t) or t in (T.STRING, T.UNTYPED_STRING)):
                self.err(node, f"operator {op} not defined on {t}")
            return self.fold(ir.Binary(sp, T.UNTYPED_BOOL if isinstance(x, ir.Const) and isinstance(y, ir.Const) else T.BOOL, op, x, y), node)
        if op == "+" and t in (T.STRING, T.UNTYPED_STRING):
            return self.fold(ir.Binary(sp, t, op, x, y), node)
        if not T.is_integer(t):
            self.err(node, f"operator {op} not defined on `{text(node)}` (type {t})")
            return ir.Binary(sp, INVALID, op, x, y)
        return self.fold(ir.Binary(sp, t, op, x, y), node)

    def fold(self, e: ir.Binary, node: ts.Node) -> ir.Expr:
        x, y = e.x, e.y
        if not (isinstance(x, ir.Const) and isinstance(y, ir.Const)):
            if e.op in ("/", "%") and isinstance(y, ir.Const) and y.value == 0:
                self.err(node, "invalid operation: division by zero")
            return e
        a, b = x.value, y.value
        op = e.op
        try:
            if op == "&&":
                v: int | bool | str = bool(a) and bool(b)
            elif op == "||":
                v = bool(a) or bool(b)
            elif op in COMPARE:
                v = {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]  # type: ignore[operator]
            elif isinstance(a, str):
                v = a + str(b)
            else:
                ai, bi = int(a), int(b)
                if op in ("/", "%") and bi == 0:
                    self.err(node, "invalid operation: division by zero")
                    return e
                v = {
                    "+": ai + bi, "-": ai - bi, "*": ai * bi, "/": ai // bi if bi else 0,
                    "%": ai % bi if bi else 0, "&": ai & bi, "|": ai | bi, "^": ai ^ bi,
                    "&^": ai & ~bi, "<<": ai << bi if bi < 4096 else 0, ">>": ai >> bi,
                }[op]
                if v < 0:
                    self.reject(node, "negative-constant", f"constant `{text(node)}` is negative")
                    return ir.Const(e.span, INVALID, 0)
                if e.type != T.UNTYPED_INT and not fits(v, e.type):
                    self.err(node, f"constant {v} overflows {e.type}")
                    return ir.Const(e.span, INVALID, 0)
        except (TypeError, KeyError):
            return e
        return ir.Const(e.span, e.type, v)

    def unary(self, node: ts.Node) -> ir.Expr:
        op = operator(node)
        onode = fld(node, "operand")
        sp = span(node)
        if onode is None:
            return self.invalid(node)
        if op == "&":
            return self.address_of(node, unparen(onode))
        if op == "<-":
            self.reject(node, "receive")
            return self.invalid(node)
        x = self.expr(onode)
        if x.type == INVALID:
            return self.invalid(node)
        if op == "*":
            pt = x.type
            if isinstance(pt, T.Pointer):
                return ir.Deref(sp, pt.elem, x)
            self.err(node, f"invalid indirect of `{text(onode)}` (type {pt})")
            return self.invalid(node)
        if op == "!":
            if x.type not in (T.BOOL, T.UNTYPED_BOOL):
                self.err(node, f"operator ! not defined on `{text(onode)}` (type {x.type})")
                return self.invalid(node)
            if isinstance(x, ir.Const):
                return ir.Const(sp, x.type, not x.value)
            return ir.Unary(sp, x.type, "!", x)
        if op == "^":
            if not T.is_integer(x.type):
                self.err(node, f"operator ^ not defined on {x.type}")
                return self.invalid(node)
            if x.type == T.UNTYPED_INT:
                self.reject(node, "negative-constant", "complement of an untyped constant")
                return self.invalid(node)
            if isinstance(x, ir.Const) and isinstance(x.value, int):
                return ir.Const(sp, x.type, x.value ^ ((1 << T.int_bits(x.type)) - 1))
            return ir.Unary(sp, x.type, "^", x)
        if op == "-":
            if isinstance(x, ir.Const) and x.value == 0:
                return x
            self.reject(node, "negative-constant" if isinstance(x, ir.Const) else "signed-int", f"negation `{text(node)}`")
            return self.invalid(node)
        if op == "+":
            return x
        self.err(node, f"unsupported operator {op}")
        return self.invalid(node)

    def address_of(self, node: ts.Node, operand: ts.Node) -> ir.Expr:
        sp = span(node)
        if operand.type == "composite_literal":
            lit = self.composite(operand)
            if lit.type == INVALID:
                return lit
            return ir.New(sp, T.Pointer(lit.type), lit)
        if operand.type == "identifier":
            info = self.lookup(text(operand))
            if info is None:
                if text(operand) in self.env.consts:
                    # Not `C` itself: `x := &C` once made x a copy of the constant.
                    self.err(node, f"cannot take the address of constant `{text(operand)}`")
                    return self.invalid(node)
                self.ident(operand)  # reports it (undefined, a function, a package, ...)
                return self.invalid(node)
            if info.captured:
                return ir.Var(sp, T.Pointer(info.type), info.name)
            self.boxed.add(info.name)
            return ir.AddrOf(sp, T.Pointer(info.type), ir.Var(span(operand), info.type, info.name, boxed=True))
        self.reject(node, "address-of", f"`{text(node)}`")
        return self.invalid(node)

    def index(self, node: ts.Node, comma_ok: bool) -> ir.Expr:
        onode = fld(node, "operand")
        inode = fld(node, "index")
        if onode is None or inode is None:
            return self.invalid(node)
        x = self.expr(onode)
        xt = T.underlying(x.type)
        sp = span(node)
        if isinstance(xt, T.Slice):
            return ir.Index(sp, xt.elem, x, self.index_expr(inode))
        if xt == T.STRING:
            return ir.Index(sp, T.BYTE, x, self.index_expr(inode))
        if isinstance(xt, T.Map):
            key = self.coerce(self.expr(inode), xt.key, inode)
            if comma_ok:
                return ir.MapGet(sp, T.Tuple((xt.value, T.BOOL)), x, key, comma_ok=True)
            return ir.MapGet(sp, xt.value, x, key)
        if x.type != INVALID:
            if node.named_child_count and any(c.type == "type_arguments" for c in node.named_children):
                self.reject(node, "generics")
            else:
                self.err(node, f"cannot index `{text(onode)}` (type {x.type})")
        return self.invalid(node)

    def slice_expr(self, node: ts.Node) -> ir.Expr:
        onode = fld(node, "operand")
        if onode is None:
            return self.invalid(node)
        if fld(node, "capacity") is not None:
            self.reject(node, "slice-3-index")
            return self.invalid(node)
        x = self.expr(onode)
        xt = T.underlying(x.type)
        lo_n, hi_n = fld(node, "start"), fld(node, "end")
        lo = self.index_expr(lo_n) if lo_n is not None else None
        hi = self.index_expr(hi_n) if hi_n is not None else None
        if isinstance(xt, T.Slice) or xt == T.STRING:
            return ir.SliceExpr(span(node), x.type, x, lo, hi)
        if x.type != INVALID:
            self.err(node, f"cannot slice `{text(onode)}` (type {x.type})")
        return self.invalid(node)

    def composite(self, node: ts.Node) -> ir.Expr:
        tnode = fld(node, "type")
        body = fld(node, "body")
        sp = span(node)
        if tnode is None or body is None:
            return self.invalid(node)
        if tnode.type == "map_type":
            self.reject(node, "map-literal")
            return self.invalid(node)
        if tnode.type == "array_type" or tnode.type == "implicit_length_array_type":
            self.reject(tnode, "array", f"array literal `{text(tnode)}`")
            return self.invalid(node)
        ty = self.types.resolve(tnode)
        if ty == INVALID:
            return self.invalid(node)
        elems = [c for c in named(body)]
        if isinstance(ty, T.Slice):
            vals = []
            for el in elems:
                if el.type == "keyed_element":
                    self.err(el, "keyed elements in slice literals are not supported")
                    continue
                inner = named(el)[0] if el.type == "literal_element" else el
                if inner.type == "literal_value":
                    self.reject(inner, "elided-type", f"`{text(inner)[:30]}`")
                    continue
                vals.append(self.coerce(self.expr(inner), ty.elem, inner))
            return ir.SliceLit(sp, ty, vals)
        st = T.underlying(ty)
        if not isinstance(st, T.Struct):
            self.err(node, f"invalid composite literal type {ty}")
            return self.invalid(node)
        out: list[tuple[str, ir.Expr]] = []
        positional = [e for e in elems if e.type != "keyed_element"]
        if positional and len(positional) != len(elems):
            self.err(node, "mixture of field:value and value elements in struct literal")
            return self.invalid(node)
        if positional:
            if len(positional) != len(st.fields):
                self.err(node, f"too few values in struct literal of type {ty}")
            for (fname, ftype), el in zip(st.fields, positional, strict=False):
                inner = named(el)[0] if el.type == "literal_element" else el
                out.append((fname, self.coerce(self.expr(inner), ftype, inner)))
            return ir.StructLit(sp, ty, out)
        seen: set[str] = set()
        for el in elems:
            key = fld(el, "key")
            val = fld(el, "value")
            if key is None or val is None:
                continue
            knode = named(key)[0] if key.type == "literal_element" and named(key) else key
            vnode = named(val)[0] if val.type == "literal_element" and named(val) else val
            fname = text(knode)
            ft = st.field_type(fname)
            if ft is None:
                self.err(knode, f"unknown field `{fname}` in struct literal of type {ty}")
                continue
            if fname in seen:
                self.err(knode, f"duplicate field `{fname}` in struct literal")
            seen.add(fname)
            if vnode.type == "literal_value":
                self.reject(vnode, "elided-type", f"`{text(vnode)[:30]}`")
                continue
            out.append((fname, self.coerce(self.expr(vnode), ft, vnode)))
        return ir.StructLit(sp, ty, out)

    def conversion(self, node: ts.Node, ty: T.Type, onode: ts.Node) -> ir.Expr:
        x = self.expr(onode)
        sp = span(node)
        if INVALID in (ty, x.type):
            return self.invalid(node)
        if T.is_integer(ty) and T.is_integer(x.type):
            if isinstance(x, ir.Const) and isinstance(x.value, int):
                v = x.value
                if x.type == T.UNTYPED_INT and not fits(v, ty):
                    self.err(node, f"constant {v} overflows {ty}")
                    return self.invalid(node)
                return ir.Const(sp, ty, v & ((1 << T.int_bits(ty)) - 1))
            if x.type == ty:
                self.converted.add(id(x))  # uint64(len(s)) is a uint64 in Go too
                return x
            return ir.Convert(sp, ty, x)
        if ty == T.Slice(T.BYTE) and x.type in (T.STRING, T.UNTYPED_STRING):
            return ir.Convert(sp, ty, self.coerce(x, T.STRING, onode))
        if ty == T.STRING and x.type == T.Slice(T.BYTE):
            return ir.Convert(sp, ty, x)
        if ty == T.STRING and T.is_integer(x.type):
            self.reject(node, "rune", "conversion from an integer to string")
            return self.invalid(node)
        if T.assignable(x.type, ty):
            return self.coerce(x, ty, onode)
        self.err(node, f"cannot convert `{text(onode)}` (type {x.type}) to {ty}")
        return self.invalid(node)

    # ------------------------------------------------------------ calls

    def args(self, node: ts.Node, spread_ok: bool = False) -> list[ts.Node]:
        a = fld(node, "arguments")
        if a is None:
            return []
        out = named(a)
        for c in out:
            if c.type == "variadic_argument" and not (spread_ok and c.id == out[-1].id):
                self.reject(c, "variadic", "`...` in a call")
        return out

    def call(self, node: ts.Node, statement: bool = False, comma_ok: bool = False) -> ir.Expr:
        fn = unparen(fld(node, "function") or node)
        sp = span(node)
        if fn.type == "identifier":
            name = text(fn)
            if self.lookup(name) is None:
                if name in BUILTINS:
                    return self.builtin(node, name)
                if name in REJECTED_BUILTINS:
                    self.reject(fn, "builtin", f"built-in `{name}`")
                    return self.invalid(node)
                if name == "recover":
                    self.reject(fn, "recover")
                    return self.invalid(node)
                conv = self._conversion_type(fn)
                if conv is not None:
                    a = self.args(node)
                    if len(a) != 1:
                        self.err(node, f"conversion to {text(fn)} needs exactly one argument")
                        return self.invalid(node)
                    return self.conversion(node, conv, a[0])
                sig = self.env.funcs.get(name)
                if sig is not None and not sig.recv_type:
                    args = self.call_args(node, sig.type, name)
                    return ir.Call(sp, sig.type.result, "", name, args)
                if name in self.env.structs:
                    self.err(node, f"cannot convert to struct type {name}")
                    return self.invalid(node)
            else:
                self.reject(fn, "func-value", f"call of variable `{name}`")
                return self.invalid(node)
            self.err(fn, f"undefined: `{name}`")
            self.args_only(node)
            return self.invalid(node)
        if fn.type in ("slice_type", "pointer_type", "map_type", "qualified_type", "parenthesized_type"):
            a = self.args(node)
            ty = self.types.resolve(fn)
            if len(a) != 1:
                self.err(node, "a conversion needs exactly one argument")
                return self.invalid(node)
            return self.conversion(node, ty, a[0])
        if fn.type == "func_literal":
            self.reject(fn, "closure", "immediately called function literal")
            return self.invalid(node)
        if fn.type == "selector_expression":
            return self.method_or_pkg_call(node, fn)
        if fn.type in ("index_expression", "generic_type") and any(c.type == "type_arguments" for c in fn.named_children):
            self.reject(fn, "generics", "explicit type arguments")
            return self.invalid(node)
        x = self.expr(fn)
        if x.type != INVALID:
            self.reject(fn, "func-value", f"call through `{text(fn)}`")
        return self.invalid(node)

    def _conversion_type(self, fn: ts.Node) -> T.Type | None:
        name = text(fn)
        if name in T.INTEGER_TYPES or name in ("string", "bool"):
            return self.types.resolve(fn)
        if name in ("int", "int8", "int16", "int32", "int64", "uint", "uintptr", "float32", "float64", "rune", "complex64", "complex128"):
            self.types.resolve(fn)
            return INVALID
        return None

    def args_only(self, node: ts.Node) -> None:
        for a in self.args(node):
            self.expr(a)

    def call_args(self, node: ts.Node, ft: T.Func, what: str) -> list[ir.Expr]:
        arg_nodes = self.args(node)
        if len(arg_nodes) == 1 and len(ft.params) > 1:
            v = self.expr(arg_nodes[0], tuple_ok=True)
            if isinstance(v.type, T.Tuple) and len(v.type.elems) == len(ft.params):
                self.reject(arg_nodes[0], "multi-value-context", f"`{text(arg_nodes[0])}` as arguments")
                return [v]
            self.err(node, f"not enough arguments in call to {what}: have 1, want {len(ft.params)}")
            return [v]
        if len(arg_nodes) != len(ft.params):
            self.err(node, f"wrong number of arguments in call to {what}: have {len(arg_nodes)}, want {len(ft.params)}")
            return [self.expr(a) for a in arg_nodes]
        return [self.coerce(self.expr(a), t, a) for a, t in zip(arg_nodes, ft.params, strict=True)]

    def method_or_pkg_call(self, node: ts.Node, fn: ts.Node) -> ir.Expr:
        operand = unparen(fld(fn, "operand") or fn)
        mname = text(fld(fn, "field") or fn)
        sp = span(node)
        if operand.type == "identifier" and self.is_package_name(text(operand)):
            pkg = text(operand)
            if pkg == "sync":
                sig = M.SYNC_FUNCS.get(mname)
                if sig is None:
                    self.err(fn, f"`sync.{mname}` is not supported (use *sync.Mutex via new(sync.Mutex), sync.NewCond)")
                    self.args_only(node)
                    return self.invalid(node)
                return ir.Call(sp, sig.result, "sync", mname, self.call_args(node, sig, f"sync.{mname}"))
            ft = M.FUNCS.get(pkg, {}).get(mname)
            if ft is None:
                self.err(fn, f"undefined: `{pkg}.{mname}` (not part of the machine library's Goose API)")
                self.args_only(node)
                return self.invalid(node)
            return ir.Call(sp, ft.result, pkg, mname, self.call_args(node, ft, f"{pkg}.{mname}"))
        if operand.type == "identifier" and text(operand) in self.env.structs and self.lookup(text(operand)) is None:
            self.reject(fn, "method-expression", f"`{text(fn)}`")
            return self.invalid(node)
        x = self.expr(operand)
        if x.type == INVALID:
            self.args_only(node)
            return self.invalid(node)
        xt = x.type
        sm = _sync_method(xt, mname)
        if sm is not None:
            kind, ft = sm
            if not isinstance(xt, T.Pointer):
                self.rep.add(self.file, fn, "goose/mutex-value", "unsupported", f"`{text(operand)}` is a sync.{kind} value: hold a *sync.{kind} (new(sync.{kind})) so it is never copied")
                return self.invalid(node)
            return ir.Call(sp, ft.result, "sync", mname, self.call_args(node, ft, mname), recv=x, recv_type=f"sync.{kind}")
        sig = _method_sig(self.env, xt, mname)
        if sig is None:
            ft_field = _field_type(xt.elem if isinstance(xt, T.Pointer) else xt, mname)
            if ft_field is not None:
                self.reject(fn, "func-value", f"call through field `{mname}`")
            else:
                self.err(fn, f"`{text(operand)}` (type {xt}) has no method `{mname}`")
            self.args_only(node)
            return self.invalid(node)
        recv: ir.Expr = x
        if sig.ptr_recv and not isinstance(xt, T.Pointer):
            if isinstance(x, ir.Var):
                self.boxed.add(x.name)
                recv = ir.AddrOf(x.span, T.Pointer(xt), ir.Var(x.span, xt, x.name, boxed=True))
            elif isinstance(x, ir.Deref):
                recv = x.ptr
            else:
                self.reject(operand, "address-of", f"pointer method on `{text(operand)}`")
                return self.invalid(node)
        elif not sig.ptr_recv and isinstance(xt, T.Pointer):
            recv = ir.Deref(x.span, xt.elem, x)
        ftype = T.Func(tuple(t for _, t, _ in sig.params[1:]), tuple(sig.results))
        args = self.call_args(node, ftype, sig.qualified)
        return ir.Call(sp, ftype.result, "", mname, args, recv=recv, recv_type=sig.recv_type)

    def builtin(self, node: ts.Node, name: str) -> ir.Expr:
        sp = span(node)
        anodes = self.args(node, spread_ok=name == "append")
        spread = bool(anodes) and anodes[-1].type == "variadic_argument"
        if spread:
            anodes = [*anodes[:-1], named(anodes[-1])[0]]
        if name == "new":
            if len(anodes) != 1:
                self.err(node, "new needs exactly one type argument")
                return self.invalid(node)
            ty = self.types.resolve(anodes[0] if anodes[0].type != "identifier" else anodes[0])
            return ir.New(sp, T.Pointer(ty), None) if ty != INVALID else self.invalid(node)
        if name == "make":
            if not anodes:
                self.err(node, "make needs a type")
                return self.invalid(node)
            ty = self.types.resolve(anodes[0])
            rest = [self.index_expr(a) for a in anodes[1:]]
            if isinstance(ty, T.Slice):
                if not 1 <= len(rest) <= 2:
                    self.err(node, "make of a slice needs a length (and optionally a capacity)")
                return ir.Builtin(sp, ty, "make", rest, make_type=ty)
            if isinstance(ty, T.Map):
                if len(rest) > 1:
                    self.err(node, "make of a map takes at most a size hint")
                return ir.Builtin(sp, ty, "make", rest, make_type=ty)
            if ty != INVALID:
                self.err(node, f"cannot make {ty}")
            return self.invalid(node)
        args = [self.expr(a) for a in anodes]
        if any(a.type == INVALID for a in args):
            return ir.Builtin(sp, INVALID, name, args)
        if name in ("len", "cap"):
            if len(args) != 1:
                self.err(node, f"{name} needs exactly one argument")
                return self.invalid(node)
            t = T.underlying(args[0].type)
            ok = isinstance(t, T.Slice) or (name == "len" and (isinstance(t, T.Map) or t in (T.STRING, T.UNTYPED_STRING)))
            if not ok:
                self.err(node, f"invalid argument for {name}: `{text(anodes[0])}` (type {args[0].type})")
                return self.invalid(node)
            if isinstance(args[0], ir.Const) and isinstance(args[0].value, str):
                # A constant of Go type int: untyped here, so that `n := len("abc")` is
                # rejected like `n := 3` and uint64(len("abc")) is a uint64 constant.
                return ir.Const(sp, T.UNTYPED_INT, len(args[0].value.encode()))
            return ir.Builtin(sp, T.UINT64, name, args)
        if name == "append":
            if not args:
                self.err(node, "append needs a slice")
                return self.invalid(node)
            st = T.underlying(args[0].type)
            if not isinstance(st, T.Slice):
                self.err(node, f"first argument to append must be a slice; have `{text(anodes[0])}` (type {args[0].type})")
                return self.invalid(node)
            if spread:
                # `append(s, t...)`: allowed for slices of the same type (and []byte + string).
                if len(args) != 2 or not (args[1].type == args[0].type or (st.elem == T.BYTE and args[1].type in (T.STRING, T.UNTYPED_STRING))):
                    self.err(node, "append(s, t...) needs two slices of the same type")
                    return self.invalid(node)
                if args[1].type == T.UNTYPED_STRING:
                    args[1] = self.coerce(args[1], T.STRING, anodes[1])
                return ir.Builtin(sp, args[0].type, "append...", args)
            rest = [self.coerce(e, st.elem, n) for e, n in zip(args[1:], anodes[1:], strict=True)]
            return ir.Builtin(sp, args[0].type, "append", [args[0], *rest])
        if name == "copy":
            dst = T.underlying(args[0].type) if args else None
            if len(args) != 2 or not isinstance(dst, T.Slice):
                self.err(node, "copy needs two slices")
                return self.invalid(node)
            src = T.underlying(args[1].type)
            same = isinstance(src, T.Slice) and src.elem == dst.elem
            if not same and not (dst.elem == T.BYTE and src in (T.STRING, T.UNTYPED_STRING)):
                self.err(node, f"copy needs slices of the same element type (or []byte and a string); have {args[0].type} and {args[1].type}")
                return self.invalid(node)
            if args[1].type == T.UNTYPED_STRING:
                args[1] = self.coerce(args[1], T.STRING, anodes[1])
            return ir.Builtin(sp, T.UINT64, "copy", args)
        if name == "delete":
            if len(args) != 2 or not isinstance(T.underlying(args[0].type), T.Map):
                self.err(node, "delete needs a map and a key")
                return self.invalid(node)
            mt = T.underlying(args[0].type)
            assert isinstance(mt, T.Map)
            return ir.Builtin(sp, T.VOID, "delete", [args[0], self.coerce(args[1], mt.key, anodes[1])])
        if name == "panic":
            if len(args) != 1:
                self.err(node, "panic needs exactly one argument")
                return self.invalid(node)
            return ir.Builtin(sp, T.VOID, "panic", [self.default(args[0], anodes[0])])
        if name in ("min", "max"):
            if not args:
                self.err(node, f"{name} needs arguments")
                return self.invalid(node)
            t = next((a.type for a in args if a.type != T.UNTYPED_INT), T.UINT64)
            if not T.is_integer(t):
                self.err(node, f"{name} is supported on integers only")
                return self.invalid(node)
            return ir.Builtin(sp, t, name, [self.coerce(a, t, n) for a, n in zip(args, anodes, strict=True)])
        self.err(node, f"unsupported built-in `{name}`")
        return self.invalid(node)


# ---------------------------------------------------------------- module helpers


def _field_type(t: T.Type, name: str) -> T.Type | None:
    st = T.underlying(t)
    if isinstance(st, T.Struct):
        return st.field_type(name)
    return None


def _method_sig(env: PackageEnv, t: T.Type, name: str) -> FuncSig | None:
    base = t.elem if isinstance(t, T.Pointer) else t
    if isinstance(base, T.Named) and base.pkg == "":
        return env.method(base.name, name)
    return None


def _sync_method(t: T.Type, name: str) -> tuple[str, T.Func] | None:
    base = t.elem if isinstance(t, T.Pointer) else t
    if isinstance(base, T.Named) and base.pkg == "sync":
        ft = M.SYNC_METHODS.get(base.name, {}).get(name)
        if ft is not None:
            return base.name, ft
    return None


def _set_type(e: ir.Expr, target: T.Type) -> None:
    """Give an untyped constant expression (possibly folded from parts) a type."""
    e.type = target
    if isinstance(e, ir.Binary) and e.op not in COMPARE and e.op not in ("&&", "||"):
        _set_type(e.x, target)
        if e.op not in ("<<", ">>"):
            _set_type(e.y, target)


def _has_break(body: list[ir.Stmt]) -> bool:
    for s in body:
        if isinstance(s, ir.Break):
            return True
        if isinstance(s, ir.If) and (_has_break(s.then) or _has_break(s.els)):
            return True
        if isinstance(s, ir.Block) and _has_break(s.body):
            return True
    return False


def _closing_brace(block: ts.Node) -> ts.Node:
    last = block.children[-1] if block.children else block
    return last


def finish(fd: ir.FuncDecl, boxed: set[str]) -> None:
    """Mark boxed variables everywhere and number statements in source order."""
    sid = 0
    for n in walk(fd.body):
        if isinstance(n, ir.Var | ir.VarPlace) and n.name in boxed:
            n.boxed = True
        elif isinstance(n, ir.Define):
            n.boxed = [name in boxed for name in n.names]
        if isinstance(n, ir.Stmt):
            n.sid = sid
            sid += 1
    for p in fd.params:
        p.boxed = p.name in boxed
    if fd.recv is not None:
        fd.recv.boxed = fd.recv.name in boxed
