"""Ghost statements: `linearize` (the spec step of this call's op), `helping` (hand the
pending op to the crash invariant, or to a lock that owns the op's tokens) and `complete`
(recovery, or at run time a thread owning the tokens, finishes a helped op: tokens.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from goose import ir

from . import linearizes, ownspec, smt, specops, specvals, tokens
from .assertions import add_token, helping_array, is_set, op_args, pending, term
from .context import op_of
from .state import State

if TYPE_CHECKING:
    from .stepper import Exec


def linearize(ex: Exec, g: A.Linearize, s: ir.Stmt, st: State) -> None:
    own = linearizes.own_op(ex.ctx, st)
    if own is None:
        ex.ctx.fail("refinement", g.span, "linearize outside a function that implements a spec op",
                      st, clause=g.span)
        return
    spec, od, args, _ = own
    if st.lin:
        ex.ctx.fail("refinement", s.span, f"a second spec step of {spec}.{od.name} on this path",
                      st, clause=g.span)
    elif st.lin_if:
        linearizes.no_step_yet(ex.ctx, st, s.span, z3.BoolVal(True), "this linearize", g.span)
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
            arr = helping_array(st, ex.ctx.ann, spec, od.name)
            if key in tokens.owned_ops(ex.ctx.ann):  # a helper may have done it already
                _owns_tokens(ex, st, key, s.span, g.span, "linearize takes back the token of")
                ex.ctx.ob("helping", s.span, f"linearize after helping {key}: the token is still "
                          "there (no helper completed the op, else this is its second spec step)",
                          st, pending(arr, targs), clause=g.span)
                st.helping[key] = take_token(arr, targs, z3.BoolVal(True))
            else:
                st.helping[key] = add_token(arr, targs, -1)
            st.own_tokens.remove((k, targs))
            st.helped_done.pop(key, None)


def _owns_tokens(ex: Exec, st: State, key: str, span: ir.Span, clause: ir.Span,
                 what: str) -> None:
    """A run-time helped op's tokens change only in the hands of their owner (the lock)."""
    ex.ctx.ob("helping", span, f"{what} {key} while owning its tokens (an annotation owns them "
              f"with acc(helping({key}(..))): hold that lock)", st, tokens.held(st, key),
              clause=clause)


