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
import os
import time
import traceback

from armada_ls.logic import ast as A
from goose import ir

# calls, locks, loops and returns are imported for their handlers (dispatch.py), api for its own
from . import blocks, calls, dispatch, linearizes, locks, loops, pure, returns, smt, solver, vacuity  # noqa: F401
from .context import FnCtx, op_of
from .entry import initial_state
from .executor import Executor
from .facts import (
    alone_helpers,
    assigned_elem_types,
    assigned_fields,
    durable_funcs,
    read_only_captures,
    spawned_in_place,
)
from .invariants import package_check_owner, package_checks
from .result import FunctionResult, Obligation, Status
from .state import State

DEFAULT_TIMEOUT_MS = 5000


def _mode(clauses: list[A.Clause]) -> str:
    if any(isinstance(c, A.RecoverMark) for c in clauses):
        return "recover"
    if any(isinstance(c, A.InitMark) for c in clauses):
        return "init"
    if any(isinstance(c, A.Implements) for c in clauses):
        return "op"
    return "helper"


def verify_function(pkg: ir.Package, ann: A.Annotations, qualified: str,
                    timeout_ms: int = DEFAULT_TIMEOUT_MS) -> FunctionResult:
    res = _verify_function(pkg, ann, qualified, timeout_ms)
    if qualified == package_check_owner(pkg, ann) and not ann.errors:
        for extra in package_checks(pkg, ann, timeout_ms):
            res.obligations += extra.obligations
            res.time_ms += extra.time_ms
            if extra.error and not res.error:
                res.error = f"{extra.function}: {extra.error}"
    return res


def _verify_function(pkg: ir.Package, ann: A.Annotations, qualified: str,
                     timeout_ms: int = DEFAULT_TIMEOUT_MS) -> FunctionResult:
    start = time.perf_counter()
    smt.restart_names()
    solver.restart()
    blocks.reset()
    pure.reset()
    fn = pkg.funcs[qualified]
    res = FunctionResult(qualified, fn.file, fn.span,
                         crash_model=A.crash_model_of(ann))
    if ann.errors:  # a clause that did not parse or resolve may be missing: prove nothing
        e = ann.errors[0]
        res.error = (f"not verified: the package's annotations have {len(ann.errors)} error(s); "
                     f"the first, at {e.span.start}: {e.message}")
        return res
    if fn.synthetic and spawned_in_place(pkg, fn):
        return res  # verified at its `go` statement, within the enclosing function's result
    clauses = ann.funcs.get(qualified, [])
    ctx = FnCtx(pkg, ann, fn, _mode(clauses), timeout_ms, res)
    ctx.durable_funcs = durable_funcs(pkg)
    ctx.alone_helpers = alone_helpers(pkg, ann)
    ctx.alone_only = qualified in ctx.alone_helpers
    ctx.assigned_fields = assigned_fields(pkg)
    ctx.read_only_vars = read_only_captures(pkg, fn)
    ctx.assigned_elems = assigned_elem_types(pkg)
    try:
        impl = next((c for c in clauses if isinstance(c, A.Implements)), None)
        if impl is not None:
            spec, od = op_of(ann, A.OpRef(impl.span, impl.spec, impl.op, []))
            if len(od.params) != len(fn.params):
                raise smt.Unsupported(f"{qualified} implements {spec}.{od.name}, which takes "
                                      f"{len(od.params)} arguments, but has {len(fn.params)} parameters")
            ctx.implements = (spec, od, impl)
        lz = linearizes.clause(ann, qualified)
        if lz is not None and ctx.mode == "helper":
            spec, od = op_of(ann, lz.op)
            ctx.linearizes = (spec, od, lz)
        if ctx.mode in ("recover", "init"):
            for cl in clauses:
                if isinstance(cl, A.Requires | A.Preserves):
                    # nothing calls them with a checked precondition: it would be assumed
                    ctx.fail("precondition", cl.span, f"{ctx.mode} starts from any state the "
                             "crash invariant allows (or from empty disks): a `requires` on it "
                             "is never checked; state what it needs in the crash invariant",
                             State(), clause=cl.span)
        st = initial_state(ctx)
        vacuity.entry(ctx, st)
        vacuity.op_precondition(ctx, st)
        ex = Executor(ctx)
        end = ir.Span(fn.span.end, fn.span.end)
        for how, o in ex.exec_block(fn.body, st):
            if how == "next":
                ex.finish(o, [], end)
    except smt.Unsupported as e:
        res.error = f"not verified: {e}"
    except Exception as e:  # noqa: BLE001 - an internal error must not pass as a proof
        if os.environ.get("ARMADA_DEBUG"):  # the traceback, for the verifier's developers
            traceback.print_exc()
        res.error = f"internal error in the verifier: {type(e).__name__}: {e}"
    res.time_ms = (time.perf_counter() - start) * 1000.0
    return res


@dispatch.handles("verify_package")
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
    """(proved, failed, unknown) obligations; a warning (a loop that may not end) fails no
    function, so it is not counted as failed."""
    obs: list[Obligation] = [o for r in results for o in r.obligations]
    return (sum(o.status is Status.PROVED for o in obs),
            sum(o.status is Status.FAILED and o.severity != "warning" for o in obs),
            sum(o.status is Status.UNKNOWN for o in obs))
