"""The verifier's entry points: `verify_function` and `verify_package`.

A function is verified in one of four modes: `op` (it `implements` a spec op: exactly one
spec step, the spec's result, the crash invariant at every crash point under interference
from other threads), `recover` (from any durable state satisfying the crash invariant, in a
new generation: the crash invariant at each of its steps, the spec's crash step, every lock
invariant at the end), `init` (like recovery, but from zeroed disks and the spec's initial
state, with the crash invariant established rather than assumed) or `helper` (its own
contract, and the crash invariant at its steps).
The engine knows nothing of any particular example: it reads the IR and the annotations.
"""

from __future__ import annotations

import gc
import time

import z3

from armada_ls.logic import ast as A
from goose import ir
from goose import types as T

from . import heap, smt, specops
from .assertions import flag, helping_array, split
from .context import FnCtx, op_of
from .executor import Executor, stmt_calls
from .locks import _forget
from .result import FunctionResult, Obligation, Status
from .state import Perm, State

DEFAULT_TIMEOUT_MS = 5000


def _all_stmts(stmts: list[ir.Stmt]) -> list[ir.Stmt]:
    from .loops import _walk

    return _walk(stmts)


def durable_funcs(pkg: ir.Package) -> set[str]:
    """Functions that (transitively) perform durable steps."""
    calls = {q: [c for s in _all_stmts(f.body) for c in stmt_calls(s)] for q, f in pkg.funcs.items()}
    out = {q for q, cs in calls.items() if any(c.pkg in ("twodisk", "disk") and c.name in ("Write", "Read") for c in cs)}
    changed = True
    while changed:
        changed = False
        for q, cs in calls.items():
            if q not in out and any(c.qualified in out for c in cs):
                out.add(q)
                changed = True
    return out


def assigned_fields(pkg: ir.Package) -> set[str]:
    """Struct fields that some assignment in the package writes (`p.f = v`, `p.f++`)."""
    from .exprs import struct_of_ptr

    out: set[str] = set()
    for f in pkg.funcs.values():
        for s in _all_stmts(f.body):
            for p in s.places if isinstance(s, ir.Assign) else []:
                if isinstance(p, ir.FieldPlace) and isinstance(p.base, ir.Expr):
                    struct = struct_of_ptr(p.base.type)
                    out.add(f"{struct}.{p.field}")
    return out


def _mode(clauses: list[A.Clause]) -> str:
    if any(isinstance(c, A.RecoverMark) for c in clauses):
        return "recover"
    if any(isinstance(c, A.InitMark) for c in clauses):
        return "init"
    if any(isinstance(c, A.Implements) for c in clauses):
        return "op"
    return "helper"


def _initial(ctx: FnCtx) -> State:
    fn = ctx.fn
    st = State()
    if "twodisk" in ctx.pkg.imports:
        f1, f2 = flag(st, "twodisk.Disk1"), flag(st, "twodisk.Disk2")
        st.assume(z3.Not(z3.And(f1, f2)))
    g0 = z3.Int("gen")
    st.gen = g0 + 1 if ctx.mode == "recover" else g0
    params = ([fn.recv] if fn.recv is not None else []) + list(fn.params)
    for p in params:
        v = heap.fresh_value(st, p.name, p.type)
        st.types[p.name] = p.type
        if p is fn.recv and isinstance(T.underlying(p.type), T.Pointer):
            st.assume(v != smt.NIL)  # callers check it (a `safety` obligation at each call)
        if isinstance(v, z3.ExprRef) and v.sort() == smt.PTR:
            st.all_ptrs.append(v)
        if p.boxed:
            cell = smt.fresh_int(f"&{p.name}")
            st.assume(cell > 0)
            st.all_ptrs.append(cell)
            if not fn.synthetic:  # a goroutine's captured variables are shared, not owned
                st.owned.append(Perm(cell, "*"))
                heap.write(st, heap.cell_key(p.type), cell, p.type, v)
            st.env[p.name] = cell
        else:
            st.env[p.name] = v
    if ctx.mode == "init":
        _zero_system(ctx, st)
    elif ctx.ann.crash_invs:
        ctx.assume_crash_inv(st)
    for cl in ctx.ann.funcs.get(fn.qualified, []):
        if isinstance(cl, A.Requires | A.Preserves):
            sp = split(cl.cond, ctx.scope(st))
            for p, _ in sp.perms:
                st.owned.append(p)
                _forget(ctx_ex(ctx), p, st)
            st.leases.extend(sp.leases)
    for cl in ctx.ann.funcs.get(fn.qualified, []):
        if isinstance(cl, A.Requires | A.Preserves):
            st.assume(split(cl.cond, ctx.scope(st)).pure_term(), "precondition")
    st.entry = st.fork()
    return st


