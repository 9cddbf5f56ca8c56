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
from armada_ls.logic.pretty import show
from goose import ir
from goose import types as T

from . import dispatch, durability, heap, leases, smt
from .exprs import struct_of_ptr
from .resources import Split, split
from .state import Held, Lease, Perm, SliceV, State, StructV, Val

if TYPE_CHECKING:
    from .stepper import Exec


def family(ex: Exec, recv: ir.Expr, st: State) -> tuple[str, z3.ExprRef | None, list[z3.ExprRef]] | None:
    """(family key, instance, parameters) of the mutex expression, or None for a mutex
    known to carry no invariant. A mutex the verifier cannot trace to a field (a parameter,
    a value loaded from memory) is not guessed at: the function is not verified."""
    e = recv
    if isinstance(e, ir.AddrOf):
        return None  # a local mutex (`var mu sync.Mutex`): no invariant
    if isinstance(e, ir.Deref) and isinstance(e.ptr, ir.Var) and e.ptr.name in ex.ctx.read_only_vars:
        e = ir.Var(e.span, e.type, e.ptr.name)  # a goroutine's captured, never-assigned alias
    if isinstance(e, ir.Var) and not e.boxed:
        if e.name in st.mutex_alias:
            return st.mutex_alias[e.name]
        raise smt.Unsupported(f"cannot tell which lock {e.name} is at line {e.span.start.line + 1}: "
                              "lock and unlock a mutex through its field (p.mu, p.locks[i]) or a "
                              "local alias of one")
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
        return None  # a plain mutex field
    raise smt.Unsupported(f"cannot tell which lock the mutex at line {e.span.start.line + 1} is: "
                          "lock and unlock a mutex through its field (p.mu, p.locks[i]) or a "
                          "local alias of one")


PLAIN = ""  # the family key of a mutex without an invariant


def note_alias(ex: Exec, name: str, value: ir.Expr | None, st: State) -> None:
    """`m := p.mu` (or `m = ...`): remember which lock m is, so `m.Unlock()` releases it."""
    st.mutex_alias.pop(name, None)
    if value is None:
        return
    if isinstance(value, ir.New) or isinstance(value, ir.Nil):
        st.mutex_alias[name] = None  # a fresh mutex: no invariant
        return
    try:
        st.mutex_alias[name] = family(ex, value, st)
    except smt.Unsupported:
        pass  # untraceable: locking through m is then not verified


def is_mutex_ptr(t: object) -> bool:
    u = T.underlying(t) if t is not None else None
    return isinstance(u, T.Pointer) and u.elem in (T.MUTEX,)


def lock_bearing(ctx: object, struct: str | None) -> bool:
    """Whether struct has a field with a lock invariant."""
    lock_invs = ctx.ann.lock_invs  # type: ignore[attr-defined]
    return struct is not None and any(k.split(".")[0] == struct for k in lock_invs)


def minted(st: State, struct: str) -> z3.ArrayRef:
    """The instances of struct built with their locks' resources (see `mint`)."""
    arr = st.minted.get(struct)
    if arr is None:
        arr = z3.Const(smt.fresh_name(f"built[{struct}]"), z3.ArraySort(z3.IntSort(), z3.BoolSort()))
        st.minted[struct] = arr
    return arr


def built_what(ctx: object, struct: str | None) -> str:
    """How an obligation of `built` names what it checks: the locks, the invariants, or both."""
    from . import structinv

    parts = (["locks"] if lock_bearing(ctx, struct) else []) + \
        (["invariants holding"] if structinv.has(ctx, struct) else [])  # type: ignore[arg-type]
    return "built with its " + " and ".join(parts) + " (or nil)"


def valid_instance(st: State, struct: str, p: z3.ExprRef) -> z3.BoolRef:
    return z3.Or(p == smt.NIL, z3.Select(minted(st, struct), p))


def built(ctx: object, st: State, t: object, v: object) -> z3.BoolRef | None:
    """For a value v of type t that points to a struct with locks or invariants: that it is
    nil or built with its locks, its invariants holding (what a function receiving or
    returning it relies on); else None."""
    from . import structinv

    struct = struct_of_ptr(t)  # type: ignore[arg-type]
    inv = structinv.has(ctx, struct)  # type: ignore[arg-type]
    if not (lock_bearing(ctx, struct) or inv) or not isinstance(v, z3.ExprRef):
        return None
    ok = valid_instance(st, struct, v) if lock_bearing(ctx, struct) else z3.BoolVal(True)  # type: ignore[arg-type]
    if inv:
        ok = z3.And(ok, z3.Or(v == smt.NIL, structinv.facts(ctx, st, struct, v)))  # type: ignore[arg-type]
    return ok


