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


def sort_of(t: T.Type) -> z3.SortRef:
    """The sort of a logic value of type t: like `smt.sort_of`, with structs as datatypes
    (also inside maps)."""
    if is_struct(t):
        return struct_sort(t)
    u = T.underlying(t)
    if isinstance(u, T.Map):
        return z3.ArraySort(sort_of(u.key), sort_of(u.value))
    return smt.sort_of(t)


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
    if smt.sort_of(u) == smt.BLOCK:
        return smt.zero_block()
    if smt.is_int(u):
        return z3.IntVal(0)
    if u == T.BOOL:
        return z3.BoolVal(False)
    if u == T.STRING:
        return z3.StringVal("")
    raise smt.Unsupported(f"spec values of type {t}")


def to_term(v: object, t: T.Type | None) -> object:
    """A Go value as a logic term: a struct's fields packed into its datatype (nested ones
    too); anything else as it is."""
    from .state import SliceV, StructV

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
        cache = ann.__dict__["_asks_keys"] = _asks(ann, set())
    return cache


def _asks(x: object, seen: set[int]) -> bool:
    from armada_ls.logic import ast as A

    if id(x) in seen or isinstance(x, str | int | bool | T.Type) or x is None:
        return False
    seen.add(id(x))
    if isinstance(x, A.LCall) and x.fn in ("len", "has") and x.args and isinstance(
            T.underlying(x.args[0].type) if x.args[0].type is not None else None, T.Map):
        return True
    if isinstance(x, dict):
        return any(_asks(v, seen) for v in x.values())
    if isinstance(x, list | tuple):
        return any(_asks(v, seen) for v in x)
    fields = getattr(x, "__dataclass_fields__", None)
    return fields is not None and any(_asks(getattr(x, f), seen) for f in fields
                                      if f not in ("span", "ref", "type", "ghost"))


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