def _zero_system(ctx: FnCtx, st: State) -> None:
    """An `init` function starts from zeroed disks, working disks, the spec's initial state
    and no pending ops; the crash invariant must already hold there (a crash during init
    is followed by recovery)."""
    zero = z3.K(z3.IntSort(), smt.zero_block())
    for pkg, names in (("twodisk", ("twodisk.D1", "twodisk.D2")), ("disk", ("disk.D",))):
        if pkg in ctx.pkg.imports:
            for n in names:
                st.durable[n] = zero
    if "twodisk" in ctx.pkg.imports:
        st.flags["twodisk.Disk1"] = st.flags["twodisk.Disk2"] = z3.BoolVal(False)
    for name, sd in ctx.ann.specs.items():
        for f in sd.state:
            st.spec[f"{name}.{f.name}"] = _zero_of(f.type)
        r = specops.run(ctx.scope(st), name, sd.init, [], [])
        st.spec.update(r.fields)
        for op in sd.ops:
            arr = helping_array(st, ctx.ann, name, op.name)
            st.helping[f"{name}.{op.name}"] = z3.K(arr.sort().domain(), z3.BoolVal(False)) \
                if smt.arity(arr.sort()) == 1 else arr
            if smt.arity(arr.sort()) > 1:
                w = [z3.Const(smt.fresh_name("w"), arr.sort().domain_n(i))
                     for i in range(smt.arity(arr.sort()))]
                st.assume(z3.ForAll(w, z3.Not(z3.Select(arr, *w))))
    for t, ci in ctx.crash_inv(st):
        ctx.ob("crash-inv", ctx.fn.name_span, "the crash invariant holds of the zeroed disks "
               "init starts from", st, t, clause=ci.span)


def _zero_of(t: T.Type) -> z3.ExprRef:
    u = T.underlying(t)
    if isinstance(u, T.Map):
        return z3.K(smt.sort_of(u.key), _zero_of(u.value))
    if smt.sort_of(u) == smt.BLOCK:
        return smt.zero_block()
    v = heap.zero_value(u)
    if not isinstance(v, z3.ExprRef):
        raise smt.Unsupported(f"spec state of type {t}")
    return v


class _ExShim:
    def __init__(self, ctx: FnCtx) -> None:
        self.ctx = ctx


def ctx_ex(ctx: FnCtx) -> _ExShim:
    return _ExShim(ctx)


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
    stab = crash_inv_stability(pkg, ann, timeout_ms)
    if stab is not None:
        out.append(stab)
    out += [lock_inv_stability(pkg, ann, key, timeout_ms) for key in ann.lock_invs]
    return out


def verify_function(pkg: ir.Package, ann: A.Annotations, qualified: str,
                    timeout_ms: int = DEFAULT_TIMEOUT_MS) -> FunctionResult:
    res = _verify_function(pkg, ann, qualified, timeout_ms)
    if qualified == package_check_owner(pkg, ann):
        for extra in package_checks(pkg, ann, timeout_ms):
            res.obligations += extra.obligations
            res.time_ms += extra.time_ms
            if extra.error and not res.error:
                res.error = f"{extra.function}: {extra.error}"
    return res


