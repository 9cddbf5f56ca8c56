"""Running a spec op (or the spec's crash step) on the symbolic spec state.

The body is executed symbolically without forking: every assignment is guarded by the
condition under which control is still in the body (`live`), so `if` and early `return`
merge into `If` terms. The result is the new spec state, the op's return value and the
condition under which the op is enabled (its `require`s). `internal_step` is the ghost
statement `internal Spec.Step(args)`: a spec step no client called (a flusher's write made
durable). Struct values are datatype terms
and each map field carries its key set and size (`specvals`), kept exact by `m[k] = v` and
`delete`, so `len(m)` is a term.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import z3

from armada_ls.logic import ast as A
from goose import ir
from goose import types as T

from . import ownspec, smt, specvals
from .assertions import Scope, spec_value, term
from .state import State


@dataclass
class StepResult:
    fields: dict[str, z3.ExprRef]  # "Spec.field" -> new value
    ret: z3.ExprRef | None
    enabled: z3.BoolRef
    # `choose x T such that c`: each x is a fresh constant, with c (under the condition that
    # control reached the choose). Who runs the step decides who picks: an op's choice is
    # the spec's (the code must be right for every allowed value: `possible()`, then
    # `assumed()`); the crash step's is recovery's (`crash_step x = e`, or some value that
    # makes everything after it hold).
    choices: list[tuple[z3.ExprRef, z3.BoolRef]] = field(default_factory=list)
    chosen: dict[str, z3.ExprRef] = field(default_factory=dict)  # choose name -> its constant
    # `choose x T such that x == e`: x's constant's id -> e (its only possible value)
    determined: dict[int, z3.ExprRef] = field(default_factory=dict)

    def possible(self) -> z3.BoolRef:
        """Some value satisfies every choice's condition. A choice its condition determines
        (`x == e`) is e, not an existential the solver must find a witness for (with other
        quantifiers on the path it may give up)."""
        if not self.choices:
            return z3.BoolVal(True)
        subst = [(x, self.determined[x.get_id()]) for x, _ in self.choices
                 if x.get_id() in self.determined]
        free = [x for x, _ in self.choices if x.get_id() not in self.determined]
        body = z3.And([z3.substitute(c, *subst) if subst else c for _, c in self.choices])
        return z3.Exists(free, body) if free else body

    def assumed(self) -> z3.BoolRef:
        return z3.And([c for _, c in self.choices]) if self.choices else z3.BoolVal(True)

    def bind(self, values: dict[str, z3.ExprRef]) -> tuple[StepResult, z3.BoolRef]:
        """The step with some chooses' values given (`linearize k = e`, `crash_step k = e`):
        the step with them substituted, and the condition that they are allowed values
        (each bound choice's condition, the others still the spec's to pick)."""
        subst = [(self.chosen[n], v) for n, v in values.items()]

        def sub(t: z3.ExprRef) -> z3.ExprRef:
            return z3.substitute(t, *subst) if subst else t
        bound = {self.chosen[n].get_id() for n in values}
        ok = [sub(c) for x, c in self.choices if x.get_id() in bound]
        rest = [(x, sub(c)) for x, c in self.choices if x.get_id() not in bound]
        out = StepResult({k: sub(v) for k, v in self.fields.items()},
                         sub(self.ret) if self.ret is not None else None, sub(self.enabled), rest,
                         {n: x for n, x in self.chosen.items() if n not in values})
        out.determined = {k: sub(v) for k, v in self.determined.items() if k not in bound}
        return out, z3.And(ok) if ok else z3.BoolVal(True)


def run(sc: Scope, spec: str, body: list[A.SpecStmt], params: list[tuple[str, object]],
        args: list[z3.ExprRef]) -> StepResult:
    sd = sc.ann.specs[spec]
    st: State = sc.state
    names: dict[str, z3.ExprRef] = {}
    maps: dict[str, object] = {}
    for f in sd.state:
        names[f.name] = spec_value(st, sc.ann, spec, f.name)
        if isinstance(T.underlying(f.type), T.Map):  # its key set and size (`len`)
            maps[f.name] = f.type
            if specvals.asks_keys(sc.ann):  # nothing reads them otherwise: not worth a term
                for c in (specvals.has_name(f.name), specvals.count_name(f.name)):
                    names[c] = spec_value(st, sc.ann, spec, c)
    fields = set(names)
    for (pname, ptype), a in zip(params, args, strict=False):
        if pname in maps:  # `len(m)` would read the field's size
            raise smt.Unsupported(f"op parameter {pname} hides the spec's map field {pname}")
        names[pname] = specvals.to_term(a, ptype, st)  # type: ignore[assignment]
    env = _Env(names, z3.BoolVal(True), None, z3.BoolVal(True), maps=maps)
    inner = sc.at(st)
    inner.spec_names = env.names
    _exec(body, env, z3.BoolVal(True), inner)
    return StepResult({f"{spec}.{f}": env.names[f] for f in fields}, env.ret, env.enabled,
                      env.choices, env.chosen, env.determined)


@dataclass
class _Env:
    names: dict[str, z3.ExprRef]
    live: z3.BoolRef
    ret: z3.ExprRef | None
    enabled: z3.BoolRef
    choices: list[tuple[z3.ExprRef, z3.BoolRef]] = field(default_factory=list)
    chosen: dict[str, z3.ExprRef] = field(default_factory=dict)
    maps: dict[str, object] = field(default_factory=dict)  # map-typed state field -> type
    determined: dict[int, z3.ExprRef] = field(default_factory=dict)  # (StepResult's)


def _exec(body: list[A.SpecStmt], env: _Env, live: z3.BoolRef, sc: Scope) -> z3.BoolRef:
    """Run body under `live`; returns the condition under which control falls through."""
    for s in body:
        if isinstance(s, A.SAssign):
            target, new = _assign(s.target, term(s.value, sc), env, sc, live)
            if isinstance(s.target, A.LName) and target in env.maps:  # a whole new map
                _new_keys(target, s.value, env, sc, live)
            env.names[target] = z3.If(live, new, env.names[target])
        elif isinstance(s, A.SDelete):
            if not isinstance(s.m, A.LName) or s.m.name not in env.names:
                raise smt.Unsupported(f"delete at {s.span}: the map must be a state field")
            m = env.names[s.m.name]
            mt = T.underlying(s.m.type) if s.m.type is not None else None
            k = term(s.key, sc)
            if isinstance(mt, T.Map) and specvals.sort_of(mt.value) != smt.BLOCK:
                zero = specvals.zero(mt.value)
            else:  # (a byte slice's zero depends on whether there are disks: left unknown)
                zero = z3.FreshConst(m.sort().range())
            _key_set(s.m.name, k, False, env, sc, live)
            env.names[s.m.name] = z3.If(live, z3.Store(m, k, zero), m)
        elif isinstance(s, A.SChoose):
            if s.name in env.maps:
                raise smt.Unsupported(f"choose {s.name} at {s.span} hides the spec's map field")
            x = z3.Const(smt.fresh_name(f"choose {s.name}"), specvals.sort_of(s.type))
            env.names[s.name] = x
            env.chosen[s.name] = x
            c = term(s.cond, sc) if s.cond is not None else z3.BoolVal(True)
            other = _equated(s.cond, s.name)
            rng = smt.in_range(x, smt.int_bits(s.type)) if smt.is_int(s.type) else z3.BoolVal(True)
            if other is not None and isinstance(other, A.LName | A.LSelector | A.LIndex) \
                    and other.type == s.type:
                rng = z3.BoolVal(True)  # a value of the type read out of the state: in range
            env.choices.append((x, z3.Implies(live, z3.And(rng, c))))
            if other is not None:
                env.determined[x.get_id()] = term(other, sc)
        elif isinstance(s, A.SRequire):
            env.enabled = z3.And(env.enabled, z3.Implies(live, term(s.cond, sc)))
        elif isinstance(s, A.SReturn):
            if s.value is not None:
                v = term(s.value, sc)
                env.ret = v if env.ret is None else z3.If(live, v, env.ret)
            live = z3.BoolVal(False)
        elif isinstance(s, A.SIf):
            c = term(s.cond, sc)
            t = _exec(s.then, env, z3.And(live, c), sc)
            e = _exec(s.els, env, z3.And(live, z3.Not(c)), sc)
            live = z3.Or(t, e)
        else:
            raise smt.Unsupported(f"spec statement {type(s).__name__} at {s.span} is not "
                                  "supported by the verifier yet")
    return live


def _equated(cond: A.LExpr | None, name: str) -> A.LExpr | None:
    """e, when cond is `name == e` or `e == name` and e does not mention name."""
    if not isinstance(cond, A.LBinary) or cond.op != "==":
        return None
    from armada_ls.logic.resolve import walk

    for x, e in ((cond.x, cond.y), (cond.y, cond.x)):
        if isinstance(x, A.LName) and x.name == name and not any(
                isinstance(n, A.LName) and n.name == name for n in walk(e)):
            return e
    return None


def _assign(target: A.LExpr, v: z3.ExprRef, env: _Env, sc: Scope,
            live: z3.BoolRef) -> tuple[str, z3.ExprRef]:
    """`target = v` as (state field, its new value): `m[k] = v` stores into m (and adds k
    to its key set), `r.f = v` rebuilds r with f replaced."""
    if isinstance(target, A.LName) and target.name in env.names:
        return target.name, v
    if isinstance(target, A.LIndex):
        base = term(target.x, sc)
        k = term(target.index, sc)
        if isinstance(target.x, A.LName) and target.x.name in env.maps:
            _key_set(target.x.name, k, True, env, sc, live)
        return _assign(target.x, z3.Store(base, k, v), env, sc, live)
    if isinstance(target, A.LSelector):
        base = term(target.x, sc)
        if not specvals.is_struct_term(base):
            raise smt.Unsupported(f"spec assignment target at {target.span}: not a struct field")
        return _assign(target.x, specvals.with_field(base, target.name, v), env, sc, live)
    raise smt.Unsupported(f"spec assignment target at {target.span} is not a state field")


def _key_set(name: str, k: z3.ExprRef, present: bool, env: _Env, sc: Scope,
             live: z3.BoolRef) -> None:
    """Map field `name` gets (or loses) key k: its key set and size follow exactly."""
    hn, cn = specvals.has_name(name), specvals.count_name(name)
    if hn not in env.names:  # the package never asks for keys (specvals.asks_keys)
        return
    has, n = env.names[hn], env.names[cn]
    was = z3.Select(has, k)
    sc.state.assume(n >= z3.If(was, 1, 0))  # a present key is counted
    step = z3.If(was, 0, 1) if present else z3.If(was, -1, 0)
    env.names[hn] = z3.If(live, z3.Store(has, k, z3.BoolVal(present)), has)
    env.names[cn] = z3.If(live, n + step, n)


def _new_keys(name: str, value: A.LExpr, env: _Env, sc: Scope, live: z3.BoolRef) -> None:
    """`m = e` for a whole map: the key set is e's when e is another map field of the spec
    (or this one), else unknown (a fresh set and size)."""
    hn, cn = specvals.has_name(name), specvals.count_name(name)
    if hn not in env.names:  # the package never asks for keys (specvals.asks_keys)
        return
    src = value.name if isinstance(value, A.LName) and value.name in env.maps else None
    if isinstance(value, A.LEmptyMap):
        has, n = z3.K(specvals.sort_of(env.maps[name].key), z3.BoolVal(False)), z3.IntVal(0)  # type: ignore[attr-defined]
    elif src is not None:
        has, n = env.names[specvals.has_name(src)], env.names[specvals.count_name(src)]
    else:
        has, n = specvals.fresh_keys(sc.state, name, env.maps[name])  # type: ignore[arg-type]
    env.names[hn] = z3.If(live, has, env.names[hn])
    env.names[cn] = z3.If(live, n, env.names[cn])


def internal_step(ex: Any, g: A.Internal, s: ir.Stmt, st: State) -> None:
    """`internal Spec.Step(args)` on statement s: the spec takes its internal step here, in
    the same atomic step as s, on no op's behalf (so it counts as no op's linearization and
    needs no token). Like any spec step it must be enabled (its `require`s), the spec picks
    its chooses (the code must be right for each), and it changes owned spec state only
    where this thread owns it (`spec-ownership`). Sound because the spec may take an
    internal step at any moment: an execution that takes it here is one the spec allows."""
    ctx = ex.ctx
    sd = ctx.ann.specs[g.op.spec]
    od = sd.internal_step(g.op.op)
    if od is None:  # pragma: no cover - resolution checked it
        raise smt.Unsupported(f"internal {g.op.spec}.{g.op.op} at {g.span}: no such step")
    sc = ctx.scope(st)
    args = [term(a, sc) for a in g.op.args]
    what = f"the internal step {sd.name}.{od.name}"
    r = run(ctx.scope(st), sd.name, od.body, od.params, args)
    if not z3.is_true(z3.simplify(r.enabled)):
        ctx.ob("refinement", s.span, f"{what} is enabled here (its require holds)", st,
               r.enabled, clause=g.span)
    if r.choices:  # the spec picks: the code must be right for every value it may pick
        ctx.ob("refinement", s.span, f"{what} has a value to choose", st, r.possible(),
               clause=g.span)
        st.assume(r.assumed())
    ownspec.check_step(ctx, st, r.fields, what, s.span, g.span)
    st.spec.update(r.fields)
    st.path_text.append(f"line {s.span.start.line + 1}: {what}")
