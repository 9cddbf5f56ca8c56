"""Resources in assertions: `lease(loc)` and `acc(loc)` are not terms. `split` separates an
assertion into its pure conjuncts (each under the guards of the implications it sits in)
and the leases and points-to permissions it names."""

from __future__ import annotations

from dataclasses import dataclass, field

import z3

from armada_ls.logic import ast as A
from armada_ls.logic.pretty import show
from armada_ls.logic.resolve import walk
from goose import types as T

from . import fsleases, ownspec, smt, tokens
from .assertions import DURABLE, Scope, term, value
from .state import Lease, Perm, SliceV


@dataclass
class Split:
    """An assertion split into its pure conjuncts and the resources it names."""

    pure: list[tuple[z3.BoolRef, A.LExpr]] = field(default_factory=list)
    leases: list[Lease] = field(default_factory=list)
    perms: list[tuple[Perm, z3.BoolRef]] = field(default_factory=list)
    locks: list[A.LExpr] = field(default_factory=list)  # `locked(l)`: held locks handed over

    def pure_term(self, contract: bool = False) -> z3.BoolRef:
        """The facts; outside a contract (`contract`: a requires or ensures, whose callers
        hand the locks over) a `locked(l)` is not a fact the verifier checks (`assert
        locked(c.mu)` was proved without the lock), so it is not supported there."""
        if self.locks and not contract:
            raise smt.Unsupported(f"locked(...) at {self.locks[0].span}: only a function's requires "
                                  "or ensures hands a held lock over; it is not a fact to assert")
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
    if isinstance(e, A.LQuant) and _has_resource(e.body):
        _quantified(e, sc, guard, out)
        return out
    if isinstance(e, A.LLease):
        gen = sc.state.gen if sc.state.gen is not None else z3.Int("gen")
        if fsleases.is_fs(e):  # an entry, or a lower-bound lease on a directory
            ls, fact = fsleases.lease_of(e, sc, g, gen, term)
            out.leases.append(ls)
            if fact is not None:
                out.pure.append((fact, e))
            return out
        if e.lower is not None:
            raise smt.Unsupported("a lower-bound lease is on a directory: lease(filesys.Dirs[d], >= names)")
        arr, idx = _location(e.loc, sc)
        out.leases.append(Lease(arr, idx, g, gen))
        return out
    if isinstance(e, A.LCall) and e.fn == "locked":
        if guard is not None:
            raise smt.Unsupported(f"locked(...) at {e.span} under a condition: a contract hands a "
                                  "held lock over on every path or not at all")
        out.locks.append(e.args[0])
        return out
    if isinstance(e, A.LCall) and e.fn == "acc":
        gen = sc.state.gen if sc.state.gen is not None else z3.Int("gen")
        for a in e.args:
            ls = tokens.lease_of(a, sc.ann, g, gen) or ownspec.lease_of(a, sc, g, gen, term)
            if ls is not None:  # spec state owned (ownspec.py): a lease on a ghost location
                out.leases.append(ls)
            else:
                out.perms.append((perm_of(a, sc), g))
        return out
    t = term(e, sc)
    out.pure.append((t if guard is None else z3.Implies(guard, t), e))
    return out


def _has_resource(e: A.LExpr) -> bool:
    if isinstance(e, A.LLease) or (isinstance(e, A.LCall) and e.fn in ("acc", "locked")):
        return True
    if isinstance(e, A.LBinary) and e.op in ("&&", "==>"):
        return _has_resource(e.x) or _has_resource(e.y)
    if isinstance(e, A.LQuant):
        return _has_resource(e.body)
    return False


def _quantified(e: A.LQuant, sc: Scope, guard: z3.BoolRef | None, out: Split) -> None:
    """`forall a T :: G(a) ==> lease(D[a]) && P(a)`: one lease set per array (the
    locations `a` with `G(a)`), and the pure part under the quantifier."""
    body_ = e.body
    if e.kind == "forall" and isinstance(body_, A.LCall) and body_.fn == "acc" and \
            len(body_.args) == 1 and isinstance(body_.args[0], A.LHelping):  # an op's tokens
        gen = sc.state.gen if sc.state.gen is not None else z3.Int("gen")
        g = guard if guard is not None else z3.BoolVal(True)
        out.leases.append(tokens.lease_of(body_.args[0], sc.ann, g, gen,  # type: ignore[arg-type]
                                          tuple(n for n, _ in e.vars)))
        return
    named = e.kind == "forall" and len(e.vars) == 1 and e.vars[0][1] == T.STRING  # fs entries
    if e.kind != "forall" or len(e.vars) != 1 or not (smt.is_int(e.vars[0][1]) or named):
        raise smt.Unsupported(f"resources under a quantifier at {e.span}: only `forall` over one "
                              "integer variable (or names: lease(filesys.Dirs[d][n])) is supported")
    n, t = e.vars[0]
    x = z3.String(smt.fresh_name(n)) if named else z3.Int(smt.fresh_name(n))
    inner = sc.at(sc.state)
    inner.bound = dict(sc.bound)
    inner.bound[n] = x
    rng = z3.BoolVal(True) if named else smt.in_range(x, smt.int_bits(t))
    whole = _all_elements(e, n, inner)
    if whole is not None:
        out.perms.append((whole, guard if guard is not None else z3.BoolVal(True)))
        return
    body = split(e.body, inner, rng)
    if body.perms:
        raise smt.Unsupported(f"acc(...) under a quantifier at {e.span} is not supported yet")
    outer = guard if guard is not None else z3.BoolVal(True)
    for ls in body.leases:
        if not ls.index.eq(x):
            raise smt.Unsupported(f"a quantified lease at {e.span} must be on the location its "
                                  f"variable names (lease(D[{n}]))")
        out.leases.append(type(ls)(ls.array, x, z3.And(outer, ls.cond), ls.gen, x))
    if body.pure:
        facts = z3.ForAll([x], body.pure_term())
        out.pure.append((facts if guard is None else z3.Implies(guard, facts), e))


