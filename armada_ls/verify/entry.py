"""The state a function starts in, per mode: parameters (and their cells), the crash
invariant assumed (or, for `init`, zeroed disks and the spec's initial state with the
crash invariant checked), the precondition's resources and facts."""

from __future__ import annotations

import z3

from armada_ls.logic import ast as A
from goose import ir
from goose import types as T

from . import durability, fsleases, heap, leases, locks, ownspec, smt, specops, specvals, tokens
from .assertions import fault_model, flag, helping_array, no_tokens, term
from .calls import disk_size
from .context import FnCtx
from .exprs import struct_of_ptr
from .locks import _forget, built, lock_bearing
from .resources import split
from .state import Perm, State


def initial_state(ctx: FnCtx) -> State:
    fn = ctx.fn
    st = State()
    st.entry_dirs = fsleases.entry_dirs(ctx.ann)
    st.stable = frozenset(f"{name}.{fd.name}" for name, sd in ctx.pkg.structs.items() for fd in sd.fields
                          if f"{name}.{fd.name}" not in ctx.assigned_fields)
    if "twodisk" in ctx.pkg.imports:
        f1, f2 = flag(st, "twodisk.Disk1"), flag(st, "twodisk.Disk2")
        st.assume(fault_model(ctx.ann, f1, f2))
    machine_facts(ctx, st)
    g0 = z3.Int("gen")
    st.gen = g0 + 1 if ctx.mode == "recover" else g0
    params = ([fn.recv] if fn.recv is not None else []) + list(fn.params)
    for p in params:
        v = heap.fresh_value(st, p.name, p.type)
        st.types[p.name] = p.type
        if p is fn.recv and isinstance(T.underlying(p.type), T.Pointer):
            st.assume(v != smt.NIL)  # callers check it (a `safety` obligation at each call)
        if fn.synthetic and isinstance(v, z3.ExprRef) and v.sort() == smt.PTR:
            st.assume(v != smt.NIL)  # a goroutine body's parameters are its captured cells
        if isinstance(v, z3.ExprRef) and v.sort() == smt.PTR:
            st.all_ptrs.append(v)
        if p.boxed:
            cell = smt.fresh_int(f"&{p.name}")
            st.assume(cell > 0)
            st.all_ptrs.append(cell)
            if not fn.synthetic:  # a goroutine's captured variables are shared, not owned
                st.owned.append(Perm(cell, "*"))
                heap.write(st, heap.cell_key(p.type), cell, p.type, v)
            st.env[p.name] = cell
            st.boxed.add(p.name)
        else:
            st.env[p.name] = v
    _instances(ctx, st, params)
    if ctx.mode in ("recover", "init"):  # recovery owns every durable location
        for name in durable_arrays(ctx.pkg):
            st.leases.append(leases.everything(name, st.gen))
        st.leases.extend(ownspec.everything(ctx.ann, st.gen))  # and all spec state
        st.leases.extend(tokens.everything(ctx.ann, st.gen))  # and every op's tokens
        st.leases.extend(fsleases.everything(ctx.ann, st.gen))  # and the file system's
    if ctx.mode == "recover":
        for key in tokens.dropped_by_crash(ctx.ann):
            spec, _, op = key.partition(".")
            st.helping[key] = no_tokens(helping_array(st, ctx.ann, spec, op))
    if ctx.mode == "recover" and durability.enabled(ctx.ann) and durability.DISK in durable_arrays(ctx.pkg):
        # the crashed generation's `disk` writes may not be durable yet (twodisk's are)
        st.pending_unknown = True
    if ctx.mode == "init":
        zero_system(ctx, st, ctx.fn.name_span)
    elif ctx.ann.crash_invs:
        ctx.assume_crash_inv(st, staged=ctx.mode in ("op", "helper"))
    handed: list[Perm] = []  # memory the precondition hands over, unconditionally
    for cl in ctx.ann.funcs.get(fn.qualified, []):
        if isinstance(cl, A.Requires | A.Preserves):
            sp = split(cl.cond, ctx.scope(st))
            if sp.locks and ctx.mode not in ("helper", "op"):
                raise smt.Unsupported(f"locked(...) in the precondition of {fn.name}: recovery "
                                      "and init start with no client, so nobody holds a lock for them")
            for lk in sp.locks:  # a held lock handed over by the caller, invariant and all
                locks.receive(ctx_ex(ctx), lk, ctx.scope(st), st, cl.span, taken=False,
                              client=ctx.mode == "op")
            if ctx.mode == "op" and (sp.perms or sp.leases):
                # an op's callers are the spec's clients: they own none of the implementation's
                # memory, leases or spec state, so such a precondition could never be met
                what = ", ".join([str(p) for p, _ in sp.perms] + [str(ls) for ls in sp.leases])
                ctx.fail("refinement", cl.span, f"the precondition of {fn.name} asks its callers "
                         f"for {what}: the spec's clients own none of the implementation's "
                         "memory, leases or spec state; take them from a lock", st, clause=cl.span)
            for p, cond in sp.perms:
                st.owned.append(p)
                _forget(ctx_ex(ctx), p, st)
                if z3.is_true(z3.simplify(cond)):
                    handed.append(p)
            if sp.perms and sp.leases:  # a lease's index may read the memory just taken:
                sp = split(cl.cond, ctx.scope(st))  # read it as it is now, as at Lock
            st.leases.extend(sp.leases)
    _arrays_apart(st, handed)
    ctx.path_before_pre = list(st.path)
    if "filesys" in ctx.pkg.imports:
        from . import filesys

        filesys.lent_in_fields(ctx, st)  # `requires filesys.Open[d.f]`: open, as assumed next
    for cl in ctx.ann.funcs.get(fn.qualified, []):
        if isinstance(cl, A.Requires | A.Preserves):
            st.assume(split(cl.cond, ctx.scope(st)).pure_term(contract=True), "precondition")
    st.entry = st.fork()
    return st


