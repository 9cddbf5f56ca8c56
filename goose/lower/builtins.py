"""Built-in functions: new, make, len, cap, append, copy, delete, panic, min, max."""

from __future__ import annotations

import tree_sitter as ts

from goose import ir
from goose import types as T
from goose.cst import named, span, text
from goose.decls import INVALID
from goose.lower.core import (
    LowererCore,
)


class BuiltinMixin(LowererCore):
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
            if isinstance(T.underlying(ty), T.Slice):
                if not 1 <= len(rest) <= 2:
                    self.err(node, "make of a slice needs a length (and optionally a capacity)")
                return ir.Builtin(sp, ty, "make", rest, make_type=ty)
            if isinstance(T.underlying(ty), T.Map):
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
                if len(args) != 2 or not (args[1].type == args[0].type or (st.elem == T.BYTE and T.underlying(args[1].type) in (T.STRING, T.UNTYPED_STRING))):
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
