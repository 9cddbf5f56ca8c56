"""The Z3 encoding of Goose values: sorts, ranges, fresh constants, wrapping arithmetic.

Integers of every width are Z3 `Int`s with range facts (`0 <= x < 2^bits`), never
bit-vectors: the solver then never has to rule out wrap-around inside a quantifier. Go's
wrapping is encoded explicitly where Go wraps (`+`, `-`, `*`, `<<`). Disk blocks (and every
`[]byte`, which the model treats as an immutable value) are an uninterpreted sort compared
by equality. Pointers are integers (`0` is nil).
"""

from __future__ import annotations

import itertools

import z3

from goose import types as T

BLOCK = z3.DeclareSort("Block")
PTR = z3.IntSort()
NIL = z3.IntVal(0)

_counter = itertools.count()


def fresh_name(hint: str) -> str:
    return f"{hint}!{next(_counter)}"


def restart_names() -> None:
    """Number fresh names from 0 again (at the start of each function): a query's text, and
    so Z3's search, then does not depend on what was verified before it in the process.
    Names repeat across functions, never within one, and no query mixes two functions."""
    global _counter
    _counter = itertools.count()


def int_bits(t: T.Type) -> int:
    t = T.underlying(t)
    if t in (T.UINT32,):
        return 32
    if t in (T.BYTE,):
        return 8
    return 64


def is_int(t: T.Type) -> bool:
    return T.is_integer(T.underlying(t))


def is_bytes(t: T.Type) -> bool:
    t = T.underlying(t)
    return isinstance(t, T.Slice) and t.elem == T.BYTE


def sort_of(t: T.Type) -> z3.SortRef:
    """The sort of a scalar value of type t (compound values have no single sort)."""
    t = T.underlying(t)
    if T.is_integer(t):
        return z3.IntSort()
    if t in (T.BOOL, T.UNTYPED_BOOL):
        return z3.BoolSort()
    if t in (T.STRING, T.UNTYPED_STRING):
        return z3.StringSort()
    if is_bytes(t) or (isinstance(t, T.Named) and t.pkg in ("disk", "twodisk") and t.name == "Block"):
        return BLOCK
    if isinstance(t, T.Pointer | T.Slice | T.Named) or t == T.UNTYPED_NIL:
        return PTR
    if isinstance(t, T.Map):
        return z3.ArraySort(sort_of(t.key), sort_of(t.value))
    raise Unsupported(f"values of type {t} are not supported by the verifier yet")


def go_sort(t: T.Type) -> z3.SortRef:
    """The sort of a Go value of type t: like `sort_of`, except that a map is a reference
    (a pointer to its heap contents), not an array."""
    if isinstance(T.underlying(t), T.Map):
        return PTR
    return sort_of(t)


class Unsupported(Exception):
    """A construct the verifier does not model: the function becomes UNKNOWN."""


def in_range(x: z3.ArithRef, bits: int = 64) -> z3.BoolRef:
    return z3.And(x >= 0, x < 2**bits)


def fresh(hint: str, sort: z3.SortRef) -> z3.ExprRef:
    return z3.Const(fresh_name(hint), sort)


def fresh_int(hint: str) -> z3.ArithRef:
    return z3.Int(fresh_name(hint))


def wrap(x: z3.ArithRef, bits: int) -> z3.ArithRef:
    """x modulo 2^bits, for x in (-2^bits, 2^(bits+1)): the common cases stay linear."""
    m = 2**bits
    return z3.If(x >= m, x - m, z3.If(x < 0, x + m, x))


BLEN = z3.Function("len_block", BLOCK, z3.IntSort())
ZEROS = z3.Function("zeros", z3.IntSort(), BLOCK)  # make([]byte, n); see blocks.py


def zero_block() -> z3.ExprRef:
    """A zeroed disk block (what a fresh disk holds, and the spec's zero block)."""
    return ZEROS(z3.IntVal(4096))
BLOCK_SIZE = 4096  # disk.BlockSize and twodisk.BlockSize


def arity(sort: z3.ArraySortRef) -> int:
    """How many indices an array sort takes."""
    return int(z3.Z3_get_array_arity(sort.ctx_ref(), sort.ast))


BITOPS = ("&", "|", "^", "&^", "<<", ">>")


def bitop(op: str, x: z3.ArithRef, y: z3.ArithRef, bits: int) -> z3.ArithRef:
    """Bitwise operators. With a constant operand the common ones stay integer arithmetic
    (`x >> k` is x / 2^k, `x << k` is x * 2^k mod 2^bits, `x & (2^k - 1)` is x mod 2^k),
    which the solver relates to `+` and `*` at once; the rest go through bit-vectors (exact;
    slower). A shift by `bits` or more gives 0, as in Go (and in bit-vector semantics)."""
    k = z3.simplify(y)
    if z3.is_int_value(k):
        n = k.as_long()
        if op == ">>":
            return x / (2**n) if n < bits else z3.IntVal(0)
        if op == "<<":
            return (x * 2**n) % (2**bits) if n < bits else z3.IntVal(0)
        if op == "&" and n >= 0 and (n + 1) & n == 0:  # a low mask 2^j - 1
            return x % (n + 1)
    c = z3.simplify(x)
    if op == "&" and z3.is_int_value(c) and (c.as_long() + 1) & c.as_long() == 0:
        return y % (c.as_long() + 1)
    if op in ("|", "^"):  # `lo | hi<<k` with lo < 2^k: the bits do not meet, so it is lo + hi<<k
        for lo, hi in ((x, y), (y, x)):
            k = _shifted_by(hi)
            if k is not None:
                return z3.If(lo < 2**k, lo + hi, _bv(op, x, y, bits))
    return _bv(op, x, y, bits)


def _shifted_by(t: z3.ArithRef) -> int | None:
    """k if t is `(z * 2^k) % 2^bits` (what `z << k` encodes to)."""
    if not (z3.is_app_of(t, z3.Z3_OP_MOD) and z3.is_app_of(t.arg(0), z3.Z3_OP_MUL)):
        return None
    for f in t.arg(0).children():
        if z3.is_int_value(f) and f.as_long() > 1 and f.as_long() & (f.as_long() - 1) == 0:
            return f.as_long().bit_length() - 1
    return None


def _bv(op: str, x: z3.ArithRef, y: z3.ArithRef, bits: int) -> z3.ArithRef:
    a, b = z3.Int2BV(x, bits), z3.Int2BV(y, bits)
    r = {"&": lambda: a & b, "|": lambda: a | b, "^": lambda: a ^ b, "&^": lambda: a & ~b,
         "<<": lambda: a << b, ">>": lambda: z3.LShR(a, b)}[op]()
    return z3.BV2Int(r, is_signed=False)