def _arrays_apart(st: State, handed: list[Perm]) -> None:
    """Memory has one owner: two arrays the precondition hands over unconditionally are two
    (the caller's hand-over gives up each as it goes, so it could not hand the same array
    twice; one under a guard may not have been handed at all)."""
    arrays = [p.ptr for p in handed if p.field == "[]" and p.contents != "map"]
    for i, a in enumerate(arrays):
        for b in arrays[i + 1:]:
            if not a.eq(b):
                st.keep_apart(a, b, "an array has one owner")


def machine_facts(ctx: FnCtx, st: State) -> None:
    """What the machine library guarantees everywhere: the zero block is a block, and the
    disks have the size the package declares (`disk_size`)."""
    if "filesys" in ctx.pkg.imports and ctx.mode != "init":
        from . import filesys

        filesys.set_up(ctx, st)  # init's constant directories exist
    for pkg in ("disk", "twodisk"):
        if pkg not in ctx.pkg.imports:
            continue
        size = disk_size(pkg)
        st.assume(size >= 0)
        if ctx.ann.disk_size is not None:
            st.assume(size == term(ctx.ann.disk_size.size, ctx.scope(st)))


def _instances(ctx: FnCtx, st: State, params: list) -> None:  # noqa: ANN001
    """Which structs with locks are validly built (`locks.mint`). Recovery and init start a
    new generation in which nothing is built yet. Anyone else may lock what it was given:
    an op's receiver and arguments come from clients, who got them from recovery or init
    (trusted: see the README's trusted base); a helper's are checked at each call."""
    if ctx.mode in ("recover", "init"):
        for key in ctx.ann.lock_invs:
            struct = key.split(".")[0]
            st.minted[struct] = z3.K(z3.IntSort(), z3.BoolVal(False))
        return
    if ctx.fn.synthetic:
        return  # a goroutine body knows what its parent knew at the `go`
    for p in params:
        v = st.env.get(p.name)
        if p.boxed and lock_bearing(ctx, struct_of_ptr(p.type)):
            v = heap.read(st, heap.cell_key(p.type), v, p.type)
        fact = built(ctx, st, p.type, v)
        if fact is not None:
            st.assume(fact)


def durable_arrays(pkg: ir.Package) -> list[str]:
    """The durable arrays of the machine packages the package imports."""
    out = []
    if "twodisk" in pkg.imports:
        out += ["twodisk.D1", "twodisk.D2"]
    if "disk" in pkg.imports:
        out.append("disk.D")
    return out


def zero_system(ctx: FnCtx, st: State, at: ir.Span) -> None:
    """The system's first state: zeroed disks, working disks, the spec's initial state and
    no pending ops. The crash invariant must already hold there (a crash during init, or
    before anything ran, is followed by recovery)."""
    zero = z3.K(z3.IntSort(), smt.zero_block())
    for pkg, names in (("twodisk", ("twodisk.D1", "twodisk.D2")), ("disk", ("disk.D",))):
        if pkg in ctx.pkg.imports:
            for n in names:
                st.durable[n] = zero
    if "twodisk" in ctx.pkg.imports:
        st.flags["twodisk.Disk1"] = st.flags["twodisk.Disk2"] = z3.BoolVal(False)
    if "filesys" in ctx.pkg.imports:
        from . import filesys

        filesys.zero(st)  # no directory, no file
        filesys.zero_sealed(ctx, st)
    for name, sd in ctx.ann.specs.items():
        for f in sd.state:
            st.spec[f"{name}.{f.name}"] = _zero_of(f.type)
            if isinstance(T.underlying(f.type), T.Map) and specvals.asks_keys(ctx.ann):
                # no keys yet (`len` is 0)
                has, n = specvals.empty_keys(f.type)
                st.spec[f"{name}.{specvals.has_name(f.name)}"] = has
                st.spec[f"{name}.{specvals.count_name(f.name)}"] = n
        r = specops.run(ctx.scope(st), name, sd.init, [], [])
        if r.choices:  # the proof must hold of every initial state the spec allows
            ctx.ob("refinement", at, f"the spec {name}'s initial state has a value to choose",
                   st, r.possible(), clause=sd.span)
            st.assume(r.assumed())
        st.spec.update(r.fields)
        for op in sd.ops:
            arr = helping_array(st, ctx.ann, name, op.name)
            st.helping[f"{name}.{op.name}"] = no_tokens(arr)
    for t, ci in ctx.crash_inv(st):
        ctx.ob("crash-inv", at, "the crash invariant holds of the zeroed disks and the spec's "
               "initial state the system starts from", st, t, clause=ci.span)


def _zero_of(t: T.Type) -> z3.ExprRef:
    if specvals.is_struct(t) or specvals.is_list(t):
        return specvals.zero(t)
    u = T.underlying(t)
    if isinstance(u, T.Map):
        return z3.K(smt.sort_of(u.key), _zero_of(u.value))
    if smt.sort_of(u) == smt.BLOCK:
        return smt.zero_block()
    v = heap.zero_value(u)
    if not isinstance(v, z3.ExprRef):
        raise smt.Unsupported(f"spec state of type {t}")
    return v


class _ExShim:
    def __init__(self, ctx: FnCtx) -> None:
        self.ctx = ctx


def ctx_ex(ctx: FnCtx) -> _ExShim:
    return _ExShim(ctx)
