"""The calls a statement makes outside its nested blocks: which atomic step it is
(`stmt_calls`), and every call its execution makes there (`all_calls`: the call graph's
edges, what a loop body or a goroutine may call). A leaf of the verifier (it needs only the
IR and the annotation layer's statement walk), so the executor, the loop rule, the call
graph and the file-system model can all ask without importing each other."""

from __future__ import annotations

from armada_ls.logic.scopes import all_stmts
from goose import ir


def calls_in(e: object) -> list[ir.Call]:
    out: list[ir.Call] = []

    def walk(x: object) -> None:
        if isinstance(x, ir.Call):
            out.append(x)
        if isinstance(x, ir.Expr | ir.Place):
            for v in vars(x).values():
                if isinstance(v, list):
                    for i in v:
                        walk(i[1] if isinstance(i, tuple) else i)
                else:
                    walk(v)

    walk(e)
    return out


def all_calls(s: ir.Stmt) -> list[ir.Call]:
    """Every call this thread makes running s outside its nested blocks: its own step's, and
    those in an `if` or loop condition, a range's operand and a `defer` (run by this thread at
    return). Not a `go` statement's: the goroutine runs them, not the caller. A call graph
    built from `stmt_calls` alone missed them: a helper that took a lock only in a condition
    (`if s.get() {}`) was not known to take locks, and calling it while holding that lock was
    proved (a self-deadlock)."""
    if isinstance(s, ir.If):
        return calls_in(s.cond)
    if isinstance(s, ir.For):
        return calls_in(s.cond) if s.cond is not None else []
    if isinstance(s, ir.RangeSlice):
        return calls_in(s.x)
    if isinstance(s, ir.RangeMap):
        return calls_in(s.m)
    if isinstance(s, ir.RangeInt):
        return calls_in(s.n)
    if isinstance(s, ir.Defer):
        return calls_in(s.call)
    return stmt_calls(s)


def body_calls(stmts: list[ir.Stmt]) -> list[ir.Call]:
    """Every call a body makes, nested blocks included (`all_calls` of each statement)."""
    return [c for s in all_stmts(stmts) for c in all_calls(s)]


def step_calls(s: ir.Stmt) -> list[ir.Call]:
    """The calls that are a statement's own atomic step, after which the executor checks the
    crash invariant: an assignment's, a return's, an expression statement's, and an `if`
    condition's (its step comes before either branch). A loop condition's are not (it runs
    again each iteration, where no crash point is checked)."""
    if isinstance(s, ir.If):
        return calls_in(s.cond)
    return stmt_calls(s)


def stmt_calls(s: ir.Stmt) -> list[ir.Call]:
    if isinstance(s, ir.Define | ir.Return):
        return [c for v in s.values for c in calls_in(v)]
    if isinstance(s, ir.Assign):
        return [c for v in s.values for c in calls_in(v)] + [c for p in s.places for c in calls_in(p)]
    if isinstance(s, ir.ExprStmt):
        return calls_in(s.expr)
    return []
