"""`go` statements: calls, and function literals lowered to synthetic functions whose
captured variables are pointer parameters (the captured variable moves to the heap)."""

from __future__ import annotations

import tree_sitter as ts

from goose import ir
from goose import types as T
from goose.cst import field as fld
from goose.cst import named, span, text, unparen
from goose.decls import INVALID
from goose.lower.core import (
    LowererCore,
)
from goose.lower.function import finish


class GoroutineMixin(LowererCore):
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
        child = type(self)(self.env, self.rep, self.file, self.anchors, self.synthetic, name, [], outer=self)
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
        finish(fd, child.boxed, self.env.has_defined_types())
        self.synthetic.append(fd)
        call = ir.Call(span(call_node), T.VOID, "", name, [*args, *cap_args])
        return ir.Go(span(node), call)
