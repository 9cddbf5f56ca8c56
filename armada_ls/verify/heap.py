"""The heap: one Z3 array per struct field, per pointer-cell type and per slice element
type, indexed by address. Reads and writes go through here so that compound values (slices
stored in fields) are split into their parts consistently.
"""

from __future__ import annotations

import z3

from goose import types as T

from . import smt
from .state import SliceV, State, StructV, Val


def _array(state: State, key: str, sort: z3.SortRef) -> z3.ArrayRef:
    arr = state.heap.get(key)
    if arr is None:
        tag = "ro" if state.stable and field_of(key) in state.stable else state.epoch
        arr = z3.Const(f"heap[{key}]@{tag}", z3.ArraySort(smt.PTR, sort))
        state.heap[key] = arr
    return arr


def field_of(key: str) -> str:
    """"S.f" for the heap key of a struct field (its parts too: "S.f#base", "S.f.g"); ""
    for the elements of slices ("[]T..."), cells ("*T") and maps' parts."""
    if key.startswith(("[]", "*")) or key.endswith(MAP_PARTS):
        return ""
    struct, _, rest = key.partition(".")
    return f"{struct}.{rest.split('#')[0].split('.')[0]}" if rest else ""


def _is_slice(t: T.Type) -> bool:
    u = T.underlying(t)
    return isinstance(u, T.Slice) and not smt.is_bytes(u)


def read(state: State, key: str, ptr: z3.ArithRef, t: T.Type) -> Val:
    """The value of type t stored at `key`[ptr]."""
    u = T.underlying(t)
    if _is_slice(u):
        base = z3.Select(_array(state, key + "#base", smt.PTR), ptr)
        ln = z3.Select(_array(state, key + "#len", z3.IntSort()), ptr)
        off = z3.Select(_array(state, key + "#off", z3.IntSort()), ptr)
        state.assume(z3.And(ln >= 0, off >= 0, ln < 2**63, off < 2**63))  # Go ints
        return SliceV(base, ln, off)
    if isinstance(u, T.Struct):
        return StructV({f: read(state, f"{key}.{f}", ptr, ft) for f, ft in u.fields})
    v = z3.Select(_array(state, key, smt.go_sort(u)), ptr)
    if smt.is_int(u):
        state.assume(smt.in_range(v, smt.int_bits(u)))
    return v


def write(state: State, key: str, ptr: z3.ArithRef, t: T.Type, v: Val,
          construct: bool = False) -> None:
    """`key`[ptr] = v. With construct (a new object's fields, once): a field no statement
    writes has one array that holds its one value for every object, so that array itself
    is said to hold v at ptr (the store is kept too, so a read at ptr is v as a term), and
    facts about other objects' values, stated on that array, stay true. (With only a store,
    a loop that built an object an iteration lost `boxes[j].user == j` of the earlier ones:
    the new pointer is not known apart from pointers read out of the heap.)"""
    u = T.underlying(t)
    if _is_slice(u):
        assert isinstance(v, SliceV)
        for part, val, sort in (("#base", v.base, smt.PTR), ("#len", v.len, z3.IntSort()),
                                ("#off", v.off, z3.IntSort())):
            _put(state, key + part, ptr, val, sort, construct)
        return
    if isinstance(u, T.Struct):
        assert isinstance(v, StructV)
        for f, ft in u.fields:
            write(state, f"{key}.{f}", ptr, ft, v.fields[f], construct)
        return
    _put(state, key, ptr, v, smt.go_sort(u), construct)  # type: ignore[arg-type]


def _put(state: State, key: str, ptr: z3.ArithRef, v: z3.ExprRef, sort: z3.SortRef,
         construct: bool) -> None:
    arr = _array(state, key, sort)
    if construct and state.stable and field_of(key) in state.stable:
        state.assume(z3.Select(arr, ptr) == v)
    state.heap[key] = z3.Store(arr, ptr, v)


def havoc_at(state: State, key: str, ptr: z3.ArithRef, t: T.Type) -> None:
    """Forget what `key`[ptr] holds (another thread may have changed it)."""
    write(state, key, ptr, t, fresh_value(state, key, t))


def field_key(struct: str, fld: str) -> str:
    return f"{struct}.{fld}"


def cell_key(t: T.Type) -> str:
    """The heap array(s) of what a *t points to. A struct of the package lives in its field
    arrays, whether reached as *p, through a pointer to a local, or field by field."""
    if isinstance(t, T.Named) and t.pkg == "" and isinstance(T.underlying(t), T.Struct):
        return t.name
    return f"*{t}"


