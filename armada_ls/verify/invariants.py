"""Package-level obligations: the crash invariant survives a disk failure; each lock
invariant survives what can happen while its lock is free. They ride on one function's
result (`package_check_owner`) so that callers verifying one function at a time see them
exactly once."""

from __future__ import annotations

import time

import z3

from armada_ls.logic import ast as A
from goose import ir

from . import smt, stability
from .assertions import fault_model, flag
from .context import FnCtx
from .resources import split
from .result import FunctionResult
from .state import State


def package_check_owner(pkg: ir.Package, ann: A.Annotations) -> str | None:
    """The function whose result carries the package-level obligations (the crash
    invariant's and the lock invariants' stability): the recovery procedure, else the first
    function that implements a spec op, else the first function. Callers that verify one
    function at a time (the engine) then still see every obligation exactly once."""
    names = sorted(pkg.funcs, key=lambda q: (pkg.funcs[q].file, pkg.funcs[q].span.start))
    for kind in (A.RecoverMark, A.Implements):
        for q in names:
            if any(isinstance(c, kind) for c in ann.funcs.get(q, [])):
                return q
    return names[0] if names else None


def package_checks(pkg: ir.Package, ann: A.Annotations, timeout_ms: int) -> list[FunctionResult]:
    out: list[FunctionResult] = []
    start = initial_crash_inv(pkg, ann, timeout_ms)
    if start is not None:
        out.append(start)
    out.append(vacuous_annotations(pkg, ann, timeout_ms))
    stab = crash_inv_stability(pkg, ann, timeout_ms)
    if stab is not None:
        out.append(stab)
    out += [lock_inv_stability(pkg, ann, key, timeout_ms) for key in ann.lock_invs]
    from .pure import termination_checks

    out += termination_checks(pkg, ann, timeout_ms)  # recursive ghost functions' `decreases`
    return out


def machine_state(pkg: ir.Package, ann: A.Annotations) -> State:
    """A state with nothing known but the fault model (which disks may fail)."""
    from .fsleases import entry_dirs

    st = State()
    st.entry_dirs = entry_dirs(ann)
    if "twodisk" in pkg.imports:
        f1, f2 = flag(st, "twodisk.Disk1"), flag(st, "twodisk.Disk2")
        st.assume(fault_model(ann, f1, f2))
    return st


def _package_ctx(pkg: ir.Package, ann: A.Annotations, name: str, span: ir.Span,
                 mode: str, timeout_ms: int) -> FnCtx:
    dummy = ir.FuncDecl(name, [], [], [], span, span, file="")
    res = FunctionResult(name, "", span, crash_model=A.crash_model_of(ann))
    ctx = FnCtx(pkg, ann, dummy, mode, timeout_ms, res)
    dummy.file = res.file = ctx.clause_file(span)
    return ctx


def initial_crash_inv(pkg: ir.Package, ann: A.Annotations, timeout_ms: int) -> FunctionResult | None:
    """Without an `init` function the system starts from zeroed disks, the spec's initial
    state and no pending ops: the crash invariant must hold there, or it is never shown to
    hold anywhere (and every op would assume it for free)."""
    has_init = any(isinstance(c, A.InitMark) for cs in ann.funcs.values() for c in cs)
    if not ann.crash_invs or has_init:
        return None
    from .entry import zero_system

    ci = ann.crash_invs[0]
    ctx = _package_ctx(pkg, ann, "initial state", ci.span, "init", timeout_ms)
    start = time.perf_counter()
    try:
        zero_system(ctx, State(), ci.span)
    except smt.Unsupported as e:
        ctx.result.error = f"not verified: {e}"
    ctx.result.time_ms = (time.perf_counter() - start) * 1000.0
    return ctx.result


def vacuous_annotations(pkg: ir.Package, ann: A.Annotations, timeout_ms: int) -> FunctionResult:
    """Annotations under which proofs are vacuous (vacuity.py)."""
    from . import vacuity

    span = ann.crash_invs[0].span if ann.crash_invs else next(iter(pkg.funcs.values())).span
    ctx = _package_ctx(pkg, ann, "annotations", span, "helper", timeout_ms)
    start = time.perf_counter()
    try:
        vacuity.package(ctx, machine_state(pkg, ann))
    except smt.Unsupported as e:
        ctx.result.error = f"not verified: {e}"
    ctx.result.time_ms = (time.perf_counter() - start) * 1000.0
    return ctx.result


def crash_inv_stability(pkg: ir.Package, ann: A.Annotations, timeout_ms: int) -> FunctionResult | None:
    """The crash invariant must survive a disk failure (the one environment step that no
    verified code takes)."""
    if not ann.crash_invs or "twodisk" not in pkg.imports:
        return None
    ci = ann.crash_invs[0]
    ctx = _package_ctx(pkg, ann, "crash_inv", ci.span, "recover", timeout_ms)
    start = time.perf_counter()
    try:
        st = machine_state(pkg, ann)
        ctx.assume_crash_inv(st)
        ctx.flip_flags(st)
        for t, c in ctx.crash_inv(st):
            ctx.ob("crash-inv", c.span, "the crash invariant still holds when a disk fails", st, t,
                   clause=c.span)
    except smt.Unsupported as e:
        ctx.result.error = f"not verified: {e}"
    ctx.result.time_ms = (time.perf_counter() - start) * 1000.0
    return ctx.result


def lock_inv_stability(pkg: ir.Package, ann: A.Annotations, key: str,
                       timeout_ms: int) -> FunctionResult:
    """A lock invariant is assumed by the next thread that takes the lock, in the state of
    that moment: it must survive what can happen while the lock is free (other threads'
    steps on what its leases do not cover, disk failures)."""
    li = ann.lock_invs[key]
    ctx = _package_ctx(pkg, ann, f"lock_inv {key}", li.span, "helper", timeout_ms)
    start = time.perf_counter()
    try:
        st = machine_state(pkg, ann)
        ctx.assume_crash_inv(st)
        struct = key.split(".")[0]
        inst = z3.Int(smt.fresh_name(f"some {struct}"))
        params = {p: z3.Int(smt.fresh_name(p)) for p in li.params}
        for v in params.values():
            st.assume(smt.in_range(v))
        sc = ctx.scope(st, params=params)
        sc.this = (inst, struct)
        sp = split(li.cond, sc)
        st.leases.extend(sp.leases)
        st.assume(sp.pure_term())
        before = st.fork()
        ctx.interfere(st)
        for t, part in split(li.cond, sc.at(st)).pure:  # each says what may change under it
            ctx.ob("lock-inv", li.span, stability.message(key, part, sc.at(before), before), st,
                   t, clause=li.span)
    except smt.Unsupported as e:
        ctx.result.error = f"not verified: {e}"
    ctx.result.time_ms = (time.perf_counter() - start) * 1000.0
    return ctx.result
