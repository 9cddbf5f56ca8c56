"""Pure functions: a Go function marked `pure` (its body one `return e`, checked by the
annotation layer) means e. In an annotation, a call unfolds it: e is evaluated with the
parameters bound to the arguments, on the path's own state (so heap reads and byte reads see
what the path knows). A call in code is verified through the function's contract like any
other, and its result is then known to be e of the arguments. Unfolding is bounded: pure
functions are never recursive, so it ends after as many steps as the call graph is deep.

Obligations of the body (bounds of an index, a field read) are the pure function's own,
checked when the function itself is verified under its `requires`; unfolding it in an
annotation records none (a term outside the precondition is just a value nobody relies on).
"""

from __future__ import annotations

import z3

from armada_ls.logic import ast as A
from goose import ir

from .context import FnCtx
from .result import FunctionResult, Obligation
from .state import State, Val


def is_pure(ann: A.Annotations, qualified: str) -> bool:
    return any(isinstance(c, A.PureMark) for c in ann.funcs.get(qualified, []))


class _Unfolding(FnCtx):
    """A context that records nothing: unfolding a pure function checks nothing."""

    def ob(self, kind: str, span: ir.Span, message: str, st: State, goal: z3.BoolRef,  # type: ignore[override]
           clause: ir.Span | None = None, crash_point: ir.Span | None = None,
           hint: tuple[str, ir.Span] | None = None) -> Obligation:
        return Obligation(kind, self.fn.qualified, self.file, span, message)

    def interfere(self, st: State) -> None:  # a pure body takes no step
        pass


def unfold(pkg: ir.Package, ann: A.Annotations, fn: ir.FuncDecl, args: list[Val], st: State) -> Val:
    """The value of pure function fn at args, on the path of st."""
    from .executor import Executor

    ctx = _Unfolding(pkg, ann, fn, "helper", 0, FunctionResult(fn.qualified, fn.file, fn.span))
    ret = fn.body[0]
    assert isinstance(ret, ir.Return) and len(ret.values) == 1
    saved = (st.env, st.types, st.boxed)
    st.env = {p.name: a for p, a in zip(fn.params, args, strict=True)}
    st.types = {p.name: p.type for p in fn.params}
    st.boxed = set()
    try:
        return Executor(ctx).ev.eval(ret.values[0], st)
    finally:
        st.env, st.types, st.boxed = saved
