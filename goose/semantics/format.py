"""Format values the way Go's `fmt.Println` (`%v`) does, for the differential tests."""

from __future__ import annotations

from typing import Any

from goose import types as T
from goose.semantics.state import State
from goose.semantics.values import SliceV


def format_value(st: State, v: Any, t: T.Type, top: bool = True) -> str:
    u = T.underlying(t)
    if isinstance(u, T.Basic):
        if u in (T.BOOL, T.UNTYPED_BOOL):
            return "true" if v else "false"
        return str(v)
    if isinstance(u, T.Slice):
        assert isinstance(v, SliceV)
        if v.arr is None:
            return "[]"
        elems = st.arrays[v.arr][v.off:v.off + v.len]
        return "[" + " ".join(format_value(st, e, u.elem, False) for e in elems) + "]"
    if isinstance(u, T.Map):
        if v is None:
            return "map[]"
        items = sorted(st.maps[v.addr].items(), key=lambda kv: kv[0])
        return "map[" + " ".join(
            f"{format_value(st, k, u.key, False)}:{format_value(st, x, u.value, False)}" for k, x in items) + "]"
    if isinstance(u, T.Struct):
        return "{" + " ".join(format_value(st, x, ft, False) for x, (_, ft) in zip(v, u.fields, strict=True)) + "}"
    if isinstance(u, T.Pointer):
        if v is None:
            return "<nil>"
        if top and isinstance(T.underlying(u.elem), T.Struct):
            return "&" + format_value(st, st.heap[v.addr], u.elem, False)
        return "0xPTR"
    if isinstance(u, T.Tuple):
        return " ".join(format_value(st, x, et, True) for x, et in zip(v, u.elems, strict=True))
    return str(v)


def println(st: State, values: list[Any], types: list[T.Type]) -> str:
    return " ".join(format_value(st, v, t) for v, t in zip(values, types, strict=True))
