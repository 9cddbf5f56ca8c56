"""Ghost statements: `linearize` (the spec step of this call's op), `helping` (hand the
pending op to the crash invariant) and `complete` (recovery finishes a helped op)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from goose import ir

from . import ownspec, specops
from .assertions import add_token, helping_array, op_args, pending, term
from .context import op_of
from .state import State

if TYPE_CHECKING:
    from .executor import Executor


def linearize(ex: Executor, g: A.Linearize, s: ir.Stmt, st: State) -> None:
    if ex.ctx.implements is None:
        ex.ctx.fail("refinement", g.span, "linearize outside a function that implements a spec op",
                      st, clause=g.span)
        return
    spec, od, _ = ex.ctx.implements
    if st.lin:
        ex.ctx.fail("refinement", s.span, f"a second spec step of {spec}.{od.name} on this path",
                      st, clause=g.span)
    entry = st.entry or st
    args = [entry.env[p.name] for p in ex.ctx.fn.params]
    if g.bindings:  # the code picks these chooses' values (`linearize k = e`)
        sc = ex.ctx.scope(st)
        binds = {n: term(e, sc) for n, _, e in g.bindings}
        spec_step(ex, spec, od, args, st, s.span, g.span, binds)
    else:
        ex.spec_step(spec, od, args, st, s.span, g.span)
    st.lin += 1
    st.path_text.append(f"line {s.span.start.line + 1}: spec step {spec}.{od.name}")
    key = f"{spec}.{od.name}"
    for k, targs in list(st.own_tokens):
        if k == key:  # the op this thread handed to recovery is now done by the thread
            st.helping[key] = add_token(helping_array(st, ex.ctx.ann, spec, od.name), targs, -1)
            st.own_tokens.remove((k, targs))


def spec_step(ex: Executor, spec: str, od: A.OpDecl, args: list[z3.ExprRef], st: State,
              span: ir.Span, clause: ir.Span,
              binds: dict[str, z3.ExprRef] | None = None) -> z3.ExprRef | None:
    r = specops.run(ex.ctx.scope(st), spec, od.body, od.params, args)
    if binds:
        r = bind_chooses(ex, r, binds, f"the spec op {spec}.{od.name}", st, span, clause)
    if not z3.is_true(z3.simplify(r.enabled)):
        ex.ctx.ob("refinement", span, f"the spec op {spec}.{od.name} is enabled here", st,
                    r.enabled, clause=clause)
    if r.choices:  # the spec picks: the code must be right for every value it may pick
        ex.ctx.ob("refinement", span, f"the spec op {spec}.{od.name} has a value to choose",
                  st, r.possible(), clause=clause)
        st.assume(r.assumed())
    ownspec.check_step(ex.ctx, st, r.fields, f"the step of {spec}.{od.name}", span, clause)
    st.spec.update(r.fields)
    st.spec_ret = r.ret
    return r.ret


def bind_chooses(ex: Executor, r: specops.StepResult, binds: dict[str, z3.ExprRef], what: str,
                 st: State, span: ir.Span, clause: ir.Span) -> specops.StepResult:
    """The step with the chooses the code names bound to its values: each must be a value
    the choose allows (its condition, with the spec's other choices arbitrary)."""
    good: dict[str, z3.ExprRef] = {}
    for n, v in binds.items():
        x = r.chosen.get(n)
        if x is None:
            ex.ctx.fail("refinement", span, f"{what} chooses no {n} on this path (its chooses: "
                        f"{', '.join(r.chosen) or 'none'})", st, clause=clause)
        elif x.sort() != v.sort():
            ex.ctx.fail("refinement", span, f"{what}: {n} is bound to a value of another type "
                        f"({v.sort()}, the choose's is {x.sort()})", st, clause=clause)
        else:
            good[n] = v
    out, ok = r.bind(good)
    if out.choices:  # the spec's own choices among them come first
        ex.ctx.ob("refinement", span, f"{what} has a value to choose", st, out.possible(),
                  clause=clause)
        st.assume(out.assumed())
        out = specops.StepResult(out.fields, out.ret, out.enabled, [], out.chosen)
    if not z3.is_true(z3.simplify(ok)):
        ex.ctx.ob("refinement", span, f"{what} allows the value{'s' if len(good) > 1 else ''} "
                  f"the code picks ({', '.join(f'{n}' for n in good)})", st, ok, clause=clause)
    return out


def helping(ex: Executor, g: A.Helping, st: State, s: ir.Stmt | None = None) -> None:
    """Hand this thread's own pending op (and only it, once) to the crash invariant."""
    spec, od = op_of(ex.ctx.ann, g.op)
    args = op_args(g.op, ex.ctx.scope(st))
    key = f"{spec}.{od.name}"
    span = s.span if s is not None else g.span
    impl = ex.ctx.implements
    if impl is None or (impl[0], impl[1].name) != (spec, od.name):
        ex.ctx.fail("refinement", span, f"helping {key}: only the op this function "
                      "implements can be handed to recovery", st, clause=g.span)
    elif st.own_tokens or st.lin:
        ex.ctx.fail("refinement", span, f"helping {key}: the op was already handed over "
                      "or has taken its spec step", st, clause=g.span)
    else:
        entry = st.entry or st
        mine = [entry.env[p.name] for p in ex.ctx.fn.params]
        ex.ctx.ob("refinement", span, f"helping hands over this call's own op: {key} with "
                    "this function's arguments", st,
                    z3.And([a == b for a, b in zip(args, mine, strict=False)]), clause=g.span)
    arr = helping_array(st, ex.ctx.ann, spec, od.name)
    st.assume(z3.Select(arr, *args) >= 0)  # counts of pending ops are never negative
    st.helping[key] = add_token(arr, args, 1)
    st.own_tokens.append((key, args))
    st.path_text.append(f"helping {key}")


def complete(ex: Executor, g: A.Complete, s: ir.Stmt, st: State) -> None:
    """Recovery finishes a helped op when its token is there; otherwise nothing happens
    (the verifier case-splits, so `complete` and `complete?` mean the same here)."""
    if ex.ctx.mode != "recover":
        ex.ctx.fail("recovery-helping", g.span, "complete is only allowed in recovery", st,
                      clause=g.span)
        return
    if st.crash_done:
        ex.ctx.fail("recovery-helping", s.span, "complete after the spec's crash step "
                    "(crash_step): a helped op takes effect before the crash", st, clause=g.span)
    spec, od = op_of(ex.ctx.ann, g.op)
    args = op_args(g.op, ex.ctx.scope(st))
    arr = helping_array(st, ex.ctx.ann, spec, od.name)
    tok = pending(arr, args)
    r = specops.run(ex.ctx.scope(st), spec, od.body, od.params, args)
    if not z3.is_true(z3.simplify(r.enabled)):
        ex.ctx.ob("recovery-helping", s.span, f"the helped op {spec}.{od.name} is enabled "
                    "when recovery completes it", st, z3.Implies(tok, r.enabled), clause=g.span)
    if r.choices:
        ex.ctx.ob("recovery-helping", s.span, f"the helped op {spec}.{od.name} has a value to "
                  "choose", st, z3.Implies(tok, r.possible()), clause=g.span)
        st.assume(z3.Implies(tok, r.assumed()))
    done = {k: z3.If(tok, v, st.spec[k]) for k, v in r.fields.items()}
    ownspec.check_step(ex.ctx, st, done, f"completing {spec}.{od.name}", s.span, g.span)
    st.spec.update(done)
    st.helping[f"{spec}.{od.name}"] = add_token(arr, args, z3.If(tok, -1, 0))


def crash_step(ex: Executor, g: A.CrashStep, s: ir.Stmt, st: State) -> None:
    """Recovery takes the spec's crash step here, with each `choose` bound as the statement
    says (each binding checked against its condition)."""
    ctx = ex.ctx
    if getattr(ex, "loop_depth", 0):  # one arbitrary iteration stands for all of them
        ctx.fail("recovery-crash-step", s.span, "crash_step inside a loop: the crash step "
                 "happens once; take it before or after the loop", st, clause=g.span)
        return
    if st.crash_done:
        ctx.fail("recovery-crash-step", s.span, "a second crash step on this path", st,
                 clause=g.span)
        return
    sc = ctx.scope(st)
    bound = {n: (sp, term(e, sc)) for n, sp, e in g.bindings}
    for name, sd in ctx.ann.specs.items():
        r = specops.run(ctx.scope(st), name, sd.crash, [], [])
        subst = []
        for n, x in r.chosen.items():
            if n not in bound:
                ctx.fail("recovery-crash-step", s.span, f"the spec {name}'s crash step chooses "
                         f"{n}: bind it (crash_step {n} = ...)", st, clause=g.span)
                continue
            subst.append((x, bound.pop(n)[1]))
        conds = [z3.substitute(c, *subst) if subst else c for _, c in r.choices]
        ok = z3.And([z3.substitute(r.enabled, *subst) if subst else r.enabled] + conds)
        if not z3.is_true(z3.simplify(ok)):
            ctx.ob("recovery-crash-step", s.span, f"the spec {name}'s crash step is enabled "
                   "with the values chosen", st, ok, clause=g.span)
        fields = {k: z3.substitute(v, *subst) if subst else v for k, v in r.fields.items()}
        ownspec.check_step(ctx, st, fields, f"the spec {name}'s crash step", s.span, g.span)
        st.spec.update(fields)
    for n in bound:
        ctx.fail("recovery-crash-step", s.span, f"the spec's crash step chooses no {n}", st,
                 clause=g.span)
    st.crash_done = True
    st.path_text.append(f"line {s.span.start.line + 1}: the spec's crash step")
