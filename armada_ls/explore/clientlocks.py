"""Ops that hand a held lock to their client, or take one the client holds.

An op may return holding a mutex (`//@ ensures locked(E)`: `Pickup(u)` returns holding
user u's mailbox lock) and may need its client to hold one (`//@ requires locked(E)`: the
client hands it over; with `ensures locked(E)` too, the op gives it back). That is an
obligation on clients, which the explorer's harness keeps: a client calls a `requires
locked(E)` op only while it holds E, never calls an op that would Lock a mutex it holds
(Go mutexes are not reentrant), and releases what it holds before it stops.

E is a path over the receiver and the parameters (field selections, slice and map
indexing, constants, `+`/`-`). It is evaluated on the machine state: a struct behind a
pointer is a heap cell holding a tuple of its fields (in declaration order, as
`goose.semantics.compile` lays them out), a slice a window of an array, and a mutex a heap
cell that holds `Held(tid)` while locked. An op of client i runs as goroutine i, so a
mutex its op left locked still holds `Held(i)`.

What a client holds is tracked by the contracts (`Holdings`), not read off the heap: a
client holds what its ops' `ensures locked` named at their returns (checked then to be
`Held(i)`: an op that returns without the lock it promises is a bug of the op), less what
it handed to a `requires locked` op that did not give it back. A mutex an op leaves locked
without promising it is no client holding: a later Lock of it is the op's lock leak, left
to block (and be reported as a deadlock) like any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from armada_ls.logic import ast as A
from armada_ls.logic.pretty import show
from goose import ir
from goose import types as T
from goose.semantics.compile import _struct_index
from goose.semantics.state import State
from goose.semantics.values import MASKS, Held, MapRef, Ptr, SliceV, bits_of


class ContractError(Exception):
    """The harness cannot keep an op's lock contract (a plan that breaks it, a lock no op
    releases): a problem of the harness or the spec, never a bug of the code."""


@dataclass
class OpLocks:
    """The `locked(E)` conjuncts of an implementing function's requires and ensures."""

    requires: list[A.LExpr] = field(default_factory=list)
    ensures: list[A.LExpr] = field(default_factory=list)
    recv: str | None = None  # the receiver's name
    params: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.requires or self.ensures)


def conjuncts(e: A.LExpr) -> list[A.LExpr]:
    if isinstance(e, A.LBinary) and e.op == "&&":
        return conjuncts(e.x) + conjuncts(e.y)
    return [e]


def is_locked(e: A.LExpr) -> bool:
    return isinstance(e, A.LCall) and e.fn == "locked" and len(e.args) == 1


def mentions_locked(e: A.LExpr) -> bool:
    """A `locked(...)` anywhere in e (under a condition, a quantifier: forms the harness
    cannot keep)."""
    if is_locked(e):
        return True
    return any(mentions_locked(c) for c in _children(e))


def _children(e: A.LExpr) -> list[A.LExpr]:
    out: list[A.LExpr] = []
    for v in vars(e).values():
        if isinstance(v, A.LExpr):
            out.append(v)
        elif isinstance(v, list):
            out.extend(x for x in v if isinstance(x, A.LExpr))
    return out


_ARITH = {"+", "-"}


def _check_form(e: A.LExpr, names: set[str], consts: dict[str, Any], where: str) -> None:
    """E must be a path the evaluator reads: names of the receiver and parameters,
    constants and integer literals, `x.f`, `x[i]`, `i + j`, `i - j`."""
    if isinstance(e, A.LInt):
        return
    if isinstance(e, A.LName):
        if e.name in names or e.name in consts:
            return
        raise ContractError(f"{where}: locked(...) names {e.name}, which is no parameter, receiver or "
                            "constant (the explorer evaluates paths over the receiver and parameters)")
    if isinstance(e, A.LSelector):
        _check_form(e.x, names, consts, where)
        return
    if isinstance(e, A.LIndex):
        _check_form(e.x, names, consts, where)
        _check_form(e.index, names, consts, where)
        return
    if isinstance(e, A.LBinary) and e.op in _ARITH:
        _check_form(e.x, names, consts, where)
        _check_form(e.y, names, consts, where)
        return
    raise ContractError(f"{where}: the explorer cannot evaluate {show(e)} in locked(...) (it reads field "
                        "selections, slice and map indexing over the receiver and parameters)")


