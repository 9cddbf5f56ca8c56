"""Run-time values of the Goose semantics.

Every value is immutable and hashable, so that a machine state can be copied cheaply and
hashed for the explorer's state cache:

- `uint64`/`uint32`/`byte`: a Python `int`, always already wrapped to its width;
- `bool`: a Python `bool`; `string`: a Python `str` (bytes are its UTF-8 encoding);
- a struct value: a `tuple` of its fields in declaration order;
- a pointer: `Ptr(addr)` or `None` (nil); the cell lives in `State.heap`;
- a slice: `SliceV(arr, off, len, cap)` viewing the backing array `arr` (`None` for nil);
- a map: `MapRef(addr)` or `None` (nil); its contents live in `State.maps`;
- a file descriptor: `Fd(gen, n)`; several results of a call: a `tuple`.
"""

from __future__ import annotations

from typing import NamedTuple

from goose import types as T


class Addr(NamedTuple):
    """A heap address: the allocating goroutine and its allocation count (so that
    allocations of different goroutines commute)."""

    tid: object
    n: int


class Held(NamedTuple):
    """The value of a locked mutex's cell: who locked it (an unlocked mutex holds None)."""

    tid: object


class Ptr(NamedTuple):
    addr: tuple[object, ...]


class SliceV(NamedTuple):
    arr: tuple[object, ...] | None
    off: int
    len: int
    cap: int


class MapRef(NamedTuple):
    addr: tuple[object, ...]


class Fd(NamedTuple):
    gen: int
    n: int


NIL_SLICE = SliceV(None, 0, 0, 0)

MASKS = {64: (1 << 64) - 1, 32: (1 << 32) - 1, 8: 0xFF}


def bits_of(t: T.Type) -> int:
    t = T.underlying(t)
    if t == T.UINT32:
        return 32
    if t == T.BYTE:
        return 8
    return 64


def is_bytes_type(t: T.Type) -> bool:
    """A `[]byte` (also disk and twodisk `Block`)."""
    u = T.underlying(t)
    return isinstance(u, T.Slice) and T.underlying(u.elem) == T.BYTE


def struct_fields(t: T.Type) -> tuple[tuple[str, T.Type], ...] | None:
    u = T.underlying(t)
    if isinstance(u, T.Struct):
        return u.fields
    return None


def zero_value(t: T.Type) -> object:
    """The zero value of a type."""
    u = T.underlying(t)
    if isinstance(u, T.Basic):
        if u in (T.BOOL, T.UNTYPED_BOOL):
            return False
        if u in (T.STRING, T.UNTYPED_STRING):
            return ""
        if u == T.UNTYPED_NIL:
            return None
        return 0
    if isinstance(u, T.Struct):
        return tuple(zero_value(ft) for _, ft in u.fields)
    if isinstance(u, T.Slice):
        return NIL_SLICE
    if isinstance(u, T.Tuple):
        return tuple(zero_value(e) for e in u.elems)
    if u == T.MUTEX:
        return None  # unlocked (a mutex cell holds its holder's thread id, or None)
    return None  # pointers, maps, file descriptors, opaque library types


def elem_size(t: T.Type) -> int:
    """Size in bytes of a value of type t as gc lays it out (for append's growth)."""
    u = T.underlying(t)
    if u in (T.BYTE, T.BOOL):
        return 1
    if u == T.UINT32:
        return 4
    if u == T.STRING:
        return 16
    if isinstance(u, T.Slice):
        return 24
    if isinstance(u, T.Struct):
        size, align = 0, 1
        for _, ft in u.fields:
            fs = elem_size(ft)
            fa = min(8, fs) if fs else 1
            fa = 1 if fa == 0 else (8 if fa > 4 else 4 if fa > 2 else fa)
            size = (size + fa - 1) // fa * fa + fs
            align = max(align, fa)
        return (size + align - 1) // align * align
    return 8


# gc's malloc size classes (bytes), for the capacity append rounds up to.
_SIZE_CLASSES = (
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256,
    288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280,
    1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528,
    6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072,
    20480, 21760, 24576, 27264, 28672, 32768,
)


def _roundup(nbytes: int) -> int:
    if nbytes > _SIZE_CLASSES[-1]:
        page = 8192
        return (nbytes + page - 1) // page * page
    for c in _SIZE_CLASSES:
        if c >= nbytes:
            return c
    return nbytes  # pragma: no cover


def grow_cap(old_len: int, old_cap: int, new_len: int, esize: int) -> int:
    """The capacity gc's growslice picks when appending past capacity."""
    newcap = old_cap
    doublecap = newcap + newcap
    if new_len > doublecap:
        newcap = new_len
    else:
        threshold = 256
        if old_cap < threshold:
            newcap = doublecap
        else:
            while newcap < new_len:
                newcap += (newcap + 3 * threshold) >> 2
    if esize == 0:
        return newcap
    return _roundup(newcap * esize) // esize
