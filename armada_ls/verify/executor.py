"""Symbolic execution of a function's statements.

Each path is a `State`; `exec_block` returns the states that leave a block with how they
leave it (fall through, break, continue, return). An *atomic step* is one durable machine
call together with the ghost statements on its line: the environment runs before it
(`FnCtx.interfere`), the ghosts take effect after it, and the crash invariant must hold
after it. Loops are cut by their invariants; calls go through contracts.
"""

from __future__ import annotations

import z3

from armada_ls.logic import ast as A
from goose import ir
from goose import types as T

from . import heap, smt, specops
from .assertions import helping_array, op_args, split, term
from .context import FnCtx, op_of
from .exprs import Eval, allocate, field_type, owns, struct_of_ptr
from .state import Held, Perm, SliceV, State, StructV, Val

Out = list[tuple[str, State]]
MAX_PATHS = 512  # paths are explored one by one; beyond this a function is left UNKNOWN  # ("next" | "break" | "continue" | "return", state)

DURABLE_CALLS = {("twodisk", "Read"), ("twodisk", "Write"), ("disk", "Read"), ("disk", "Write")}
PURE_MACHINE = {("twodisk", "Size"), ("disk", "Size"), ("disk", "Barrier")}


def calls_in(e: object) -> list[ir.Call]:
    out: list[ir.Call] = []

    def walk(x: object) -> None:
        if isinstance(x, ir.Call):
            out.append(x)
        if isinstance(x, ir.Expr | ir.Place):
            for v in vars(x).values():
                if isinstance(v, list):
                    for i in v:
                        walk(i[1] if isinstance(i, tuple) else i)
                else:
                    walk(v)

    walk(e)
    return out


def stmt_calls(s: ir.Stmt) -> list[ir.Call]:
    if isinstance(s, ir.Define | ir.Return):
        return [c for v in s.values for c in calls_in(v)]
    if isinstance(s, ir.Assign):
        return [c for v in s.values for c in calls_in(v)] + [c for p in s.places for c in calls_in(p)]
    if isinstance(s, ir.ExprStmt):
        return calls_in(s.expr)
    return []


