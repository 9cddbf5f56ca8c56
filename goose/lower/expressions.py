"""Expressions: literals, names, selectors, operators with constant folding, indexing."""

from __future__ import annotations

import tree_sitter as ts

from goose import ir
from goose import machine_api as M
from goose import types as T
from goose.cst import field as fld
from goose.cst import named, operator, span, text, unparen
from goose.decls import INVALID, exported
from goose.ir import walk
from goose.lower.core import (
    BUILTINS,
    COMPARE,
    REJECTED_BUILTINS,
    LowererCore,
)
from goose.lower.literals import _non_utf8_escape, fits, parse_int, parse_rune, parse_string
from goose.lower.typeinfo import _field_type, _method_sig, _sync_method


class ExpressionMixin(LowererCore):
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
        if name in self.env.rejected_funcs:  # reported at its declaration
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
            short = text(operand)
            if self.env.rejected_import(short):  # reported at the import
                return self.invalid(node)
            dep = self.env.dep(short)
            if dep is not None:
                c = dep.consts.get(fname)
                if c is not None:
                    return ir.Const(sp, c.type, c.value)
                if fname in dep.funcs:
                    self.reject(node, "func-value", f"function `{short}.{fname}` used as a value")
                    return self.invalid(node)
                self.err(node, f"undefined: `{short}.{fname}`" + ("" if exported(fname) else " (not exported)"))
                return self.invalid(node)
            pkg = self.env.machine_package(short) or short
            consts = M.CONSTS.get(pkg, {})
            if fname in consts:
                ty, val = consts[fname]
                return ir.Const(sp, ty, val)
            if fname in M.FUNCS.get(pkg, {}) or (pkg == "sync" and fname in M.SYNC_FUNCS):
                self.reject(node, "func-value", f"function `{short}.{fname}` used as a value")
                return self.invalid(node)
            self.err(node, f"undefined: `{short}.{fname}`")
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
            elif not (T.is_integer(t) or T.underlying(t) in (T.STRING, T.UNTYPED_STRING)):
                self.err(node, f"operator {op} not defined on {t}")
            return self.fold(ir.Binary(sp, T.UNTYPED_BOOL if isinstance(x, ir.Const) and isinstance(y, ir.Const) else T.BOOL, op, x, y), node)
        if op == "+" and T.underlying(t) in (T.STRING, T.UNTYPED_STRING):
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
            elif isinstance(a, str) and isinstance(b, str):
                v = a + b
            elif not all(isinstance(c, int) and not isinstance(c, bool) for c in (a, b)):
                # e.g. `1 << "x"`: never folded (it used to crash the front end)
                self.err(node, f"invalid operation: `{text(node)}` (mismatched constant types)")
                return e
            else:
                ai, bi = int(a), int(b)
                if op in ("/", "%") and bi == 0:
                    self.err(node, "invalid operation: division by zero")
                    return e
                if op in ("<<", ">>") and bi < 0:
                    return e  # the count was reported (a negative constant)
                # Go's constant division truncates toward zero (Python's floors).
                quo = (abs(ai) // abs(bi)) * (1 if (ai < 0) == (bi < 0) else -1) if bi else 0
                ops = {
                    "+": lambda: ai + bi, "-": lambda: ai - bi, "*": lambda: ai * bi, "/": lambda: quo,
                    "%": lambda: ai - bi * quo, "&": lambda: ai & bi, "|": lambda: ai | bi,
                    "^": lambda: ai ^ bi, "&^": lambda: ai & ~bi,
                    "<<": lambda: ai << bi if bi < 4096 else 0, ">>": lambda: ai >> bi,
                }
                v = ops[op]()
                # An untyped constant may be negative along the way (`1 - 2 + 3`); it is
                # rejected only if a negative value is given a type or kept.
                if e.type != T.UNTYPED_INT and not fits(v, e.type):
                    if v < 0:
                        self.reject(node, "negative-constant", f"constant `{text(node)}` is negative")
                    else:
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
            if x.type == T.UNTYPED_INT and isinstance(x, ir.Const) and isinstance(x.value, int):
                return ir.Const(sp, T.UNTYPED_INT, ~x.value)  # negative: fine until it gets a type
            if isinstance(x, ir.Const) and isinstance(x.value, int):
                return ir.Const(sp, x.type, x.value ^ ((1 << T.int_bits(x.type)) - 1))
            return ir.Unary(sp, x.type, "^", x)
        if op == "-":
            if isinstance(x, ir.Const) and x.value == 0:
                return x
            if isinstance(x, ir.Const) and x.type == T.UNTYPED_INT and isinstance(x.value, int):
                return ir.Const(sp, T.UNTYPED_INT, -x.value)  # negative: fine until it gets a type
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
        if x.type == T.UNTYPED_STRING:  # a string constant indexed: a (non-constant) string's byte
            x = self.coerce(x, T.STRING, onode)
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
        if x.type == T.UNTYPED_STRING:  # Go: slicing a string constant gives a string
            x = self.coerce(x, T.STRING, onode)
        xt = T.underlying(x.type)
        lo_n, hi_n = fld(node, "start"), fld(node, "end")
        lo = self.index_expr(lo_n) if lo_n is not None else None
        hi = self.index_expr(hi_n) if hi_n is not None else None
        if isinstance(xt, T.Slice) or xt == T.STRING:
            return ir.SliceExpr(span(node), x.type, x, lo, hi)
        if x.type != INVALID:
            self.err(node, f"cannot slice `{text(onode)}` (type {x.type})")
        return self.invalid(node)
