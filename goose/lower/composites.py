"""Composite literals: slices and structs (keyed or positional)."""

from __future__ import annotations

import tree_sitter as ts

from goose import ir
from goose import types as T
from goose.cst import field as fld
from goose.cst import named, span, text
from goose.decls import INVALID, exported
from goose.lower.core import (
    LowererCore,
)
from goose.lower.typeinfo import _field_type


class CompositeMixin(LowererCore):
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
        if isinstance(T.underlying(ty), T.Slice):
            elem_t = T.underlying(ty).elem  # type: ignore[attr-defined]
            vals = []
            for el in elems:
                if el.type == "keyed_element":
                    self.err(el, "keyed elements in slice literals are not supported")
                    continue
                inner = named(el)[0] if el.type == "literal_element" else el
                if inner.type == "literal_value":
                    self.reject(inner, "elided-type", f"`{text(inner)[:30]}`")
                    continue
                vals.append(self.coerce(self.expr(inner), elem_t, inner))
            return ir.SliceLit(sp, ty, vals)
        st = T.underlying(ty)
        if isinstance(st, T.Map):  # a named map type or an alias of one: as map[K]V{...}
            self.reject(node, "map-literal")
            return self.invalid(node)
        if not isinstance(st, T.Struct):
            self.err(node, f"invalid composite literal type {ty}")
            return self.invalid(node)
        out: list[tuple[str, ir.Expr]] = []
        positional = [e for e in elems if e.type != "keyed_element"]
        if positional and len(positional) != len(elems):
            self.err(node, "mixture of field:value and value elements in struct literal")
            return self.invalid(node)
        if positional:
            if isinstance(ty, T.Named) and ty.pkg and not all(exported(f) for f, _ in st.fields):
                self.err(node, f"implicit assignment to unexported fields of {ty} in a struct literal")
                return self.invalid(node)
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
            ft = _field_type(ty, fname)
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
