"""Struct invariants: `invariant P` on a field of a struct, a fact of every built instance.

P may read only memory nothing changes once the struct is built: the struct's read-only
fields (no statement assigns them), elements of its frozen arrays (frozen.py), read-only
fields of the structs those hold, constants and pure functions; so it holds from the
struct's construction on. It is checked where the struct is built (`new`, `&T{..}`: kind
`struct-inv`) and known of every pointer to one the function gets (a parameter or
receiver, a result, a value read from memory: locks.built), as the locks' invariants'
existence is. A function that takes the address of a local such struct is unknown (it would
make one nobody checked: exprs.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from armada_ls.logic.pretty import show
from armada_ls.logic.resolve import walk
from goose import ir

from . import smt
from .resources import split
from .state import State

if TYPE_CHECKING:
    from .context import FnCtx
    from .stepper import Exec


def has(ctx: FnCtx, struct: str | None) -> bool:
    return struct is not None and struct in ctx.ann.struct_invs


def _is_dir(e: A.LExpr) -> bool:
    """`filesys.IsDir`: monotone (Mkdir only adds; a crash keeps it), so a fact true where
    the struct is built stays true for as long as the struct exists."""
    ref = getattr(e, "ref", None)
    return ref is not None and ref.kind == "machine" and ref.owner == "filesys" and ref.name == "IsDir"


def _stable(ctx: FnCtx, struct: str, cond: A.LExpr) -> str:
    """Why cond may change after the struct is built ("" if it cannot)."""
    from .frozen import frozen

    for e in walk(cond):
        ref = getattr(e, "ref", None)
        if _is_dir(e) or (isinstance(e, A.LIndex) and _is_dir(e.x)):
            continue  # directories are never removed: once there, always there
        if isinstance(e, A.LName | A.LSelector) and ref is not None:
            if ref.kind == "field":
                key = f"{ref.owner}.{ref.name}"
                if key in ctx.assigned_fields or key in ctx.ann.lock_invs:
                    return f"it reads {key}, which statements assign"
            elif ref.kind in ("machine", "spec_state"):
                return f"it reads {show(e)}, which is not memory"
        if isinstance(e, A.LIndex):
            base = e.x
            ref = getattr(base, "ref", None)
            if not (ref is not None and ref.kind == "field"
                    and frozen(ctx, str(ref.owner), ref.name)):
                return f"it indexes {show(base)}, which is not a frozen array"
        if isinstance(e, A.LCall) and e.fn in ("acc", "locked", "durable", "has"):
            return f"{e.fn}(..) is not a fact about frozen memory"
        if isinstance(e, A.LLease | A.LOld):
            return "leases and old(..) are not facts about frozen memory"
    return ""


def facts(ctx: FnCtx, st: State, struct: str, p: z3.ExprRef) -> z3.BoolRef:
    """What the invariants of struct say of instance p (p not nil)."""
    out = []
    for inv in ctx.ann.struct_invs.get(struct, []):
        why = _stable(ctx, struct, inv.cond)
        if why:
            raise smt.Unsupported(f"the invariant of {struct} at line {inv.span.start.line + 1} may "
                                  f"change after the struct is built: {why}")
        sc = ctx.scope(st)
        sc.this = (p, struct)
        out.append(split(inv.cond, sc).pure_term())
    return z3.And(out)


def check_built(ex: Exec, struct: str, p: z3.ExprRef, st: State, span: ir.Span) -> None:
    """Where the struct is built: its invariants hold of the new instance."""
    for inv in ex.ctx.ann.struct_invs.get(struct, []):
        ex.ctx.ob("struct-inv", span, f"the invariant of {struct} holds of the one built here",
                  st, facts(ex.ctx, st, struct, p), clause=inv.span)