def grants_leases(li: A.LockInv) -> bool:
    return _mentions_lease(li.cond)


def _mentions_lease(e: object) -> bool:
    if isinstance(e, A.LLease):
        return True
    if isinstance(e, A.LBinary):
        return _mentions_lease(e.x) or _mentions_lease(e.y)
    if isinstance(e, A.LQuant):
        return _mentions_lease(e.body)
    return False


def domain(li: A.LockInv) -> A.LExpr | None:
    c = li.cond
    if isinstance(c, A.LBinary) and c.op == "==>":
        return c.x
    return None


def in_domain(ex: Exec, key: str, inst: z3.ExprRef | None, params: list[z3.ExprRef],
              st: State) -> z3.BoolRef | None:
    """That lock (key, inst, params) of a family is in the family's domain (`lock_inv(a) a <
    N ==> ..`), or None when the family has no domain or the lock no index."""
    li, sc = inv_scope(ex, key, inst, params, st)
    dom = domain(li) if li.params and params else None
    return split(dom, sc).pure_term() if dom is not None else None


def inv_scope(ex: Exec, key: str, inst: z3.ExprRef | None, params: list[z3.ExprRef], st: State):  # noqa: ANN201
    li = ex.ctx.ann.lock_invs[key]
    struct = key.split(".")[0]
    sc = ex.ctx.scope(st)
    sc.this = (inst, struct) if inst is not None else None
    sc.params = dict(zip(li.params, params, strict=False))
    return li, sc


def lock(ex: Exec, c: ir.Call, st: State) -> None:
    fam = family(ex, c.recv, st) if c.recv is not None else None
    if fam is None:  # a mutex without an invariant: held, so that it must be released
        m = ex.ev.eval(c.recv, st) if c.recv is not None else None
        if isinstance(m, z3.ExprRef):  # (nil-ness of a plain mutex field: not checked)
            for h in st.held:
                if h.key == PLAIN:
                    ex.ctx.ob("deadlock", c.span, "the mutex is not one this thread already "
                              "holds (Go's mutexes are not reentrant)", st, h.inst != m)
        ex.ctx.interfere(st)
        if isinstance(m, z3.ExprRef):
            st.held.append(Held(PLAIN, m, [], [], [], c.span))
        return
    key, inst, params = fam
    _order(ex, key, inst, params, st, c.span)
    li = ex.ctx.ann.lock_invs[key]
    dom = in_domain(ex, key, inst, params, st)
    if dom is not None:
        ex.ctx.ob("safety", c.span, "the lock's index is in the lock family's domain", st,
                  dom, clause=li.span)
    if inst is not None:
        struct = key.split(".")[0]
        ex.ctx.ob("lease" if grants_leases(li) else "safety", c.span,
                  f"the {key} lock belongs to a {struct} built with its locks (by recovery, "
                  "init or a builder that handed over their leases), not one made here",
                  st, z3.Select(minted(st, struct), inst), clause=li.span)
    ex.ctx.interfere(st)
    inhale(ex, key, inst, params, st, c.span)
    st.path_text.append(f"line {c.span.start.line + 1}: acquired {key}")


def _order(ex: Exec, key: str, inst: z3.ExprRef | None, params: list[z3.ExprRef], st: State,
           span: ir.Span) -> None:
    """Taking lock (key, inst, params) while holding st.held: families in declaration order,
    a family's locks in increasing index order, never one twice."""
    order = list(ex.ctx.ann.lock_invs)
    for h in st.held:
        if h.key == key:
            # a family's locks in increasing index order (the same lock twice deadlocks too)
            later = z3.BoolVal(False)
            for i in range(len(params) - 1, -1, -1):
                later = z3.Or(params[i] > h.params[i], z3.And(params[i] == h.params[i], later))
            ex.ctx.ob("deadlock", span, f"locks of {key} are taken in increasing index order "
                      "(and never twice: Go's mutexes are not reentrant)", st,
                      z3.Or(h.inst != inst, later))
        elif h.key in order and order.index(h.key) > order.index(key):
            ex.ctx.fail("deadlock", span, f"{key} is taken while holding {h.key}: lock families "
                        "are taken in the order their lock_inv are declared", st)


