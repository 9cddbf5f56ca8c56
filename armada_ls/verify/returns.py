"""What a function owes when it returns: deferred calls, its postcondition, exactly one
spec step and the spec's result (for `implements`), and for recovery the spec's crash step
and every lock invariant of the new generation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from goose import ir

from . import (
    dispatch,
    durability,
    filesys,
    ghost,
    leases,
    linearizes,
    locks,
    ownspec,
    smt,
    specops,
    specvals,
)
from .assertions import no_tokens, result_names, result_types
from .context import readable
from .exprs import owns, struct_of_ptr
from .locks import built, built_what
from .resources import split
from .result import Obligation, Status
from .state import State, Val

if TYPE_CHECKING:
    from .stepper import Exec


@dispatch.handles("finish")
def finish(ex: Exec, st: State, vals: list[Val], span: ir.Span) -> None:
    ctx = ex.ctx
    while st.defers:
        call, env = st.defers.pop()
        env = dict(env)
        aliases = env.pop("#mutex_alias", st.mutex_alias)
        (now, st.env), (now_alias, st.mutex_alias) = (st.env, env), (st.mutex_alias, aliases)
        ex.call(call, st)
        st.env, st.mutex_alias = now, now_alias
    if ctx.mode in ("recover", "init"):
        who = "recovery" if ctx.mode == "recover" else "init"
        durability.none_pending(ctx, st, span, f"when {who} returns", "the new generation's "
                                "threads take the disk as durable", recovery_end=True)
    else:
        durability.none_pending(ctx, st, span, f"when {ctx.fn.name} returns",
                                "a host crash after the return may undo it")
    results = result_names(vals)
    filesys.leaks(ctx, st, span, f"when {ctx.fn.name} returns", results)
    types = dict(st.types)
    types.update(result_types(ctx.fn.results))
    linearizes.at_return(ctx, st, span, results, types)
    for cl in ctx.ann.funcs.get(ctx.fn.qualified, []):  # held locks handed to the caller
        if isinstance(cl, A.Ensures | A.Preserves):
            sc = ctx.scope(st, results=results, local_types=types)
            for lk in split(cl.cond, sc).locks:
                if ctx.mode not in ("helper", "op"):
                    raise smt.Unsupported(f"locked(...) in the postcondition of {ctx.fn.name}: "
                                          "recovery and init have no client to hand a held lock to")
                locks.hand_over(ex, lk, sc, st, span, "at return")
    for h in st.held:  # nobody else can ever release it: the next Lock blocks forever
        what = "a mutex" if not h.key else f"the {h} lock"
        ctx.fail("deadlock", span, f"returns while holding {what} taken at line "
                 f"{h.span.start.line + 1}: every path must unlock what it locks", st)
    if ctx.mode == "op" and ctx.implements is not None:
        spec, od, impl = ctx.implements
        if st.lin == 0 and st.lin_if:  # a call may have taken it (linearizes.py)
            ctx.ob("refinement", span, f"every path takes exactly one spec step of "
                   f"{spec}.{od.name}: a call on this path that may take it did", st,
                   linearizes.taken(st), clause=impl.span)
        elif st.lin == 0 and ghost.helped(ctx, st, span, impl.span):
            pass
        elif st.lin == 0:
            ctx.fail("refinement", span, f"every path takes exactly one spec step of {spec}.{od.name}: "
                     "this one returns without a `linearize`", st, clause=impl.span)
        if od.result is not None and st.lin:
            if len(vals) != 1 or st.spec_ret is None:
                ctx.fail("result", span, f"returns the result of {spec}.{od.name}", st, clause=impl.span)
            else:
                got = specvals.to_term(vals[0], ctx.fn.results[0], st)  # a struct: its datatype
                ctx.ob("result", span, f"returns what {spec}.{od.name} returns", st,
                       specvals.values_eq(got, st.spec_ret), clause=impl.span)
    for cl in ctx.ann.funcs.get(ctx.fn.qualified, []):
        if not isinstance(cl, A.Ensures | A.Preserves):
            continue
        sp = split(cl.cond, ctx.scope(st, results=results, local_types=types))
        for t, _ in sp.pure:
            ctx.ob("postcondition", span, "the postcondition holds", st, t, clause=cl.span)
        for p, cond in sp.perms:
            ctx.ob("postcondition", span, f"{p} is owned at return", st,
                   z3.Implies(cond, owns(st, p.ptr, p.field)), clause=cl.span)
        for ls in sp.leases:  # handed to the caller: it must be this function's to give
            ctx.ob("postcondition", span, f"{ls} is held at return", st, leases.holds(st, ls),
                   clause=cl.span)
    if not ctx.fn.synthetic:
        for v, t in zip(vals, ctx.fn.results, strict=False):
            ok = built(ctx, st, t, v)
            if ok is not None:
                ctx.ob("safety", span, f"the {struct_of_ptr(t)} returned is "
                       f"{built_what(ctx, struct_of_ptr(t))}", st, ok)
    if ctx.mode in ("recover", "init"):
        recovery_end(ex, st, span)


def recovery_end(ex: Exec, st: State, span: ir.Span) -> None:
    """Recovery (or init) hands out the new generation's locks: every lock invariant holds.
    Recovery also performs the spec's crash step."""
    ctx = ex.ctx
    if ctx.mode == "init":
        ctx.check_crash_inv(st, span, "when init returns")
    # `choose` in a crash step is the implementation's to pick (recovery's outcome decides
    # which of the allowed states the crash led to): what must hold after the step is one
    # obligation, that some choice makes it all hold.
    choices: list[tuple[z3.ExprRef, z3.BoolRef]] = []
    after: list[z3.BoolRef] = []
    crash_span: ir.Span | None = None
    for name, sd in ctx.ann.specs.items() if ctx.mode == "recover" and not st.crash_done else []:
        r = specops.run(ctx.scope(st), name, sd.crash, [], [])
        if r.choices:
            choices += r.choices
            crash_span = sd.span
        if not z3.is_true(z3.simplify(r.enabled)):
            ctx.ob("recovery-crash-step", span, f"the spec {name}'s crash step is enabled", st,
                   r.enabled, clause=sd.span)
        # after the locks were built: spec state recovery handed to them is theirs now
        ownspec.check_step(ctx, st, r.fields, f"the spec {name}'s crash step", span, sd.span)
        st.spec.update(r.fields)
    for key, arr in list(st.helping.items()):  # pending ops of the old generation are dropped
        st.helping[key] = no_tokens(arr)
    if ctx.mode == "recover" and choices:
        after += [t for t, _ in ctx.crash_inv(st)]
    elif ctx.mode == "recover":  # the new generation (and a crash right after) starts here
        ctx.check_crash_inv(st, span, "when recovery returns (after the spec's crash step, "
                            "with the old generation's pending ops dropped)")
    for key, li in ctx.ann.lock_invs.items():
        struct = key.split(".")[0]
        bound = [z3.Int(smt.fresh_name(p)) for p in li.params]
        sc = ctx.scope(st, params=dict(zip(li.params, bound, strict=False)))
        sc.this = (z3.Int(smt.fresh_name(f"new {struct}")), struct)
        try:
            goal = split(li.cond, sc).pure_term()  # recovery owns all: it grants fresh leases
        except smt.Unsupported as e:
            ctx._record(Obligation("recovery-lock-inv", ctx.fn.qualified, ctx.file, span,
                                   f"the lock invariant of {key} holds when recovery hands out the "
                                   "new locks", clause_file=ctx.clause_file(li.span),
                                   clause_span=li.span, status=Status.UNKNOWN,
                                   reason=f"not supported: {e}"))
            continue
        if "heap[" in str(goal) or split(li.cond, sc).perms:
            if not li.params:
                continue  # over memory: established when its struct is built (locks.establish)
            ctx._record(Obligation("recovery-lock-inv", ctx.fn.qualified, ctx.file, span,
                                   f"the lock invariant of {key} holds when recovery hands out the "
                                   "new locks", clause_file=ctx.clause_file(li.span),
                                   clause_span=li.span, status=Status.UNKNOWN,
                                   reason="lock invariants over memory with parameters are not "
                                   "supported yet"))
            continue
        if bound:
            goal = z3.ForAll(bound, z3.Implies(z3.And([smt.in_range(b) for b in bound]), goal))
        who = "recovery" if ctx.mode == "recover" else "init"
        if choices:
            after.append(goal)
            continue
        ctx.ob("recovery-lock-inv" if ctx.mode == "recover" else "lock-inv", span,
               f"the lock invariant of {key} holds for every lock when {who} hands out the new "
               "locks", st, goal, clause=li.span)
    if choices:
        xs = [x for x, _ in choices]
        ctx.ob("recovery-crash-step", span, "the spec's crash step can choose "
               f"{', '.join(readable(str(x)) for x in xs)} so that the crash invariant (after the "
               "step, with the old generation's pending ops dropped) and every lock invariant "
               "hold when recovery returns", st,
               z3.Exists(xs, z3.And([c for _, c in choices] + after)), clause=crash_span,
               crash_point=span)