def _all_elements(e: A.LQuant, n: str, sc: Scope) -> Perm | None:
    """`forall k K :: acc(m[k])` (every key of a map) and `forall i T :: i < len(s) ==>
    acc(s[i])` (every element of a slice): the whole contents, the one granularity the
    heap model keeps (a slice's whole backing array: its elements are only ever owned
    together, so both sides of every hand-over read it the same way). Other forms are
    unknown, never approximated."""
    guard, body = (e.body.x, e.body.y) if isinstance(e.body, A.LBinary) and e.body.op == "==>" \
        else (None, e.body)
    if not (isinstance(body, A.LCall) and body.fn == "acc" and len(body.args) == 1
            and isinstance(body.args[0], A.LIndex)):
        return None
    at = body.args[0]
    if ownspec.field_ref(at.x, sc.ann) is not None:
        return None  # keys of a spec map: a set of leases (ownspec.py), guarded or not
    if not (isinstance(at.index, A.LName) and at.index.name == n) or \
            any(isinstance(x, A.LName) and x.name == n for x in walk(at.x)):
        raise smt.Unsupported(f"acc(...) under a quantifier at {e.span}: only `acc(m[{n}])` of "
                              f"every key or `{n} < len(s) ==> acc(s[{n}])` of every element")
    v = value(at.x, sc)
    if isinstance(v, SliceV):
        want = f"{n} < len({show(at.x)})"  # (or the uint64 conversion Go code compares with)
        if guard is None or show(guard) not in (want, f"{n} < uint64(len({show(at.x)}))"):
            raise smt.Unsupported(f"acc(...) under a quantifier at {e.span}: a slice's elements "
                                  f"are owned all together: write `{want} ==> acc({show(at)})`")
        return Perm(v.base, "[]")
    if isinstance(v, z3.ExprRef) and v.sort() == smt.PTR and guard is None:
        return Perm(v, "*", contents="map")
    raise smt.Unsupported(f"acc(...) under a quantifier at {e.span}: a map's keys are owned all "
                          f"together: write `forall {n} K :: acc({show(at)})` with no guard")


def _location(e: A.LExpr, sc: Scope) -> tuple[str, z3.ExprRef]:
    if isinstance(e, A.LIndex):
        ref = getattr(e.x, "ref", None)
        if ref is not None and ref.kind == "machine":
            full = ref.name if "." in ref.name else f"{ref.owner}.{ref.name}"
            if full in DURABLE:  # by name: two arrays may hold the same term (zeroed disks)
                return full, term(e.index, sc)
        arr = value(e.x, sc)
        for nm, a in sc.state.durable.items():
            if isinstance(arr, z3.ExprRef) and a.eq(arr):
                return nm, term(e.index, sc)
    raise smt.Unsupported(f"lease(...) at {e.span}: the location must be a durable block, "
                          "e.g. lease(twodisk.D1[a])")


def _is_block(v: object) -> bool:
    return isinstance(v, z3.ExprRef) and v.sort() == smt.BLOCK


def perm_of(e: A.LExpr, sc: Scope) -> Perm:
    if isinstance(e, A.LSelector):
        base = value(e.x, sc)
        if not isinstance(base, z3.ExprRef):
            raise smt.Unsupported(f"acc({e.name}) at {e.span}: not a pointer field")
        return Perm(base, e.name)
    ref = getattr(e, "ref", None) if isinstance(e, A.LName) else None
    if isinstance(e, A.LName) and sc.this is not None and e.name not in sc.bound and (
            e.name not in sc.state.env or  # a lock invariant's field, even beside a local of its name
            (ref is not None and ref.kind == "field" and ref.owner == sc.this[1])):
        return Perm(sc.this[0], e.name)
    if isinstance(e, A.LIndex | A.LSlice) and _is_block(value(e.x, sc)):
        raise smt.Unsupported(f"acc(...) at {e.span}: a byte slice's bytes are values, not memory "
                              "cells: a function writes into a []byte it borrows without acc")
    v = value(e, sc)
    if _is_block(v):
        raise smt.Unsupported(f"acc(...) at {e.span}: a byte slice's bytes are values, not memory "
                              "cells: a function writes into a []byte it borrows without acc")
    if isinstance(v, SliceV):
        return Perm(v.base, "[]")
    if isinstance(v, z3.ExprRef) and v.sort() == smt.PTR:
        return Perm(v, "*")
    raise smt.Unsupported(f"acc(...) at {e.span}: expected a pointer, field or slice")


