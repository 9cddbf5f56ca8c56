"""What the statement handlers may use of the symbolic executor (executor.py).

The handlers (assign, calls, exprs, ghost, locks, loops, returns, ...) are written against
this protocol rather than the `Executor` class, so that they need not import executor.py
and executor.py reaches them only through dispatch.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import z3

    from armada_ls.logic import ast as A
    from goose import ir
    from goose import types as T

    from .context import FnCtx
    from .exprs import Eval
    from .state import State, Val

Out = list[tuple[str, "State"]]  # how each path leaves a block ("next" | "break" | "continue" | "return")


class Exec(Protocol):
    ctx: FnCtx
    ev: Eval
    q: str

    def ghosts(self, s: ir.Stmt) -> list[A.Clause]: ...
    def is_durable(self, c: ir.Call) -> bool: ...
    def exec_block(self, stmts: list[ir.Stmt], st: State) -> Out: ...
    def exec_stmt(self, s: ir.Stmt, st: State) -> Out: ...
    def apply_ghosts(self, s: ir.Stmt, ghosts: list[A.Clause], st: State, changed: bool) -> None: ...
    def spec_step(self, spec: str, od: A.OpDecl, args: list[z3.ExprRef], st: State,
                  span: ir.Span, clause: ir.Span) -> z3.ExprRef | None: ...
    def define(self, s: ir.Define, st: State) -> None: ...
    def store_var(self, n: str, t: T.Type, boxed: bool, v: Val, st: State, span: ir.Span) -> None: ...
    def finish(self, st: State, vals: list[Val], span: ir.Span) -> None: ...
    def call(self, c: ir.Call, st: State) -> Val: ...
    def check_lock_families(self, struct: str, init: Val, st: State, span: ir.Span) -> None: ...