def inhale(ex: Exec, key: str, inst: z3.ExprRef | None, params: list[z3.ExprRef], st: State,
           span: ir.Span) -> None:
    """This thread now holds the lock with what its invariant grants, as of now: Lock after
    the other threads ran, or a held lock received through a contract (`locked(l)`)."""
    li, sc = inv_scope(ex, key, inst, params, st)
    sp: Split = split(li.cond, sc.at(st))
    sp.pure_term()  # (a `locked(l)` in a lock invariant is no fact: unknown)
    if sp.perms:
        heap.new_epoch(st)
    # A permission may name a location through one it grants (`acc(free) && forall k K ::
    # acc(free[k])`): once `free` is forgotten, the map it points to is another term. So
    # forget, read the invariant again, and repeat until the permissions stand still.
    forgotten: list[Perm] = []
    for _ in range(len(sp.perms) + 1):
        fresh = [p for p, _ in sp.perms if not any(_same(p, q) for q in forgotten)]
        if not fresh:
            break
        for p in fresh:
            _forget(ex, p, st)
        forgotten += fresh
        sp = split(li.cond, sc.at(st))
    _check_framed(ex, key, li, sc, [p for p, _ in sp.perms], st, span)
    # memory has one owner: an array the lock grants is none the thread already owns (a
    # slice it is building, kept apart from the lock's table when it gives that back)
    mine = [q for q in st.owned if q.field == "[]" and q.contents != "map"]
    for p, _ in sp.perms:
        if p.field == "[]" and p.contents != "map":
            for q in mine:
                st.keep_apart(p.ptr, q.ptr, "an array has one owner")
    for p, _ in sp.perms:
        st.owned.append(p)
    # leases too are read after the forgetting (a guard may read the protected memory)
    for ls in sp.leases:
        leases.receive(st, ls)
    # the facts describe the protected state as it is now, after the forgetting
    for t, _ in split(li.cond, sc.at(st)).pure:
        st.assume(t)
    st.held.append(Held(key, inst, params, list(sp.leases), [p for p, _ in sp.perms], span))


def _same(p: Perm, q: Perm) -> bool:
    return p.field == q.field and p.ptr.eq(q.ptr)


def _forget(ex: Exec, p, st: State) -> None:  # noqa: ANN001
    """Another thread may have changed what the lock protects: its values are fresh."""
    if p.field == "[]" and p.contents != "map":  # a frozen array is nobody's (frozen.py)
        for fb in st.frozen_bases:
            st.assume(z3.Implies(fb != smt.NIL, p.ptr != fb), "a frozen array is no lock's")
    for key in list(st.heap):
        if p.contents == "map":
            hit = key.endswith(heap.MAP_PARTS)  # a map's entries (heap.py's names)
        elif key.startswith("[]"):
            hit = p.field == "[]"
        elif key.startswith("*"):
            hit = p.field == "*"
        else:
            fld = key.partition(".")[2].split("#")[0].split(".")[0]
            hit = p.field in ("*", fld)
        if hit:
            arr = st.heap[key]
            st.heap[key] = z3.Store(arr, p.ptr, smt.fresh(f"{key}@lock", arr.sort().range()))


