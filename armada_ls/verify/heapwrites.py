"""Which heap arrays a loop body may write, so that a loop head forgets only those.

Forgetting every array at a loop head loses what the thread owns and the body never
touches: a map reached through a field the loop only reads becomes another term, and the
permission held for it no longer matches. The answer is a set of array keys (heap.py's
names: `S.f` a field, `S` or `*T` a cell, `[]T` slice elements, `#map` every map's entries),
or None when the body may write anything: a call of a function of the program, `go`,
`defer`, `Lock`, an allocation. None keeps the old behaviour (forget it all).
"""

from __future__ import annotations

from goose import ir
from goose import types as T

from . import heap, smt
from .exprs import struct_of_ptr

MAPS = "#map"
_MACHINE = ("disk", "twodisk", "prims", "filesys", "enc")


def _node(node: object, out: set[str]) -> bool:
    """Add what node itself writes; False when it may write anything."""
    if isinstance(node, ir.Go | ir.Defer | ir.New | ir.AddrOf):
        return False
    if isinstance(node, ir.Call):
        # Unlock writes nothing (it gives ownership back); Lock forgets what it protects
        return (node.pkg in _MACHINE and node.name != "Lock") or \
            (node.name == "Unlock" and node.recv_type == "sync.Mutex")
    if isinstance(node, ir.SliceLit):
        t = T.underlying(node.type)
        if not isinstance(t, T.Slice):
            return False
        out.add(heap.elems_key(t.elem))
    if isinstance(node, ir.Builtin) and (node.args or node.name == "make"):
        t = T.underlying(node.type if node.name == "make" else node.args[0].type)
        if node.name == "delete" or isinstance(t, T.Map):
            out.add(MAPS)
        elif node.name in ("append", "copy", "make") and isinstance(t, T.Slice) and not smt.is_bytes(t):
            out.add(heap.elems_key(t.elem))
    if isinstance(node, ir.Define):
        for t, boxed in zip(node.types, node.boxed, strict=False):
            if boxed:
                out.add(heap.cell_key(t))
    if isinstance(node, ir.Assign):
        return all(_place(p, out) for p in node.places)
    return True


def _place(p: ir.Place, out: set[str]) -> bool:
    """Add the array a write to p changes (its operands are walked on their own)."""
    if isinstance(p, ir.VarPlace):
        if p.boxed:
            out.add(heap.cell_key(p.type))
        return True
    if isinstance(p, ir.DerefPlace):
        out.add(heap.cell_key(p.type))
        return True
    if isinstance(p, ir.FieldPlace):
        if isinstance(p.base, ir.VarPlace):
            return _place(p.base, out)  # a local struct, or its boxed cell
        struct = struct_of_ptr(p.base.type) if isinstance(p.base, ir.Expr) else None
        if struct is None:
            return False
        out.add(heap.field_key(struct, p.field))
        return True
    if isinstance(p, ir.IndexPlace):
        t = T.underlying(p.x.type)
        if smt.is_bytes(t):  # a byte slice is a value (blocks.py): its local changes
            return True
        if not isinstance(t, T.Slice):
            return False
        out.add(heap.elems_key(t.elem))
        return True
    if isinstance(p, ir.MapPlace):
        out.add(MAPS)
        return True
    return isinstance(p, ir.Blank)


def written(stmts: list[ir.Stmt]) -> set[str] | None:
    """The heap keys the statements (nested ones included) may write, or None for anything."""
    out: set[str] = set()
    for node in ir.walk(stmts):
        if not _node(node, out):
            return None
    return out


def hits(key: str, keys: set[str]) -> bool:
    """Whether heap array `key` is one of `keys` (or a part of one: a slice's `#base`,
    a struct's fields)."""
    if MAPS in keys and key.endswith(heap.MAP_PARTS):
        return True
    return any(key == k or key.startswith((k + "#", k + ".")) for k in keys)
