"""Vacuous proofs: annotations under which everything is provable, or that promise more
than the code can be asked for. Each is reported by name (kind `vacuous`), like Dafny's
contradictory-assumption warnings, because "verified" would otherwise mean nothing.

- a function whose precondition (with the crash invariant) never holds: an error for an
  op, recovery or init (clients and the system run them anyway), a warning for a helper;
- an unsatisfiable crash invariant or lock invariant: an error;
- a spec op that no function implements: a warning (clients are promised an op that
  does not exist);
- a crash invariant that relies on helping with no recovery to complete it: an error;
- an op's `requires` that the spec op's own `require` does not imply: a warning (the
  proof holds only for calls the spec does not restrict).
"""

from __future__ import annotations

import z3

from armada_ls.logic import ast as A
from goose import ir

from . import smt, solver, specops
from .context import FnCtx
from .resources import split
from .result import Obligation, Status
from .state import State


def report(ctx: FnCtx, span: ir.Span, message: str, severity: str = "error",
           clause: ir.Span | None = None) -> None:
    ctx._record(Obligation("vacuous", ctx.fn.qualified, ctx.file, span, message,
                           clause_file=ctx.clause_file(clause) if clause else "",
                           clause_span=clause, status=Status.FAILED, severity=severity))


def never(st: State, timeout_ms: int, extra: list[z3.BoolRef] | None = None) -> bool:
    """The path (with extra facts) is provably infeasible."""
    return solver.refuted(_unquantified(st.path) + (extra or []), timeout_ms)


def _unquantified(path: list[z3.BoolRef]) -> list[z3.BoolRef]:
    """Without numstr's marker and axiom: a contradiction found so holds (numstr.py); the
    second, exact try solver.py makes for such a path would only spend the time proving
    `false`, and with the axiom a query that has a model comes back unknown."""
    from .numstr import INJECTIVE, QUANTIFIED

    return [f for f in path if not f.eq(QUANTIFIED) and not f.eq(INJECTIVE)]


def entry(ctx: FnCtx, st: State) -> None:
    """The function's starting facts (precondition, crash invariant, lock facts) can hold."""
    pre = [c for c in ctx.ann.funcs.get(ctx.fn.qualified, []) if isinstance(c, A.Requires | A.Preserves)]
    if ctx.fn.synthetic or not never(st, ctx.timeout_ms):
        return
    what = "its precondition and the crash invariant contradict each other" if pre else \
        "the crash invariant never holds"
    severity = "warning" if ctx.mode == "helper" else "error"
    report(ctx, ctx.fn.name_span, f"{ctx.fn.qualified} can never start: {what}, so every "
           "obligation of it holds vacuously", severity,
           clause=pre[0].span if pre else (ctx.ann.crash_invs[0].span if ctx.ann.crash_invs else None))


def package(ctx: FnCtx, base: State) -> None:
    """Package-level vacuity: crash and lock invariants, spec ops, helping without recovery."""
    ann = ctx.ann
    if ann.crash_invs:
        st = base.fork()
        ctx.assume_crash_inv(st)
        if never(st, ctx.timeout_ms):
            ci = ann.crash_invs[0]
            report(ctx, ci.span, "the crash invariant can never hold: every op would assume "
                   "false", clause=ci.span)
            return
    _lock_invs(ctx, base)
    _unimplemented_ops(ctx)
    _helping_without_recovery(ctx)


def _lock_invs(ctx: FnCtx, base: State) -> None:
    for key, li in ctx.ann.lock_invs.items():
        st = base.fork()
        ctx.assume_crash_inv(st)
        params = {p: z3.Int(smt.fresh_name(p)) for p in li.params}
        for v in params.values():
            st.assume(smt.in_range(v))
        sc = ctx.scope(st, params=params)
        sc.this = (z3.Int(smt.fresh_name(f"some {key.split('.')[0]}")), key.split(".")[0])
        try:
            cond = li.cond
            if li.params and isinstance(cond, A.LBinary) and cond.op == "==>":
                st.assume(split(cond.x, sc).pure_term())  # some lock of the family exists
                cond = cond.y
            facts = split(cond, sc).pure_term()
        except smt.Unsupported:
            continue
        if never(st, ctx.timeout_ms, [facts]):
            report(ctx, li.span, f"the lock invariant of {key} can never hold (with the crash "
                   "invariant): whoever takes the lock would assume false", clause=li.span)


def _unimplemented_ops(ctx: FnCtx) -> None:
    implemented = {(c.spec or (next(iter(ctx.ann.specs)) if len(ctx.ann.specs) == 1 else ""), c.op)
                   for cs in ctx.ann.funcs.values() for c in cs if isinstance(c, A.Implements)}
    for name, sd in ctx.ann.specs.items():
        for od in sd.ops:
            if (name, od.name) not in implemented:
                report(ctx, od.span, f"the spec op {name}.{od.name} has no implementation: no "
                       f"function says `implements {name}.{od.name}`", "warning", clause=od.span)


def _mentions_helping(e: object) -> bool:
    if isinstance(e, A.LHelping):
        return True
    return any(_mentions_helping(v) for v in vars(e).values()
               if isinstance(v, A.LExpr)) if isinstance(e, A.LExpr) else False


def _helping_without_recovery(ctx: FnCtx) -> None:
    has_recover = any(isinstance(c, A.RecoverMark) for cs in ctx.ann.funcs.values() for c in cs)
    for ci in ctx.ann.crash_invs:
        if _mentions_helping(ci.cond) and not has_recover:
            report(ctx, ci.span, "the crash invariant relies on helping, but no `recover` "
                   "function completes a helped op", clause=ci.span)


def op_precondition(ctx: FnCtx, st: State) -> None:
    """An op's `requires` should be what the spec op itself requires (its `require`s):
    otherwise the proof says nothing about calls the spec allows."""
    if ctx.implements is None or ctx.mode != "op":
        return
    spec, od, impl = ctx.implements
    pre = [c for c in ctx.ann.funcs.get(ctx.fn.qualified, []) if isinstance(c, A.Requires | A.Preserves)]
    if not pre:
        return
    probe = (st.entry or st).fork()
    args = [probe.env[p.name] for p in ctx.fn.params]
    try:
        enabled = specops.run(ctx.scope(probe), spec, od.body, od.params, args).enabled
        facts = [split(c.cond, ctx.scope(probe)).pure_term() for c in pre]
    except smt.Unsupported:
        return
    # from what held before the precondition was assumed: does the spec's condition imply it?
    ans = solver.check(_unquantified(ctx.path_before_pre) + [enabled], z3.And(facts), ctx.timeout_ms)
    if ans.status is Status.FAILED:
        report(ctx, pre[0].span, f"the precondition of {ctx.fn.qualified} restricts calls that "
               f"the spec op {spec}.{od.name} allows: state it in the op too (`require ...`), "
               "or the proof says nothing about those calls", "warning", clause=pre[0].span)