def forget_unowned(ex: Exec, st: State, owned: list[Perm] | None = None, hint: str = "call") -> None:
    """Memory this thread does not own (`owned`: st.owned) may have changed (a callee, or
    other threads while it ran, wrote it under their locks): what the path knew of it is
    gone, except what no statement of the package writes (read-only fields, elements no
    statement writes, a goroutine's captured variables nobody assigns). A fact kept from
    before (a postcondition about a field after its Unlock) and the next callee's
    postcondition about the same, unchanged term contradicted each other, which proved
    anything."""
    from .exprs import Eval

    ev = Eval(ex)  # (only its package facts: `ex` may be entry.py's stand-in, with no evaluator)
    perms = st.owned if owned is None else owned
    cells = [st.env[n] for n in ex.ctx.read_only_vars if n in st.env]
    written_elems = ex.ctx.assigned_elems | ev._bulk_written()
    for key, arr in list(st.heap.items()):
        keep: list[z3.ExprRef] = []
        if key.endswith(heap.MAP_PARTS):  # a map's entries: owned with the map
            kinds: tuple[str, ...] = ("*",)
        elif key.startswith("[]"):
            if not any(key == f"[]{t}" or key.startswith((f"[]{t}#", f"[]{t}.")) for t in written_elems):
                continue  # no statement writes such elements
            kinds, keep = ("[]", "*"), list(st.frozen_bases)  # nobody writes a frozen array
        elif key.startswith("*"):
            kinds, keep = ("*",), cells
        else:
            struct, _, rest = key.partition(".")
            fld = rest.split("#")[0].split(".")[0]
            if ev.read_only(struct, fld):
                continue
            kinds = (fld, "*")
        new = smt.fresh(f"{key}@{hint}", arr.sort())
        for p in keep + [q.ptr for q in perms if q.field in kinds]:
            new = z3.Store(new, p, z3.Select(arr, p))
        st.heap[key] = new


_UNFRAMED = "unframed!"


def _check_framed(ex: Exec, key: str, li: A.LockInv, sc, perms: list[Perm], st: State,  # noqa: ANN001
                  span: ir.Span) -> None:
    """A lock invariant's facts, and where its leases and permissions are, may depend only
    on memory it owns (`acc`) or that no statement writes: other memory changes while the
    lock is free without anyone checking the invariant (`lock_inv acc(n) && n == m`, with m
    written under another lock, let a thread that set m to 1 conclude at Lock that n == 1
    whatever n held; `open[a] ==> lease(disk.D[a])` over another lock's map let a thread
    clear open[0] while holding the lock and keep D[0]'s lease after Unlock)."""
    probe = st.fork()
    split(li.cond, sc.at(probe))  # every array the facts read is in probe.heap now
    forget_unowned(ex, probe, perms, _UNFRAMED)
    b, a = split(li.cond, sc.at(st.fork())), split(li.cond, sc.at(probe))
    # what may differ: the facts, and where each lease and permission is (a lease set over
    # unowned memory, `free[a] ==> lease(disk.D[a])`, moves with it just the same)
    differs = [z3.And([t for t, _ in b.pure]) != z3.And([t for t, _ in a.pure])]
    for lb, la in zip(b.leases, a.leases, strict=True):
        cond, idx = la.cond, la.index
        if la.var is not None and lb.var is not None:
            cond, idx = (z3.substitute(x, (la.var, lb.var)) for x in (cond, idx))
        differs += [lb.cond != cond, z3.And(lb.cond, lb.index != idx)]
    for (pb, gb), (pa, ga) in zip(b.perms, a.perms, strict=True):
        differs += [gb != ga, z3.And(gb, pb.ptr != pa.ptr)]
    diff = z3.simplify(z3.Or(differs))
    if _UNFRAMED not in str(diff):
        return
    # they read an unowned location's value: do they depend on it? First with no facts of the
    # path (a fast `unsat` there holds with them too), then with them
    got = z3.unknown
    for facts, ms in (([], 500), (probe.path, 2000)):
        s = z3.Solver()
        s.set("timeout", ms)
        s.add(*facts)
        s.add(diff)
        got = s.check()
        if got == z3.unsat:
            return
    if got == z3.unknown:
        raise smt.Unsupported(f"whether the lock invariant of {key} speaks only of memory it owns")
    if got == z3.sat:
        ex.ctx.fail("lock-inv", span, f"the lock invariant of {key} speaks only of memory it "
                    "owns (acc) or that no statement writes (other memory changes while the lock "
                    "is free, and nobody checks the invariant then)", st, clause=li.span)


def unlock(ex: Exec, c: ir.Call, st: State) -> None:
    fam = family(ex, c.recv, st) if c.recv is not None else None
    if fam is None:
        m = ex.ev.eval(c.recv, st) if c.recv is not None else None
        plain = [h for h in st.held if h.key == PLAIN]
        if not isinstance(m, z3.ExprRef) or not plain:
            ex.ctx.fail("safety", c.span, "Unlock of a mutex this thread does not hold", st)
            return
        h = plain[-1]
        ex.ctx.ob("safety", c.span, "Unlock of the mutex this thread locked last", st, h.inst == m)
        ex.ctx.interfere(st)
        st.held.remove(h)
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
    exhale(ex, h, st, c.span, "at Unlock", release=True)
    st.path_text.append(f"line {c.span.start.line + 1}: released {key}")