class Executor:
    def __init__(self, ctx: FnCtx) -> None:
        self.ctx = ctx
        self.ev = Eval(self)
        self.q = ctx.fn.qualified

    # ------------------------------------------------------------ helpers

    def ghosts(self, s: ir.Stmt) -> list[A.Clause]:
        return self.ctx.ann.stmts.get((self.q, s.sid), [])

    def is_durable(self, c: ir.Call) -> bool:
        return (c.pkg, c.name) in DURABLE_CALLS and not c.recv_type

    def snap(self, s: ir.Stmt, before: State, after: State | None) -> None:
        if s.sid in self.ctx.result.states:
            return
        b = self.ctx.snapshot(before)
        self.ctx.result.states[s.sid] = (b, self.ctx.snapshot(after) if after else b)

    # ------------------------------------------------------------ blocks

    def exec_block(self, stmts: list[ir.Stmt], st: State) -> Out:
        live: list[State] = [st]
        done: Out = []
        for s in stmts:
            nxt: list[State] = []
            for cur in live:
                for how, out in self.exec_stmt(s, cur):
                    if how == "next":
                        nxt.append(out)
                    else:
                        done.append((how, out))
            live = nxt
            if len(live) + len(done) > MAX_PATHS:
                raise smt.Unsupported(f"more than {MAX_PATHS} paths through this function: split "
                                      "it, or put the branches in helper functions with contracts")
            if not live:
                break
        return [("next", s) for s in live] + done

    def exec_stmt(self, s: ir.Stmt, st: State) -> Out:
        ghosts = [g for g in self.ghosts(s) if isinstance(g, A.Linearize | A.Helping | A.Complete | A.Assert)]
        durable = [c for c in stmt_calls(s) if self.is_durable(c)]
        if len(durable) > 1:
            raise smt.Unsupported("a statement with two durable calls: split it so that each "
                                  "atomic step is one statement")
        before = st.fork()
        if ghosts and not durable and not isinstance(s, ir.If | ir.For):
            self.ctx.interfere(st)  # a ghost-only step (durable calls interfere themselves)
        if isinstance(s, ir.Return):
            self.apply_ghosts(s, ghosts, st, changed=bool(durable))
            outs = self.exec_return(s, st)
        else:
            outs = self.exec_plain(s, st)
            if ghosts or durable:
                res: Out = []
                for how, o in outs:
                    changed = any(c.name == "Write" for c in durable)
                    self.apply_ghosts(s, ghosts, o, changed)
                    res.append((how, o))
                outs = res
        self.snap(s, before, outs[0][1] if outs else None)
        return outs

    def apply_ghosts(self, s: ir.Stmt, ghosts: list[A.Clause], st: State, changed: bool) -> None:
        for g in ghosts:
            if isinstance(g, A.Linearize):
                self.linearize(g, s, st)
                changed = True
            elif isinstance(g, A.Helping):
                self.helping(g, st, s)
                changed = True
            elif isinstance(g, A.Complete):
                self.complete(g, s, st)
                changed = True
            elif isinstance(g, A.Assert):
                self.ctx.ob("assert", s.span, "the assertion holds", st,
                            split(g.cond, self.ctx.scope(st)).pure_term(), clause=g.span)
        if changed:
            self.ctx.check_crash_inv(st, s.span, f"after line {s.span.start.line + 1}")

    # ------------------------------------------------------------ ghost statements

    def linearize(self, g: A.Linearize, s: ir.Stmt, st: State) -> None:
        if self.ctx.implements is None:
            self.ctx.fail("refinement", g.span, "linearize outside a function that implements a spec op",
                          st, clause=g.span)
            return
        spec, od, _ = self.ctx.implements
        if st.lin:
            self.ctx.fail("refinement", s.span, f"a second spec step of {spec}.{od.name} on this path",
                          st, clause=g.span)
        entry = st.entry or st
        args = [entry.env[p.name] for p in self.ctx.fn.params]
        self.spec_step(spec, od, args, st, s.span, g.span)
        st.lin += 1
        st.path_text.append(f"line {s.span.start.line + 1}: spec step {spec}.{od.name}")
        key = f"{spec}.{od.name}"
        for k, targs in list(st.own_tokens):
            if k == key:  # the op this thread handed to recovery is now done by the thread
                st.helping[key] = z3.Store(helping_array(st, self.ctx.ann, spec, od.name), *targs, False)
                st.own_tokens.remove((k, targs))

    def spec_step(self, spec: str, od: A.OpDecl, args: list[z3.ExprRef], st: State,
                  span: ir.Span, clause: ir.Span) -> z3.ExprRef | None:
        r = specops.run(self.ctx.scope(st), spec, od.body, od.params, args)
        if not z3.is_true(z3.simplify(r.enabled)):
            self.ctx.ob("refinement", span, f"the spec op {spec}.{od.name} is enabled here", st,
                        r.enabled, clause=clause)
        st.spec.update(r.fields)
        st.spec_ret = r.ret
        return r.ret

    def helping(self, g: A.Helping, st: State, s: ir.Stmt | None = None) -> None:
        """Hand this thread's own pending op (and only it, once) to the crash invariant."""
        spec, od = op_of(self.ctx.ann, g.op)
        args = op_args(g.op, self.ctx.scope(st))
        key = f"{spec}.{od.name}"
        span = s.span if s is not None else g.span
        impl = self.ctx.implements
        if impl is None or (impl[0], impl[1].name) != (spec, od.name):
            self.ctx.fail("refinement", span, f"helping {key}: only the op this function "
                          "implements can be handed to recovery", st, clause=g.span)
        elif st.own_tokens or st.lin:
            self.ctx.fail("refinement", span, f"helping {key}: the op was already handed over "
                          "or has taken its spec step", st, clause=g.span)
        else:
            entry = st.entry or st
            mine = [entry.env[p.name] for p in self.ctx.fn.params]
            self.ctx.ob("refinement", span, f"helping hands over this call's own op: {key} with "
                        "this function's arguments", st,
                        z3.And([a == b for a, b in zip(args, mine, strict=False)]), clause=g.span)
        st.helping[key] = z3.Store(helping_array(st, self.ctx.ann, spec, od.name), *args, True)
        st.own_tokens.append((key, args))
        st.path_text.append(f"helping {key}")

    def complete(self, g: A.Complete, s: ir.Stmt, st: State) -> None:
        """Recovery finishes a helped op when its token is there; otherwise nothing happens
        (the verifier case-splits, so `complete` and `complete?` mean the same here)."""
        if self.ctx.mode != "recover":
            self.ctx.fail("recovery-helping", g.span, "complete is only allowed in recovery", st,
                          clause=g.span)
            return
        spec, od = op_of(self.ctx.ann, g.op)
        args = op_args(g.op, self.ctx.scope(st))
        arr = helping_array(st, self.ctx.ann, spec, od.name)
        tok = z3.Select(arr, *args)
        r = specops.run(self.ctx.scope(st), spec, od.body, od.params, args)
        if not z3.is_true(z3.simplify(r.enabled)):
            self.ctx.ob("recovery-helping", s.span, f"the helped op {spec}.{od.name} is enabled "
                        "when recovery completes it", st, z3.Implies(tok, r.enabled), clause=g.span)
        for k, v in r.fields.items():
            st.spec[k] = z3.If(tok, v, st.spec[k])
        st.helping[f"{spec}.{od.name}"] = z3.Store(arr, *args, False)

    # ------------------------------------------------------------ statements

    def exec_plain(self, s: ir.Stmt, st: State) -> Out:  # noqa: C901
        if isinstance(s, ir.Define):
            self.define(s, st)
            return [("next", st)]
        if isinstance(s, ir.Assign):
            self.assign(s, st)
            return [("next", st)]
        if isinstance(s, ir.ExprStmt):
            self.ev.eval(s.expr, st)
            return [("next", st)]
        if isinstance(s, ir.If):
            c = self.ev.eval(s.cond, st)
            t, e = st.fork(), st.fork()
            t.assume(c, f"line {s.span.start.line + 1}: {s.cond.span} true")
            e.assume(z3.Not(c), f"line {s.span.start.line + 1}: condition false")
            return self.exec_block(s.then, t) + self.exec_block(s.els, e)
        if isinstance(s, ir.Block):
            return self.exec_block(s.body, st)
        if isinstance(s, ir.For):
            return self.loop(s, st)
        if isinstance(s, ir.RangeSlice | ir.RangeInt):
            from .loops import desugar_range, run_loop

            pre, loop = desugar_range(s)
            for p in pre:
                self.define(p, st)  # type: ignore[arg-type]
            return run_loop(self, loop, st, source=s)
        if isinstance(s, ir.Break):
            return [("break", st)]
        if isinstance(s, ir.Continue):
            return [("continue", st)]
        if isinstance(s, ir.Go):
            self.go(s, st)
            return [("next", st)]
        if isinstance(s, ir.Defer):
            st.defers.append((s.call, dict(st.env)))  # Go evaluates the arguments now
            return [("next", st)]
        raise smt.Unsupported(f"{type(s).__name__} statements are not supported by the verifier yet")

    def define(self, s: ir.Define, st: State) -> None:
        if not s.values:
            vals: list[Val] = [heap.zero_value(t) for t in s.types]
        elif len(s.values) == 1 and len(s.names) > 1:
            v = self.ev.eval(s.values[0], st)
            if not isinstance(v, tuple):
                raise smt.Unsupported("comma-ok forms are not supported by the verifier yet")
            vals = list(v)
        else:
            vals = [self.ev.eval(v, st) for v in s.values]
        for i, (n, t, v) in enumerate(zip(s.names, s.types, vals, strict=False)):
            if n == "_":
                continue
            boxed = s.boxed[i] if i < len(s.boxed) else False
            is_new = s.new[i] if i < len(s.new) else True
            st.types[n] = t
            if boxed and is_new:
                cell = allocate(st, f"&{n}")
                st.owned.append(Perm(cell, "*"))
                st.env[n] = cell
                heap.write(st, heap.cell_key(t), cell, t, v)
            elif boxed:
                self.store_var(n, t, True, v, st, s.span)
            else:
                st.env[n] = v

    def store_var(self, n: str, t: T.Type, boxed: bool, v: Val, st: State, span: ir.Span) -> None:
        if boxed:
            cell = st.env[n]
            self.ev.need(st, cell, "*", span, f"writing the shared variable {n}")
            heap.write(st, heap.cell_key(t), cell, t, v)
        else:
            st.env[n] = v

    def assign(self, s: ir.Assign, st: State) -> None:
        # phase 1: the places' operands and the values, left to right
        targets = [self.place(p, st) for p in s.places]
        if len(s.values) == 1 and len(s.places) > 1:
            v = self.ev.eval(s.values[0], st)
            if not isinstance(v, tuple):
                raise smt.Unsupported("comma-ok forms are not supported by the verifier yet")
            vals = list(v)
        else:
            vals = [self.ev.eval(v, st) for v in s.values]
        if s.op:
            p = s.places[0]
            cur = targets[0][1](None, read=True)
            bin_ = ir.Binary(s.span, p.type, s.op.rstrip("="), ir.Const(s.span, p.type, 0),
                             ir.Const(s.span, p.type, 0))
            vals = [self._op(bin_, cur, vals[0] if vals else z3.IntVal(1), st)]
        # phase 2: assign left to right
        for (_, write), v in zip(targets, vals, strict=False):
            write(v)

    def _op(self, b: ir.Binary, x: Val, y: Val, st: State) -> Val:
        op = {"++": "+", "--": "-"}.get(b.op, b.op)
        if op == "+" and isinstance(x, z3.SeqRef):
            return z3.Concat(x, y)
        bits = smt.int_bits(b.type)
        if op == "+":
            return smt.wrap(x + y, bits)
        if op == "-":
            return smt.wrap(x - y, bits)
        if op == "*":
            return (x * y) % (2**bits)
        if op in ("/", "%"):
            self.ctx.ob("safety", b.span, "no division by zero", st, y != 0)
            return x / y if op == "/" else x % y
        if op in smt.BITOPS:
            return smt.bitop(op, x, y, bits)
        raise smt.Unsupported(f"assignment operator {b.op}=")

    def place(self, p: ir.Place, st: State):  # noqa: ANN201 - returns (None, writer)
        """Evaluate a place's operands now; return a writer (and reader) for phase 2."""
        if isinstance(p, ir.Blank):
            return None, lambda v=None, read=False: None
        if isinstance(p, ir.VarPlace):
            def w(v: Val = None, read: bool = False) -> Val:
                if read:
                    return self.ev.eval(ir.Var(p.span, p.type, p.name, p.boxed), st)
                self.store_var(p.name, p.type, p.boxed, v, st, p.span)
                return None
            return None, w
        if isinstance(p, ir.DerefPlace):
            ptr = self.ev.eval(p.ptr, st)

            def wd(v: Val = None, read: bool = False) -> Val:
                self.ev.need(st, ptr, "*", p.span, "writing through a pointer")
                if read:
                    return heap.read(st, heap.cell_key(p.type), ptr, p.type)
                heap.write(st, heap.cell_key(p.type), ptr, p.type, v)
                return None
            return None, wd
        if isinstance(p, ir.FieldPlace):
            if isinstance(p.base, ir.Expr):
                ptr = self.ev.eval(p.base, st)
                struct = struct_of_ptr(p.base.type)
                if struct is None:
                    raise smt.Unsupported("field assignment through a non-struct pointer")
                if self.ev.lock_family(struct, p.field):
                    self.ctx.fail("safety", p.span, f"{struct}.{p.field} carries a lock invariant "
                                  "and is read without ownership: set it only in the struct "
                                  "literal that creates the struct", st)

                def wf(v: Val = None, read: bool = False) -> Val:
                    self.ev.need(st, ptr, p.field, p.span, f"writing {struct}.{p.field}")
                    ft = field_type(self.ctx.pkg, struct, p.field)
                    if read:
                        return heap.read(st, heap.field_key(struct, p.field), ptr, ft)
                    heap.write(st, heap.field_key(struct, p.field), ptr, ft, v)
                    return None
                return None, wf
            if isinstance(p.base, ir.VarPlace) and not p.base.boxed:
                name = p.base.name

                def wl(v: Val = None, read: bool = False) -> Val:
                    sv = st.env[name]
                    assert isinstance(sv, StructV)
                    if read:
                        return sv.fields[p.field]
                    st.env[name] = StructV({**sv.fields, p.field: v})
                    return None
                return None, wl
            raise smt.Unsupported("assignment to a field of this place")
        if isinstance(p, ir.IndexPlace):
            x = self.ev.eval(p.x, st)
            i = self.ev.eval(p.index, st)
            if not isinstance(x, SliceV):
                raise smt.Unsupported("assignment into a byte slice or string")
            elem = T.underlying(p.x.type).elem  # type: ignore[union-attr]

            def wi(v: Val = None, read: bool = False) -> Val:
                self.ctx.ob("safety", p.span, "the index is within the slice's bounds", st, i < x.len)
                self.ev.need(st, x.base, "[]", p.span, "writing a slice element")
                if read:
                    return heap.elem_read(st, elem, x, i)
                heap.elem_write(st, elem, x, i, v)
                return None
            return None, wi
        if isinstance(p, ir.MapPlace):
            m = self.ev.eval(p.m, st)
            k = self.ev.eval(p.key, st)
            mt = T.underlying(p.m.type)
            assert isinstance(mt, T.Map)

            def wm(v: Val = None, read: bool = False) -> Val:
                if read:
                    return heap.map_read(st, mt, m, k)[0]
                self.ctx.ob("safety", p.span, "the map is not nil (assigning into a nil map "
                            "panics)", st, m != smt.NIL)
                self.ev.need(st, m, "*", p.span, "writing a map")
                heap.map_write(st, mt, m, k, v)
                return None
            return None, wm
        raise smt.Unsupported(f"assignment to {type(p).__name__}")

    # ------------------------------------------------------------ loops

    def loop(self, s: ir.For, st: State) -> Out:
        from .loops import run_loop

        return run_loop(self, s, st)

    # ------------------------------------------------------------ returns

    def exec_return(self, s: ir.Return, st: State) -> Out:
        vals: list[Val] = []
        for v in s.values:
            x = self.ev.eval(v, st)
            vals.extend(x if isinstance(x, tuple) else [x])
        self.finish(st, vals, s.span)
        return [("return", st)]

    def finish(self, st: State, vals: list[Val], span: ir.Span) -> None:
        from .returns import finish

        finish(self, st, vals, span)

    # ------------------------------------------------------------ calls

    def call(self, c: ir.Call, st: State) -> Val:
        from .calls import call

        return call(self, c, st)

    def go(self, s: ir.Go, st: State) -> None:
        from .calls import spawn

        spawn(self, s, st)

    def check_lock_families(self, struct: str, init: Val, st: State, span: ir.Span) -> None:
        from .locks import check_construction

        check_construction(self, struct, init, st, span)


__all__ = ["Executor", "owns", "term", "Held"]
