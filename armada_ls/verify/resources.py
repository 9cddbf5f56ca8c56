"""Resources in assertions: `lease(loc)` and `acc(loc)` are not terms. `split` separates an
assertion into its pure conjuncts (each under the guards of the implications it sits in)
and the leases and points-to permissions it names."""

from __future__ import annotations

from dataclasses import dataclass, field

import z3

from armada_ls.logic import ast as A

from . import smt
from .assertions import Scope, term, value
from .state import Lease, Perm, SliceV


@dataclass
class Split:
    """An assertion split into its pure conjuncts and the resources it names."""

    pure: list[tuple[z3.BoolRef, A.LExpr]] = field(default_factory=list)
    leases: list[Lease] = field(default_factory=list)
    perms: list[tuple[Perm, z3.BoolRef]] = field(default_factory=list)

    def pure_term(self) -> z3.BoolRef:
        return z3.And([p for p, _ in self.pure]) if self.pure else z3.BoolVal(True)


def split(e: A.LExpr, sc: Scope, guard: z3.BoolRef | None = None, out: Split | None = None) -> Split:
    out = out if out is not None else Split()
    g = guard if guard is not None else z3.BoolVal(True)
    if isinstance(e, A.LBinary) and e.op == "&&":
        split(e.x, sc, guard, out)
        split(e.y, sc, guard, out)
        return out
    if isinstance(e, A.LBinary) and e.op == "==>" and _has_resource(e.y):
        c = term(e.x, sc)
        split(e.y, sc, c if guard is None else z3.And(guard, c), out)
        return out
    if isinstance(e, A.LLease):
        if e.lower is not None:
            raise smt.Unsupported("lower-bound leases on directories are not supported yet")
        arr, idx = _location(e.loc, sc)
        gen = sc.state.gen if sc.state.gen is not None else z3.Int("gen")
        out.leases.append(Lease(arr, idx, g, gen))
        return out
    if isinstance(e, A.LCall) and e.fn == "acc":
        for a in e.args:
            out.perms.append((perm_of(a, sc), g))
        return out
    t = term(e, sc)
    out.pure.append((t if guard is None else z3.Implies(guard, t), e))
    return out


def _has_resource(e: A.LExpr) -> bool:
    if isinstance(e, A.LLease) or (isinstance(e, A.LCall) and e.fn == "acc"):
        return True
    if isinstance(e, A.LBinary) and e.op in ("&&", "==>"):
        return _has_resource(e.x) or _has_resource(e.y)
    return False


def _location(e: A.LExpr, sc: Scope) -> tuple[str, z3.ExprRef]:
    if isinstance(e, A.LIndex):
        arr = value(e.x, sc)
        for nm, a in sc.state.durable.items():
            if isinstance(arr, z3.ExprRef) and a.eq(arr):
                return nm, term(e.index, sc)
    raise smt.Unsupported(f"lease(...) at {e.span}: the location must be a durable block, "
                          "e.g. lease(twodisk.D1[a])")


def perm_of(e: A.LExpr, sc: Scope) -> Perm:
    if isinstance(e, A.LSelector):
        base = value(e.x, sc)
        if not isinstance(base, z3.ExprRef):
            raise smt.Unsupported(f"acc({e.name}) at {e.span}: not a pointer field")
        return Perm(base, e.name)
    if isinstance(e, A.LName) and sc.this is not None and e.name not in sc.state.env \
            and e.name not in sc.bound:
        return Perm(sc.this[0], e.name)
    v = value(e, sc)
    if isinstance(v, SliceV):
        return Perm(v.base, "[]")
    if isinstance(v, z3.ExprRef) and v.sort() == smt.PTR:
        return Perm(v, "*")
    raise smt.Unsupported(f"acc(...) at {e.span}: expected a pointer, field or slice")