def exhale(ex: Exec, h: Held, st: State, span: ir.Span, when: str, release: bool) -> None:
    """This thread gives held lock h up with what its invariant grants, which must hold:
    at Unlock (`release`: other threads may take it now), or handing it to a callee or a
    caller through a contract (`locked(l)`), which goes on holding it."""
    key, inst, params = h.key, h.inst, h.params
    if key == PLAIN:  # no invariant: nothing to check or give back
        st.held.remove(h)
        return
    li, sc = inv_scope(ex, key, inst, params, st)
    sp = split(li.cond, sc)
    for t, _ in sp.pure:
        ex.ctx.ob("lock-inv", span, f"the lock invariant of {key} holds {when}", st, t,
                  clause=li.span)
    for p, cond in sp.perms:
        from .exprs import owns

        ex.ctx.ob("lock-inv", span, f"the lock invariant's {p} is given back {when}", st,
                  z3.Implies(cond, owns(st, p.ptr, p.field)), clause=li.span)
    # what the lock owns from now on is its invariant's leases as they are NOW: a guard
    # over memory (`free[a] ==> lease(D[a])`) may have changed since Lock (a freed block
    # goes back to the lock, a reserved one stays with the thread)
    if release:  # (a lock handed over stays held: no other thread sees its writes yet)
        durability.at_unlock(ex.ctx, st, list(sp.leases), key, span)
    for ls in sp.leases:
        ex.ctx.ob("lease", span, f"the lock's {ls} is given back {when} (this thread "
                  "must still hold it)", st, leases.holds(st, ls), clause=li.span)
        leases.subtract(st, ls)
    st.held.remove(h)
    from .exprs import give_up

    # what the lock granted goes back first (no solver query: most of what give_up would
    # ask the solver about, whether two arrays may be one, is one of these)
    st.owned = [p for p in st.owned if not any(p is x for x in h.perms)]
    for p, _ in sp.perms:  # what the invariant owns now, however this thread came to own it
        give_up(st, p)


@dispatch.handles("lock_construction")
def check_construction(ex: Exec, struct: str, init: Val, st: State, span: ir.Span) -> None:
    """Building a struct with lock families: each lock exists (a lock slice covers its
    family's domain, with no nil mutex in it; a mutex field is not nil), and the leases its
    invariants grant come from the builder (who loses them). Checked here, the instance is
    then `minted`: only such instances may be locked."""
    if not isinstance(init, StructV):
        return
    for key, li in ex.ctx.ann.lock_invs.items():
        s, _, fld = key.partition(".")
        if s != struct:
            continue
        v = init.fields.get(fld)
        if li.params:
            _check_lock_slice(ex, key, li, v, st, span)
        elif isinstance(v, z3.ExprRef):
            ex.ctx.ob("safety", span, f"the mutex {key} is not nil (locking it would panic)", st,
                      v != smt.NIL, clause=li.span)


def _check_lock_slice(ex: Exec, key: str, li: A.LockInv, v: Val, st: State, span: ir.Span) -> None:
    dom = domain(li)
    if len(li.params) != 1 or not isinstance(v, SliceV):
        raise smt.Unsupported(f"the lock family {key}: a family with parameters must be one "
                              "slice of mutexes indexed by its parameter")
    if dom is None:
        raise smt.Unsupported(f"the lock family {key} needs a domain: lock_inv({li.params[0]}) "
                              f"G ==> P, with G saying which indices have a lock")
    i = z3.Int(smt.fresh_name(li.params[0]))
    sc = ex.ctx.scope(st)
    sc.params = {li.params[0]: i}
    g = split(dom, sc).pure_term()
    ex.ctx.ob("safety", span, f"every lock of {key}'s domain exists in the slice", st,
              z3.ForAll([i], z3.Implies(z3.And(smt.in_range(i), g), i < v.len)), clause=li.span)
    probe = st.fork()
    elem = heap.elem_read(probe, T.Pointer(T.MUTEX), v, i)
    ex.ctx.ob("safety", span, f"no lock of {key}'s domain is nil (locking it would panic)", probe,
              z3.ForAll([i], z3.Implies(z3.And(smt.in_range(i), g, i < v.len), elem != smt.NIL)),
              clause=li.span)
    # the builder may not change the lock slice from now on (it would swap a lock out)
    from .exprs import owns

    ex.ctx.ob("race", span, f"the builder owns the lock slice of {key} it hands to the struct", st,
              owns(st, v.base, "[]"), clause=li.span)
    from .exprs import disown

    disown(st, v.base, ("[]",))


