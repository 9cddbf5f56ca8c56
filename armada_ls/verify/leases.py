"""Leases as sets (the paper's recovery leases, section 4.2).

What a thread holds of one durable array is the union of its `Lease` entries: a single
location under a condition, or a quantified set `{a | cond(a)}`. The rules that keep a
lease from being duplicated are set algebra over those entries:

- only recovery and `init` start with leases (every location of every durable array);
- building a struct whose lock invariant grants leases takes them from the builder
  (`holds` is checked, then `subtract`), and its locks hand them out one holder at a time;
- `Unlock` checks the thread still holds what `Lock` granted, then subtracts it;
- a call hands a `requires` lease to the callee (checked, subtracted) and gets an
  `ensures` lease back (checked in the callee at its return).

Interference leaves every held location alone (`frame`), which is what makes a critical
section look atomic.
"""

from __future__ import annotations

import z3

from . import smt
from .state import Lease, State


def covers(ls: Lease, a: z3.ExprRef) -> z3.BoolRef:
    """The entry includes location a."""
    if ls.var is None:
        return z3.And(ls.cond, ls.index == a)
    return z3.substitute(ls.cond, (ls.var, a))


def held(st: State, array: str, a: z3.ExprRef) -> z3.BoolRef:
    """This thread holds the lease on array[a]."""
    opts = [covers(ls, a) for ls in st.leases if ls.array == array]
    return z3.Or(opts) if opts else z3.BoolVal(False)


def holds(st: State, want: Lease) -> z3.BoolRef:
    """This thread holds every location of `want`."""
    if want.var is None:
        return z3.Implies(want.cond, held(st, want.array, want.index))
    x = z3.Const(smt.fresh_name(str(want.var)), want.var.sort())
    rng = smt.in_range(x) if x.sort() == z3.IntSort() else z3.BoolVal(True)
    body = z3.Implies(z3.And(rng, covers(want, x)), held(st, want.array, x))
    return z3.ForAll([x], body)


def subtract(st: State, gone: Lease) -> None:
    """The thread no longer holds the locations of `gone` (exact set difference: each
    entry of the same array keeps only what `gone` does not cover)."""
    out: list[Lease] = []
    for ls in st.leases:
        if ls.array != gone.array:
            out.append(ls)
            continue
        at = ls.index if ls.var is None else ls.var
        cond = z3.simplify(z3.And(ls.cond, z3.Not(covers(gone, at))))
        if not z3.is_false(cond):  # an entry that is now empty is dropped
            out.append(Lease(ls.array, ls.index, cond, ls.gen, ls.var))
    st.leases = out


def receive(st: State, got: Lease) -> None:
    """The thread takes `got` (from a lock): a location is leased to one holder at a time, so
    what it takes is none of what it already holds (a lock's name is not the one this thread
    created, say). For a single location; a set is taken as it is."""
    if got.var is None:
        st.assume(z3.Not(z3.And(got.cond, held(st, got.array, got.index))))
    st.leases.append(got)


def everything(array: str, gen: z3.ArithRef) -> Lease:
    """Every location of a durable array: what recovery and init start with."""
    x = z3.Int(smt.fresh_name("loc"))
    return Lease(array, x, z3.BoolVal(True), gen, x)


def frame(st: State, name: str, old: z3.ArrayRef, new: z3.ArrayRef) -> z3.ArrayRef:
    """Other threads leave the locations this thread holds as they were: the array after
    their steps. A single held location is written back into the fresh array (`Store`), so
    a later read of it is the old value as a term (blocks.py reads through it); a set of
    locations is a quantified frame."""
    from . import filesys, fsleases

    if name == filesys.INO:  # entries and lower-bound leases (fsleases.py)
        return fsleases.frame_ino(st, old, new)
    if name == filesys.DATA:
        return fsleases.frame_data(st, old, new)
    if name == filesys.ISDIR:  # directories are never removed
        return filesys.grow(st, old, new)
    if not z3.is_const(new) and any(ls.array == name and ls.var is not None for ls in st.leases):
        # a quantified frame's trigger reads `new`: a name for it keeps the pattern valid
        # (a leased row of the file system is a store term, which may hold an `if`)
        c = z3.Const(smt.fresh_name(name), new.sort())
        st.assume(c == new)
        new = c
    out = new
    for ls in st.leases:
        if ls.array != name:
            continue
        if ls.var is None:
            kept = z3.If(ls.cond, z3.Select(old, ls.index), z3.Select(new, ls.index))
            out = z3.Store(out, ls.index, kept)
            continue
        x = z3.Const(smt.fresh_name(str(ls.var)), ls.var.sort())
        body = z3.Implies(covers(ls, x), z3.Select(new, x) == z3.Select(old, x))
        st.assume(z3.ForAll([x], body, patterns=[z3.Select(new, x)]))
    return out


def same(a: Lease, b: Lease) -> bool:
    """Syntactically the same entry (loop frames compare what an iteration kept)."""
    return a.array == b.array and a.index.eq(b.index) and a.cond.eq(b.cond) and (
        (a.var is None) == (b.var is None))
