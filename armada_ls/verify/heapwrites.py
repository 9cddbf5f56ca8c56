"""Which heap arrays a loop body may write, so that a loop head forgets only those.

Forgetting every array at a loop head loses what the thread owns and the body never
touches: a map reached through a field the loop only reads becomes another term, and the
permission held for it no longer matches. The answer is a set of array keys (heap.py's
names: `S.f` a field, `S` or `*T` a cell, `[]T` slice elements, `#map` every map's entries),
or None when the body may write anything: a call of a function of the program, `go`,
`defer`, `Lock`, a pointer to a boxed local. None keeps the old behaviour (forget it all).
An allocation (`new(T)`, `&T{..}`) writes only its type's arrays, at a fresh pointer.
"""

from __future__ import annotations

from collections.abc import Callable

from armada_ls.logic import ast as A
from goose import ir
from goose import types as T

from . import heap, smt
from .exprs import struct_of_ptr

MAPS = "#map"
_MACHINE = ("disk", "twodisk", "prims", "filesys", "enc")


def _node(node: object, out: set[str], quiet: Callable[[ir.Call], bool] | None = None) -> bool:
    """Add what node itself writes; False when it may write anything."""
    if isinstance(node, ir.Go | ir.Defer | ir.AddrOf):
        return False
    if isinstance(node, ir.Call) and quiet is not None and quiet(node):
        return True
    if isinstance(node, ir.New):  # a fresh cell: only its type's arrays change (its init is
        u = T.underlying(node.type)  # walked on its own)
        if not isinstance(u, T.Pointer):
            return False
        out.add(heap.cell_key(u.elem))
        return True
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


def written(stmts: list[ir.Stmt], quiet: Callable[[ir.Call], bool] | None = None) -> set[str] | None:
    """The heap keys the statements (nested ones included) may write, or None for anything.
    `quiet(c)`: the call c writes nothing the caller holds (`quiet_call`)."""
    out: set[str] = set()
    for node in ir.walk(stmts):
        if not _node(node, out, quiet):
            return None
    return out


def quiet_call(pkg: ir.Package, ann: A.Annotations, c: ir.Call) -> bool:
    """A call of a function of the package whose contract names no memory (`acc`) and no
    held lock (`locked`): memory has one owner, so it writes nothing the caller holds, and
    hands it nothing back (what it writes is its own, a lock's, or fresh; the caller forgets
    what it does not own at the call, and the loop head forgets it too)."""
    from armada_ls.logic.resolve import walk

    fn = pkg.funcs.get(c.qualified) if not c.pkg else None
    if fn is None:
        return False
    clauses = [cl for cl in ann.funcs.get(fn.qualified, [])
               if isinstance(cl, A.Requires | A.Ensures | A.Preserves)]
    return bool(clauses) and not any(
        isinstance(e, A.LCall) and e.fn in ("acc", "locked")
        for cl in clauses for e in walk(cl.cond))


def hits(key: str, keys: set[str]) -> bool:
    """Whether heap array `key` is one of `keys` (or a part of one: a slice's `#base`,
    a struct's fields)."""
    if MAPS in keys and key.endswith(heap.MAP_PARTS):
        return True
    return any(key == k or key.startswith((k + "#", k + ".")) for k in keys)
