"""Spec values beyond scalars: struct values and the key sets of spec maps.

A struct value in the logic (a spec state field of struct type, an op's struct result or
parameter, a struct literal, a `map[K]Rec`'s values) is one Z3 term of an algebraic
datatype with a single constructor (`mk_Rec(a, b)`) and one accessor per field (`Rec.a`), so
`==` is Go's field-wise equality and a struct can sit in an array like any scalar. Go code
keeps a struct as a `StructV` (one term per field); `to_term` packs one into the datatype
where code meets the logic (an assertion over a local, an op's arguments, the result an
`implements` function returns).

A spec map `m` is an array of values; `len(m)` needs to know which keys are present, so
every map-typed spec field has two ghost companions in the spec state: `m#has` (the key
set) and `m#count` (its size), updated exactly by the spec's stores and deletes and
forgotten with the map (they are spec state like it). Where the key set cannot be known (a
whole-map assignment from a value that is not another spec map) both are fresh: `len` is
then unknown to the solver, never approximated.
"""

from __future__ import annotations

import z3

from goose import types as T

from . import smt

_SORTS: dict[tuple, z3.DatatypeSortRef] = {}
_TAKEN: set[str] = set()
_DISPLAY: dict[str, str] = {}  # sort name -> the struct's name (`Rec_2` -> `Rec`)
HAS, COUNT = "#has", "#count"


def is_struct(t: T.Type | None) -> bool:
    return t is not None and isinstance(T.underlying(t), T.Struct)


def _fields(t: T.Type) -> tuple[tuple[str, T.Type], ...]:
    u = T.underlying(t)
    assert isinstance(u, T.Struct)
    return u.fields


def struct_sort(t: T.Type) -> z3.DatatypeSortRef:
    """The datatype of struct type t (one per distinct struct: two packages' `Rec`s with
    different fields get different names, as one query may print both)."""
    fields = _fields(t)
    name = t.name if isinstance(t, T.Named) else "struct"
    key = (name, fields)
    got = _SORTS.get(key)
    if got is not None:
        return got
    sort_name, n = name, 1
    while sort_name in _TAKEN:
        n += 1
        sort_name = f"{name}_{n}"
    _TAKEN.add(sort_name)
    _DISPLAY[sort_name] = name
    dt = z3.Datatype(sort_name)
    dt.declare(f"mk_{sort_name}", *[(f"{sort_name}.{f}", _field_sort(t, f, ft)) for f, ft in fields])
    made = dt.create()
    _SORTS[key] = made
    return made


def _field_sort(owner: T.Type, f: str, ft: T.Type) -> z3.SortRef:
    u = T.underlying(ft)
    if is_struct(ft):
        return struct_sort(ft)
    if smt.is_int(u) or u in (T.BOOL, T.STRING) or smt.sort_of(u) == smt.BLOCK:
        return smt.sort_of(u)
    raise smt.Unsupported(f"a struct value in an annotation with field {owner}.{f} of type {ft} "
                          "(fields of struct values are integers, bools, strings, byte slices "
                          "or structs)")


def is_list(t: T.Type | None) -> bool:
    """A slice of anything but bytes: a list value in the logic (`list_sort`); a byte
    slice is a block (smt.BLOCK) with its own operations."""
    u = T.underlying(t) if t is not None else None
    return isinstance(u, T.Slice) and smt.sort_of(u) != smt.BLOCK


def sort_of(t: T.Type) -> z3.SortRef:
    """The sort of a logic value of type t: like `smt.sort_of`, with structs and lists as
    datatypes (also inside maps)."""
    if is_struct(t):
        return struct_sort(t)
    u = T.underlying(t)
    if isinstance(u, T.Map):
        return z3.ArraySort(sort_of(u.key), sort_of(u.value))
    if is_list(u):
        assert isinstance(u, T.Slice)
        if is_list(u.elem) or isinstance(T.underlying(u.elem), T.Map):
            raise smt.Unsupported(f"a list of {u.elem} (the elements of a list are integers, "
                                  "bools, strings, byte slices, pointers or structs)")
        return list_sort(sort_of(u.elem))
    return smt.sort_of(t)


# A list is a datatype of an array, an offset and a length: element i is elems[off + i],
# as a Go slice's is (so slicing a list, or reading a Go slice into one, builds no lambda).
# Not a Z3 sequence: with the quantified definitions that read a Go slice into a list,
# sequence disequalities time out where arrays answer at once. Only the elements from off
# below the length mean anything (what lies around them is junk: reading there gives some
# value), so lists compare with `list_eq`, never with `==` on terms (which junk could make
# differ: sound, and incomplete).
_LISTS: dict[str, z3.DatatypeSortRef] = {}