def mint(ex: Exec, struct: str, p: z3.ArithRef, st: State, span: ir.Span) -> None:
    """The new struct's locks take their leases from the builder: recovery and init start
    with every lease, anyone else holds only what locks and contracts gave it, and each lease
    goes to one lock family instance only (`leases.subtract`)."""
    if not lock_bearing(ex.ctx, struct):
        return
    for key, li in ex.ctx.ann.lock_invs.items():
        if key.split(".")[0] != struct or not grants_leases(li):
            continue
        bound = [z3.Int(smt.fresh_name(n)) for n in li.params]
        _, sc = inv_scope(ex, key, p, list(bound), st)
        for ls in split(li.cond, sc).leases:
            if bound:
                if ls.var is not None or not ls.index.eq(bound[0]) or len(bound) != 1:
                    raise smt.Unsupported(f"the lock family {key}: its lease must be on the "
                                          f"location its parameter names (lease(D[{li.params[0]}]))")
                ls = Lease(ls.array, bound[0], z3.And(smt.in_range(bound[0]), ls.cond), ls.gen,
                           bound[0])
            ex.ctx.ob("lease", span, f"building {struct} hands its {key} locks {ls}: the builder "
                      "must hold it (leases come from recovery or init, once)", st,
                      leases.holds(st, ls), clause=li.span)
            leases.subtract(st, ls)
    st.minted[struct] = z3.Store(minted(st, struct), p, True)


def fresh_instance(st: State, struct: str, p: z3.ArithRef) -> None:
    """A new allocation was never built before."""
    st.assume(z3.Not(z3.Select(minted(st, struct), p)))


__all__ = ["lock", "unlock", "check_construction", "mint", "heap"]


def over_memory(ex: Exec, key: str, st: State) -> bool:
    """Whether a lock invariant talks about memory (its struct's fields, or acc(...)):
    such an invariant is established when the struct is built; one over durable state only
    is established by recovery (or init) when it hands out the locks."""
    li = ex.ctx.ann.lock_invs[key]
    probe = st.fork()
    bound = {p: z3.Int(smt.fresh_name(p)) for p in li.params}
    _, sc = inv_scope(ex, key, z3.Int(smt.fresh_name("probe")), list(bound.values()), probe)
    sp = split(li.cond, sc)
    return bool(sp.perms) or "heap[" in str(sp.pure_term())


def establish(ex: Exec, struct: str, p: z3.ArithRef, st: State, span: ir.Span) -> set[str]:
    """A struct is built with its locks: each lock invariant over memory must hold of the
    new struct (a `lock-inv` obligation), and the fields it owns (its `acc(...)`) go to the
    lock, not to the builder. Returns those fields."""
    protected: set[str] = set()
    for key, li in ex.ctx.ann.lock_invs.items():
        if key.split(".")[0] != struct or not over_memory(ex, key, st):
            continue
        if li.params:  # (was not checked at all: the builder kept what the locks own)
            raise smt.Unsupported(f"building {struct}: the lock family {key} has an invariant over "
                                  "memory, which the verifier does not establish for each lock yet")
        _, sc = inv_scope(ex, key, p, [], st)
        sp = split(li.cond, sc)
        for perm, cond in sp.perms:
            if perm.field in ("*", "[]"):
                protected |= {"*"}
            protected.add(perm.field)
            if not perm.ptr.eq(p):  # memory beyond the new struct (an array, another object):
                # the builder hands it to the lock, so it must own it (which also says it is
                # not nil) and loses it (it kept writing it, and a nil box was dereferenced)
                from .exprs import give_up, owns

                none = perm.ptr == smt.NIL if perm.field == "[]" else z3.BoolVal(False)
                ex.ctx.ob("lock-inv", span, f"the builder owns {perm}, which the lock {key} takes "
                          "when the struct is built", st,
                          z3.Implies(cond, z3.Or(none, owns(st, perm.ptr, perm.field))), clause=li.span)
                give_up(st, perm)
        for t, _ in sp.pure:
            ex.ctx.ob("lock-inv", span, f"the lock invariant of {key} holds when the struct is "
                      "built", st, t, clause=li.span)
    if "*" in protected:
        sd = ex.ctx.pkg.structs.get(struct)
        protected |= {f.name for f in sd.fields} if sd else set()
    return protected


