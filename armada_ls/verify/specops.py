"""Running a spec op (or the spec's crash step) on the symbolic spec state.

The body is executed symbolically without forking: every assignment is guarded by the
condition under which control is still in the body (`live`), so `if` and early `return`
merge into `If` terms. The result is the new spec state, the op's return value and the
condition under which the op is enabled (its `require`s).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import z3

from armada_ls.logic import ast as A

from . import smt
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

    def possible(self) -> z3.BoolRef:
        """Some value satisfies every choice's condition."""
        if not self.choices:
            return z3.BoolVal(True)
        return z3.Exists([x for x, _ in self.choices], z3.And([c for _, c in self.choices]))

    def assumed(self) -> z3.BoolRef:
        return z3.And([c for _, c in self.choices]) if self.choices else z3.BoolVal(True)


def run(sc: Scope, spec: str, body: list[A.SpecStmt], params: list[tuple[str, object]],
        args: list[z3.ExprRef]) -> StepResult:
    sd = sc.ann.specs[spec]
    st: State = sc.state
    names: dict[str, z3.ExprRef] = {f.name: spec_value(st, sc.ann, spec, f.name) for f in sd.state}
    fields = set(names)
    for (pname, _), a in zip(params, args, strict=False):
        names[pname] = a
    env = _Env(names, z3.BoolVal(True), None, z3.BoolVal(True))
    inner = sc.at(st)
    inner.spec_names = env.names
    _exec(body, env, z3.BoolVal(True), inner)
    return StepResult({f"{spec}.{f}": env.names[f] for f in fields}, env.ret, env.enabled,
                      env.choices, env.chosen)


@dataclass
class _Env:
    names: dict[str, z3.ExprRef]
    live: z3.BoolRef
    ret: z3.ExprRef | None
    enabled: z3.BoolRef
    choices: list[tuple[z3.ExprRef, z3.BoolRef]] = field(default_factory=list)
    chosen: dict[str, z3.ExprRef] = field(default_factory=dict)


def _exec(body: list[A.SpecStmt], env: _Env, live: z3.BoolRef, sc: Scope) -> z3.BoolRef:
    """Run body under `live`; returns the condition under which control falls through."""
    for s in body:
        if isinstance(s, A.SAssign):
            target, new = _assign(s.target, term(s.value, sc), env, sc)
            env.names[target] = z3.If(live, new, env.names[target])
        elif isinstance(s, A.SDelete):
            if not isinstance(s.m, A.LName) or s.m.name not in env.names:
                raise smt.Unsupported(f"delete at {s.span}: the map must be a state field")
            m = env.names[s.m.name]
            zero = z3.FreshConst(m.sort().range())  # the zero value of the map's values
            env.names[s.m.name] = z3.If(live, z3.Store(m, term(s.key, sc), zero), m)
        elif isinstance(s, A.SChoose):
            x = z3.Const(smt.fresh_name(f"choose {s.name}"), smt.sort_of(s.type))
            env.names[s.name] = x
            env.chosen[s.name] = x
            c = term(s.cond, sc) if s.cond is not None else z3.BoolVal(True)
            rng = smt.in_range(x, smt.int_bits(s.type)) if smt.is_int(s.type) else z3.BoolVal(True)
            env.choices.append((x, z3.Implies(live, z3.And(rng, c))))
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


def _assign(target: A.LExpr, v: z3.ExprRef, env: _Env, sc: Scope) -> tuple[str, z3.ExprRef]:
    """`target = v` as (state field, its new value): `m[k] = v` stores into m."""
    if isinstance(target, A.LName) and target.name in env.names:
        return target.name, v
    if isinstance(target, A.LIndex):
        base = term(target.x, sc)
        return _assign(target.x, z3.Store(base, term(target.index, sc), v), env, sc)
    raise smt.Unsupported(f"spec assignment target at {target.span} is not a state field")
