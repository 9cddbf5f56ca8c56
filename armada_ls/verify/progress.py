"""Loop progress: a loop with no `decreases` still gets a termination check.

The measure is taken from the loop's condition: each conjunct `a < b`, `a <= b`, `a > b`,
`a >= b` or `a != b` over integers gives `b - a` (or `a - b`), computed on the values Go
computes (so a wrapped `off + n` is seen as it is). While the conjunct holds the measure is
non-negative, so if it goes down on every iteration the loop ends. The first candidate that
goes down on every path is recorded as a proved `progress` obligation; when none does, a
`progress` *warning* (it does not fail the function: a retry loop may rightly run for ever)
names the condition's variables that an iteration leaves unchanged, which is how a read loop
that stops advancing its offset (the paper's Pickup bug) shows up. A loop with no
condition is reported the same way unless it has a `decreases`. Range loops end by
construction and are not checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import z3

from goose import ir
from goose import types as T

from . import solver
from .context import QuietCtx
from .result import FunctionResult, Status
from .state import State

if TYPE_CHECKING:
    from .stepper import Exec

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _conjuncts(e: ir.Expr) -> list[ir.Expr]:
    if isinstance(e, ir.Binary) and e.op == "&&":
        return _conjuncts(e.x) + _conjuncts(e.y)
    return [e]


def _candidates(cond: ir.Expr) -> list[tuple[ir.Expr, ir.Expr, int]]:
    """(lo, hi, slack): while the conjunct holds, hi - lo + slack > 0."""
    out: list[tuple[ir.Expr, ir.Expr, int]] = []
    for c in _conjuncts(cond):
        if not isinstance(c, ir.Binary) or not T.is_integer(T.underlying(c.x.type)):
            continue
        if c.op in ("<", "<="):
            out.append((c.x, c.y, int(c.op == "<=")))
        elif c.op in (">", ">="):
            out.append((c.y, c.x, int(c.op == ">=")))
        elif c.op == "!=":
            out += [(c.x, c.y, 0), (c.y, c.x, 0)]
    return out


def _vars(e: ir.Expr) -> list[str]:
    return sorted({n.name for n in ir.walk(e) if isinstance(n, ir.Var) and "#" not in n.name})


def _text(ex: Exec, e: ir.Expr) -> str:
    return ex.ctx.text(e.span).strip() or "?"


def check(ex: Exec, s: ir.For, head: State, ends: list[State], assigned: set[str]) -> None:
    """Record the progress of loop s: `head` is the state at an arbitrary iteration's start
    (condition assumed), `ends` the states at its end (after the post statement), `assigned`
    the locals the loop writes."""
    ctx = ex.ctx
    where = f"the loop at line {s.span.start.line + 1}"
    if not ends:  # no iteration comes back to the head
        return
    if s.cond is None:  # said of the loop, not of a path: no query (a flusher's or waiter's
        bare = ends[0].fork()  # path under quantified lock invariants made it time out)
        bare.path = []
        o = ctx.fail("progress", s.span, f"{where} has no condition and no `decreases`: Armada "
                     "does not know that it ends (add `decreases e` if it must)", bare)
        o.severity = "warning"
        return
    # the condition's sides evaluated again, without recording their checks a second time
    quiet = QuietCtx(ctx.pkg, ctx.ann, ctx.fn, "helper", 0,
                     FunctionResult(ctx.fn.qualified, ctx.fn.file, ctx.fn.span))
    qev = type(ex)(quiet).ev

    def measure(lo: ir.Expr, hi: ir.Expr, slack: int, st: State) -> z3.ArithRef:
        f = st.fork()
        return qev.eval(hi, f) - qev.eval(lo, f) + slack  # type: ignore[operator, return-value]

    tried: list[str] = []
    for lo, hi, slack in _candidates(s.cond):
        m0 = measure(lo, hi, slack, head)
        goals = [(o, measure(lo, hi, slack, o)) for o in ends]
        shown = f"{_text(ex, hi)} - {_text(ex, lo)}"
        tried.append(f"`{shown}`")
        if all(solver.check(o.path, z3.And(m1 < m0, m0 >= 0), ctx.timeout_ms).status is Status.PROVED
               for o, m1 in goals):
            for o, m1 in goals:
                ctx.ob("progress", s.span, f"{where} ends: `{shown}` decreases on every iteration",
                       o, z3.And(m1 < m0, m0 >= 0))
            return
    # no measure: find an iteration that leaves every variable of the condition the loop
    # writes unchanged (its path is the warning's counterexample)
    stuck: list[str] = []
    shown_path: tuple[State, z3.BoolRef] | None = None
    names = [n for n in _vars(s.cond) if n in assigned and isinstance(head.env.get(n), z3.ExprRef)]
    for o in ends:
        pairs = [(o.env.get(n), head.env[n]) for n in names]
        if not names or not all(isinstance(v, z3.ExprRef) and v.sort() == h.sort() for v, h in pairs):
            continue
        moved = z3.Or([v != h for v, h in pairs])  # type: ignore[operator]
        if solver.check(o.path, moved, ctx.timeout_ms).status is not Status.PROVED:
            stuck, shown_path = [f"`{n}`" for n in names], (o, moved)
            break
    if stuck:
        why = f"an iteration may leave {' and '.join(stuck)} unchanged"
    elif not any(v in assigned for v in _vars(s.cond)):
        why = f"the loop assigns none of its condition's variables ({', '.join(_vars(s.cond))})"
    else:
        why = f"no measure from its condition decreases ({', '.join(tried) or 'none found'})"
    st, goal = shown_path or (ends[0], z3.BoolVal(False))
    o = ctx.ob("progress", s.span, f"{where} may not end: {why}; add `decreases e` to prove "
               "that it does", st, goal)
    o.severity = "warning"