def list_sort(elem: z3.SortRef) -> z3.DatatypeSortRef:
    key = elem.sexpr()
    got = _LISTS.get(key)
    if got is None:
        name = "List_" + "".join(c if c.isalnum() else "_" for c in elem.name() if c != " ")
        while name in _TAKEN:
            name += "_"
        _TAKEN.add(name)
        dt = z3.Datatype(name)
        dt.declare(f"mk_{name}", (f"{name}.elems", z3.ArraySort(z3.IntSort(), elem)),
                   (f"{name}.off", z3.IntSort()), (f"{name}.len", z3.IntSort()))
        got = _LISTS[key] = dt.create()
    return got


def is_list_term(v: object) -> bool:
    return isinstance(v, z3.DatatypeRef) and any(v.sort() == s for s in _LISTS.values())


def list_make(elems: z3.ArrayRef, off: z3.ArithRef | int, n: z3.ArithRef) -> z3.DatatypeRef:
    return list_sort(elems.sort().range()).constructor(0)(elems, off, n)


def _part(v: z3.DatatypeRef, k: int) -> z3.ExprRef:
    """Field k of a list (0 elems, 1 off, 2 len), read off a constructor term directly."""
    if z3.is_app_of(v, z3.Z3_OP_DT_CONSTRUCTOR):
        return v.arg(k)
    return v.sort().accessor(0, k)(v)


def list_len(v: z3.DatatypeRef) -> z3.ArithRef:
    return _part(v, 2)


def _at(v: z3.DatatypeRef, i: z3.ArithRef) -> z3.ArithRef:
    off = z3.simplify(_part(v, 1))
    return i if z3.is_int_value(off) and off.as_long() == 0 else off + i


def list_index(v: z3.DatatypeRef, i: z3.ArithRef) -> z3.ExprRef:
    return z3.Select(_part(v, 0), _at(v, i))


def list_append(v: z3.DatatypeRef, xs: list[z3.ExprRef]) -> z3.DatatypeRef:
    elems, n = _part(v, 0), list_len(v)
    for x in xs:
        elems, n = z3.Store(elems, _at(v, n), x), n + 1
    return list_make(elems, _part(v, 1), n)


def list_concat(a: z3.DatatypeRef, b: z3.DatatypeRef) -> z3.DatatypeRef:
    """`append(a, b...)`."""
    j = z3.Int("list#j")
    na = list_len(a)
    return list_make(z3.Lambda([j], z3.If(j < na, list_index(a, j), list_index(b, j - na))),
                     0, na + list_len(b))


def list_slice(v: z3.DatatypeRef, lo: z3.ArithRef | None, hi: z3.ArithRef | None) -> z3.DatatypeRef:
    """v[lo:hi], clamped to v's bounds where Go would panic (the explorer's spec does the
    same, as Python's slicing)."""
    n = list_len(v)
    lo_ = z3.IntVal(0) if lo is None else z3.If(lo > n, n, z3.If(lo < 0, 0, lo))
    hi_ = n if hi is None else z3.If(hi > n, n, z3.If(hi < lo_, lo_, hi))
    return list_make(_part(v, 0), _at(v, lo_), hi_ - lo_)


def list_eq(a: z3.DatatypeRef, b: z3.DatatypeRef) -> z3.BoolRef:
    """Lists are equal when their lengths and the elements below them are (triggered on
    either side's reads)."""
    n = list_len(a)
    return z3.And(n == list_len(b), _agree(a, b, n), _agree(b, a, n))


def _agree(a: z3.DatatypeRef, b: z3.DatatypeRef, n: z3.ArithRef) -> z3.BoolRef:
    """Each of a's first n elements is b's at the same position, quantified over where it
    sits in a's array: the trigger is any read of that array (a position with an offset in
    it, `off + j`, would match only reads written the same way)."""
    p = z3.Int("list#p")
    ea, off_a = _part(a, 0), _part(a, 1)
    if z3.is_quantifier(ea) and ea.is_lambda() and ea.num_vars() == 1:
        read = z3.substitute_vars(ea.body(), p)  # a packing lambda: its reads at p
        pats = [t for t in _selects_at(read, p) if _pattern_ok(p, t)][:1]
    else:
        read = z3.Select(ea, p)
        pats = [read] if _pattern_ok(p, read) else []
    body = z3.Implies(z3.And(p >= off_a, p < off_a + n), read == list_index(b, p - off_a))
    return z3.ForAll([p], body, patterns=pats)


