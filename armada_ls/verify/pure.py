"""Functions annotations call: `pure` Go functions and ghost functions (`ghost func`,
`predicate`), unfolded for the solver.

A pure Go function (its body one `return e`, checked by the annotation layer) means e; a
ghost function means its body. A call of a non-recursive one unfolds it: the body is
evaluated with the parameters bound to the arguments, on the path's own state (so heap reads
and byte reads see what the path knows). A call in code of a pure function is verified
through its contract like any other, and its result is then known to be e of the arguments.

A recursive one (direct recursion with `decreases m`; the annotation layer rejects the rest)
is a Z3 function symbol `recfn.<name>`. A call is an application of it, and the path gets
the definitional equation `f(args) == body(args)` for that application and, inside the body,
for the recursive applications down to `FUEL` levels (`CONCRETE_FUEL` while the guards of the
recursive calls are decided, as they are for constant arguments). Deeper applications are
left uninterpreted. The equations are sound because the function is total: its termination
is proved first, by its own `decreases` obligations (`termination`), and a function whose
termination is not proved is never unfolded (its users are *unknown*). The unfolding is
bounded, so proofs are predictable; the price is incompleteness, which `undecided` turns
into *unknown*: a counterexample whose constraints mention a recursive function outside its
equations may rely on values the real function does not have, so it is not a failure.

Obligations of a pure body (bounds of an index, a field read) are the function's own,
checked when the function itself is verified under its `requires`; unfolding it in an
annotation records none (a term outside the precondition is just a value nobody relies on).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import z3

from armada_ls.logic import ast as A
from goose import ir
from goose import types as T

from . import dispatch, smt
from .context import FnCtx, QuietCtx
from .result import FunctionResult, Obligation, Status
from .state import State, Val

FUEL = 2  # levels of a recursive definition unfolded below a call with symbolic arguments
CONCRETE_FUEL = 64  # levels while every recursive call's guard is decided
BUDGET = 256  # unfoldings below one call (a function that recurses twice doubles per level)
MARK = "recfn."  # prefix of the Z3 symbols of recursive functions


def is_pure(ann: A.Annotations, qualified: str) -> bool:
    return any(isinstance(c, A.PureMark) for c in ann.funcs.get(qualified, []))


# ---------------------------------------------------------------- the definitional equations

_depth = 0  # nesting of unfoldings of recursive functions in progress
_collect: list[list[z3.BoolRef]] = []  # equations of the outermost unfolding in progress
_definitions: dict[int, z3.BoolRef] = {}  # every definitional equation made (kept alive: ids stay)
_symbols: dict[str, z3.FuncDeclRef] = {}
_budget = [BUDGET]
_frontier = [0]  # applications left uninterpreted below the outermost unfolding


def symbol(name: str, params: list[z3.SortRef], result: z3.SortRef) -> z3.FuncDeclRef:
    key = f"{MARK}{name}"
    f = _symbols.get(key)
    if f is None or [f.domain(i) for i in range(f.arity())] != params or f.range() != result:
        f = z3.Function(key, *params, result)
        _symbols[key] = f
    return f


def _decided(args: list[z3.ExprRef]) -> bool:
    return all(z3.is_int_value(a) or z3.is_true(a) or z3.is_false(a)
               for a in (z3.simplify(x) for x in args) if a.sort() in (z3.IntSort(), z3.BoolSort()))


def apply(f: z3.FuncDeclRef, args: list[Val], st: State, guard: z3.BoolRef,
          body: Callable[[], Val]) -> z3.ExprRef:
    """f(args): its body's value when the unfolding below reaches every base case (the
    guards decide, as with constant arguments), else the application with its definitional
    equation `f(args) == body()` on st's path, unless the unfolding is deep enough already
    or the call sits under a guard that cannot hold."""
    global _depth
    for a in args:
        if not isinstance(a, z3.ExprRef):
            raise smt.Unsupported(f"{f.name()[len(MARK):]}: a recursive function's arguments must be "
                                  "integers, booleans, strings or byte slices")
    app = f(*args)
    g = z3.simplify(guard)
    if z3.is_false(g):
        return app  # a branch that is never taken: its value does not matter
    top = not _collect
    if top:
        _budget[0] = BUDGET
        _frontier[0] = 0
    limit = CONCRETE_FUEL if _decided(args) else FUEL
    if _depth >= limit or _budget[0] <= 0:
        _frontier[0] += 1
        return app
    _budget[0] -= 1
    before = _frontier[0]
    if top:
        _collect.append([])
    _depth += 1
    try:
        value = body()
    finally:
        _depth -= 1
        facts = _collect.pop() if top else []
    if not isinstance(value, z3.ExprRef):
        raise smt.Unsupported(f"{f.name()[len(MARK):]}: a recursive function's result must be a scalar")
    if _frontier[0] == before:  # unfolded to the end: the value itself (dead branches simplified away)
        return z3.simplify(value)
    eq = app == value
    if len(_definitions) > 100000:  # forgetting is safe: an equation not known is just a constraint
        _definitions.clear()
    _definitions[eq.get_id()] = eq
    if top:
        for fact in [*facts, eq]:
            if fact.get_id() not in st.byte_facts:
                st.byte_facts = st.byte_facts | {fact.get_id()}
                st.path.append(fact)
    else:
        _collect[-1].append(eq)
    return app


def opaque(name: str, sort: z3.SortRef) -> z3.ExprRef:
    """The value of a recursive function whose termination is not proved: nothing is known
    of it, and a counterexample that mentions it is *unknown* (`undecided`)."""
    return smt.fresh(f"{MARK}{UNPROVED}{name}", sort)


UNPROVED = "unproved."


_NAME = re.compile(re.escape(MARK) + r"([\w.$]+)")


def undecided(path: list[z3.BoolRef], goal: z3.BoolRef, text: str) -> str:
    """The recursive function a satisfiable query's constraints mention outside its
    definitional equations ("" if none). The equations alone are satisfied by the real
    function whatever the other symbols are, so a model of the rest is a real
    counterexample when the rest does not mention the function."""
    if MARK not in text:
        return ""
    for c in [*path, goal]:
        if c.get_id() in _definitions:
            continue
        m = _NAME.search(c.sexpr()) if MARK in c.sexpr() else None
        if m is not None:
            return m.group(1).strip("|")
    return ""


def unfolding_reason(rec: str) -> str:
    if rec.startswith(UNPROVED):
        return (f"the counterexample depends on {rec[len(UNPROVED):]}, a recursive function whose "
                "termination is not proved, so it is not unfolded (see its `decreases` obligation)")
    return (f"the counterexample depends on the recursive function {rec} beyond the {FUEL} levels of "
            "it unfolded here, so it may not be real; state the unfolding the proof needs as a fact "
            "(an assert, or a loop invariant)")


# ---------------------------------------------------------------- pure Go functions


class _Unfolding(QuietCtx):
    """A context that records nothing: unfolding a pure function checks nothing."""


class _Probe(_Unfolding):
    """Evaluates a recursive pure function's body on its own, to check that the measure goes
    down at each recursive call (nothing else is checked here)."""

    def ob(self, kind: str, span: ir.Span, message: str, st: State, goal: z3.BoolRef,  # type: ignore[override]
           clause: ir.Span | None = None, crash_point: ir.Span | None = None,
           hint: tuple[str, ir.Span] | None = None) -> Obligation:
        if kind != "decreases":
            return super().ob(kind, span, message, st, goal, clause, crash_point, hint)
        return FnCtx.ob(self, kind, span, message, st, goal, clause)


def _recursive(fn: ir.FuncDecl) -> bool:
    return any(isinstance(n, ir.Call) and n.qualified == fn.qualified for n in ir.walk(fn.body))


def unfold(pkg: ir.Package, ann: A.Annotations, fn: ir.FuncDecl, args: list[Val], st: State) -> Val:
    """The value of pure function fn at args, on the path of st."""
    if not _recursive(fn):
        return _remembered(pkg, ann, fn, args, st)
    sorts = [smt.sort_of(p.type) for p in fn.params]
    f = symbol(fn.qualified, sorts, smt.sort_of(fn.results[0]))
    if fn.qualified in _probing:
        return f(*args)
    if not _terminates(pkg, ann, fn):
        return opaque(fn.qualified, smt.sort_of(fn.results[0]))
    # the conditions this call sits under inside the body being unfolded (`&&`, `||`)
    guard = z3.And(st.path[_stack[-1]:]) if _stack and len(st.path) > _stack[-1] else z3.BoolVal(True)
    return apply(f, args, st, guard, lambda: _body(pkg, ann, fn, args, st))


# A non-recursive pure function over values (numbers, strings, byte slices: no pointer whose
# heap the path decides) means the same term for the same argument terms, and the only thing
# its evaluation adds to the path is byte-read facts true of every block: a header decoder
# called in the crash invariant unfolds at every crash point of a function (walhost: 369
# unfoldings, 111 distinct). It is remembered (`blocks.remembered`), per function (`reset`).
_memo: dict[tuple[int, tuple[int, ...]], tuple[object, tuple[z3.ExprRef, ...], Val, list[object]]] = {}


def reset() -> None:
    _memo.clear()


def _by_value(t: T.Type) -> bool:
    u = T.underlying(t)
    return isinstance(u, T.Basic) or (isinstance(u, T.Slice) and T.underlying(u.elem) == T.BYTE)


def _remembered(pkg: ir.Package, ann: A.Annotations, fn: ir.FuncDecl, args: list[Val], st: State) -> Val:
    from . import blocks

    if not (all(_by_value(p.type) for p in fn.params) and all(isinstance(a, z3.ExprRef) for a in args)):
        return _body(pkg, ann, fn, args, st)
    return blocks.remembered(_memo, fn, tuple(args), st,  # type: ignore[arg-type]
                             lambda: _body(pkg, ann, fn, args, st))


_stack: list[int] = []  # path lengths where the pure bodies being evaluated started
_probing: set[str] = set()  # recursive pure functions whose termination is being checked


def _executor(ctx: FnCtx):  # type: ignore[no-untyped-def]
    """An executor for a pure body: a call of a pure function in it is that function's value
    (unfolded here, on the state the call sits in, so `&&` and `||` guard it), not a fresh
    result; in the termination probe a recursive call also checks the measure."""
    from .calls import _bind, _decreases

    class PureExecutor(dispatch.handler("executor")):  # type: ignore[misc]
        def call(self, c: ir.Call, st: State) -> Val:
            fn = self.ctx.pkg.funcs.get(c.qualified)
            if fn is None or c.pkg or not is_pure(self.ctx.ann, c.qualified):
                return super().call(c, st)
            params = _bind(self, fn, c, st)
            if isinstance(self.ctx, _Probe) and c.qualified == self.ctx.fn.qualified:
                _decreases(self, fn, params, st, c.span)
            return unfold(self.ctx.pkg, self.ctx.ann, fn, [params[p.name] for p in fn.params], st)

    return PureExecutor(ctx)


def _body(pkg: ir.Package, ann: A.Annotations, fn: ir.FuncDecl, args: list[Val], st: State,
          ctx: FnCtx | None = None) -> Val:
    if ctx is None:
        ctx = _Unfolding(pkg, ann, fn, "helper", 0, FunctionResult(fn.qualified, fn.file, fn.span))
    ret = fn.body[0]
    assert isinstance(ret, ir.Return) and len(ret.values) == 1
    saved = (st.env, st.types, st.boxed, st.entry)
    st.env = {p.name: a for p, a in zip(fn.params, args, strict=True)}
    st.types = {p.name: p.type for p in fn.params}
    st.boxed = set()
    st.entry = st.fork()  # the body's own entry (its measure is over its parameters)
    _stack.append(len(st.path))
    try:
        return _executor(ctx).ev.eval(ret.values[0], st)
    finally:
        _stack.pop()
        st.env, st.types, st.boxed, st.entry = saved


_verdicts: dict[int, tuple[object, FunctionResult]] = {}


def _terminates(pkg: ir.Package, ann: A.Annotations, fn: ir.FuncDecl) -> bool:
    """Unfold a recursive pure function only once its measure is proved to go down (its own
    result reports the `decreases` obligations; here the value is just left unknown)."""
    res = pure_termination(pkg, ann, fn)
    return not res.error and bool(res.obligations) and all(o.status is Status.PROVED for o in res.obligations)


def pure_termination(pkg: ir.Package, ann: A.Annotations, fn: ir.FuncDecl,
                     timeout_ms: int = 5000) -> FunctionResult:
    """The `decreases` obligations of a recursive pure function's calls of itself, for every
    argument (its `requires` is not assumed: the definition must be well-founded everywhere
    it is unfolded)."""
    hit = _verdicts.get(id(fn))
    if hit is not None and hit[0] is fn:
        return hit[1]
    from . import heap

    res = FunctionResult(f"termination of {fn.qualified}", fn.file, fn.span)
    ctx = _Probe(pkg, ann, fn, "helper", timeout_ms, res)
    st = State()
    args = [heap.fresh_value(st, p.name, p.type) for p in fn.params]
    _probing.add(fn.qualified)
    try:
        _body(pkg, ann, fn, args, st, ctx)
    except smt.Unsupported as e:
        res.error = f"not verified: {e}"
    finally:
        _probing.discard(fn.qualified)
    _verdicts[id(fn)] = (fn, res)
    return res


# ---------------------------------------------------------------- ghost functions


def ghost_call(g: A.GhostFunc, args: list[Val], sc: object) -> Val:
    """A call of ghost function g in an annotation (sc: the caller's assertions.Scope)."""
    from .assertions import Scope, value

    assert isinstance(sc, Scope)

    def body(state: State) -> Val:
        inner = Scope(sc.pkg, sc.ann, state, bound=dict(zip([n for n, _ in g.params], args, strict=True)),
                      guards=())
        return value(g.body, inner)

    if not ghost_recursive(g):
        return body(sc.state)
    res = ghost_termination(sc.pkg, sc.ann, g)
    bad = [o for o in res.obligations if o.status is not Status.PROVED]
    if res.error or bad:
        why = res.error or f"its `decreases` is {bad[0].status.value} at line {bad[0].span.start.line + 1}"
        raise smt.Unsupported(f"ghost function {g.name} is recursive and its termination is not "
                              f"proved ({why}), so it is not unfolded")
    f = symbol(g.name, [smt.sort_of(t) for _, t in g.params], smt.sort_of(g.result))
    guard = z3.And(*sc.guards) if sc.guards else z3.BoolVal(True)
    return apply(f, args, sc.state, guard, lambda: body(sc.state))


def ghost_recursive(g: A.GhostFunc) -> bool:
    from armada_ls.logic.resolve import walk

    return any(isinstance(e, A.LCall) and e.ghost is g for e in walk(g.body))


_ghost_verdicts: dict[int, tuple[object, FunctionResult]] = {}
_probe: list[tuple[A.GhostFunc, list[tuple[z3.BoolRef, list[Val], ir.Span]]]] = []


def probe_call(g: A.GhostFunc, args: list[Val], guards: tuple[z3.BoolRef, ...] | None,
               span: ir.Span) -> z3.ExprRef | None:
    """While g's termination is being checked: record its recursive call, return its value."""
    if not _probe or _probe[-1][0] is not g:
        return None
    _probe[-1][1].append((z3.And(*guards) if guards else z3.BoolVal(True), args, span))
    f = symbol(g.name, [smt.sort_of(t) for _, t in g.params], smt.sort_of(g.result))
    return f(*args)


def ghost_termination(pkg: ir.Package, ann: A.Annotations, g: A.GhostFunc,
                      timeout_ms: int = 5000) -> FunctionResult:
    """At each recursive call of g, under the conditions it sits in, the measure of the
    arguments is >= 0 and below the measure of g's parameters (kind `decreases`)."""
    hit = _ghost_verdicts.get(id(g))
    if hit is not None and hit[0] is g:
        return hit[1]
    from .assertions import Scope, term, value

    res = FunctionResult(f"termination of {g.name}", "", g.span)
    ctx = FnCtx(pkg, ann, ir.FuncDecl(f"ghost {g.name}", [], [], [], g.span, g.span, file=""), "helper",
                timeout_ms, res)
    res.file = ctx.fn.file = ctx.clause_file(g.span)
    start = time.perf_counter()
    st = State()
    params: dict[str, Val] = {}
    for n, t in g.params:
        v = smt.fresh(n, smt.sort_of(t))
        params[n] = v
        if smt.is_int(t):
            st.assume(smt.in_range(v, smt.int_bits(t)))
    _probe.append((g, []))
    try:
        value(g.body, Scope(pkg, ann, st, bound=dict(params), guards=()))
        calls = _probe[-1][1]
        assert g.decreases is not None  # the annotation layer requires it of a recursive one
        m0 = term(g.decreases, Scope(pkg, ann, st, bound=dict(params)))
        for guard, args, span in calls:
            inner = dict(zip([n for n, _ in g.params], args, strict=True))
            m1 = term(g.decreases, Scope(pkg, ann, st, bound=inner))
            ctx.ob("decreases", span, f"the recursive call of {g.name} decreases its measure "
                   "(and it is never negative)", st, z3.Implies(guard, z3.And(m1 >= 0, m1 < m0)),
                   clause=g.decreases.span)
    except smt.Unsupported as e:
        res.error = f"not verified: {e}"
    finally:
        _probe.pop()
    res.time_ms = (time.perf_counter() - start) * 1000.0
    _ghost_verdicts[id(g)] = (g, res)
    return res


def termination_checks(pkg: ir.Package, ann: A.Annotations, timeout_ms: int) -> list[FunctionResult]:
    """The termination obligations of every recursive ghost function (package level; a
    recursive pure Go function's are in its own result)."""
    return [ghost_termination(pkg, ann, g, timeout_ms)
            for g in ann.ghost_funcs.values() if ghost_recursive(g) and g.decreases is not None]


