"""`prims.UInt64ToString` (strconv.FormatUint(x, 10)) as a term, in code and in annotations:
an uninterpreted function with its facts at each use: an inverse (distinct numbers give
distinct strings, what callers building names rely on), as characters only digits (a file
name's validity), and as bytes exactly as many ASCII digits as the number has. A use under
a quantifier (`forall u :: .. "u" + prims.UInt64ToString(u) ..`) is an instance no fact about
one call reaches: there the inverse is an axiom for every number. (Z3's `str.from_int` means
exactly this function, but its reasoning made loop invariants over directory names time out;
the axiom, on every query, turned counterexamples into timeouts.)"""

from __future__ import annotations

import z3

from . import blocks, smt
from .state import State

UINT64_TO_STRING = z3.Function("prims.UInt64ToString", z3.IntSort(), z3.StringSort())
_INVERSE = z3.Function("prims.UInt64ToString^-1", z3.StringSort(), z3.IntSort())


def _axiom() -> z3.BoolRef:
    x = z3.Int("x")
    out = UINT64_TO_STRING(x)
    return z3.ForAll([x], z3.Implies(smt.in_range(x), _INVERSE(out) == x), patterns=[out])


AXIOM = _axiom()


BINDERS: list[list[z3.ExprRef]] = []  # the variables of the quantifiers being built


def _bound(x: z3.ExprRef) -> bool:
    ids = {c.get_id() for cs in BINDERS for c in cs}
    todo, seen = [x], set()
    while todo and ids:
        y = todo.pop()
        if y.get_id() in ids:
            return True
        if y.get_id() not in seen:
            seen.add(y.get_id())
            todo.extend(y.children())
    return False


def uint64_to_string(st: State, x: z3.ArithRef) -> z3.SeqRef:
    out = UINT64_TO_STRING(x)
    st.assume(AXIOM if _bound(x) else _INVERSE(out) == x)
    st.assume(z3.Length(out) > 0)
    for c in ("/", "\x00", "."):
        st.assume(z3.Not(z3.Contains(out, blocks.str_val(c))))
    digits: z3.ArithRef = z3.IntVal(20)
    for k in range(19, 0, -1):
        digits = z3.If(x < 10**k, k, digits)
    st.assume(blocks.slen(st, out) == digits)
    raw = blocks.to_bytes(st, out)
    for k in range(20):
        b = blocks.byte_at(st, raw, z3.IntVal(k))
        st.assume(z3.Implies(k < digits, z3.And(b >= 48, b <= 57)))
    return out
