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

from . import assign, dispatch, filesys, ghost, join, smt, specops
from .assertions import term
from .callsites import step_calls
from .context import FnCtx
from .exprs import Eval, owns
from .resources import split
from .state import Held, State, Val
from .stepper import Out

MAX_PATHS = 512  # paths are explored one by one; beyond this a function is left UNKNOWN

DURABLE_CALLS = {("twodisk", "Read"), ("twodisk", "Write"), ("disk", "Read"), ("disk", "Write")} | {
    ("filesys", n) for n in filesys.CALLS}
PURE_MACHINE = {("twodisk", "Size"), ("disk", "Size"), ("disk", "Barrier")}


class Executor:
    def __init__(self, ctx: FnCtx) -> None:
        self.ctx = ctx
        self.ev = Eval(self)
        self.q = ctx.fn.qualified

    # ------------------------------------------------------------ helpers

    def ghosts(self, s: ir.Stmt) -> list[A.Clause]:
        got = self.ctx.ann.stmts.get((self.q, s.sid), [])
        taken = self.ctx.__dict__.get("_header_ghosts")
        return [g for g in got if id(g) not in taken] if taken else got

    def header_ghosts(self, s: ir.If) -> list[A.Clause]:
        """The ghost statements written after the `{` of an `if` whose condition is its step
        (`if filesys.Link(...) { //@ linearize`): the condition's, not the first branch
        statement's they are attached to (comments.py gives a group there to the statement
        below it). Taken from that statement for the rest of the function."""
        if not s.then:
            return []
        line = s.cond.span.end.line
        out = [g for g in self.ghosts(s.then[0]) if g.span.start.line == line
               and isinstance(g, A.Linearize | A.Helping | A.Complete | A.Internal | A.CrashStep)]
        self.ctx.__dict__.setdefault("_header_ghosts", set()).update(id(g) for g in out)
        return out

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
        ghosts = [g for g in self.ghosts(s) if isinstance(g, A.Linearize | A.Helping | A.Complete | A.Assert | A.CrashStep
                                                            | A.Internal)]
        durable = [c for c in step_calls(s) if self.is_durable(c)]
        if len(durable) > 1:
            raise smt.Unsupported("a statement with two durable calls: split it so that each "
                                  "atomic step is one statement")
        if durable and isinstance(s, ir.If) and filesys.name_changes(durable[0]):
            return self.exec_if_step(s, ghosts + self.header_ghosts(s), durable[0], st)
        before = st.fork()
        if ghosts and not durable and not isinstance(s, ir.If | ir.For):
            self.ctx.interfere(st)  # a ghost-only step (durable calls interfere themselves)
        # an assert on its own line above the statement holds before it
        leading = [g for g in ghosts if isinstance(g, A.Assert) and g.leading]
        if leading:
            ghosts = [g for g in ghosts if not (isinstance(g, A.Assert) and g.leading)]
            for g in leading:
                self.ctx.ob("assert", s.span, "the assertion holds", st,
                            split(g.cond, self.ctx.scope(st)).pure_term(), clause=g.span)
        if isinstance(s, ir.Return):
            self.apply_ghosts(s, ghosts, st, changed=bool(durable))
            outs = self.exec_return(s, st)
        else:
            outs = self.exec_plain(s, st)
            if ghosts or durable:
                res: Out = []
                for how, o in outs:
                    changed = any(c.name == "Write" or c.pkg == "filesys" and c.name in filesys.MUTATING
                                  for c in durable)
                    self.apply_ghosts(s, ghosts, o, changed)
                    res.append((how, o))
                outs = res
        self.snap(s, before, outs[0][1] if outs else None)
        return outs

    def exec_if_step(self, s: ir.If, ghosts: list[A.Clause], call: ir.Call, st: State) -> Out:
        """An `if` whose condition changes the file system (`if filesys.Link(...)`): the
        condition is the statement's atomic step, so its ghosts take effect and the crash
        invariant is checked right after it, before either branch. The call must be the
        condition's own (under `!` at most): under `&&`, `||` or `?:` it may not run."""
        if not _unconditional(s.cond, call):
            raise smt.Unsupported(f"{call.pkg}.{call.name} under `&&` or `||` in an `if` condition "
                                  "(it may not run): assign its result in a statement of its own first")
        before = st.fork()
        c = self.ev.eval(s.cond, st)
        self.apply_ghosts(s, ghosts, st, changed=True)
        outs = self.branch(s, c, st)
        self.snap(s, before, outs[0][1] if outs else None)
        return outs

    def branch(self, s: ir.If, c: z3.BoolRef, st: State) -> Out:
        t, e = st.fork(), st.fork()
        t.assume(c, f"line {s.span.start.line + 1}: {s.cond.span} true")
        e.assume(z3.Not(c), f"line {s.span.start.line + 1}: condition false")
        outs = self.exec_block(s.then, t) + self.exec_block(s.els, e)
        if join.simple(s.then, self.ghosts) and join.simple(s.els, self.ghosts):
            one = join.join(st, c, outs, f"line {s.span.start.line + 1}: either branch of the if")
            if one is not None:
                return [("next", one)]
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
            elif isinstance(g, A.CrashStep):
                ghost.crash_step(self, g, s, st)
                changed = True
            elif isinstance(g, A.Internal):
                specops.internal_step(self, g, s, st)
                changed = True
            elif isinstance(g, A.Assert):
                self.ctx.ob("assert", s.span, "the assertion holds", st,
                            split(g.cond, self.ctx.scope(st)).pure_term(), clause=g.span)
        if changed:
            self.ctx.check_crash_inv(st, s.span, f"after line {s.span.start.line + 1}")

    # ------------------------------------------------------------ ghost statements

    def linearize(self, g: A.Linearize, s: ir.Stmt, st: State) -> None:
        ghost.linearize(self, g, s, st)

    def spec_step(self, spec: str, od: A.OpDecl, args: list[z3.ExprRef], st: State,
                  span: ir.Span, clause: ir.Span) -> z3.ExprRef | None:
        return ghost.spec_step(self, spec, od, args, st, span, clause)

    def helping(self, g: A.Helping, st: State, s: ir.Stmt | None = None) -> None:
        ghost.helping(self, g, st, s)

    def complete(self, g: A.Complete, s: ir.Stmt, st: State) -> None:
        ghost.complete(self, g, s, st)

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
            return self.branch(s, self.ev.eval(s.cond, st), st)
        if isinstance(s, ir.Block):
            return self.exec_block(s.body, st)
        if isinstance(s, ir.For):
            return self.loop(s, st)
        if isinstance(s, ir.RangeMap):
            return dispatch.handler("range_map")(self, s, st)
        if isinstance(s, ir.RangeSlice | ir.RangeInt):
            pre, loop = dispatch.handler("desugar_range")(s)
            for p in pre:
                self.define(p, st)  # type: ignore[arg-type]
            return dispatch.handler("loop")(self, loop, st, source=s)
        if isinstance(s, ir.Break):
            return [("break", st)]
        if isinstance(s, ir.Continue):
            return [("continue", st)]
        if isinstance(s, ir.Go):
            self.go(s, st)
            return [("next", st)]
        if isinstance(s, ir.Defer):
            # Go evaluates the receiver and arguments now: keep the locals and which lock
            # each mutex variable names
            st.defers.append((s.call, {**st.env, "#mutex_alias": dict(st.mutex_alias)}))
            return [("next", st)]
        raise smt.Unsupported(f"{type(s).__name__} statements are not supported by the verifier yet")

    def define(self, s: ir.Define, st: State) -> None:
        assign.define(self, s, st)

    def store_var(self, n: str, t: T.Type, boxed: bool, v: Val, st: State, span: ir.Span) -> None:
        assign.store_var(self, n, t, boxed, v, st, span)

    def assign(self, s: ir.Assign, st: State) -> None:
        assign.assign(self, s, st)



    # ------------------------------------------------------------ loops

    def loop(self, s: ir.For, st: State) -> Out:
        return dispatch.handler("loop")(self, s, st)

    # ------------------------------------------------------------ returns

    def exec_return(self, s: ir.Return, st: State) -> Out:
        vals: list[Val] = []
        for v in s.values:
            x = self.ev.eval(v, st)
            vals.extend(x if isinstance(x, tuple) else [x])
        self.finish(st, vals, s.span)
        return [("return", st)]

    def finish(self, st: State, vals: list[Val], span: ir.Span) -> None:
        dispatch.handler("finish")(self, st, vals, span)

    # ------------------------------------------------------------ calls

    def call(self, c: ir.Call, st: State) -> Val:
        return dispatch.handler("call")(self, c, st)  # type: ignore[no-any-return]

    def go(self, s: ir.Go, st: State) -> None:
        dispatch.handler("spawn")(self, s, st)

    def check_lock_families(self, struct: str, init: Val, st: State, span: ir.Span) -> None:
        dispatch.handler("lock_construction")(self, struct, init, st, span)
        filesys.to_lock(self, struct, init, st, span)  # a descriptor field its lock owns


dispatch.handles("executor")(Executor)  # pure bodies and goroutine bodies run in one of their own

__all__ = ["Executor", "owns", "term", "Held"]


def _unconditional(e: ir.Expr, call: ir.Call) -> bool:
    """call runs whenever e is evaluated: e is the call, or `!`, a comparison or arithmetic
    over it (never a short-circuit `&&`/`||` or a conditional expression around it)."""
    if e is call:
        return True
    if isinstance(e, ir.Unary):
        return _unconditional(e.x, call)
    if isinstance(e, ir.Binary) and e.op not in ("&&", "||"):
        return _unconditional(e.x, call) or _unconditional(e.y, call)
    return False
