"""`linearizes Spec.Op(args) [if cond]`: a helper takes its caller's op step.

An op's linearization point is often in a helper: the critical section that publishes a
message sits in a function with a deferred Unlock, called in a retry loop. The helper says
which op step it takes (the op and its arguments, read at its entry) and when (`cond`, over
its parameters and results; always without one). Verified in two halves, like a contract:

- in the helper, `linearize` takes that op's step, and at every return the step was taken
  exactly when `cond` holds (`at_return`);
- at a call, the caller must be the op's owner: it implements that op, or it is a helper
  that `linearizes` the same op, with the same arguments as the callee's clause gives. A
  caller that is not (another op, recovery, a goroutine body) must show `cond` false. The
  call took the step exactly when `cond` holds after it: the path keeps `cond` in
  `State.lin_if`, and every later step (a `linearize`, another such call), the return and
  a loop's back edge treat it as a step taken under that condition (`taken`).

Only ops without a result: the result would have to come back through the call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from armada_ls.logic.pretty import show
from goose import ir

from . import specvals
from .assertions import term
from .state import State

if TYPE_CHECKING:
    from .context import FnCtx


def clause(ann: A.Annotations, qualified: str) -> A.Linearizes | None:
    return next((c for c in ann.funcs.get(qualified, []) if isinstance(c, A.Linearizes)), None)


def own_op(ctx: FnCtx, st: State) -> tuple[str, A.OpDecl, list[z3.ExprRef], ir.Span] | None:
    """The op whose spec step this call of the function takes, with its arguments as logic
    terms: the op it implements, with its parameters, or the op its `linearizes` clause
    names, with the clause's arguments at entry."""
    entry = st.entry or st
    if ctx.implements is not None:
        spec, od, impl = ctx.implements
        args = [specvals.to_term(entry.env[p.name], p.type, st) for p in ctx.fn.params]
        return spec, od, args, impl.span  # type: ignore[return-value]
    if ctx.linearizes is not None:
        spec, od, cl = ctx.linearizes
        sc = ctx.scope(entry)
        return spec, od, [term(a, sc) for a in cl.op.args], cl.span
    return None


def taken(st: State) -> z3.BoolRef:
    """This path took its op's step: a `linearize` on it, or a call that did under its
    condition (the conditions are exclusive: each call checked it took no second step)."""
    if st.lin:
        return z3.BoolVal(True)
    return z3.Or(*st.lin_if) if st.lin_if else z3.BoolVal(False)


def no_step_yet(ctx: FnCtx, st: State, span: ir.Span, when: z3.BoolRef, what: str,
                clause_span: ir.Span) -> None:
    """A step about to be taken (under `when`) is not this call's second."""
    if st.lin or st.own_tokens:
        ctx.ob("refinement", span, f"{what}: this call's op already took its step (or was "
               "handed to recovery) on this path, so it must not take another", st,
               z3.Not(when), clause=clause_span)
    elif st.lin_if:
        ctx.ob("refinement", span, f"{what}: no earlier call on this path took this call's "
               "op step (a second spec step)", st, z3.Not(z3.And(when, z3.Or(*st.lin_if))),
               clause=clause_span)


def at_call(ctx: FnCtx, fn: ir.FuncDecl, cl: A.Linearizes, c: ir.Call, st: State,
            callee_entry: State, params: dict[str, object], results: dict[str, object],
            types: dict[str, object]) -> None:
    """After a call of a `linearizes` helper: it took its op's step exactly when its clause's
    condition holds now; that op must be this call's own, with the same arguments."""
    post = ctx.scope(st, params=params, results=results, old=callee_entry, local_types=types)
    cond = term(cl.cond, post) if cl.cond is not None else z3.BoolVal(True)
    key = f"{cl.op.spec}.{cl.op.op}"
    what = f"{fn.qualified} takes the spec step of {key}" + (
        f" when {show(cl.cond)}" if cl.cond is not None else "")
    own = own_op(ctx, st)
    if own is None or (own[0], own[1].name) != (cl.op.spec, cl.op.op):
        mine = "no op" if own is None else f"{own[0]}.{own[1].name}"
        ctx.ob("refinement", c.span, f"{what}, but this function's op is {mine}: only a "
               f"function that implements {key} (or linearizes it) may let it, so here it must "
               "not", st, z3.Not(cond), clause=cl.span)
        return
    at_entry = ctx.scope(callee_entry, params=params, local_types=types)
    theirs = [term(a, at_entry) for a in cl.op.args]
    same = z3.And([specvals.values_eq(a, b) for a, b in zip(theirs, own[2], strict=True)])
    ctx.ob("refinement", c.span, f"{what}: the step it takes is this call's own ({key} with "
           "the same arguments)", st, z3.Implies(cond, same), clause=cl.span)
    no_step_yet(ctx, st, c.span, cond, what, cl.span)
    st.lin_if = (*st.lin_if, cond)
    st.path_text.append(f"line {c.span.start.line + 1}: {fn.name} takes the spec step of {key}"
                        + (f" if {show(cl.cond)}" if cl.cond is not None else ""))


def at_return(ctx: FnCtx, st: State, span: ir.Span, results: dict[str, object],
              types: dict[str, object]) -> None:
    """A `linearizes` helper returns having taken its op's step exactly when its clause says."""
    if ctx.linearizes is None:
        return
    spec, od, cl = ctx.linearizes
    sc = ctx.scope(st, results=results, local_types=types)
    cond = term(cl.cond, sc) if cl.cond is not None else z3.BoolVal(True)
    when = f"exactly when {show(cl.cond)}" if cl.cond is not None else \
        "on every path (its clause has no `if`)"
    ctx.ob("refinement", span, f"{ctx.fn.name} takes the spec step of {spec}.{od.name} {when}",
           st, taken(st) == cond, clause=cl.span)
