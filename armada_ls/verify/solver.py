"""One solver query per obligation: `path ==> goal`, with a per-obligation timeout.

`unsat` of `path && !goal` is a proof; `sat` is a failure with a model; anything else
(`unknown`, timeout, cancellation) is UNKNOWN with the solver's reason, never a proof.
A top-level universally quantified goal is negated by instantiating its variables with
fresh witness constants, so a failure's model names the index where it fails.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Protocol

import z3

from .result import Status


@dataclass
class Answer:
    status: Status
    model: z3.ModelRef | None
    reason: str
    time_ms: float
    witnesses: list[z3.ExprRef]
    # the model in the solver's own context (`model` is its translation to the main one):
    # the query's text declared Block and the struct datatypes anew there, so a main-context
    # term over them evaluates right only here (counterexample.native_eval)
    native: z3.ModelRef | None = None


def negate(goal: z3.BoolRef, seen: list[z3.ExprRef] | None = None) -> tuple[z3.BoolRef, list[z3.ExprRef]]:
    """`not goal`, skolemising a top-level `forall` (and conjunctions of them)."""
    seen = [] if seen is None else seen
    if z3.is_quantifier(goal) and goal.is_forall():
        # names numbered within this goal, never by AST id: the ids depend on what the
        # process built before, and so would the query's text and Z3's search
        ws = [z3.Const(f"witness_{goal.var_name(i)}!{len(seen) + i}", goal.var_sort(i))
              for i in range(goal.num_vars())]
        seen.extend(ws)
        body = z3.substitute_vars(goal.body(), *reversed(ws))
        inner, _ = negate(body, seen)
        return inner, seen
    if z3.is_and(goal) and any(z3.is_quantifier(c) for c in goal.children()):
        parts = [negate(c, seen)[0] for c in goal.children()]
        return z3.Or(parts), seen
    if z3.is_implies(goal):
        a, b = goal.children()
        nb, _ = negate(b, seen)
        return z3.And(a, nb), seen
    return z3.Not(goal), seen


_LET = re.compile(r"[$?]x\d+")


def smtlib(path: list[z3.BoolRef], neg: z3.BoolRef) -> str:
    """The query as SMT-LIB text, the same whatever the process did before: Z3 names its
    `let` bindings by AST id, and ids depend on history (the same obligation checked after
    other packages came back `unknown` where it was `sat` alone), so they are renumbered
    in order of appearance."""
    f = z3.And(*path, neg)
    text = z3.Z3_benchmark_to_smtlib_string(f.ctx_ref(), "", "", "unknown", "", 0, None, f.as_ast())
    names: dict[str, str] = {}

    def rename(m: re.Match[str]) -> str:
        return names.setdefault(m.group(0), f"{m.group(0)[0]}x{len(names)}")

    return _LET.sub(rename, text)


# The second try finds models E-matching buries: with quantified facts on the path (lists
# equal element by element, speclist_* programs) instances flood the search and a failing
# goal comes back unknown, where model-based instantiation alone answers sat in
# milliseconds. It rarely proves anything, so it gets a tenth of the time at most.
MODEL_TRY: dict[str, object] = {"smt.ematching": False}
MODEL_SHARE = 0.1
RETRIES: tuple[dict[str, object], ...] = ({}, MODEL_TRY, {"auto_config": False},
                                          {"random_seed": 2}, {"random_seed": 3})


_context: z3.Context | None = None


def restart() -> None:
    """A function's verification starts: its first tries get a context of their own."""
    global _context
    _context = None


def function_context() -> z3.Context:
    global _context
    if _context is None:
        _context = z3.Context()
    return _context


# Facts that are true but make a counterexample hard to find (that List in recovery gives
# every name of the directory: with it the directory's names are exactly the list's, a finite
# bijection model search times out on where a failing goal was `sat` in milliseconds without
# it). The path holds each as `COSTLY ==> fact`, and COSTLY itself once.
COSTLY = z3.Bool("a fact that is costly for counterexamples holds")


class _Assumes(Protocol):
    def assume(self, f: z3.BoolRef) -> None: ...


def assume_costly(st: _Assumes, fact: z3.BoolRef) -> None:
    st.assume(COSTLY)
    st.assume(z3.Implies(COSTLY, fact))


def _without(path: list[z3.BoolRef], marker: z3.BoolRef) -> list[z3.BoolRef]:
    """The path without the facts staged under marker (`marker ==> fact`) and the marker."""
    return [f for f in path if not f.eq(marker) and not (z3.is_implies(f) and f.arg(0).eq(marker))]