# ---------------------------------------------------------------- held locks in contracts


def named_lock(ex: Exec, e: A.LExpr, sc) -> tuple[str, z3.ExprRef | None, list[z3.ExprRef]]:  # noqa: ANN001
    """The lock `locked(e)` names: (family key, instance, parameters) for a field with a lock
    invariant (`p.mu`, `p.locks[i]`), or (PLAIN, the mutex, []) for a plain mutex field."""
    from .assertions import term

    x, params = e, []
    if isinstance(x, A.LIndex):
        params = [term(x.index, sc)]
        x = x.x
    if isinstance(x, A.LSelector) and x.x.type is not None:
        struct = struct_of_ptr(x.x.type)
        key = f"{struct}.{x.name}"
        if struct is not None and key in ex.ctx.ann.lock_invs:
            return key, term(x.x, sc), params
    if params:
        raise smt.Unsupported(f"locked({show(e)}): an element of a slice of mutexes with no lock_inv")
    return PLAIN, term(e, sc), []


def _match(ex: Exec, key: str, inst: z3.ExprRef | None, params: list[z3.ExprRef], st: State,
           span: ir.Span, what: str) -> Held | None:
    """The held lock (key, inst, params) is, with an obligation that it is that one."""
    mine = [h for h in st.held if h.key == key]
    if not mine:
        ex.ctx.fail("safety", span, f"{what}: this thread does not hold a {key or 'plain'} lock", st)
        return None
    h = mine[-1]
    same = z3.And([h.inst == inst] + [a == b for a, b in zip(h.params, params, strict=False)]) \
        if inst is not None and h.inst is not None else z3.BoolVal(True)
    if not z3.is_true(z3.simplify(same)):
        ex.ctx.ob("safety", span, f"{what}: it is the {key or 'plain'} lock this thread holds "
                  f"(taken at line {h.span.start.line + 1})", st, same)
    return h


def hand_over(ex: Exec, e: A.LExpr, sc, st: State, span: ir.Span, what: str) -> None:  # noqa: ANN001
    """Give a held lock away through a contract (`requires locked(l)` at a call, `ensures
    locked(l)` at a return): the thread must hold it and its invariant must hold, since the
    receiver takes it with the invariant as Lock would."""
    key, inst, params = named_lock(ex, e, sc)
    h = _match(ex, key, inst, params, st, span, f"{what} hands over locked({show(e)})")
    if h is not None:
        exhale(ex, h, st, span, what, release=False)


def receive(ex: Exec, e: A.LExpr, sc, st: State, span: ir.Span, taken: bool,  # noqa: ANN001
            client: bool = False) -> None:
    """Take a held lock received through a contract (`requires locked(l)` at entry,
    `ensures locked(l)` after a call), with what its invariant grants. `taken`: the callee
    took it during the call, so the order rules apply as at a Lock here. `client`: an op's
    client holds it since an earlier op returned holding it (`ensures locked(l)`, checked
    there), so it is a built lock of the family's domain: the contract is the client's."""
    key, inst, params = named_lock(ex, e, sc)
    if client and inst is not None:
        st.assume(inst != smt.NIL, "the client's lock")
        if key != PLAIN:
            st.assume(z3.Select(minted(st, key.split(".")[0]), inst), "the client's lock")
            dom = in_domain(ex, key, inst, params, st)
            if dom is not None:
                st.assume(dom, "the client's lock")
    if taken and key != PLAIN:
        _order(ex, key, inst, params, st, span)
    if key == PLAIN:
        st.held.append(Held(PLAIN, inst, [], [], [], span))
        return
    inhale(ex, key, inst, params, st, span)