def _selects_at(t: z3.ExprRef, p: z3.ExprRef) -> list[z3.ExprRef]:
    """The array reads at exactly p inside t."""
    if z3.is_select(t) and t.arg(1).eq(p):
        return [t]
    return [x for c in t.children() for x in _selects_at(c, p)] if z3.is_app(t) else []


def _pattern_ok(j: z3.ExprRef, p: z3.ExprRef) -> bool:
    """Whether p is a trigger Z3 takes: array reads and stores, datatype fields, sums,
    constants and j (no lambda, constant array, `if` or connective inside)."""
    if p.eq(j) or z3.is_int_value(p):
        return True
    if z3.is_const(p):
        return p.decl().kind() == z3.Z3_OP_UNINTERPRETED
    if z3.is_select(p) or z3.is_store(p) or z3.is_add(p) or \
            (z3.is_app(p) and p.decl().kind() == z3.Z3_OP_DT_ACCESSOR):
        return all(_pattern_ok(j, c) for c in p.children())
    return False


def values_eq(a: object, b: object) -> object:
    """`a == b` for logic values: lists by `list_eq`, everything else as terms."""
    if is_list_term(a) and is_list_term(b):
        return list_eq(a, b)  # type: ignore[arg-type]
    return a == b


def _index(t: T.Type, name: str) -> int:
    for i, (f, _) in enumerate(_fields(t)):
        if f == name:
            return i
    raise smt.Unsupported(f"{t} has no field {name}")


def is_struct_term(v: object) -> bool:
    return isinstance(v, z3.DatatypeRef) and any(v.sort() == s for s in _SORTS.values())


def _type_of_sort(sort: z3.SortRef) -> T.Type:
    for (_, fields), s in _SORTS.items():
        if s == sort:
            return T.Struct(fields)
    raise smt.Unsupported(f"no struct type for sort {sort}")


def get(v: z3.DatatypeRef, name: str) -> z3.ExprRef:
    """Field `name` of struct value v."""
    sort = v.sort()
    return sort.accessor(0, _index(_type_of_sort(sort), name))(v)


def make(t: T.Type, fields: dict[str, z3.ExprRef]) -> z3.DatatypeRef:
    """The struct value of type t with these fields (the others zero)."""
    sort = struct_sort(t)
    return sort.constructor(0)(*[fields[f] if f in fields else zero(ft) for f, ft in _fields(t)])


def with_field(v: z3.DatatypeRef, name: str, new: z3.ExprRef) -> z3.DatatypeRef:
    """v with field `name` replaced (`r.f = e` in a spec body)."""
    sort = v.sort()
    fields = _fields(_type_of_sort(sort))
    args = [new if f == name else sort.accessor(0, i)(v) for i, (f, _) in enumerate(fields)]
    if not any(f == name for f, _ in fields):
        raise smt.Unsupported(f"no field {name} in {sort}")
    return sort.constructor(0)(*args)


def zero(t: T.Type) -> z3.ExprRef:
    """The zero value of t as a logic term (a byte slice's is the zeroed disk block, as for
    spec state: what a fresh disk reads as)."""
    u = T.underlying(t)
    if is_struct(t):
        return make(t, {})
    if isinstance(u, T.Map):
        return z3.K(sort_of(u.key), zero(u.value))
    if is_list(u):
        assert isinstance(u, T.Slice)
        return list_make(z3.K(z3.IntSort(), zero(u.elem)), 0, z3.IntVal(0))
    if smt.sort_of(u) == smt.BLOCK:
        return smt.zero_block()
    if smt.is_int(u):
        return z3.IntVal(0)
    if u == T.BOOL:
        return z3.BoolVal(False)
    if u == T.STRING:
        return z3.StringVal("")
    raise smt.Unsupported(f"spec values of type {t}")


