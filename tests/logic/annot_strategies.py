"""Hypothesis strategies for annotation expressions (shared by the logic tests)."""

from __future__ import annotations

from hypothesis import strategies as st

from armada_ls.logic import ast as A
from armada_ls.logic.parser import BINARY_PREC
from goose import types as T
from goose.ir import NO_SPAN

S = NO_SPAN
NAMES = ["a", "b", "x", "DiskSize", "Disk.blocks", "twodisk.D1"]
TYPES = [T.UINT64, T.BOOL, T.Slice(T.BYTE), T.Map(T.UINT64, T.Named("twodisk", "Block"))]


def canon(e: A.LExpr) -> object:
    """The tree without spans and types."""
    if isinstance(e, A.LInt | A.LBool | A.LString):
        return (type(e).__name__, e.value)
    if isinstance(e, A.LName):
        return tuple(e.name.split("."))
    if isinstance(e, A.LSelector):
        x = canon(e.x)
        return (
            (*x, e.name)
            if isinstance(x, tuple) and all(isinstance(p, str) for p in x)
            else ("sel", x, e.name)
        )
    if isinstance(e, A.LIndex):
        return ("index", canon(e.x), canon(e.index))
    if isinstance(e, A.LUnary):
        return ("un", e.op, canon(e.x))
    if isinstance(e, A.LBinary):
        return ("bin", e.op, canon(e.x), canon(e.y))
    if isinstance(e, A.LCond):
        return ("cond", canon(e.cond), canon(e.then), canon(e.els))
    if isinstance(e, A.LQuant):
        return ("q", e.kind, tuple((n, str(t)) for n, t in e.vars), canon(e.body))
    if isinstance(e, A.LOld):
        return ("old", canon(e.x))
    if isinstance(e, A.LCall):
        return ("call", e.fn, tuple(canon(a) for a in e.args))
    if isinstance(e, A.LHelping):
        return ("helping", e.op.spec, e.op.op, tuple(canon(a) for a in e.op.args))
    if isinstance(e, A.LLease):
        return ("lease", canon(e.loc), canon(e.lower) if e.lower is not None else None)
    if isinstance(e, A.LGen):
        return ("gen",)
    raise TypeError(type(e))


def _name(n: str) -> A.LExpr:
    parts = n.split(".")
    x: A.LExpr = A.LName(S, parts[0])
    for p in parts[1:]:
        x = A.LSelector(S, x, p)
    return x


leaves = st.one_of(
    st.integers(0, 2**64 - 1).map(lambda v: A.LInt(S, v)),
    st.booleans().map(lambda b: A.LBool(S, b)),
    st.text('abc"\\ é\n\t\0', max_size=4).map(lambda s: A.LString(S, s)),
    st.sampled_from(NAMES).map(_name),
    st.just(A.LGen(S)),
)


def _extend(sub: st.SearchStrategy[A.LExpr]) -> st.SearchStrategy[A.LExpr]:
    loc = st.tuples(st.sampled_from(NAMES), sub).map(lambda p: A.LIndex(S, _name(p[0]), p[1]))
    return st.one_of(
        st.tuples(st.sampled_from(sorted(BINARY_PREC)), sub, sub).map(
            lambda p: A.LBinary(S, p[0], p[1], p[2])
        ),
        st.tuples(st.sampled_from(["!", "-", "^"]), sub).map(lambda p: A.LUnary(S, p[0], p[1])),
        st.tuples(sub, sub, sub).map(lambda p: A.LCond(S, p[0], p[1], p[2])),
        st.tuples(
            st.sampled_from(["forall", "exists"]),
            st.lists(
                st.tuples(st.sampled_from(["i", "j"]), st.sampled_from(TYPES)),
                min_size=1,
                max_size=2,
            ),
            sub,
        ).map(lambda p: A.LQuant(S, p[0], p[1], p[2])),
        sub.map(lambda x: A.LOld(S, x)),
        st.tuples(
            st.sampled_from(["len", "failed", "durable", "acc"]),
            st.lists(sub, min_size=1, max_size=2),
        ).map(lambda p: A.LCall(S, p[0], p[1])),
        st.lists(sub, max_size=2).map(
            lambda args: A.LHelping(S, A.OpRef(S, "Disk", "Write", args))
        ),
        st.tuples(loc, st.none() | sub).map(lambda p: A.LLease(S, p[0], p[1])),
        loc,
        st.tuples(sub, st.sampled_from(["f", "blocks"])).map(
            lambda p: A.LSelector(S, A.LIndex(S, _name("d"), p[0]), p[1])
        ),
    )


exprs = st.recursive(leaves, _extend, max_leaves=12)
