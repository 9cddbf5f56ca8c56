"""Locks: `Lock()` grants the lock invariant (its leases, its points-to and its facts, as
of now), `Unlock()` checks it and takes back what it granted.

A lock is found syntactically from the receiver of Lock/Unlock: `p.mu` is the lock family
`S.mu` of instance p; `p.locks[i]` is family `S.locks` with parameter i. A lock invariant
`lock_inv(a) G ==> P` declares the family's domain G: indexing the lock slice needs G, and
building the struct needs every index in G to be within the slice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from goose import ir

from . import heap, smt
from .exprs import struct_of_ptr
from .resources import Split, split
from .state import Held, SliceV, State, StructV, Val

if TYPE_CHECKING:
    from .executor import Executor


def family(ex: Executor, recv: ir.Expr, st: State) -> tuple[str, z3.ExprRef | None, list[z3.ExprRef]] | None:
    """(family key, instance, parameters) of the mutex expression, or None for a mutex with
    no invariant."""
    e = recv
    if isinstance(e, ir.AddrOf):
        return None
    params: list[z3.ExprRef] = []
    if isinstance(e, ir.Index) and isinstance(e.x, ir.FieldPtrGet):
        params = [ex.ev.eval(e.index, st)]
        e = e.x
    if isinstance(e, ir.FieldPtrGet):
        struct = struct_of_ptr(e.ptr.type)
        key = f"{struct}.{e.field}"
        if key in ex.ctx.ann.lock_invs:
            inst = ex.ev.eval(e.ptr, st)
            ex.ctx.ob("safety", e.span, "the pointer is not nil", st, inst != smt.NIL)
            return key, inst, params
    return None


def domain(li: A.LockInv) -> A.LExpr | None:
    c = li.cond
    if isinstance(c, A.LBinary) and c.op == "==>":
        return c.x
    return None


def inv_scope(ex: Executor, key: str, inst: z3.ExprRef | None, params: list[z3.ExprRef], st: State):  # noqa: ANN201
    li = ex.ctx.ann.lock_invs[key]
    struct = key.split(".")[0]
    sc = ex.ctx.scope(st)
    sc.this = (inst, struct) if inst is not None else None
    sc.params = dict(zip(li.params, params, strict=False))
    return li, sc


def lock(ex: Executor, c: ir.Call, st: State) -> None:
    fam = family(ex, c.recv, st) if c.recv is not None else None
    if fam is None:
        if c.recv is not None:
            ex.ev.eval(c.recv, st)
        ex.ctx.interfere(st)
        return
    key, inst, params = fam
    order = list(ex.ctx.ann.lock_invs)
    for h in st.held:
        if h.key == key:
            # a family's locks in increasing index order (the same lock twice deadlocks too)
            later = z3.BoolVal(False)
            for i in range(len(params) - 1, -1, -1):
                later = z3.Or(params[i] > h.params[i], z3.And(params[i] == h.params[i], later))
            ex.ctx.ob("deadlock", c.span, f"locks of {key} are taken in increasing index order "
                      "(and never twice: Go's mutexes are not reentrant)", st,
                      z3.Or(h.inst != inst, later))
        elif h.key in order and order.index(h.key) > order.index(key):
            ex.ctx.fail("deadlock", c.span, f"{key} is taken while holding {h.key}: lock families "
                        "are taken in the order their lock_inv are declared", st)
    li, sc = inv_scope(ex, key, inst, params, st)
    if li.params and params:
        dom = domain(li)
        if dom is not None:
            ex.ctx.ob("safety", c.span, "the lock's index is in the lock family's domain", st,
                      split(dom, sc).pure_term(), clause=li.span)
    ex.ctx.interfere(st)
    sp: Split = split(li.cond, sc.at(st))
    for ls in sp.leases:
        st.leases.append(ls)
    if sp.perms:
        heap.new_epoch(st)
    for p, _ in sp.perms:
        st.owned.append(p)
        _forget(ex, p, st)
    # the facts describe the protected state as it is now, after the forgetting
    for t, _ in split(li.cond, sc.at(st)).pure:
        st.assume(t)
    st.held.append(Held(key, inst, params, list(sp.leases), [p for p, _ in sp.perms], c.span))
    st.path_text.append(f"line {c.span.start.line + 1}: acquired {key}")


def _forget(ex: Executor, p, st: State) -> None:  # noqa: ANN001
    """Another thread may have changed what the lock protects: its values are fresh."""
    for key in list(st.heap):
        if key.startswith("[]"):
            hit = p.field == "[]"
        elif key.startswith("*"):
            hit = p.field == "*"
        else:
            fld = key.partition(".")[2].split("#")[0].split(".")[0]
            hit = p.field in ("*", fld)
        if hit:
            arr = st.heap[key]
            st.heap[key] = z3.Store(arr, p.ptr, smt.fresh(f"{key}@lock", arr.sort().range()))


def unlock(ex: Executor, c: ir.Call, st: State) -> None:
    fam = family(ex, c.recv, st) if c.recv is not None else None
    if fam is None:
        return
    key, inst, params = fam
    mine = [h for h in st.held if h.key == key]
    if not mine:
        ex.ctx.fail("safety", c.span, f"Unlock of {key}, which this thread does not hold", st)
        return
    h = mine[-1]
    same = z3.And([h.inst == inst] + [a == b for a, b in zip(h.params, params, strict=False)]) \
        if inst is not None else z3.BoolVal(True)
    if not z3.is_true(z3.simplify(same)):
        ex.ctx.ob("safety", c.span, f"Unlock of the {key} lock this thread holds", st, same)
    ex.ctx.interfere(st)
    li, sc = inv_scope(ex, key, inst, params, st)
    sp = split(li.cond, sc)
    for t, _ in sp.pure:
        ex.ctx.ob("lock-inv", c.span, f"the lock invariant of {key} holds at Unlock", st, t,
                  clause=li.span)
    for p, cond in sp.perms:
        from .exprs import owns

        ex.ctx.ob("lock-inv", c.span, f"the lock invariant's {p} is given back at Unlock", st,
                  z3.Implies(cond, owns(st, p.ptr, p.field)), clause=li.span)
    st.held.remove(h)
    st.leases = [ls for ls in st.leases if not any(ls is x for x in h.leases)]
    st.owned = [p for p in st.owned if not any(p is x for x in h.perms)]
    st.path_text.append(f"line {c.span.start.line + 1}: released {key}")


def check_construction(ex: Executor, struct: str, init: Val, st: State, span: ir.Span) -> None:
    """Building a struct whose lock slice carries `lock_inv(a) G ==> ...`: every index in G
    must be within the slice."""
    if not isinstance(init, StructV):
        return
    for key, li in ex.ctx.ann.lock_invs.items():
        s, _, fld = key.partition(".")
        if s != struct or len(li.params) != 1:
            continue
        v = init.fields.get(fld)
        dom = domain(li)
        if not isinstance(v, SliceV) or dom is None:
            continue
        i = z3.Int(smt.fresh_name(li.params[0]))
        sc = ex.ctx.scope(st)
        sc.params = {li.params[0]: i}
        g = split(dom, sc).pure_term()
        ex.ctx.ob("safety", span, f"every lock of {key}'s domain exists in the slice", st,
                  z3.ForAll([i], z3.Implies(z3.And(smt.in_range(i), g), i < v.len)), clause=li.span)


__all__ = ["lock", "unlock", "check_construction", "heap"]


def over_memory(ex: Executor, key: str, st: State) -> bool:
    """Whether a lock invariant talks about memory (its struct's fields, or acc(...)):
    such an invariant is established when the struct is built; one over durable state only
    is established by recovery (or init) when it hands out the locks."""
    li = ex.ctx.ann.lock_invs[key]
    probe = st.fork()
    bound = {p: z3.Int(smt.fresh_name(p)) for p in li.params}
    _, sc = inv_scope(ex, key, z3.Int(smt.fresh_name("probe")), list(bound.values()), probe)
    sp = split(li.cond, sc)
    return bool(sp.perms) or "heap[" in str(sp.pure_term())


def establish(ex: Executor, struct: str, p: z3.ArithRef, st: State, span: ir.Span) -> set[str]:
    """A struct is built with its locks: each lock invariant over memory must hold of the
    new struct (a `lock-inv` obligation), and the fields it owns (its `acc(...)`) go to the
    lock, not to the builder. Returns those fields."""
    protected: set[str] = set()
    for key, li in ex.ctx.ann.lock_invs.items():
        if key.split(".")[0] != struct or li.params or not over_memory(ex, key, st):
            continue
        _, sc = inv_scope(ex, key, p, [], st)
        sp = split(li.cond, sc)
        for perm, _ in sp.perms:
            if perm.field in ("*", "[]"):
                protected |= {"*"}
            protected.add(perm.field)
        for t, _ in sp.pure:
            ex.ctx.ob("lock-inv", span, f"the lock invariant of {key} holds when the struct is "
                      "built", st, t, clause=li.span)
    if "*" in protected:
        sd = ex.ctx.pkg.structs.get(struct)
        protected |= {f.name for f in sd.fields} if sd else set()
    return protected