def spec_step(ex: Exec, spec: str, od: A.OpDecl, args: list[z3.ExprRef], st: State,
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


def bind_chooses(ex: Exec, r: specops.StepResult, binds: dict[str, z3.ExprRef], what: str,
                 st: State, span: ir.Span, clause: ir.Span) -> specops.StepResult:
    """The step with the chooses the code names bound to its values: each must be a value
    the choose allows (its condition, with the spec's other choices arbitrary)."""
    good: dict[str, z3.ExprRef] = {}
    for n, v in binds.items():
        x = r.chosen.get(n)
        if x is None:
            ex.ctx.fail("refinement", span, f"{what} chooses no {n} (its chooses: "
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


def helping(ex: Exec, g: A.Helping, st: State, s: ir.Stmt | None = None) -> None:
    """Hand this thread's own pending op (and only it, once) to the crash invariant."""
    spec, od = op_of(ex.ctx.ann, g.op)
    args = op_args(g.op, ex.ctx.scope(st))
    key = f"{spec}.{od.name}"
    span = s.span if s is not None else g.span
    impl = ex.ctx.implements
    if impl is None or (impl[0], impl[1].name) != (spec, od.name):
        ex.ctx.fail("refinement", span, f"helping {key}: only the op this function "
                      "implements can be handed to recovery", st, clause=g.span)
    elif st.own_tokens or st.lin or st.lin_if:
        ex.ctx.fail("refinement", span, f"helping {key}: the op was already handed over "
                      "or has taken its spec step", st, clause=g.span)
    else:
        entry = st.entry or st
        mine = [specvals.to_term(entry.env[p.name], p.type, st) for p in ex.ctx.fn.params]
        ex.ctx.ob("refinement", span, f"helping hands over this call's own op: {key} with "
                    "this function's arguments", st,
                    z3.And([a == b for a, b in zip(args, mine, strict=False)]), clause=g.span)
    arr = helping_array(st, ex.ctx.ann, spec, od.name)
    if not is_set(arr):
        st.assume(z3.Select(arr, *args) >= 0)  # counts of pending ops are never negative
    if key in tokens.owned_ops(ex.ctx.ann):  # handed to a lock: a set, so the owner can tell
        _owns_tokens(ex, st, key, span, g.span, "helping adds a token of")
        ex.ctx.ob("helping", span, f"helping {key}: no op with these arguments is pending (wait "
                  "until the one there is done)", st, z3.Not(pending(arr, args)), clause=g.span)
        st.helped_done[key] = z3.BoolVal(False)
    st.helping[key] = add_token(arr, args, 1)
    st.own_tokens.append((key, args))
    st.path_text.append(f"helping {key}")


def complete(ex: Exec, g: A.Complete, s: ir.Stmt, st: State) -> None:
    """Recovery finishes a helped op when its token is there; otherwise nothing happens
    (the verifier case-splits, so `complete` and `complete?` mean the same here)."""
    if ex.ctx.mode != "recover":
        complete_now(ex, g, s, st)
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
    st.helping[f"{spec}.{od.name}"] = (take_token(arr, args, tok) if is_set(arr)
                                       else add_token(arr, args, z3.If(tok, -1, 0)))


def crash_step(ex: Exec, g: A.CrashStep, s: ir.Stmt, st: State) -> None:
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
        for n in r.chosen:
            if n not in bound:
                ctx.fail("recovery-crash-step", s.span, f"the spec {name}'s crash step chooses "
                         f"{n}: bind it (crash_step {n} = ...)", st, clause=g.span)
        step, allowed = r.bind({n: bound.pop(n)[1] for n in list(r.chosen) if n in bound})
        ok = z3.And(step.enabled, allowed, *[c for _, c in step.choices])
        if not z3.is_true(z3.simplify(ok)):
            ctx.ob("recovery-crash-step", s.span, f"the spec {name}'s crash step is enabled "
                   "with the values chosen", st, ok, clause=g.span)
        ownspec.check_step(ctx, st, step.fields, f"the spec {name}'s crash step", s.span, g.span)
        st.spec.update(step.fields)
    for n in bound:
        ctx.fail("recovery-crash-step", s.span, f"the spec's crash step chooses no {n}", st,
                 clause=g.span)
    st.crash_done = True
    st.path_text.append(f"line {s.span.start.line + 1}: the spec's crash step")


def complete_now(ex: Exec, g: A.Complete, s: ir.Stmt, st: State) -> None:
    """At run time (a flusher, a combiner): take a pending op's spec step on its owner's
    behalf. The thread must own the op's tokens; `complete` needs the token there (else the op
    was never handed over, or is done already), `complete?` fires only when it is."""
    ctx = ex.ctx
    spec, od = op_of(ctx.ann, g.op)
    key = f"{spec}.{od.name}"
    if key not in tokens.owned_ops(ctx.ann):
        ctx.fail("helping", s.span, f"complete {key} outside recovery: no annotation owns its "
                 f"tokens, so nothing says which ops are pending (own them in a lock invariant: "
                 f"forall .. :: acc(helping({key}(..))))", st, clause=g.span)
        return
    _owns_tokens(ex, st, key, s.span, g.span, "complete takes a token of")
    args = op_args(g.op, ctx.scope(st))
    arr = helping_array(st, ctx.ann, spec, od.name)
    tok = pending(arr, args)
    if not g.conditional:
        ctx.ob("helping", s.span, f"complete {key}: its token is there (an op with these "
               "arguments was handed over and is not done yet)", st, tok, clause=g.span)
    if od.result is not None:
        raise smt.Unsupported(f"complete {key} at run time: the op returns a result, and "
                              "handing a helper's result to its owner is not supported yet")
    r = specops.run(ctx.scope(st), spec, od.body, od.params, args)
    if not z3.is_true(z3.simplify(r.enabled)):
        ctx.ob("helping", s.span, f"the helped op {key} is enabled when it is completed", st,
               z3.Implies(tok, r.enabled), clause=g.span)
    if r.choices:
        ctx.ob("helping", s.span, f"the helped op {key} has a value to choose", st,
               z3.Implies(tok, r.possible()), clause=g.span)
        st.assume(z3.Implies(tok, r.assumed()))
    done = {k: z3.If(tok, v, st.spec[k]) for k, v in r.fields.items()}
    ownspec.check_step(ctx, st, done, f"completing {key}", s.span, g.span)
    st.spec.update(done)
    st.helping[key] = take_token(arr, args, tok)
    st.path_text.append(f"line {s.span.start.line + 1}: complete {key}")


def take_token(arr: z3.ArrayRef, args: list[z3.ExprRef], when: z3.BoolRef) -> z3.ArrayRef:
    """A run-time helped op's slot is emptied (its tokens are a set, as every `helping`
    checks the slot empty first), so a lock invariant saying which slots are full stays
    exact."""
    empty = z3.BoolVal(False) if is_set(arr) else z3.IntVal(0)
    return z3.Store(arr, *args, z3.If(when, empty, z3.Select(arr, *args)))


def helped(ctx: object, st: State, span: ir.Span, clause: ir.Span) -> bool:
    """A path that handed its op over at run time and returns without taking it back: it
    must have seen its token gone (a helper took the op's step), which is its spec step.
    False when the path handed nothing over at run time (the caller reports that)."""
    from .context import FnCtx

    assert isinstance(ctx, FnCtx) and ctx.implements is not None
    spec, od, _ = ctx.implements
    key = f"{spec}.{od.name}"
    mine = [args for k, args in st.own_tokens if k == key]
    if not mine or key not in tokens.owned_ops(ctx.ann):
        return False
    if od.result is not None:
        raise smt.Unsupported(f"{key} is done by a helper: returning the result a helper "
                              "computed is not supported yet")
    now = z3.Not(pending(helping_array(st, ctx.ann, spec, od.name), mine[0]))
    ctx.ob("helping", span, f"returns after its op {key}, handed over with helping, was done "
           "(its token gone: a helper completed it), not before", st,
           z3.Or(st.helped_done.get(key, z3.BoolVal(False)), now), clause=clause)
    return True
