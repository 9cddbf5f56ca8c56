"""One path after an `if` whose branches only compute local values.

Every `if` forks the path, and a loop body with k such `if`s in a row reaches its back edge
on 2^k paths, each checking every loop invariant again (Mailboat's recovery loop checked its
invariant on 13 paths, 90 queries and 17 s). When both branches only assign local variables
of basic type from expressions over such variables and constants (no call, no memory, no
ghost statement), the two paths differ only in those variables and in the facts their
expressions added: they are joined into one, whose variables are `c ? then : else` and
whose facts hold under their branch's condition. The join is an equivalence (the path set
it describes is the union of the two), so it neither proves more nor less.

Whether the branches are simple is decided from their text (`simple`), and confirmed on the
states they produced (`join`): a state that differs from the one before the `if` in
anything but its locals and its facts is not joined, whatever the text said.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import z3

from goose import ir
from goose import types as T

from .state import State
from .stepper import Out

# what a simple branch may change: every other field of State must come out of both
# branches as it went in
_LOCAL = frozenset({"env", "types", "path", "path_text"})


def simple(stmts: list[ir.Stmt], has_ghosts: Any) -> bool:
    """Every statement assigns local variables of basic type from simple expressions (or is
    such an `if`), and none carries a ghost statement (`has_ghosts(s)`)."""
    for s in stmts:
        if s.annotations or has_ghosts(s):
            return False
        if isinstance(s, ir.Define):
            if any(s.boxed) or not all(_basic(t) for t in s.types) or len(s.values) != len(s.names):
                return False
            if not all(_expr(v) for v in s.values):
                return False
        elif isinstance(s, ir.Assign):
            if not all(isinstance(p, ir.VarPlace | ir.Blank) for p in s.places):
                return False
            if any(isinstance(p, ir.VarPlace) and (p.boxed or not _basic(p.type)) for p in s.places):
                return False
            if not all(_expr(v) for v in s.values):
                return False
        elif isinstance(s, ir.If):
            if not (_expr(s.cond) and simple(s.then, has_ghosts) and simple(s.els, has_ghosts)):
                return False
        else:
            return False
    return True


def _basic(t: T.Type) -> bool:
    return isinstance(t, T.Basic) and t != T.UNTYPED_NIL


def _expr(e: ir.Expr) -> bool:
    """A value computed from locals and constants alone. (A `/` or `%` may panic: its
    obligation is checked on its branch's path before the join, as any other.)"""
    if not _basic(e.type):
        return False
    if isinstance(e, ir.Const):
        return True
    if isinstance(e, ir.Var):
        return not e.boxed
    if isinstance(e, ir.Unary):
        return _expr(e.x)
    if isinstance(e, ir.Binary):
        return _expr(e.x) and _expr(e.y)
    if isinstance(e, ir.Convert):
        return _basic(e.x.type) and e.x.type != T.STRING and e.type != T.STRING and _expr(e.x)
    return False


def join(before: State, c: z3.BoolRef, outs: Out, text: str) -> State | None:
    """The one state of both branches (`outs`, then's first), or None when they are not two
    fall-through states that differ from `before` only in locals and facts."""
    if len(outs) != 2 or any(how != "next" for how, _ in outs):
        return None
    t, e = outs[0][1], outs[1][1]
    if not (_unchanged(before, t) and _unchanged(before, e)):
        return None
    n = len(before.path)
    if not (_prefix(before.path, t.path) and _prefix(before.path, e.path)):
        return None
    env: dict[str, Any] = {}
    for name in t.env.keys() & e.env.keys():
        a, b = t.env[name], e.env[name]
        if a is b:
            env[name] = a
        elif (isinstance(a, z3.ExprRef) and isinstance(b, z3.ExprRef) and a.sort() == b.sort()
              and not isinstance(a, z3.ArrayRef)):
            env[name] = a if a.eq(b) else z3.If(c, a, b)
        else:
            return None
    if any(name in before.env and name not in env for name in before.env):
        return None
    types = dict(before.types)
    for name in env:
        if name not in types:
            ta, tb = t.types.get(name), e.types.get(name)
            if ta is not None and ta == tb:
                types[name] = ta
    out = before.fork()
    out.env, out.types = env, types
    # each branch's own facts (its first is its condition) under its condition
    for cond, facts in ((c, t.path[n + 1:]), (z3.Not(c), e.path[n + 1:])):
        if facts:
            out.path.append(z3.Implies(cond, z3.And(facts)))
    out.path_text.append(text)
    return out


def _prefix(short: list[Any], long: list[Any]) -> bool:
    return len(long) > len(short) and all(a is b for a, b in zip(short, long[:len(short)], strict=True))


def _unchanged(before: State, after: State) -> bool:
    for f in dataclasses.fields(State):
        if f.name in _LOCAL:
            continue
        a, b = getattr(before, f.name), getattr(after, f.name)
        if a is b:
            continue
        if isinstance(a, list | tuple) and type(a) is type(b):
            if len(a) != len(b) or any(x is not y for x, y in zip(a, b, strict=True)):
                return False
        elif isinstance(a, dict) and isinstance(b, dict):
            if a.keys() != b.keys() or any(a[k] is not b[k] for k in a):
                return False
        elif isinstance(a, set | frozenset | str | int | bool) and type(a) is type(b):
            if a != b:
                return False
        else:
            return False
    return True
