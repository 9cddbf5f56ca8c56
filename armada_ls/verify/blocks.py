"""Byte slices and disk blocks with contents.

A `[]byte` (and so `disk.Block`, `twodisk.Block`) is a value of the uninterpreted sort
`Block`: code that only moves blocks never looks inside, and the replicated disk stays as
fast as before. Building a block from others gives a term of one of these functions:

    zeros(n)              make([]byte, n)        sub(b, lo, hi)      b[lo:hi]
    set_byte(b, i, v)     b[i] = v               put64(b, o, x)      prims.UInt64Put(b[o:], x)
    concat(b, c)          append(b, c...)        extend(b, k)        k more bytes (append)
    copied(d, o, s, n)    copy(d[o:], s)         bytes_of(s)         []byte(s)

Reading a block (its length, byte i, the little-endian uint64 at o) evaluates the term
structurally (`blen`, `byte_at`, `get64`) down to the blocks nothing is known about (a disk
read, a parameter), which are read through uninterpreted `len_block`, `byte_at` and `get64`
with range facts and, where a uint64 is read from such a block and its bytes are read too, the
link between them. No quantified axiom is ever added: a quantifier that builds new blocks
forces an infinite model, and a failing obligation would come back `unknown` instead of
`sat` (measured: `forall n: len(zeros(n)) == n` alone made a one-line out-of-bounds query
time out). Extensionality (equal lengths and bytes make equal blocks) is not assumed: blocks
are compared as values, with ground instances of it where a block is cut or glued
(`_same_bytes`: `b[i:i]` is empty, `b[0:len(b)]` is b, `b[lo:mid]` then `b[mid:hi]` is
`b[lo:hi]`), which is what a chunked copy of a message into a file needs.

Value semantics is exact only while no two variables share a backing array: `mutable`
decides, per function, which byte-slice locals may be written in place (created fresh in
the function and never handed anywhere that could keep an alias); writing any other byte
slice is UNKNOWN, never guessed at.

A parameter is *borrowed* (`Callees`) when the function keeps no alias of its array: it is
never reassigned, never returned, stored, captured or handed to a goroutine, and passed on
only to borrowed parameters. A borrowed parameter may be written in place like a fresh
local (the caller hands over an array nobody else can see: calls.py checks it), and its
value at return is the caller's array afterwards (`ensures` says what it holds). A caller's
local passed to a borrowed parameter stays writable afterwards.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import z3
from z3 import z3core

from goose import ir
from goose import types as T

from . import smt
from .state import State

BLOCK = smt.BLOCK
BLEN = smt.BLEN
INT = z3.IntSort()
BYTE_AT = z3.Function("byte_at", BLOCK, INT, INT)
GET64 = z3.Function("get64", BLOCK, INT, INT)
ZEROS = smt.ZEROS
SUB = z3.Function("sub", BLOCK, INT, INT, BLOCK)
SETB = z3.Function("set_byte", BLOCK, INT, INT, BLOCK)
PUT64 = z3.Function("put64", BLOCK, INT, INT, BLOCK)
CONCAT = z3.Function("concat", BLOCK, BLOCK, BLOCK)
EXTEND = z3.Function("extend", BLOCK, INT, BLOCK)
COPIED = z3.Function("copied", BLOCK, INT, BLOCK, INT, BLOCK)
STR = z3.Function("string_of", BLOCK, z3.StringSort())
BYTES = z3.Function("bytes_of", z3.StringSort(), BLOCK)


R = TypeVar("R")

# Z3's largest character (SMT-LIB's \u{...} escapes stop there)
_MAX_CHAR = 0x2FFFF


def str_val(s: str) -> z3.SeqRef:
    """A Go string constant as a Z3 string of exactly its characters. (z3.StringVal passes
    a backslash on to Z3's escape syntax, so the six bytes of the Go string `\\u{41}` became "A".)"""
    if any(ord(c) > _MAX_CHAR for c in s):
        raise smt.Unsupported(f"a string constant with a character above U+{_MAX_CHAR:X}")
    ctx = z3.main_ctx()
    cps = (ctypes.c_uint * len(s))(*(ord(c) for c in s))
    return z3.SeqRef(z3core.Z3_mk_u32string(ctx.ref(), len(s), cps), ctx)


def str_text(s: z3.SeqRef) -> str:
    """The characters of a Z3 string value (`as_string` gives Z3's escaped spelling for
    some, e.g. a backslash)."""
    ctx = s.ctx
    n = z3core.Z3_get_string_length(ctx.ref(), s.as_ast())
    cps = (ctypes.c_uint * n)()
    z3core.Z3_get_string_contents(ctx.ref(), s.as_ast(), n, cps)
    return "".join(chr(c) for c in cps)


def _is(t: z3.ExprRef, f: z3.FuncDeclRef) -> bool:
    """t applies f. (Through the C API: the reads below ask this of every term they walk,
    and z3.is_app with decl().eq built and freed three Python wrappers a test.)"""
    ctx, a = t.ctx_ref(), t.as_ast()
    if z3core.Z3_get_ast_kind(ctx, a) != z3.Z3_APP_AST:
        return False
    return z3core.Z3_is_eq_func_decl(ctx, z3core.Z3_get_app_decl(ctx, a), f.ast)


def _stored(b: z3.ExprRef) -> z3.ExprRef | None:
    """A read of a durable array after writes (`Store(D, a, v)[i]`), of a zeroed disk
    (`K(v)[i]`) or of a lambda as the cases of the values it may be, or None."""
    if not z3.is_select(b):
        return None
    arr, idx = b.arg(0), b.arg(1)
    while z3.is_store(arr):
        # writes to other constant addresses (the log's blocks under the header) are passed
        # by: each case left in costs a read of a block written there
        same = z3.simplify(idx == arr.arg(1))
        if z3.is_true(same):
            return arr.arg(2)
        if not z3.is_false(same):
            return z3.If(idx == arr.arg(1), arr.arg(2), z3.Select(arr.arg(0), idx))
        arr = arr.arg(0)
        if not (z3.is_store(arr) or z3.is_const_array(arr)):
            return z3.Select(arr, idx)
    if z3.is_const_array(arr):
        return arr.arg(0)
    if z3.is_quantifier(arr) and arr.is_lambda() and arr.num_vars() == 1:
        # a frame over a fresh array (filesys.keep_sealed): its cases, as for a store
        return z3.substitute_vars(arr.body(), idx)
    return None


# ---------------------------------------------------------------- building blocks


def zeros(st: State, n: z3.ExprRef) -> z3.ExprRef:
    return ZEROS(n)


def sub(st: State, b: z3.ExprRef, lo: z3.ExprRef, hi: z3.ExprRef) -> z3.ExprRef:
    """b[lo:hi], with the two equalities that make slicing usable as a value (`_same_bytes`):
    an empty slice is the empty block, and b[0:len(b)] is b."""
    t = SUB(b, lo, hi)
    _same_bytes(st, z3.Implies(lo == hi, t == ZEROS(z3.IntVal(0))))
    _same_bytes(st, z3.Implies(z3.And(lo == 0, hi == blen(st, b)), t == b))
    return t


def _same_bytes(st: State, f: z3.BoolRef) -> None:
    """An instance of extensionality (blocks of the same length and bytes are equal) for a
    term being built: a ground implication, true of every block, so it may go on any path
    like a `fact`. Extensionality itself is a quantifier that builds blocks (see the module
    comment), so only these instances are given: slicing at the ends, and appending a slice
    of c to a prefix of c, which is how a file is written from a message in chunks
    (`concat` below): the file is then known equal to the message, not only byte for byte."""
    fact(st, f)


def set_byte(st: State, b: z3.ExprRef, i: z3.ExprRef, v: z3.ExprRef) -> z3.ExprRef:
    return SETB(b, i, v)


def put64(st: State, b: z3.ExprRef, o: z3.ExprRef, x: z3.ExprRef) -> z3.ExprRef:
    return PUT64(b, o, x)


def put32(st: State, b: z3.ExprRef, o: z3.ExprRef, x: z3.ExprRef) -> z3.ExprRef:
    """b with the four little-endian bytes of the uint32 x at o."""
    for k in range(4):
        b = SETB(b, o + k, (x / 256**k) % 256)
    return b


def to_bytes(st: State, s: z3.ExprRef) -> z3.ExprRef:
    if _is(s, STR):
        return s.arg(0)  # []byte(string(b)) has b's bytes
    return BYTES(s)


def to_string(st: State, b: z3.ExprRef) -> z3.ExprRef:
    if _is(b, BYTES):
        return b.arg(0)
    return STR(b)


def _ascii_const(s: z3.ExprRef) -> bool:
    """s is a string constant of ASCII characters (Z3's characters are then its bytes)."""
    return z3.is_string_value(s) and str_text(s).encode().isascii()


def substring(st: State, s: z3.ExprRef, lo: z3.ExprRef, hi: z3.ExprRef) -> z3.ExprRef:
    """s[lo:hi] of a Go string (bytes lo to hi, within s): a constant when all three are
    constants and the string is ASCII (so Z3's characters are its bytes), else the string of
    the sub-block."""
    lo, hi = z3.simplify(lo), z3.simplify(hi)
    if z3.is_string_value(s) and z3.is_int_value(lo) and z3.is_int_value(hi):
        raw = str_text(s).encode()
        a, b = lo.as_long(), hi.as_long()
        if raw.isascii() and 0 <= a <= b <= len(raw):
            return str_val(raw[a:b].decode())
    if _ascii_const(s):
        # an ASCII constant: Z3's characters are its bytes, so the substring is exact (and
        # what it contains is known: "msg" + zeros[len(d):] + d names a valid file)
        return z3.SubString(s, lo, hi - lo)
    return to_string(st, SUB(to_bytes(st, s), lo, hi))


def appended(st: State, b: z3.ExprRef, tail: list[z3.ExprRef] | z3.ExprRef) -> z3.ExprRef:
    """append(b, x...) as a new value: b's bytes, then the tail's (bytes, or a block)."""
    if not isinstance(tail, list):
        return concat(st, b, tail)
    n = blen(st, b)
    c = EXTEND(b, z3.IntVal(len(tail)))
    for k, x in enumerate(tail):
        c = SETB(c, n + k, x)
    return c


def concat(st: State, b: z3.ExprRef, tail: z3.ExprRef) -> z3.ExprRef:
    """b's bytes, then tail's. Appending nothing, or to nothing, is the other block; and
    appending c[mid:hi] to c[lo:mid] gives c[lo:hi] (with `sub`'s equalities: a loop that
    appends message[off:end] to a file holding message[:off] leaves message[:end] there, and
    after the last chunk the message itself)."""
    c = CONCAT(b, tail)
    _same_bytes(st, z3.Implies(blen(st, tail) == 0, c == b))
    _same_bytes(st, z3.Implies(blen(st, b) == 0, c == tail))
    if _is(tail, SUB):
        s, mid, hi = tail.arg(0), tail.arg(1), tail.arg(2)
        lo = b.arg(1) if _is(b, SUB) and b.arg(0).eq(s) and b.arg(2).eq(mid) else z3.IntVal(0)
        whole = sub(st, s, lo, hi)
        _same_bytes(st, z3.Implies(z3.And(b == SUB(s, lo, mid), 0 <= lo, lo <= mid, mid <= hi,
                                          hi <= blen(st, s)), c == whole))
    return c


def copied(st: State, dst: z3.ExprRef, off: z3.ExprRef, src: z3.ExprRef, n: z3.ExprRef) -> z3.ExprRef:
    """dst with src's first n bytes copied in at off (copy(dst[off:], src))."""
    return COPIED(dst, off, src, n)


# ---------------------------------------------------------------- reading blocks


def blen(st: State, b: z3.ExprRef) -> z3.ArithRef:
    """len(b)."""
    if (c := _stored(b)) is not None:
        return blen(st, c)
    if _is(b, ZEROS):
        return b.arg(0)
    if _is(b, SETB) or _is(b, PUT64) or _is(b, COPIED):
        return blen(st, b.arg(0))
    if _is(b, SUB):
        return b.arg(2) - b.arg(1)
    if _is(b, CONCAT):
        return blen(st, b.arg(0)) + blen(st, b.arg(1))
    if _is(b, EXTEND):
        return blen(st, b.arg(0)) + b.arg(1)
    if _is(b, BYTES):
        return slen(st, b.arg(0))
    if z3.is_app_of(b, z3.Z3_OP_ITE):
        return z3.If(b.arg(0), blen(st, b.arg(1)), blen(st, b.arg(2)))
    t = BLEN(b)
    fact(st, z3.And(t >= 0, t < 2**63))  # a length is a Go int
    return t


SLEN = z3.Function("len_string", z3.StringSort(), INT)


def slen(st: State, s: z3.ExprRef) -> z3.ArithRef:
    """len(s) of a Go string: its UTF-8 bytes (Z3's strings count characters)."""
    if z3.is_string_value(s):
        return z3.IntVal(len(str_text(s).encode()))
    if z3.is_app_of(s, z3.Z3_OP_SEQ_EXTRACT) and _ascii_const(s.arg(0)):
        return z3.Length(s)  # a substring of an ASCII constant (`substring`): one byte a character
    if z3.is_app_of(s, z3.Z3_OP_SEQ_CONCAT):
        return z3.Sum([slen(st, c) for c in s.children()])
    if z3.is_app_of(s, z3.Z3_OP_ITE):
        return z3.If(s.arg(0), slen(st, s.arg(1)), slen(st, s.arg(2)))
    if _is(s, STR):
        return blen(st, s.arg(0))  # len(string(b)) == len(b)
    t = SLEN(s)
    n = z3.Length(s)
    fact(st, z3.And(t >= n, t <= 4 * n, t < 2**63))  # 1 to 4 bytes a character
    return t


def _byte_of(x: z3.ArithRef, k: z3.ArithRef) -> z3.ArithRef:
    """Byte k (0..7) of a uint64, little-endian."""
    out: z3.ArithRef = (x / 256**7) % 256
    for j in range(6, -1, -1):
        out = z3.If(k == j, (x / 256**j) % 256, out)
    return out


def byte_at(st: State, b: z3.ExprRef, i: z3.ExprRef) -> z3.ArithRef:
    """b[i] (0..255), for i within b."""
    if (c := _stored(b)) is not None:
        return byte_at(st, c, i)
    if _is(b, ZEROS):
        return z3.IntVal(0)
    if _is(b, SETB):
        return z3.If(i == b.arg(1), b.arg(2), byte_at(st, b.arg(0), i))
    if _is(b, SUB):
        return byte_at(st, b.arg(0), b.arg(1) + i)
    if _is(b, PUT64):
        o = b.arg(1)
        return z3.If(z3.And(i >= o, i < o + 8), _byte_of(b.arg(2), i - o), byte_at(st, b.arg(0), i))
    if _is(b, CONCAT):
        n = blen(st, b.arg(0))
        return z3.If(i < n, byte_at(st, b.arg(0), i), byte_at(st, b.arg(1), i - n))
    if _is(b, EXTEND):
        return byte_at(st, b.arg(0), i)  # the new bytes are set right after (appended)
    if _is(b, COPIED):
        d, o, src, n = b.arg(0), b.arg(1), b.arg(2), b.arg(3)
        return z3.If(z3.And(i >= o, i < o + n), byte_at(st, src, i - o), byte_at(st, d, i))
    if z3.is_app_of(b, z3.Z3_OP_ITE):
        return z3.If(b.arg(0), byte_at(st, b.arg(1), i), byte_at(st, b.arg(2), i))
    links_on(st)
    if _is(b, BYTES) and z3.is_string_value(b.arg(0)):  # a constant string's bytes
        raw = str_text(b.arg(0)).encode()
        t = BYTE_AT(b, i)  # beyond the string (an annotation may ask): unknown
        fact(st, z3.And(t >= 0, t < 256))
        out: z3.ArithRef = t
        for k in range(len(raw) - 1, -1, -1):
            out = z3.If(i == k, raw[k], out)
        return out
    t = BYTE_AT(b, i)
    fact(st, z3.And(t >= 0, t < 256))
    return t


def le_value(st: State, b: z3.ExprRef, o: z3.ExprRef, n: int = 8) -> z3.ArithRef:
    """The unsigned number whose little-endian bytes are b[o:o+n]."""
    return z3.Sum([byte_at(st, b, o + k) * 256**k for k in range(n)])


def _bytes_value(st: State, b: z3.ExprRef, o: z3.ExprRef) -> z3.ArithRef:
    """The uint64 whose little-endian bytes are b[o:o+8]: x itself when they are byte(x),
    byte(x >> 8), ..., byte(x >> 56) (a record built byte by byte; the solver does not find
    that sum of digits on its own), else the sum of the bytes."""
    digits = [z3.simplify(byte_at(st, b, o + k)) for k in range(8)]
    x = None
    for k, t in enumerate(digits):
        if not (z3.is_app_of(t, z3.Z3_OP_MOD) and _is_num(t.arg(1), 256)):
            break
        d = t.arg(0)
        if k > 0:
            if not (z3.is_app_of(d, z3.Z3_OP_IDIV) and _is_num(d.arg(1), 256**k)):
                break
            d = d.arg(0)
        if x is None:
            x = d
        elif not d.eq(x):
            break
    else:
        assert x is not None
        return x % 2**64  # the digits of x mod 2^64 (floor division: any integer x)
    return z3.Sum([t * 256**k for k, t in enumerate(digits)])


def _is_num(t: z3.ExprRef, n: int) -> bool:
    return z3.is_int_value(t) and t.as_long() == n


# get64 of the same block term is asked for again and again (a pure function over a header
# block unfolds at every crash point): the term is remembered (`remembered`); cleared per
# function (`reset`).
_memo: dict[tuple[int, tuple[int, ...]], tuple[object, tuple[z3.ExprRef, ...], Any, list[object]]] = {}
_collecting: list[list[object]] = []


def reset() -> None:
    _memo.clear()
    _entailed.clear()


def get64(st: State, b: z3.ExprRef, o: z3.ExprRef | None = None) -> z3.ArithRef:
    """prims.UInt64Get(b[o:]): the little-endian uint64 at o (o + 8 <= len(b))."""
    o = z3.IntVal(0) if o is None else o
    return remembered(_memo, GET64, (b, o), st, lambda: _get64(st, b, o))


def remembered(memo: dict, tag: object, terms: tuple[z3.ExprRef, ...], st: State,
               compute: Callable[[], R]) -> R:
    """compute(), a term of `terms` alone, remembered in memo under tag and the terms: met
    again on another path, its term is given again with what it put on the first path
    (`collecting`) replayed on st's. Facts about unknown blocks are true of every block, so
    they may go on any path; a computation that put anything else on its path is not
    remembered. An entry keeps its terms alive, so their ids are not reused while it lasts."""
    key = (id(tag), tuple(t.get_id() for t in terms))
    hit = memo.get(key)
    if hit is not None and hit[0] is tag and all(x.eq(t) for x, t in zip(hit[1], terms, strict=True)):
        for item in hit[3]:
            replay(st, item)
        return hit[2]
    path, n = st.path, len(st.path)
    with collecting() as items:
        r = compute()
    ids = {f.get_id() for f in items if isinstance(f, z3.ExprRef)}
    if st.path is path and all(f.get_id() in ids for f in st.path[n:]):
        memo[key] = (tag, terms, r, items)
    return r


@contextmanager
def collecting() -> Iterator[list[object]]:
    """What the block puts on the path (`fact`s, word reads, links turned on), listed: a
    term remembered with them gets them again on each path that asks (`replay`); nested
    inside another's, they are the outer's too."""
    facts: list[object] = []
    _collecting.append(facts)
    try:
        yield facts
    finally:
        _collecting.pop()
        if _collecting:
            _collecting[-1].extend(facts)


def _get64(st: State, b: z3.ExprRef, o: z3.ExprRef) -> z3.ArithRef:
    if (c := _stored(b)) is not None:
        return get64(st, c, o)
    if _is(b, ZEROS):
        return z3.IntVal(0)
    if _is(b, SUB):
        return get64(st, b.arg(0), b.arg(1) + o)
    if _is(b, PUT64):
        p, x = b.arg(1), b.arg(2)
        apart = z3.Or(o + 8 <= p, o >= p + 8)
        return z3.If(o == p, x, z3.If(apart, get64(st, b.arg(0), o), _bytes_value(st, b, o)))
    if _is(b, SETB):
        j = b.arg(1)
        return z3.If(z3.Or(j < o, j >= o + 8), get64(st, b.arg(0), o), _bytes_value(st, b, o))
    if _is(b, CONCAT):  # a uint64 appended whole (enc.Append64) is read back whole
        n = blen(st, b.arg(0))
        left = z3.If(o + 8 <= n, get64(st, b.arg(0), o), _bytes_value(st, b, o))
        return z3.If(o >= n, get64(st, b.arg(1), o - n), left)
    if _is(b, COPIED):  # a uint64 copied in whole (enc.PutBytes) is read back whole
        d, p, src, n = b.arg(0), b.arg(1), b.arg(2), b.arg(3)
        inside = z3.And(o >= p, o + 8 <= p + n)
        apart = z3.Or(o + 8 <= p, o >= p + n)
        return z3.If(inside, get64(st, src, o - p),
                     z3.If(apart, get64(st, d, o), _bytes_value(st, b, o)))
    if _is(b, EXTEND):
        return _bytes_value(st, b, o)
    if z3.is_app_of(b, z3.Z3_OP_ITE):
        return z3.If(b.arg(0), get64(st, b.arg(1), o), get64(st, b.arg(2), o))
    t = GET64(b, o)
    fact(st, z3.And(t >= 0, t < 2**64))
    at = z3.simplify(o)
    word_read(st, Word(b, o, t, at.as_long() if z3.is_int_value(at) else None))
    return t


# A uint64 read from an unknown block is its 8 bytes, little-endian. That link (eight byte
# reads with their ranges) is put on the path only once it can matter: when the path reads
# single bytes of unknown blocks, or two words that may overlap. Until then every model
# extends to one with the links: the words sit at constant offsets 8 or more apart (or at
# the same one), so their byte ranges are disjoint and the bytes can be chosen to spell
# them, and nothing else constrains `byte_at` of an unknown block. Measured on
# proofs/walhost, whose pure header decoders read three words at every crash point and
# never a byte: the links were a third of its verification time.


@dataclass(frozen=True)
class Word:
    b: z3.ExprRef
    o: z3.ExprRef
    t: z3.ArithRef
    at: int | None  # the offset when it is a constant


def _link(st: State, w: Word) -> None:
    fact(st, w.t == le_value(st, w.b, w.o))


_LINKS_ON = "links on"  # a memo entry's mark: its evaluation read bytes


def word_read(st: State, w: Word) -> None:
    if _collecting:
        _collecting[-1].append(w)
    if st.words is None or _is(w.b, BYTES):  # a string's bytes may be constants: link now
        _link(st, w)
        return
    key = w.t.get_id()
    if key in st.words:
        return
    st.words = {**st.words, key: w}  # a new dict: forks share the old one
    if w.at is None or any(v.at is None or 0 < abs(v.at - w.at) < 8 for v in st.words.values()):
        links_on(st)


def links_on(st: State) -> None:
    """From here on the path knows each word read from an unknown block is its bytes."""
    if st.words is None:
        return
    if _collecting:
        _collecting[-1].append(_LINKS_ON)
    pending, st.words = st.words, None
    for w in pending.values():
        _link(st, w)


def replay(st: State, item: object) -> None:
    """Puts what a remembered evaluation put on its path (`collecting`) on st's."""
    if isinstance(item, Word):
        word_read(st, item)
    elif item is _LINKS_ON:
        links_on(st)
    else:
        fact(st, item)  # type: ignore[arg-type]


# ---------------------------------------------------------------- reads in annotations


def _known(c: z3.BoolRef, b: z3.ExprRef | None = None, st: State | None = None) -> bool:
    """Whether c (that a read lies within block b) holds: by simplification, or, for a
    block the function was handed (a parameter, a callee's written one: a constant under
    its writes), on st's path. A read in an annotation of a slice whose length the
    contract bounds (`requires len(b) >= 16`) is then the plain read: the case split for
    bytes past the end, with its divisions of the written values, made a failing query
    take seconds to find its model."""
    if z3.is_true(z3.simplify(c)):
        return True
    if st is None or b is None or not _handed(b):
        return False
    key = (c.get_id(), id(st.path), len(st.path))
    hit = _entailed.get(key)
    if hit is None or not hit[0].eq(c):
        s = z3.Solver()
        s.set("timeout", 200)  # unknown: not known, the read keeps its case split
        s.add(*st.path)
        s.add(z3.Not(c))
        hit = _entailed[key] = (c, st.path, s.check() == z3.unsat)
    return hit[2]


_entailed: dict[tuple[int, int, int], tuple[z3.BoolRef, list[z3.BoolRef], bool]] = {}


def _handed(b: z3.ExprRef) -> bool:
    """b is a block constant (not a disk's) under sub-slices and writes."""
    while z3.is_app(b) and any(_is(b, f) for f in (SUB, SETB, PUT64, COPIED, CONCAT, EXTEND)):
        b = b.arg(0)
    return z3.is_const(b) and b.sort() == BLOCK and b.decl().kind() == z3.Z3_OP_UNINTERPRETED


def byte_in(st: State, b: z3.ExprRef, i: z3.ExprRef) -> z3.ArithRef:
    """b[i] in an annotation: 0 past either end. Code never reads there (each read is a
    safety obligation), but an annotation may, and then its value must be a function of the
    Go value (its length and bytes): the structural read alone would give different values
    for one value built two ways (b[0:4][5] is b[5]), so a proof could lean on a byte no
    execution has."""
    inside = z3.And(i >= 0, i < blen(st, b))
    # an annotation's sub-slice may reach past its base's end: read the base the same way
    inner = byte_in(st, b.arg(0), b.arg(1) + i) if _is(b, SUB) else byte_at(st, b, i)
    if _known(inside, b, st):
        return inner
    return z3.If(inside, inner, 0)


def get64_in(st: State, b: z3.ExprRef, o: z3.ExprRef | None = None) -> z3.ArithRef:
    """The little-endian uint64 at o in an annotation: bytes past the end count as 0."""
    o = z3.IntVal(0) if o is None else o
    inside = z3.And(o >= 0, o + 8 <= blen(st, b))
    inner = get64_in(st, b.arg(0), b.arg(1) + o) if _is(b, SUB) else get64(st, b, o)
    if _known(inside, b, st):
        return inner
    return z3.If(inside, inner, z3.Sum([byte_in(st, b, o + k) * 256**k for k in range(8)]))


def fact(st: State, f: z3.BoolRef) -> None:
    """A fact about a read of an unknown block: true of every block, so it may go on the
    path whenever the read is built (a term seen twice gets the fact once)."""
    if _collecting:
        _collecting[-1].append(f)
    key = f.get_id()
    if key not in st.byte_facts:
        st.byte_facts = st.byte_facts | {key}
        st.path.append(f)


# ---------------------------------------------------------------- which locals may be written


FRESH_CALLS = {("disk", "Read"), ("twodisk", "Read"), ("enc", "GetBytes"), ("filesys", "ReadAt")}  # the machine returns a copy
# machine calls copy what they are given (enc.Put64/PutBytes write into their first
# argument, which the call itself requires to be writable; enc.Append64 is an append)
COPYING_CALLS = {"disk", "twodisk", "prims", "enc", "filesys"}  # filesys.Append copies


@dataclass(frozen=True)
class Callees:
    """What the package's own functions do with the byte slices handed to them: `pure` ones
    only read them; a parameter in `borrowed` (qualified name, index) keeps no alias of its
    array, one in `written` may also write into it."""

    pure: frozenset[str] = frozenset()
    borrowed: frozenset[tuple[str, int]] = field(default_factory=frozenset)
    written: frozenset[tuple[str, int]] = field(default_factory=frozenset)


def is_local_call(c: ir.Call) -> bool:
    return c.pkg == "" and c.name != "" and c.recv_type not in ("sync.Mutex", "sync.Cond")


def callees(pkg: ir.Package, pure: frozenset[str]) -> Callees:
    """The borrowed parameters (the largest set each of whose uses keeps no alias, passing
    one on only to borrowed parameters), then which of them are written (directly, or by
    passing them on to a written parameter)."""
    # a pure function returning a byte slice may return a view of its argument (b[0:8]):
    # its calls keep an alias like any other's
    pure = frozenset(q for q in pure if q in pkg.funcs and
                     not any(is_bytes(t) for t in pkg.funcs[q].results))
    cands = {(q, i) for q, fn in pkg.funcs.items() if not fn.synthetic and q not in pure
             for i, p in enumerate(fn.params) if is_bytes(p.type) and not p.boxed}
    while True:
        c = Callees(pure, frozenset(cands))
        bad = {(q, i) for q, i in cands if not _borrows(pkg.funcs[q], pkg.funcs[q].params[i].name, c)}
        if not bad:
            break
        cands -= bad
    borrowed, written = frozenset(cands), set[tuple[str, int]]()
    while True:
        c = Callees(pure, borrowed, frozenset(written))
        more = {(q, i) for q, i in borrowed - written
                if _writes_in(pkg.funcs[q].body, pkg.funcs[q].params[i].name, c)}
        if not more:
            return c
        written |= more


def _borrows(fn: ir.FuncDecl, name: str, c: Callees) -> bool:
    """Parameter `name` of fn is never reassigned and no use of it keeps an alias."""
    for s in ir.walk(fn.body):
        if isinstance(s, ir.Assign) and any(isinstance(p, ir.VarPlace) and p.name == name
                                            for p in s.places):
            return False
        if isinstance(s, ir.Define) and any(n == name and not (s.new[k] if k < len(s.new) else True)
                                            for k, n in enumerate(s.names)):
            return False
    parents = {id(ch): (par, how) for par, ch, how in _uses(fn)}
    for _par, ch, _how in _uses(fn):
        if isinstance(ch, ir.Var) and ch.name == name:
            if ch.boxed or not _safe_use(ch, parents, set(), c, param=True):
                return False
    return True


def _is_append(e: object) -> bool:
    """append(b, ...) or enc.Append64(b, x): may write into b's array past its length."""
    if isinstance(e, ir.Builtin):
        return e.name in ("append", "append...")
    return isinstance(e, ir.Call) and e.pkg == "enc" and e.name == "Append64" and not e.recv_type


def is_bytes(t: object) -> bool:
    return t is not None and smt.is_bytes(t)  # type: ignore[arg-type]


def _fresh_value(e: ir.Expr, name: str) -> bool:
    """A value that shares no backing array with anything else."""
    if isinstance(e, ir.Builtin) and e.name == "make":
        return True
    if _is_append(e) and isinstance(e.args[0], ir.Var) and e.args[0].name == name:
        return True  # b = append(b, ...): b's own array, or a fresh one
    if isinstance(e, ir.Convert) and T.underlying(e.x.type) in (T.STRING, T.UNTYPED_STRING):
        return True
    if isinstance(e, ir.Call) and (e.pkg, e.name) in FRESH_CALLS and not e.recv_type:
        return True
    return isinstance(e, ir.Nil)


def fresh_temporary(e: ir.Expr) -> bool:
    """An argument nobody else can see (make, a disk read, []byte(s)): a callee may write
    into it and nothing needs to change."""
    return not isinstance(e, ir.Nil) and _fresh_value(e, "")


def mutable(fn: ir.FuncDecl, pure: Callees = Callees()) -> frozenset[str]:
    """The byte-slice locals of fn that may be written in place: every value they get is
    fresh, and every use of them reads, writes or copies without keeping an alias (a call
    of a `pure` function keeps none, nor does passing one to a borrowed parameter); and
    fn's borrowed parameters."""
    cache = fn.__dict__.setdefault("_armada_mutable_bytes", {})
    if "v" in cache and cache.get("body") is fn.body and cache.get("pure") == pure:
        return cache["v"]  # (a relocated copy of fn has a new body)
    cache.clear()
    cache["body"], cache["pure"] = fn.body, pure
    params = {p.name for p in fn.params} | ({fn.recv.name} if fn.recv else set())
    lent = {p.name for i, p in enumerate(fn.params) if (fn.qualified, i) in pure.borrowed}
    ok: dict[str, bool] = {}

    def bad(n: str) -> None:
        ok[n] = False

    def note(n: str, good: bool) -> None:
        ok[n] = ok.get(n, True) and good

    for s in ir.walk(fn.body):
        if isinstance(s, ir.Define):
            single = len(s.values) == len(s.names)
            # v, ok := twodisk.Read(..): the block is a fresh copy
            tuple_read = len(s.values) == 1 and len(s.names) > 1 and _fresh_value(s.values[0], "")
            for i, (n, t) in enumerate(zip(s.names, s.types, strict=False)):
                if is_bytes(t):
                    boxed = s.boxed[i] if i < len(s.boxed) else False
                    note(n, not boxed and (not s.values or tuple_read or
                                           (single and _fresh_value(s.values[i], n))))
        elif isinstance(s, ir.Assign):
            single = len(s.values) == len(s.places) and not s.op
            for i, p in enumerate(s.places):
                if isinstance(p, ir.VarPlace) and is_bytes(p.type):
                    note(p.name, not p.boxed and single and _fresh_value(s.values[i], p.name))
    for n in params:
        if n in lent:
            note(n, True)
        else:
            bad(n)
    parents: dict[int, tuple[object, str]] = {}
    back: set[int] = set()  # appends whose result goes back to the slice they extend
    for parent, child, how in _uses(fn):
        parents[id(child)] = (parent, how)
        if isinstance(parent, ir.Define | ir.Assign) and how == "values":
            names = parent.names if isinstance(parent, ir.Define) else [
                p.name if isinstance(p, ir.VarPlace) else "" for p in parent.places]
            i = next((k for k, x in enumerate(parent.values) if x is child), -1)
            if _is_append(child) and \
                    0 <= i < len(names) and isinstance(child.args[0], ir.Var) and \
                    child.args[0].name == names[i] and len(parent.values) == len(names):
                back.add(id(child))
    for _parent, child, _how in _uses(fn):
        if isinstance(child, ir.Var) and is_bytes(child.type):
            if child.boxed or not _safe_use(child, parents, back, pure, param=child.name in lent):
                bad(child.name)
    out = frozenset(n for n, good in ok.items() if good)
    cache["v"] = out
    cache["back"] = frozenset(back | {id(c) for p, c, how in _uses(fn)
                                      if isinstance(p, ir.Return) and _is_append(c)})
    return out


def append_in_place_ok(fn: ir.FuncDecl, e: ir.Builtin | ir.Call, pure: Callees = Callees()) -> bool:
    """Go's append writes into its first argument's array when it has spare capacity, so
    it is a write: exact only for `b = append(b, ...)` (or `return append(b, ...)`) on a
    byte slice b that may be written (`mutable`)."""
    first = e.args[0]
    if not (isinstance(first, ir.Var) and first.name in mutable(fn, pure)):
        return False
    return id(e) in fn.__dict__["_armada_mutable_bytes"]["back"]


def _uses(fn: ir.FuncDecl):  # type: ignore[no-untyped-def]
    """(parent, child, field name) for every node of fn's body."""
    import dataclasses

    stack: list[object] = list(fn.body)
    while stack:
        n = stack.pop()
        if not isinstance(n, ir.Expr | ir.Place | ir.Stmt):
            continue
        for f in dataclasses.fields(n):
            v = getattr(n, f.name)
            for c in (v if isinstance(v, list) else [v]):
                c = c[1] if isinstance(c, tuple) and len(c) == 2 and not isinstance(c[0], ir.Expr) else c
                if isinstance(c, ir.Expr | ir.Place | ir.Stmt):
                    yield n, c, f.name
                    stack.append(c)


def _safe_use(node: ir.Expr, parents: dict[int, tuple[object, str]], back: set[int],
              pure: Callees, param: bool = False) -> bool:
    """A use of a byte slice (or of a sub-slice of it) that keeps no alias of its array
    (`param`: a borrowed parameter, which may not even be returned)."""
    parent, how = parents.get(id(node), (None, ""))
    if isinstance(parent, ir.Call) and parent.qualified in pure.pure:
        return True  # a pure function only reads its arguments
    if isinstance(parent, ir.Call) and how == "args" and is_local_call(parent):
        # lent for the call only: not to a goroutine, nor to a call run later
        if isinstance(parents.get(id(parent), (None, ""))[0], ir.Go | ir.Defer):
            return False
        i = next((k for k, a in enumerate(parent.args) if a is node), -1)
        return (parent.qualified, i) in pure.borrowed
    if isinstance(parent, ir.Index | ir.IndexPlace) and how == "x":
        return True
    if isinstance(parent, ir.SliceExpr) and how == "x":
        return _safe_use(parent, parents, back, pure, param)  # b[lo:hi] is as safe as its own use
    if isinstance(parent, ir.Builtin) and parent.name in ("len", "cap", "copy"):
        return True
    if _is_append(parent):
        first = parent.args[0] is node
        return not first or id(parent) in back  # the source of append(x, b...) is copied
    if isinstance(parent, ir.Call) and parent.pkg in COPYING_CALLS and not parent.recv_type:
        return True
    if isinstance(parent, ir.Convert):
        return T.underlying(parent.type) in (T.STRING, T.UNTYPED_STRING)
    if isinstance(parent, ir.Binary) and parent.op in ("==", "!="):
        return True  # only against nil (the type checker allows nothing else)
    if isinstance(parent, ir.RangeSlice) and how == "x":
        # `for i := range b` keeps only b's length, which writes do not change; with a value
        # (`for i, v := range b`) Go reads b's array each iteration, which the verifier's
        # copy taken at the loop's start stands for only if the body never writes b
        return not parent.value or parent.value == "_" or \
            not (isinstance(node, ir.Var) and _writes_in(parent.body, node.name, pure))
    # returned: nothing in this function writes it afterwards (but the caller of a
    # borrowed parameter would hold two slices of one array)
    return isinstance(parent, ir.Return) and not param


# machine calls that write into their first argument's array (every one: a missing one made
# a loop keep the slice's value and a callee's parameter count as only read)
WRITING_CALLS = {("prims", "UInt64Put"), ("prims", "UInt32Put"), ("enc", "Put64"), ("enc", "PutBytes")}


def root_var(x: ir.Expr) -> ir.Var | None:
    """The local a byte-slice expression views (b, b[lo:], b[lo:hi][k:], ...), or None."""
    while isinstance(x, ir.SliceExpr):
        x = x.x
    return x if isinstance(x, ir.Var) else None


def _writes_in(body: list[ir.Stmt], name: str, pure: Callees = Callees()) -> bool:
    """Whether a statement of body may write into local byte slice `name`'s array."""
    def target(x: ir.Expr) -> bool:
        v = root_var(x)
        return v is not None and v.name == name

    for n in (n for s in body for n in ir.walk(s)):
        if isinstance(n, ir.IndexPlace) and target(n.x):
            return True
        if isinstance(n, ir.Call) and (n.pkg, n.name) in WRITING_CALLS and n.args and target(n.args[0]):
            return True
        if isinstance(n, ir.Builtin) and n.name in ("copy", "append", "append...") and n.args and \
                target(n.args[0]):
            return True
        if _is_append(n) and n.args and target(n.args[0]):
            return True
        if isinstance(n, ir.Call) and is_local_call(n) and any(
                (n.qualified, k) in pure.written and target(a) for k, a in enumerate(n.args)):
            return True
    return False
