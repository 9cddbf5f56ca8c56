"""Helping at run time: the tokens of an op owned by a lock (`acc(helping(S.Op(..)))`).

A `helping S.Op(args)` statement puts a token for this call's pending op in the pool; a
`complete S.Op(args)` anywhere (a flusher, a combiner) takes the op's spec step on its
owner's behalf and takes the token; the owner returns once it knows its token is gone. For
that knowledge to be stable the tokens of such an op belong to a lock:
`forall x T, .. :: acc(helping(S.Op(x, ..)))` (all of the op's tokens at once, location 0 of
the ghost array `tok:S.Op`), handed out like a lease (recovery and init start with them,
building the struct gives them to the lock, Lock/Unlock pass them on; interference leaves
them alone while a thread owns them).

For an op whose tokens are owned ("run-time helped"), the rules that make every pending op
linearize exactly once, with its step inside its call:
- adding (`helping`), taking (`complete`) or taking back (`linearize` after `helping`) a token
  needs the tokens owned;
- `helping` needs the slot empty (`!helping(S.Op(args))`), so tokens are a set and the lock
  invariant can say exactly which are pending;
- `complete` and the owner's `linearize` need the token there;
- a path that handed its op over and did not take it back returns only after it has seen the
  slot of its arguments empty at some point after the hand-over (`done`, below).
Tokens are keyed by the op's arguments, not by the call: two calls with the same arguments
are interchangeable (their steps are the same spec step), so a step taken while both are
pending may count for either; each decrement needs a token, and an owner returns only after
every token with its arguments given before its check was taken, which assigns the steps to
the calls first-come first-served, each inside its call. A per-call id would only let an
owner see its own op done while an identical one is still pending (the set rule makes the
second one wait for the slot instead).
"""

from __future__ import annotations

import z3

from armada_ls.logic import ast as A
from armada_ls.logic.resolve import walk

from . import leases, smt
from .state import Lease, State

PREFIX = "tok:"


def array_name(key: str) -> str:
    """The lease array of the tokens of op "Spec.Op"."""
    return PREFIX + key


def op_key(e: A.LHelping, ann: A.Annotations) -> str:
    spec = e.op.spec or (next(iter(ann.specs)) if len(ann.specs) == 1 else "")
    if not spec:
        raise smt.Unsupported(f"helping({e.op.op}(..)) at {e.span}: name its spec (Spec.Op)")
    return f"{spec}.{e.op.op}"


def lease_of(e: A.LExpr, ann: A.Annotations, guard: z3.BoolRef, gen: z3.ArithRef,
             bound: tuple[str, ...] = ()) -> Lease | None:
    """The lease `acc(helping(S.Op(args)))` names (all of the op's tokens), else None. The
    arguments must be distinct variables bound by the enclosing `forall` (every token):
    owning some of them is not supported."""
    if not isinstance(e, A.LHelping):
        return None
    names = [a.name for a in e.op.args if isinstance(a, A.LName)]
    if len(names) != len(e.op.args) or len(set(names)) != len(names) or \
            not set(names) <= set(bound):
        raise smt.Unsupported(
            f"acc(helping(..)) at {e.span}: only all of an op's tokens can be owned: write "
            f"`forall x T, .. :: acc(helping({e.op.op}(x, ..)))` with one bound variable per "
            "argument")
    return Lease(array_name(op_key(e, ann)), z3.IntVal(0), guard, gen)


def owned_ops(ann: A.Annotations) -> set[str]:
    """Ops whose tokens some annotation owns: the ones helped at run time."""
    cache = ann.__dict__.get("_owned_tokens")
    if cache is not None:
        return cache
    out: set[str] = set()
    sources = [li.cond for li in ann.lock_invs.values()] + [c.cond for c in ann.crash_invs]
    sources += [getattr(c, "cond", None) for cs in ann.funcs.values() for c in cs]
    for cond in sources:
        if cond is None:
            continue
        for x in walk(cond):
            if isinstance(x, A.LCall) and x.fn == "acc":
                for a in x.args:
                    if isinstance(a, A.LHelping):
                        try:
                            out.add(op_key(a, ann))
                        except smt.Unsupported:
                            pass
    ann.__dict__["_owned_tokens"] = out
    return out


def everything(ann: A.Annotations, gen: z3.ArithRef) -> list[Lease]:
    """Every op's tokens: what recovery and init start with."""
    return [Lease(array_name(k), z3.IntVal(0), z3.BoolVal(True), gen) for k in owned_ops(ann)]


def dropped_by_crash(ann: A.Annotations) -> list[str]:
    """Run-time helped ops the crash invariant says nothing of: recovery cannot complete
    them, so the crashed generation's pending ones are dropped as recovery starts (as they
    would be when it returns), and a lock invariant recovery builds sees no token."""
    named = {op_key(x, ann) for c in ann.crash_invs for x in walk(c.cond)
             if isinstance(x, A.LHelping)}
    return sorted(owned_ops(ann) - named)


def held(st: State, key: str) -> z3.BoolRef:
    return leases.held(st, array_name(key), z3.IntVal(0))


def frame(st: State, key: str, old: z3.ArrayRef, new: z3.ArrayRef) -> z3.ArrayRef:
    """Op `key`'s tokens after other threads' steps: unchanged while this thread owns them."""
    if not any(ls.array == array_name(key) for ls in st.leases):
        return new
    h = z3.simplify(held(st, key))
    if z3.is_true(h):
        return old
    if z3.is_false(h):
        return new
    return z3.If(h, old, new)