def elems_key(elem: T.Type) -> str:
    return f"[]{elem}"


def _map_arrays(state: State, t: T.Map) -> tuple[str, z3.ArrayRef, list[tuple[str, z3.ArrayRef]]]:
    """A map type's presence array and its value arrays: one per scalar part of the value
    (a struct value's fields, a slice value's base, length and offset), each named `...#val`."""
    ks = smt.sort_of(t.key)
    hk = f"{t}#has"
    has = _array(state, hk, z3.ArraySort(ks, z3.BoolSort()))
    vals = [(k, _array(state, k, z3.ArraySort(ks, sort)))
            for k, sort, _ in ((f"{t}{part}#val", sort, pt) for part, sort, pt in _leaves("", t.value))]
    return hk, has, vals


def map_read(state: State, t: T.Map, m: z3.ArithRef, k: z3.ExprRef) -> tuple[Val, z3.BoolRef]:
    """`m[k]` and whether k is present (a nil map is empty)."""
    _, has, vals = _map_arrays(state, t)
    present = z3.And(m != smt.NIL, z3.Select(z3.Select(has, m), k))
    zero = split_value(t.value, zero_value(t.value))
    parts = [z3.If(present, z3.Select(z3.Select(arr, m), k), z0)
             for (_, arr), z0 in zip(vals, zero, strict=True)]
    return join_value(state, t.value, parts), present


# the arrays of a map's entries: presence, values, and the number of keys (`len`). Whatever
# forgets a map's entries forgets all three, or `len` would keep a value the entries lost.
MAP_PARTS = ("#has", "#val", "#count")


def _count(state: State, t: T.Map) -> tuple[str, z3.ArrayRef]:
    ck = f"{t}#count"
    return ck, _array(state, ck, z3.IntSort())


def map_len(state: State, t: T.Map, m: z3.ArithRef) -> z3.ArithRef:
    """`len(m)`: kept exactly by every insertion and deletion (a nil map has none)."""
    _, cnt = _count(state, t)
    n = z3.Select(cnt, m)
    state.assume(z3.And(n >= 0, n < 2**63))
    return z3.If(m == smt.NIL, z3.IntVal(0), n)


def map_write(state: State, t: T.Map, m: z3.ArithRef, k: z3.ExprRef, v: Val | None) -> None:
    """`m[k] = v`, or `delete(m, k)` when v is None."""
    hk, has, vals = _map_arrays(state, t)
    ck, cnt = _count(state, t)
    present = z3.And(m != smt.NIL, z3.Select(z3.Select(has, m), k))
    step = z3.If(present, 0, 1) if v is not None else z3.If(present, -1, 0)
    n = z3.Select(cnt, m)
    state.assume(z3.And(n >= z3.If(present, 1, 0), n < 2**63))  # a present key is counted
    state.heap[ck] = z3.Store(cnt, m, n + step)
    state.heap[hk] = z3.Store(has, m, z3.Store(z3.Select(has, m), k, z3.BoolVal(v is not None)))
    if v is not None:
        for (vk, val), x in zip(vals, split_value(t.value, v), strict=True):
            state.heap[vk] = z3.Store(val, m, z3.Store(z3.Select(val, m), k, x))


def map_new(state: State, t: T.Map, m: z3.ArithRef) -> None:
    hk, has, _ = _map_arrays(state, t)
    state.heap[hk] = z3.Store(has, m, z3.K(smt.sort_of(t.key), z3.BoolVal(False)))
    ck, cnt = _count(state, t)
    state.heap[ck] = z3.Store(cnt, m, z3.IntVal(0))


def at_index(s: SliceV, i: z3.ArithRef) -> z3.ArithRef:
    """Where element i of s is in its array (no `0 +` term, which would spoil triggers)."""
    return i if isinstance(s.off, int) and s.off == 0 else s.off + i


def elem_leaves(elem: T.Type) -> list[tuple[str, z3.SortRef, T.Type]]:
    """The heap arrays that hold the elements of []elem, one per scalar part: the element
    itself, or each field of a struct element (`[]Entry.ID`, ...), or a slice element's
    base, length and offset. Each maps a backing array's address to its elements."""
    return _leaves(elems_key(elem), elem)


