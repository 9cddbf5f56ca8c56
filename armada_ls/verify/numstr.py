"""`prims.UInt64ToString` (strconv.FormatUint(x, 10)) as a term, in code and in annotations.

An uninterpreted function with its facts at each use: an inverse (distinct numbers give
distinct strings, what callers building names rely on), as characters only digits (a file
name's validity), and as bytes exactly as many ASCII digits as the number has. Those facts
reach only the call they are about; a use under a quantifier (`forall u :: .. "u" +
prims.UInt64ToString(u) ..`) is every instance at once, so it marks the query (`QUANTIFIED`)
instead, and solver.py checks such a query twice: as it is (a proof there holds: it has
fewer facts), then with the function replaced by Z3's `str.from_int`, which means exactly
FormatUint for a natural number, injective under the quantifier too (a `sat` there is a
real counterexample). Z3's function is not used throughout: its reasoning made proofs of
loop invariants over directory names time out."""

from __future__ import annotations

import z3

from . import blocks
from .state import State

UINT64_TO_STRING = z3.Function("prims.UInt64ToString", z3.IntSort(), z3.StringSort())
_INVERSE = z3.Function("prims.UInt64ToString^-1", z3.StringSort(), z3.IntSort())


# a fact that is true (a marker): the query holds this function under a quantifier
QUANTIFIED = z3.Bool("prims.UInt64ToString under a quantifier")

_N = z3.Int("n")
# The inverse for every instance a quantified use makes (a name per user, `"user" + s(u)`):
# without it, that distinct numbers give distinct names under a quantifier was left to the
# exact second try, whose string reasoning is slow. True of FormatUint on the naturals.
INJECTIVE = z3.ForAll([_N], z3.Implies(_N >= 0, _INVERSE(UINT64_TO_STRING(_N)) == _N),
                      patterns=[UINT64_TO_STRING(_N)])


def exact(f: z3.ExprRef) -> z3.ExprRef:
    """f with the function replaced by its meaning (solver.py's second try)."""
    return z3.substitute_funs(f, (UINT64_TO_STRING, z3.IntToStr(z3.Var(0, z3.IntSort()))))


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
    # each fact once per path (State.byte_facts): a name built again (UserDir(box.user) in
    # every lock and crash invariant) made Mailboat's paths six times longer
    bound = _bound(x)
    key = INJECTIVE.get_id() if bound else out.get_id()
    if key in st.byte_facts:
        return out
    st.byte_facts = st.byte_facts | {key}
    if bound:  # a fact here would be about one constant that shares the variable's name
        st.assume(QUANTIFIED)
        st.assume(INJECTIVE)
        return out
    st.assume(_INVERSE(out) == x)
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