# The crash invariant of the states an op or helper passes through (assumed where other
# threads ran, context.py): every other thread keeps it, but only the crash-invariant check
# of this thread's own steps needs it, and a crash invariant quantified over users' names
# and message IDs made every query of Mailboat's functions several times slower. The path
# holds each as `CRASH_INV ==> fact`, and CRASH_INV itself once.
CRASH_INV = z3.Bool("the crash invariant held where other threads ran")


def assume_staged_crash_inv(st: _Assumes, fact: z3.BoolRef) -> None:
    st.assume(CRASH_INV)
    st.assume(z3.Implies(CRASH_INV, fact))


def check(path: list[z3.BoolRef], goal: z3.BoolRef, timeout_ms: int,
          crash_inv: bool = False) -> Answer:
    """Without the staged crash-invariant facts first, unless the goal is the crash
    invariant (`crash_inv`), which needs them: a proof holds either way; anything else is
    the answer of the query with them."""
    if z3.is_true(z3.simplify(goal)):
        return Answer(Status.PROVED, None, "", 0.0, [])
    if crash_inv or not any(f.eq(CRASH_INV) for f in path):
        return _check_costly(path, goal, timeout_ms)
    first = _check_costly(_without(path, CRASH_INV), goal, max(1, timeout_ms // 3))
    if first.status is Status.PROVED:
        return first
    restart()
    second = _check_costly(path, goal, max(1, timeout_ms - int(first.time_ms)))
    second.time_ms += first.time_ms
    return second


def _check_costly(path: list[z3.BoolRef], goal: z3.BoolRef, timeout_ms: int) -> Answer:
    """First without the costly facts (a proof then holds, and most goals need none of
    them), then with all: a proof or a counterexample of that is the answer. When only the
    first found a counterexample, it is reported: a model of the path without a costly fact,
    like every counterexample of an abstraction (the goal is not proved either way)."""
    if not any(f.eq(COSTLY) for f in path):
        return _check_numstr(path, goal, timeout_ms)
    lean = _without(path, COSTLY)
    # (a lean try that timed out uninterpreted usually needs a costly fact: recovery's
    # loops over a listing did, 21 times in Mailboat's Init at 2.5 s each; its exact try,
    # which only a counterexample needs, waits until the full path has had its turn)
    first = _check_numstr(lean, goal, max(1, timeout_ms // 3), exact_after_timeout=False)
    if first.status is Status.PROVED:
        return first
    left = max(1, timeout_ms - int(first.time_ms))
    if first.status is Status.FAILED:  # the usual case: a failing goal, whose second try
        left = min(left, max(1, timeout_ms // 4))  # would spend the whole timeout finding none
    restart()  # the second try in a context of its own, as retries are (a Z3 crash in CI
    second = _check_numstr(path, goal, left)  # came on a reused one after the first try)
    spent = first.time_ms + second.time_ms
    if second.status is Status.UNKNOWN and first.status is Status.UNKNOWN and first.reason == _EXACT_SKIPPED:
        restart()  # (what the lean try skipped: a counterexample of it is a counterexample)
        late = _check_exact(lean, goal, max(1, timeout_ms - int(spent)))
        if late.status is Status.FAILED:
            return late
    if second.status is Status.UNKNOWN and first.status is Status.FAILED:
        return first
    return second


_EXACT_SKIPPED = "timeout of the uninterpreted try; the exact one not tried"


def _check_numstr(path: list[z3.BoolRef], goal: z3.BoolRef, timeout_ms: int,
                  exact_after_timeout: bool = True) -> Answer:
    from . import numstr

    if any(f.eq(numstr.QUANTIFIED) for f in path):
        # first as it is (fast, and a proof holds), then exactly (numstr.py): a counterexample
        # of the first may give two numbers the same string, one of the second is real
        plain = [f for f in path if not f.eq(numstr.QUANTIFIED)]
        first = _check(plain, goal, max(1, timeout_ms // 4))
        if first.status is Status.PROVED:
            return first
        if first.status is Status.UNKNOWN and not exact_after_timeout:
            return Answer(Status.UNKNOWN, None, _EXACT_SKIPPED, first.time_ms, first.witnesses)
        return _check_exact(plain, goal, max(1, timeout_ms - int(first.time_ms)))
    return _check(path, goal, timeout_ms)


def _check_exact(path: list[z3.BoolRef], goal: z3.BoolRef, timeout_ms: int) -> Answer:
    """With `UInt64ToString` exact (numstr.py). The exact function is injective itself: the
    axiom for the uninterpreted one would only make models hard to find."""
    from . import numstr

    return _check([numstr.exact(f) for f in path if not f.eq(numstr.QUANTIFIED) and not f.eq(numstr.INJECTIVE)],
                  numstr.exact(goal), timeout_ms)


# A contradiction search (vacuity.py) uses E-matching alone: without model-based
# quantifier instantiation a satisfiable set of facts under quantifiers is not searched for
# a model nobody wants (that spent the whole timeout, on every function of a package whose
# crash invariant quantifies over strings). The plain configuration first: it saturates at
# once where the default one, measured, ran to its timeout with as few instantiations.
REFUTE: tuple[dict[str, object], ...] = ({"smt.mbqi": False, "auto_config": False}, {"smt.mbqi": False})


def refuted(path: list[z3.BoolRef], timeout_ms: int) -> bool:
    """The facts are provably contradictory. An unknown is not a contradiction; a search
    that used up every instance without one ("incomplete quantifiers") is not retried."""
    text = smtlib(path, z3.BoolVal(True))
    start = time.perf_counter()
    for n, config in enumerate(REFUTE):
        left = timeout_ms - _ms(start)
        if left < 1:
            return False
        s = z3.Solver(ctx=function_context() if n == 0 else z3.Context())
        s.set("timeout", max(1, int(left / 3 if n == 0 else left)))
        for k, v in config.items():
            s.set(k, v)
        s.from_string(text)
        try:
            r = s.check()
        except z3.Z3Exception:  # pragma: no cover - defensive, as in _check
            return False
        if r != z3.unknown:
            return r == z3.unsat
        if "incomplete" in s.reason_unknown():
            return False
    return False


def _check(path: list[z3.BoolRef], goal: z3.BoolRef, timeout_ms: int) -> Answer:
    neg, ws = negate(goal)
    # The query goes through SMT-LIB text: measured on the seeded recovery bug, the same
    # formula built through the API came back `unknown` after the timeout, and its
    # printed-and-parsed copy `sat` in 40 ms (the parsed copy is normalised differently);
    # over the replicated disk the parsed copies also check 3x faster.
    text = smtlib(path, neg)
    start = time.perf_counter()
    for n, config in enumerate(RETRIES):
        left = timeout_ms - _ms(start)
        if left < 1:
            break
        # the first try runs in the function's own context, a retry in a fresh one: an
        # answer then depends only on the query's text and the function's earlier queries,
        # never on what else the process checked before (in the main context that changed
        # Z3's search with the order tests ran in); a context per query cost 1.3 ms
        s = z3.Solver(ctx=function_context() if n == 0 else z3.Context())
        # the first try gets a third of the time (a slow first try is usually a bad start),
        # each retry half of what is left, the last all of it
        share = left / 3 if n == 0 else left if n == len(RETRIES) - 1 else left / 2
        if config is MODEL_TRY:
            share = min(share, timeout_ms * MODEL_SHARE)
        s.set("timeout", max(1, int(share)))
        for k, v in config.items():
            s.set(k, v)
        s.from_string(text)
        try:
            r = s.check()
        except z3.Z3Exception as e:  # pragma: no cover - defensive
            return Answer(Status.UNKNOWN, None, f"solver error: {e}", _ms(start), ws)
        # an unknown ("incomplete quantifiers", or out of its share of time) is retried: the
        # search is sensitive to its start, and another configuration often settles it at
        # once (a sat/unsat answer of any configuration is as good as the first's)
        if r != z3.unknown:
            break
    ms = _ms(start)
    if r == z3.unsat:
        return Answer(Status.PROVED, None, "", ms, ws)
    if r == z3.sat:
        from .pure import undecided, unfolding_reason

        rec = undecided(path, goal, text)
        if rec:  # the model may give the function values it does not have (pure.py)
            return Answer(Status.UNKNOWN, None, unfolding_reason(rec), ms, ws)
        m = s.model()
        return Answer(Status.FAILED, m if m.ctx == z3.main_ctx() else m.translate(z3.main_ctx()),
                      "", ms, ws, m)
    reason = s.reason_unknown() or "unknown"
    if "timeout" in reason or "canceled" in reason:
        reason = f"timeout after {timeout_ms} ms ({reason})"
    return Answer(Status.UNKNOWN, None, reason, ms, ws)


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0