def op_locks(pkg: ir.Package, ann: A.Annotations, func: str) -> OpLocks:
    """The lock contract of implementing function `func` (its `locked(E)` conjuncts), or
    ContractError for a form the harness cannot keep (under a condition, or a path it
    cannot evaluate)."""
    fd = pkg.funcs[func]
    out = OpLocks(recv=fd.recv.name if fd.recv is not None else None, params=[p.name for p in fd.params])
    names = set(out.params) | ({out.recv} if out.recv else set())
    consts = {n: c.value for n, c in pkg.consts.items()}
    for c in ann.funcs.get(func, []):
        if not isinstance(c, A.Requires | A.Ensures):
            continue
        for part in conjuncts(c.cond):
            if is_locked(part):
                assert isinstance(part, A.LCall)
                kind = "requires" if isinstance(c, A.Requires) else "ensures"
                _check_form(part.args[0], names, consts, f"{fd.name}'s `{kind} {show(part)}`")
                (out.requires if isinstance(c, A.Requires) else out.ensures).append(part.args[0])
            elif mentions_locked(part):
                raise ContractError(f"{fd.name}: `{show(part)}`: the explorer keeps a lock contract whose "
                                    "locked(...) are plain conjuncts of requires/ensures only")
    return out


def pure_requires(cond: A.LExpr) -> A.LExpr | None:
    """cond without its `locked(...)` conjuncts (None when nothing is left)."""
    parts = [p for p in conjuncts(cond) if not is_locked(p)]
    if not parts:
        return None
    out = parts[0]
    for p in parts[1:]:
        out = A.LBinary(p.span, "&&", out, p, type=T.BOOL)
    return out


class _NoValue(Exception):
    pass


class LockPaths:
    """Evaluates lock paths on a machine state. `eval_mutex` returns the mutex cell's address,
    or None when the path has no value there (a nil pointer, an index out of range, a missing
    map key): a client cannot hold a lock the path does not name, so a `requires locked(E)`
    call is then not one a client may make (the call is not offered), and an `ensures` then
    names no lock the op could return holding (a broken contract). `reads` collects the
    footprint of the last evaluation (the heap cells, arrays and maps it read) for the
    search's independence relation."""

    def __init__(self, pkg: ir.Package) -> None:
        self.consts = {n: c.value for n, c in pkg.consts.items()}
        self.reads: set[tuple] = set()

    def eval_mutex(self, st: State, e: A.LExpr, env: dict[str, Any]) -> Any:
        try:
            v = self._eval(st, e, env)
        except (_NoValue, KeyError, IndexError, TypeError):
            return None
        return v.addr if isinstance(v, Ptr) else None

    def _eval(self, st: State, e: A.LExpr, env: dict[str, Any]) -> Any:
        if isinstance(e, A.LInt):
            return e.value
        if isinstance(e, A.LName):
            if e.name in env:
                return env[e.name]
            return self.consts[e.name]
        if isinstance(e, A.LBinary):
            x, y = self._eval(st, e.x, env), self._eval(st, e.y, env)
            r = x + y if e.op == "+" else x - y
            if e.type is not None and T.is_integer(T.underlying(e.type)) and T.underlying(e.type) != T.UNTYPED_INT:
                return r & MASKS[bits_of(e.type)]
            return r
        if isinstance(e, A.LSelector):
            x = self._eval(st, e.x, env)
            assert e.x.type is not None
            i = _struct_index(e.x.type, e.name)
            if isinstance(x, Ptr):
                self.reads.add(("h", x.addr))
                x = st.heap[x.addr]
            if not isinstance(x, tuple) or x is None:
                raise _NoValue
            return x[i]
        if isinstance(e, A.LIndex):
            x = self._eval(st, e.x, env)
            k = self._eval(st, e.index, env)
            if isinstance(x, SliceV):
                if x.arr is None or not 0 <= k < x.len:
                    raise _NoValue
                self.reads.add(("a", x.arr))
                return st.arrays[x.arr][x.off + k]
            if isinstance(x, MapRef):
                self.reads.add(("m", x.addr))
                m = st.maps[x.addr]
                if k not in m:
                    raise _NoValue
                return m[k]
            raise _NoValue
        raise _NoValue


def env_of(ol: OpLocks, handle: Any, args: tuple) -> dict[str, Any]:
    env = dict(zip(ol.params, args, strict=False))
    if ol.recv is not None:
        env[ol.recv] = handle
    return env


def held_by(st: State, addr: Any, tid: Any) -> bool:
    return st.heap.get(addr) == Held(tid)
