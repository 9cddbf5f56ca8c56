"""Statements: blocks, definitions and assignments, if, for and range, return, defer."""

from __future__ import annotations

import tree_sitter as ts

from goose import ir
from goose import types as T
from goose.cst import field as fld
from goose.cst import named, operator, span, statements, text, unparen
from goose.decls import INVALID
from goose.lower.core import (
    LowererCore,
)


class StatementMixin(LowererCore):
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
                (isinstance(x, ir.Builtin) and x.name not in ("copy", "delete", "panic", "clear"))
                or not isinstance(x, ir.Call | ir.Builtin)
            ):
                # Go allows only calls of functions, methods, copy, delete and panic as
                # statements: `append(s, 1)`, `len(s)` and conversions are "not used"
                # (`clear` is the IR of Goose's MapClear call).
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
            if bop == "+" and pt != INVALID and not (T.is_integer(pt) or T.underlying(pt) == T.STRING):
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
