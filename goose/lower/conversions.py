"""Untyped constants, assignability, Go's int typing of new variables, conversions."""

from __future__ import annotations

import tree_sitter as ts

from goose import ir
from goose import types as T
from goose.cst import span, text
from goose.decls import INVALID
from goose.lower.core import (
    COMPARE,
    LowererCore,
)
from goose.lower.literals import fits
from goose.lower.typeinfo import _set_type


class ConversionMixin(LowererCore):
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
                if e.value < 0 and T.is_integer(target):
                    self.reject(node, "negative-constant", f"constant `{text(node)}` = {e.value}")
                    e.type = INVALID
                    return e
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

    def conversion(self, node: ts.Node, ty: T.Type, onode: ts.Node) -> ir.Expr:
        x = self.expr(onode)
        sp = span(node)
        if INVALID in (ty, x.type):
            return self.invalid(node)
        if T.is_integer(ty) and T.is_integer(x.type):
            if isinstance(x, ir.Const) and isinstance(x.value, int):
                v = x.value
                if x.type == T.UNTYPED_INT and v < 0:
                    self.reject(node, "negative-constant", f"conversion of the constant {v}")
                    return self.invalid(node)
                if x.type == T.UNTYPED_INT and not fits(v, ty):
                    self.err(node, f"constant {v} overflows {ty}")
                    return self.invalid(node)
                return ir.Const(sp, ty, v & ((1 << T.int_bits(ty)) - 1))
            if x.type == ty:
                self.converted.add(id(x))  # uint64(len(s)) is a uint64 in Go too
                return x
            return ir.Convert(sp, ty, x)
        tu, xu = T.underlying(ty), T.underlying(x.type)
        if tu == T.Slice(T.BYTE) and xu in (T.STRING, T.UNTYPED_STRING):
            return ir.Convert(sp, ty, self.coerce(x, T.STRING, onode) if x.type == T.UNTYPED_STRING else x)
        if tu == T.STRING and xu == T.Slice(T.BYTE):
            return ir.Convert(sp, ty, x)
        if tu == T.STRING and T.is_integer(x.type):
            self.reject(node, "rune", "conversion from an integer to string")
            return self.invalid(node)
        if T.assignable(x.type, ty):
            return self.coerce(x, ty, onode)
        if (T.is_defined_basic(ty) or T.is_defined_basic(x.type)) and tu == xu:
            return ir.Convert(sp, ty, x)  # between a named type and its underlying type
        self.err(node, f"cannot convert `{text(onode)}` (type {x.type}) to {ty}")
        return self.invalid(node)

    def _conversion_type(self, fn: ts.Node) -> T.Type | None:
        name = text(fn)
        if name in T.INTEGER_TYPES or name in ("string", "bool") or name in self.env.aliases or name in self.env.defined:
            return self.types.resolve(fn)
        if name in ("int", "int8", "int16", "int32", "int64", "uint", "uintptr", "float32", "float64", "rune", "complex64", "complex128"):
            self.types.resolve(fn)
            return INVALID
        return None