def _verify_function(pkg: ir.Package, ann: A.Annotations, qualified: str,
                     timeout_ms: int = DEFAULT_TIMEOUT_MS) -> FunctionResult:
    start = time.perf_counter()
    fn = pkg.funcs[qualified]
    res = FunctionResult(qualified, fn.file, fn.span)
    clauses = ann.funcs.get(qualified, [])
    ctx = FnCtx(pkg, ann, fn, _mode(clauses), timeout_ms, res)
    ctx.durable_funcs = durable_funcs(pkg)
    ctx.assigned_fields = assigned_fields(pkg)
    try:
        impl = next((c for c in clauses if isinstance(c, A.Implements)), None)
        if impl is not None:
            spec, od = op_of(ann, A.OpRef(impl.span, impl.spec, impl.op, []))
            if len(od.params) != len(fn.params):
                raise smt.Unsupported(f"{qualified} implements {spec}.{od.name}, which takes "
                                      f"{len(od.params)} arguments, but has {len(fn.params)} parameters")
            ctx.implements = (spec, od, impl)
        st = _initial(ctx)
        ex = Executor(ctx)
        end = ir.Span(fn.span.end, fn.span.end)
        for how, o in ex.exec_block(fn.body, st):
            if how == "next":
                ex.finish(o, [], end)
    except smt.Unsupported as e:
        res.error = f"not verified: {e}"
    except Exception as e:  # noqa: BLE001 - an internal error must not pass as a proof
        res.error = f"internal error in the verifier: {type(e).__name__}: {e}"
    res.time_ms = (time.perf_counter() - start) * 1000.0
    return res


def _package_ctx(pkg: ir.Package, ann: A.Annotations, name: str, span: ir.Span,
                 mode: str, timeout_ms: int) -> FnCtx:
    dummy = ir.FuncDecl(name, [], [], [], span, span, file="")
    res = FunctionResult(name, "", span)
    ctx = FnCtx(pkg, ann, dummy, mode, timeout_ms, res)
    dummy.file = res.file = ctx.clause_file(span)
    return ctx


def crash_inv_stability(pkg: ir.Package, ann: A.Annotations, timeout_ms: int) -> FunctionResult | None:
    """The crash invariant must survive a disk failure (the one environment step that no
    verified code takes)."""
    if not ann.crash_invs or "twodisk" not in pkg.imports:
        return None
    ci = ann.crash_invs[0]
    ctx = _package_ctx(pkg, ann, "crash_inv", ci.span, "recover", timeout_ms)
    start = time.perf_counter()
    try:
        st = State()
        f1, f2 = flag(st, "twodisk.Disk1"), flag(st, "twodisk.Disk2")
        st.assume(z3.Not(z3.And(f1, f2)))
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
        st = State()
        if "twodisk" in pkg.imports:
            f1, f2 = flag(st, "twodisk.Disk1"), flag(st, "twodisk.Disk2")
            st.assume(z3.Not(z3.And(f1, f2)))
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
        ctx.interfere(st)
        for t, _ in split(li.cond, sc.at(st)).pure:
            ctx.ob("lock-inv", li.span, f"the lock invariant of {key} still holds when the lock "
                   "is taken (nothing it relies on changes while the lock is free)", st, t,
                   clause=li.span)
    except smt.Unsupported as e:
        ctx.result.error = f"not verified: {e}"
    ctx.result.time_ms = (time.perf_counter() - start) * 1000.0
    return ctx.result


def verify_package(pkg: ir.Package, ann: A.Annotations,
                   timeout_ms: int = DEFAULT_TIMEOUT_MS) -> list[FunctionResult]:
    # The encoding makes many short-lived Z3 terms; Python's cycle collector walking them
    # cost a third of the time on the replicated disk, and they hold no cycles we rely on.
    was = gc.isenabled()
    gc.disable()
    try:
        out = [verify_function(pkg, ann, q, timeout_ms) for q in pkg.funcs]
    finally:
        if was:
            gc.enable()
    return out


def summary(results: list[FunctionResult]) -> tuple[int, int, int]:
    """(proved, failed, unknown) obligations."""
    obs: list[Obligation] = [o for r in results for o in r.obligations]
    return (sum(o.status is Status.PROVED for o in obs), sum(o.status is Status.FAILED for o in obs),
            sum(o.status is Status.UNKNOWN for o in obs))
