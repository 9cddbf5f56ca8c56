"""Frozen arrays: the elements of a slice kept in a field that nothing changes after the
struct is built.

A field is *frozen* when it is an unexported slice field (not of bytes, not a lock family,
not owned by a lock: no lock invariant of its struct says `acc` of it) that no statement
assigns (`p.f = ..`) and through which no statement writes elements (`p.f[i] = ..`, or
`append`/`copy` into `p.f`). Building the struct hands the array to it:
the builder must own the array and loses it (a later write through an alias it kept would
need that ownership), so from then on nobody owns it, nobody can write it, and anyone may
read its elements without a lock: a table of per-user records an op indexes
(`mb.boxes[user]`). Reading through any other alias of the array still needs ownership.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from armada_ls.logic.resolve import walk
from goose import ir
from goose import types as T

from . import smt
from .state import SliceV, State, StructV, Val

if TYPE_CHECKING:
    from .context import FnCtx
    from .stepper import Exec


def _written_through(pkg: ir.Package) -> set[str]:
    """"S.f" for every slice field some statement writes elements of through the field."""
    from armada_ls.logic.scopes import all_stmts

    from .exprs import struct_of_ptr

    def field_of(x: object) -> str | None:
        if isinstance(x, ir.FieldPtrGet):
            s = struct_of_ptr(x.ptr.type)
            return f"{s}.{x.field}" if s is not None else None
        if isinstance(x, ir.FieldGet):
            t = x.x.type
            return f"{t.name}.{x.field}" if isinstance(t, T.Named) else None
        if isinstance(x, ir.SliceExpr):  # p.f[lo:hi] shares p.f's array
            return field_of(x.x)
        return None

    out: set[str] = set()
    for fn in pkg.funcs.values():
        for s in all_stmts(fn.body):
            for p in s.places if isinstance(s, ir.Assign) else []:
                if isinstance(p, ir.IndexPlace) and (f := field_of(p.x)) is not None:
                    out.add(f)
        for n in ir.walk(fn.body):
            if isinstance(n, ir.Builtin) and n.name in ("append", "append...", "copy") and n.args:
                if (f := field_of(n.args[0])) is not None:
                    out.add(f)
    return out


def _lock_owned(ann: A.Annotations, struct: str, fld: str) -> bool:
    """A lock invariant of struct owns the field or its elements (`acc(f)`, `acc(f[i])`)."""
    for key, li in ann.lock_invs.items():
        if key.split(".")[0] != struct:
            continue
        for e in walk(li.cond):
            if isinstance(e, A.LCall) and e.fn == "acc" and any(
                    isinstance(x, A.LName) and x.name == fld for a in e.args for x in walk(a)):
                return True
    return False


def frozen(ctx: FnCtx, struct: str, fld: str) -> bool:
    cache = ctx.__dict__.setdefault("_frozen", {})
    if "through" not in cache:
        cache["through"] = _written_through(ctx.pkg)
    key = f"{struct}.{fld}"
    sd = ctx.pkg.structs.get(struct)
    ft = next((f.type for f in sd.fields if f.name == fld), None) if sd is not None else None
    u = T.underlying(ft) if ft is not None else None
    return (fld[:1].islower() and isinstance(u, T.Slice) and not smt.is_bytes(u)
            and key not in ctx.assigned_fields and key not in ctx.ann.lock_invs
            and key not in cache["through"] and not _lock_owned(ctx.ann, struct, fld))


def hand_over(ex: Exec, struct: str, init: Val, st: State, span: ir.Span) -> None:
    """Building the struct: each frozen field's array goes to it, from the builder."""
    from .exprs import disown, owns

    if not isinstance(init, StructV):
        return
    for fld, v in init.fields.items():
        if not isinstance(v, SliceV) or not frozen(ex.ctx, struct, fld):
            continue
        ex.ctx.ob("race", span, f"building {struct} freezes the array of {struct}.{fld} (nothing "
                  "writes its elements afterwards, so anyone reads them): the builder must own "
                  "it, and gives it up", st, z3.Or(v.base == smt.NIL, owns(st, v.base, "[]")))
        disown(st, v.base, ("[]",))