def to_term(v: object, t: T.Type | None, st: object = None) -> object:
    """A Go value as a logic term: a struct's fields packed into its datatype (nested ones
    too), a slice that is a list (`is_list`) read out of the heap of state st
    (`list_of_slice`); anything else as it is."""
    from .state import SliceV, StructV

    if isinstance(v, SliceV) and is_list(t) and st is not None:
        assert t is not None
        return list_of_slice(st, v, t)
    if not isinstance(v, StructV) or not is_struct(t):
        return v
    assert t is not None
    out: dict[str, z3.ExprRef] = {}
    for f, ft in _fields(t):
        fv = to_term(v.fields[f], ft)
        if isinstance(fv, SliceV | StructV | tuple):
            raise smt.Unsupported(f"a struct value of type {t} with field {f} of type {ft} in "
                                  "an annotation")
        out[f] = fv  # type: ignore[assignment]
    return make(t, out)


def list_of_slice(st: object, v: object, t: T.Type) -> z3.DatatypeRef:
    """The list Go slice v of type t holds in state st: its backing array as the heap is
    now (a list value does not change with it), from v's offset, for v's length. A list of
    structs packs each field's array into one (a lambda; `_agree` triggers on the fields'
    reads)."""
    from . import heap
    from .state import SliceV

    assert isinstance(v, SliceV)
    u = T.underlying(t)
    assert isinstance(u, T.Slice)
    arrays = [z3.Select(arr, v.base) for _, arr in heap.elem_arrays(st, u.elem)]  # type: ignore[arg-type]
    off = v.off
    if len(arrays) == 1 and not is_struct(u.elem):
        return list_make(arrays[0], off, v.len)
    j = z3.Int("list#j")
    return list_make(z3.Lambda([j], _pack(u.elem, [a[j] for a in arrays])), off, v.len)


def _pack(t: T.Type, parts: list[z3.ExprRef]) -> z3.ExprRef:
    """The logic value of type t made of its heap leaves `parts` (heap.elem_leaves order),
    consumed from the front."""
    u = T.underlying(t)
    if is_struct(t):
        return make(t, {f: _pack(ft, parts) for f, ft in _fields(t)})
    if isinstance(u, T.Slice) and smt.sort_of(u) != smt.BLOCK:
        raise smt.Unsupported(f"a list of {t} (the elements of a list are integers, bools, "
                              "strings, byte slices, pointers or structs of those)")
    return parts.pop(0)


def show(v: z3.DatatypeRef, part: object) -> str:
    """A struct value of a model as a literal (`Rec{Val: 1, Tag: 2}`), each field shown by
    `part`."""
    sort = v.sort()
    name = _DISPLAY.get(sort.name(), sort.name())
    fields = []
    for i in range(v.num_args()):
        f = sort.accessor(0, i).name().split(".", 1)[-1]
        fields.append(f"{f}: {part(v.arg(i))}")  # type: ignore[operator]
    return f"{name}{{{', '.join(fields)}}}"


def asks_keys(ann: object) -> bool:
    """Whether some annotation asks for a map's keys (`len`, `has` of a map): only then do
    counterexamples show a spec map's size and key set."""
    cache = ann.__dict__.get("_asks_keys")
    if cache is None:
        cache = ann.__dict__["_asks_keys"] = _asks(ann)
    return cache


def _asks(x: object) -> bool:
    from armada_ls.logic import ast as A

    def asks(y: object) -> bool:
        return isinstance(y, A.LCall) and y.fn in ("len", "has") and bool(y.args) and isinstance(
            T.underlying(y.args[0].type) if y.args[0].type is not None else None, T.Map)

    return A.any_node(x, asks, skip=("span", "ref", "type", "ghost"))


def has_name(field: str) -> str:
    return field + HAS


def count_name(field: str) -> str:
    return field + COUNT


def is_companion(key: str) -> bool:
    return key.endswith((HAS, COUNT))


def fresh_keys(st: object, key: str, t: T.Type) -> tuple[z3.ArrayRef, z3.ArithRef]:
    """A key set and its size nothing is known about (but that the size is a size)."""
    u = T.underlying(t)
    assert isinstance(u, T.Map)
    has = z3.Const(smt.fresh_name(has_name(key)), z3.ArraySort(sort_of(u.key), z3.BoolSort()))
    n = smt.fresh_int(count_name(key))
    st.assume(z3.And(n >= 0, n < 2**63))  # type: ignore[attr-defined]
    return has, n


def empty_keys(t: T.Type) -> tuple[z3.ArrayRef, z3.ArithRef]:
    u = T.underlying(t)
    assert isinstance(u, T.Map)
    return z3.K(sort_of(u.key), z3.BoolVal(False)), z3.IntVal(0)