def _leaves(key: str, t: T.Type) -> list[tuple[str, z3.SortRef, T.Type]]:
    u = T.underlying(t)
    if _is_slice(u):
        return [(key + "#base", smt.PTR, T.UINT64), (key + "#len", z3.IntSort(), T.UINT64),
                (key + "#off", z3.IntSort(), T.UINT64)]
    if isinstance(u, T.Struct):
        return [leaf for f, ft in u.fields for leaf in _leaves(f"{key}.{f}", ft)]
    return [(key, smt.go_sort(u), t)]


def split_value(t: T.Type, v: Val) -> list[z3.ExprRef]:
    """v's scalar parts, in the order of `elem_leaves(t)`."""
    u = T.underlying(t)
    if _is_slice(u):
        assert isinstance(v, SliceV)
        off = z3.IntVal(v.off) if isinstance(v.off, int) else v.off
        return [v.base, v.len, off]
    if isinstance(u, T.Struct):
        assert isinstance(v, StructV)
        return [x for f, ft in u.fields for x in split_value(ft, v.fields[f])]
    assert isinstance(v, z3.ExprRef)
    return [v]


def join_value(state: State, t: T.Type, parts: list[z3.ExprRef]) -> Val:
    """The value of type t made of `parts` (consumed from the front), with its range facts."""
    u = T.underlying(t)
    if _is_slice(u):
        base, ln, off = parts.pop(0), parts.pop(0), parts.pop(0)
        state.assume(z3.And(ln >= 0, off >= 0, ln < 2**63, off < 2**63))  # Go ints
        return SliceV(base, ln, off)
    if isinstance(u, T.Struct):
        return StructV({f: join_value(state, ft, parts) for f, ft in u.fields})
    v = parts.pop(0)
    if smt.is_int(u):
        state.assume(smt.in_range(v, smt.int_bits(u)))
    return v


def elem_arrays(state: State, elem: T.Type) -> list[tuple[str, z3.ArrayRef]]:
    """The arrays of `elem_leaves(elem)`: backing array address -> index -> part."""
    return [(k, _array(state, k, z3.ArraySort(z3.IntSort(), sort))) for k, sort, _ in elem_leaves(elem)]


def elem_read(state: State, elem: T.Type, s: SliceV, i: z3.ArithRef) -> Val:
    at = at_index(s, i)
    parts = [z3.Select(z3.Select(arr, s.base), at) for _, arr in elem_arrays(state, elem)]
    return join_value(state, elem, parts)


def elem_write(state: State, elem: T.Type, s: SliceV, i: z3.ArithRef, v: Val) -> None:
    at = at_index(s, i)
    for (key, arr), x in zip(elem_arrays(state, elem), split_value(elem, v), strict=True):
        state.heap[key] = z3.Store(arr, s.base, z3.Store(z3.Select(arr, s.base), at, x))


def fresh_value(state: State, hint: str, t: T.Type) -> Val:
    """A fresh value of type t, with its range facts assumed on `state`."""
    u = T.underlying(t)
    if isinstance(u, T.Tuple):
        return tuple(fresh_value(state, hint, e) for e in u.elems)
    if _is_slice(u):
        ln = smt.fresh_int(hint + ".len")
        state.assume(smt.in_range(ln))
        # A slice parameter is a view at offset 0 of an abstract array: two parameters that
        # overlap in memory cannot both be owned (the caller hands an array over once), and
        # without ownership nothing writes them. (An explicit offset here defeated the
        # triggers of quantified preconditions over the slice.)
        return SliceV(smt.fresh_int(hint + ".base"), ln)
    if isinstance(u, T.Struct):
        return StructV({f: fresh_value(state, f"{hint}.{f}", ft) for f, ft in u.fields})
    v = smt.fresh(hint, smt.go_sort(u))
    if smt.is_int(u):
        state.assume(smt.in_range(v, smt.int_bits(u)))
    return v


def zero_value(t: T.Type) -> Val:
    u = T.underlying(t)
    if smt.is_int(u):
        return z3.IntVal(0)
    if u == T.BOOL:
        return z3.BoolVal(False)
    if u == T.STRING:
        return z3.StringVal("")
    if smt.is_bytes(u):
        return smt.ZEROS(z3.IntVal(0))  # a nil []byte: no bytes
    if _is_slice(u):
        return SliceV(smt.NIL, z3.IntVal(0))
    if isinstance(u, T.Struct):
        return StructV({f: zero_value(ft) for f, ft in u.fields})
    return smt.NIL


def new_epoch(state: State) -> None:
    """Heap arrays first used from now on are unknown, not the ones from before."""
    state.epoch = smt.fresh_name("e")
