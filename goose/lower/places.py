"""Places: what an assignment may write (variables, fields, derefs, slice and map elements)."""

from __future__ import annotations

import tree_sitter as ts

from goose import ir
from goose import types as T
from goose.cst import field as fld
from goose.cst import operator, span, text, unparen
from goose.decls import INVALID
from goose.lower.core import (
    LowererCore,
)
from goose.lower.typeinfo import _field_type


class PlaceMixin(LowererCore):
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
