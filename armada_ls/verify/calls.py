"""Calls: the machine library's durable steps, sync's locks, and package functions through
their contracts (`requires` checked and its resources handed over, `ensures` assumed);
`go f(x)` hands over f's precondition and gets nothing back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from armada_ls.logic.pretty import show
from goose import ir
from goose import types as T

from . import blocks, dispatch, durability, facts, heap, leases, linearizes, ownspec, smt
from .assertions import durable_array, failed_of, is_pure, result_names, result_types, unfold
from .exprs import owns, struct_of_ptr
from .locks import _forget, built, built_what, forget_unowned, lock, unlock
from .locks import hand_over as hand_lock
from .locks import receive as lock_of
from .resources import split
from .state import Perm, State, Val

if TYPE_CHECKING:
    from .stepper import Exec


@dispatch.handles("call")
def call(ex: Exec, c: ir.Call, st: State) -> Val:
    if c.recv_type == "sync.Mutex" or (c.pkg == "sync" and c.name in ("Lock", "Unlock")):
        if c.name == "Lock":
            lock(ex, c, st)
        elif c.name == "Unlock":
            unlock(ex, c, st)
        else:
            raise smt.Unsupported(f"sync.Mutex.{c.name}")
        return ()
    if c.recv_type == "sync.Cond":
        raise smt.Unsupported("sync.Cond is not supported by the verifier yet")
    if c.pkg in ("twodisk", "disk") and not c.recv_type:
        return machine(ex, c, st)
    if c.pkg == "prims" and c.name in ("RandomUint64", "UInt64ToString"):
        args = [ex.ev.eval(a, st) for a in c.args]
        if c.name == "RandomUint64":
            return heap.fresh_value(st, "random", T.UINT64)
        from .numstr import uint64_to_string

        return uint64_to_string(st, args[0])
    if c.pkg == "prims" and c.name in ("Linearize", "Sleep"):  # no state changes (prims.go)
        for a in c.args:
            ex.ev.eval(a, st)
        return ()
    if c.pkg == "prims" and c.name in ("UInt64Get", "UInt64Put", "UInt32Get", "UInt32Put"):
        return encoding(ex, c, st)
    if c.pkg == "enc" and not c.recv_type:
        return encoder(ex, c, st)
    if c.pkg == "filesys" and not c.recv_type:
        from . import filesys

        return filesys.call(ex, c, st)
    if c.pkg in ("prims", "sync"):
        raise smt.Unsupported(f"{c.pkg}.{c.name} is not modelled by the verifier yet")
    if (st.pending or st.pending_unknown) and c.qualified in package_fact(ex.ctx, facts.disk_funcs):
        durability.none_pending(ex.ctx, st, c.span, f"when {c.qualified} is called",
                                "its crash points do not know this write", callee=c.qualified)
    from . import filesys

    away = filesys.lend(ex, c, st)  # descriptors the callee borrows (`requires filesys.Open[f]`)
    res = contract_call(ex, c, st)
    filesys.lent_away(st, away)
    return res


def encoding(ex: Exec, c: ir.Call, st: State) -> Val:
    """prims.UInt64Get(b) / UInt64Put(b, x) (and the UInt32 pair): little-endian, the first
    8 (4) bytes of b (which must have them). A put writes into b's array: b must be a byte
    slice made in this function (or a sub-slice b[lo:...] of one), whose value becomes
    put64(b, lo, x) (four bytes set one by one for a uint32)."""
    from .assign import writable_bytes

    width = 4 if "32" in c.name else 8
    x = ex.ev.eval(c.args[0], st)
    ex.ctx.ob("safety", c.span, f"prims.{c.name} has {width} bytes to work on (it panics on a "
              "shorter slice)", st, blocks.blen(st, x) >= width)
    if c.name == "UInt64Get":
        return blocks.get64(st, x)
    if c.name == "UInt32Get":
        return blocks.le_value(st, x, z3.IntVal(0), 4)
    v = ex.ev.eval(c.args[1], st)
    tgt = c.args[0]
    base_expr, lo = tgt, z3.IntVal(0)
    if isinstance(tgt, ir.SliceExpr):
        base_expr = tgt.x
        lo = ex.ev.eval(tgt.lo, st) if tgt.lo is not None else lo
    name = writable_bytes(ex, base_expr)
    whole = ex.ev.eval(base_expr, st)
    put = blocks.put32 if width == 4 else blocks.put64
    ex.store_var(name, base_expr.type, False, put(st, whole, lo, v), st, c.span)
    return ()


def encoder(ex: Exec, c: ir.Call, st: State) -> Val:
    """The `enc` package: each call is one block term (blocks.py), its precondition a
    safety obligation (the Go function panics otherwise). Offsets add without wrapping, as
    the Go code compares them. Put64/PutBytes write into the caller's slice like
    prims.UInt64Put: a byte slice made in this function (or a sub-slice of one) whose value
    becomes the written one; Append64 is append (b = enc.Append64(b, x))."""
    from .assign import writable_bytes

    if c.name == "Append64":
        return ex.ev.append_bytes(c, st)
    args = [ex.ev.eval(a, st) for a in c.args]
    b, off = args[0], args[1]
    n = {"Get64": z3.IntVal(8), "Put64": z3.IntVal(8), "GetBytes": args[-1]}.get(c.name)
    if n is None:  # PutBytes
        v = args[2]
        if isinstance(v, z3.SeqRef):
            v = blocks.to_bytes(st, v)
        n = blocks.blen(st, v)
    what = "8 bytes" if c.name.endswith("64") else "the bytes"
    ex.ctx.ob("safety", c.span, f"enc.{c.name}: {what} at the offset lie within the slice "
              f"(off + n <= len(b); it panics otherwise)", st, off + n <= blocks.blen(st, b))
    if c.name == "Get64":
        return blocks.get64(st, b, off)
    if c.name == "GetBytes":
        return blocks.sub(st, b, off, off + n)  # a copy: a value of its own
    tgt = c.args[0]
    base_expr, lo = tgt, z3.IntVal(0)
    if isinstance(tgt, ir.SliceExpr):
        base_expr = tgt.x
        lo = ex.ev.eval(tgt.lo, st) if tgt.lo is not None else lo
    name = writable_bytes(ex, base_expr)
    whole = ex.ev.eval(base_expr, st)  # its contents now (an argument may have written into it)
    new = blocks.put64(st, whole, lo + off, args[2]) if c.name == "Put64" else \
        blocks.copied(st, whole, lo + off, v, n)
    ex.store_var(name, base_expr.type, False, new, st, c.span)
    return ()


def machine(ex: Exec, c: ir.Call, st: State) -> Val:
    args = [ex.ev.eval(a, st) for a in c.args]
    if (c.pkg, c.name) in (("twodisk", "Read"), ("twodisk", "Write"), ("disk", "Read"), ("disk", "Write")):
        ex.ctx.interfere(st)  # other threads (and disk failures) run before this atomic step
    if c.name == "Size":
        return disk_size(c.pkg)
    if c.name == "Barrier":
        if durability.enabled(ex.ctx.ann):
            durability.barrier(st)
        return ()
    addr = args[1] if c.pkg == "twodisk" else args[0]
    ex.ctx.ob("safety", c.span, f"the address is within the disk ({c.pkg}.{c.name} panics at or "
              f"past {c.pkg}.Size(); declare the disks' size with `disk_size`)", st,
              addr < disk_size(c.pkg))
    if c.name == "Write":
        v = args[-1]
        ex.ctx.ob("safety", c.span, f"the block written is exactly {c.pkg}.BlockSize bytes "
                  f"({c.pkg}.Write panics otherwise)", st, blocks.blen(st, v) == smt.BLOCK_SIZE)
    if c.pkg == "twodisk":
        # under crash_model host too: a twodisk.Write is durable when it returns (the package
        # has no barrier; docs/machine.md), so a power loss leaves what a process crash leaves
        d, a = args[0], args[1]
        ex.ctx.ob("safety", c.span, "the disk is twodisk.Disk1 or twodisk.Disk2", st,
                  z3.Or(d == 0, d == 1))
        name = z3.If(d == 0, z3.BoolVal(True), z3.BoolVal(False))
        d1, d2 = durable_array(st, "twodisk.D1"), durable_array(st, "twodisk.D2")
        ds = z3.simplify(d)
        which = ["twodisk.D1"] if ds.eq(z3.IntVal(0)) else ["twodisk.D2"] if ds.eq(z3.IntVal(1)) else []
        if c.name == "Read":
            ok = z3.Not(failed_of(st, d))
            val = z3.If(d == 0, z3.Select(d1, a), z3.Select(d2, a))
            st.assume(smt.BLEN(val) == smt.BLOCK_SIZE)  # every write was checked to be a block
            return (z3.If(ok, val, smt.zero_block()), ok)
        if c.name == "Write":
            v = args[2]
            if not which:
                raise smt.Unsupported("twodisk.Write to a disk that is not a constant")
            disk = "Disk1" if which[0].endswith("D1") else "Disk2"
            _write(ex, which[0], a, v, st, c.span, f"twodisk.Write(twodisk.{disk}, ",
                   ex.ctx.text(c.args[1].span) or str(a))
            del name
            return ()
    if c.pkg == "disk":
        arr = durable_array(st, "disk.D")
        if c.name == "Read":
            val = z3.Select(arr, args[0])
            st.assume(smt.BLEN(val) == smt.BLOCK_SIZE)
            return val
        if c.name == "Write":
            if durability.enabled(ex.ctx.ann):
                text = ex.ctx.text(c.span) or f"disk.Write({args[0]}, ..)"
                durability.write(ex.ctx, st, args[0], args[1], z3.Select(arr, args[0]),
                                 f"line {c.span.start.line + 1} ({text})", c.span)
            _write(ex, "disk.D", args[0], args[1], st, c.span, "disk.Write(",
                   ex.ctx.text(c.args[0].span) or str(args[0]))
            return ()
    raise smt.Unsupported(f"{c.pkg}.{c.name}")


def disk_size(pkg: str) -> z3.ArithRef:
    """`disk.Size()` / `twodisk.Size()`: fixed for a run; `disk_size N` says it is N
    (assumed at every function's entry)."""
    return z3.Int(f"{pkg}.Size")


def _write(ex: Exec, name: str, a: z3.ExprRef, v: z3.ExprRef, st: State, span: ir.Span,
           text: str, addr: str) -> None:
    """A durable write: needs the lease on the location (recovery owns every location).
    A write to a failed disk is dropped by the machine; the model still updates the
    array, whose contents are unobservable once the disk has failed."""
    # recovery and init start with every lease; what they hand to locks is gone
    ex.ctx.ob("lease", span, f"writing {name}[{addr}] needs its lease", st,
              leases.held(st, name, a))
    st.durable[name] = z3.Store(durable_array(st, name), a, v)
    st.trail.append((f"line {span.start.line + 1}: {text}", a, v))


# ---------------------------------------------------------------- package functions


def _callee(ex: Exec, c: ir.Call, st: State | None = None) -> ir.FuncDecl:
    from . import imports

    if imports.imported_name(ex.ctx, c) is not None:  # (contract_call routes those itself)
        raise smt.Unsupported(f"go {c.pkg}.{c.name}(...): a goroutine running another "
                              "package's function is not supported")
    fn = ex.ctx.pkg.funcs.get(c.qualified)
    if fn is None:
        raise smt.Unsupported(f"call of unknown function {c.qualified}")
    marks = ex.ctx.ann.funcs.get(fn.qualified, [])
    if st is not None and any(isinstance(m, A.Implements | A.RecoverMark | A.InitMark) for m in marks):
        # its spec steps (or its crash step) would happen inside this call, unaccounted for
        ex.ctx.fail("refinement", c.span, f"{fn.qualified} is an operation of the spec (or "
                    "recovery): only clients call it, never the implementation itself", st)
    return fn


def _bind(ex: Exec, fn: ir.FuncDecl, c: ir.Call, st: State) -> dict[str, Val]:
    params: dict[str, Val] = {}
    if c.recv is not None and fn.recv is not None:
        r = ex.ev.eval(c.recv, st)
        params[fn.recv.name] = r
        if isinstance(T.underlying(fn.recv.type), T.Pointer):
            ex.ctx.ob("safety", c.span, f"the receiver of {c.qualified} is not nil", st,
                      r != smt.NIL)
    for p, a in zip(fn.params, c.args, strict=False):
        params[p.name] = ex.ev.eval(a, st)
    for p, a in zip(fn.params, c.args, strict=False):  # a later argument may have written one
        if blocks.is_bytes(p.type) and isinstance(params[p.name], z3.ExprRef):
            params[p.name] = _view_now(a, params[p.name], st)[0]
    for p in ([fn.recv] if fn.recv is not None else []) + list(fn.params):
        ok = None if fn.synthetic else built(ex.ctx, st, p.type, params.get(p.name))
        if ok is not None:
            ex.ctx.ob("safety", c.span, f"{p.name} is a {struct_of_ptr(p.type)} "
                      f"{built_what(ex.ctx, struct_of_ptr(p.type))}", st, ok)
    return params


def _types(fn: ir.FuncDecl) -> dict[str, T.Type]:
    out = {p.name: p.type for p in fn.params}
    if fn.recv is not None:
        out[fn.recv.name] = fn.recv.type
    return out


def package_fact(ctx: object, compute: Callable[[ir.Package], set[str]]) -> set[str]:
    """A fact about the package's functions (`facts.py`), computed once per function
    verified: `package_fact(ctx, facts.locking_funcs)`."""
    cache = ctx.__dict__.setdefault("_facts", {})
    if compute not in cache:
        cache[compute] = compute(ctx.pkg)  # type: ignore[attr-defined]
    return cache[compute]


def recursive(ctx: object, callee: str) -> bool:
    """Whether calling callee from the function being verified may come back to it (the
    two are in one cycle of the call graph)."""
    from .callsites import body_calls

    pkg, me = ctx.pkg, ctx.fn.qualified  # type: ignore[attr-defined]
    graph = ctx.__dict__.setdefault("_calls", {})  # type: ignore[attr-defined]
    if not graph:
        for q, f in pkg.funcs.items():
            graph[q] = {c.qualified for c in body_calls(f.body)}
    seen, todo = set(), [callee]
    while todo:
        q = todo.pop()
        if q == me:
            return True
        if q not in seen:
            seen.add(q)
            todo.extend(graph.get(q, ()))
    return False


def _decreases(ex: Exec, fn: ir.FuncDecl, params: dict[str, Val], st: State,
               span: ir.Span) -> None:
    """A recursive call must decrease the measure of a function's `decreases` clause."""
    mine = next((c for c in ex.ctx.ann.funcs.get(ex.ctx.fn.qualified, [])
                 if isinstance(c, A.Decreases)), None)
    theirs = next((c for c in ex.ctx.ann.funcs.get(fn.qualified, [])
                   if isinstance(c, A.Decreases)), None)
    if mine is None:
        return  # no termination claim: the call is verified through its contract only
    if theirs is None:
        ex.ctx.fail("decreases", span, f"the recursive call of {fn.qualified} decreases the "
                    f"measure: {fn.qualified} has no `decreases` clause", st, clause=mine.span)
        return
    from .assertions import term

    entry = st.entry or st
    m0 = term(mine.measure, ex.ctx.scope(entry))
    m1 = term(theirs.measure, ex.ctx.scope(st, params=params,
                                          local_types={**st.types, **_types(fn)}))
    ex.ctx.ob("decreases", span, f"the recursive call of {fn.qualified} decreases the measure "
              "(and it is never negative)", st, z3.And(m1 < m0, m1 >= 0), clause=mine.span)


def _hand_locks(ex: Exec, fn: ir.FuncDecl, params: dict[str, Val], st: State, span: ir.Span) -> set[str]:
    """Give the callee the held locks its precondition names (`requires locked(l)`); their
    texts, so that one it hands back is not taken anew."""
    sc = ex.ctx.scope(st, params=params, local_types={**st.types, **_types(fn)})
    out: set[str] = set()
    for cl in ex.ctx.ann.funcs.get(fn.qualified, []):
        if isinstance(cl, A.Requires | A.Preserves):
            for lk in split(cl.cond, sc).locks:
                hand_lock(ex, lk, sc, st, span, f"at the call of {fn.qualified}")
                out.add(show(lk))
    return out


def _hand_over(ex: Exec, fn: ir.FuncDecl, params: dict[str, Val], st: State, span: ir.Span,
               what: str) -> None:
    """Check the callee's precondition and give it the resources it names."""
    clauses = ex.ctx.ann.funcs.get(fn.qualified, [])
    sc = ex.ctx.scope(st, params=params, local_types={**st.types, **_types(fn)})
    for cl in clauses:
        if not isinstance(cl, A.Requires | A.Preserves):
            continue
        sp = split(cl.cond, sc)
        for t, _ in sp.pure:
            ex.ctx.ob("precondition", span, f"the precondition of {fn.qualified} holds {what}", st,
                      t, clause=cl.span)
        for p, cond in sp.perms:
            ex.ctx.ob("precondition", span, f"the caller owns {p} for {fn.qualified}", st,
                      z3.Implies(cond, owns(st, p.ptr, p.field)), clause=cl.span)
            # (a map's entries are never a struct's fields or a slice's elements: Go's types)
            st.owned = [q for q in st.owned if not _may_alias(
                st, (q.contents == "map") == (p.contents == "map") and
                (q.field in (p.field, "*") or p.field == "*"), q.ptr, p.ptr)]
        for ls in sp.leases:
            ex.ctx.ob("precondition", span, f"the caller holds {ls} for {fn.qualified}", st,
                      leases.holds(st, ls), clause=cl.span)
            leases.subtract(st, ls)  # the callee has it now


def _one_owner(st: State, p: Perm, cond: z3.BoolRef, kept: list[Perm]) -> None:
    """Memory has one owner: a location a callee hands out (`ensures acc(ret.f)`) is none
    the caller kept through the call (a struct it built before, whose fields a second
    constructor's result would otherwise have forgotten)."""
    if p.contents == "map":
        return
    for q in kept:
        if q.contents != "map" and (q.field == p.field or "*" in (p.field, q.field)) and \
                ("[]" not in (p.field, q.field) or p.field == q.field):
            st.keep_apart(p.ptr, q.ptr, "memory has one owner", cond)


def _may_alias(st: State, same_kind: bool, a: z3.ExprRef, b: z3.ExprRef) -> bool:
    """Whether a resource at a may be the one at b: what the caller hands over it no longer
    holds, unless the path proves the two apart."""
    if not same_kind:
        return False
    if a.eq(b):
        return True
    s = z3.Solver()
    s.set("timeout", 2000)  # unknown counts as "may alias": generous, to stay stable under load
    s.add(*st.path)
    s.add(a == b)
    return s.check() != z3.unsat


def _view_now(a: ir.Expr, v: z3.ExprRef, st: State) -> tuple[z3.ExprRef, z3.ArithRef, int]:
    """A byte-slice argument viewing a local (b, b[lo:hi], b[lo:][k:]) as the callee sees
    it: the local's contents when the call starts (the slice's bounds as evaluated), its
    offset in the local and how many sub-slices deep it is."""
    root = blocks.root_var(a)
    if root is None or root.boxed or root.name not in st.env:
        return v, z3.IntVal(0), -1
    bounds: list[tuple[z3.ExprRef, z3.ExprRef]] = []
    x = a
    while isinstance(x, ir.SliceExpr):
        if not (z3.is_app(v) and v.decl().eq(blocks.SUB)):
            return v, z3.IntVal(0), -1
        bounds.append((v.arg(1), v.arg(2)))
        v, x = v.arg(0), x.x
    now, off = st.env[root.name], z3.IntVal(0)
    for lo, hi in reversed(bounds):
        now, off = blocks.SUB(now, lo, hi), off + lo
    return now, off, len(bounds)


def _lent(ex: Exec, fn: ir.FuncDecl, c: ir.Call, params: dict[str, Val],
          st: State) -> dict[str, tuple[str, z3.ArithRef, bool]]:
    """The byte slices fn writes into (blocks.Callees): for each such parameter, the local
    whose array it is, the offset of the slice in it and whether it is the whole local.
    The callee assumes its array is seen by nothing else: a local that may share its array,
    or one handed to two parameters at once, is not supported."""
    from .assign import pure_functions

    cal = pure_functions(ex)
    out: dict[str, tuple[str, z3.ArithRef, bool]] = {}
    for i, (p, a) in enumerate(zip(fn.params, c.args, strict=False)):
        if (fn.qualified, i) not in cal.written:
            continue
        root = blocks.root_var(a)
        if root is None and blocks.fresh_temporary(a):
            continue  # nobody else sees the array
        if root is None or root.name not in blocks.mutable(ex.ctx.fn, cal):
            what = "this argument" if root is None else root.name
            raise smt.Unsupported(f"{fn.qualified} writes into its parameter {p.name}, and {what} "
                                  "may share its array with another slice (a field, an alias, a "
                                  "parameter the caller reassigns or keeps, a deferred call): pass "
                                  "a byte slice made in this function (or a sub-slice of one)")
        _, off, depth = _view_now(a, params[p.name], st)  # type: ignore[arg-type]
        if depth < 0:
            raise smt.Unsupported(f"{fn.qualified} writes into its parameter {p.name}: where "
                                  f"its argument lies in {root.name} is not known")
        for k, b in enumerate(c.args):
            r = blocks.root_var(b) if k != i and blocks.is_bytes(b.type) else None
            if r is not None and r.name == root.name:
                _apart(ex, fn, c, st, params, (p, off, depth), k, root.name)
        out[p.name] = (root.name, off, depth == 0)
    return out


def _apart(ex: Exec, fn: ir.FuncDecl, c: ir.Call, st: State, params: dict[str, Val],
           written: tuple[ir.Param, z3.ArithRef, int], k: int, local: str) -> None:
    """Two parts of one local handed to one call, one of them written: the callee assumes
    nothing else views what it writes, so the parts must not overlap (a `precondition`
    obligation); a whole local and a part of it always may."""
    p, off, depth = written
    q = fn.params[k] if k < len(fn.params) else None
    _, off2, depth2 = _view_now(c.args[k], params[q.name], st) if q else (None, None, -1)  # type: ignore[arg-type]
    if q is None or depth == 0 or depth2 <= 0:
        raise smt.Unsupported(f"{local} is handed to {fn.qualified} twice, and it writes into its "
                              f"parameter {p.name}: the callee assumes nothing else views that "
                              "array (hand it two sub-slices that do not overlap)")
    n1 = blocks.blen(st, params[p.name])  # type: ignore[arg-type]
    n2 = blocks.blen(st, params[q.name])  # type: ignore[arg-type]
    ex.ctx.ob("precondition", c.span, f"the parts of {local} handed to {fn.qualified} as {p.name} "
              f"and {q.name} do not overlap ({fn.qualified} writes into {p.name} and assumes nothing "
              "else views it)", st, z3.Or(off + n1 <= off2, off2 + n2 <= off))  # type: ignore[operator]


def no_bytes_written(pkg: ir.Package | None, ann: A.Annotations | None, fn: ir.FuncDecl,
                     where: str) -> None:
    """A function of another package that writes into a byte slice it is handed: not
    supported (the caller's copy of its array would not see the write)."""
    from .pure import is_pure

    if pkg is None or ann is None or not any(blocks.is_bytes(p.type) for p in fn.params):
        return
    cal = blocks.callees(pkg, frozenset(q for q in pkg.funcs if is_pure(ann, q)))
    for i, p in enumerate(fn.params):
        if (fn.qualified, i) in cal.written:
            raise smt.Unsupported(f"{where} writes into its parameter {p.name}: a function of "
                                  "another package writing into its caller's byte slice is not "
                                  "supported yet")


def _written_back(st: State, pre: State, fn: ir.FuncDecl, params: dict[str, Val],
                  lent: dict[str, tuple[str, z3.ArithRef, bool]]) -> dict[str, Val]:
    """What the callee's postcondition names by a parameter the call may have changed: a
    written byte slice is the caller's array after the call, a block of the same length (a
    callee cannot change its caller's slice); a parameter the callee assigns (or whose
    address it takes) is its value at the return, which the caller does not know. In
    `pre` (old(...)) each keeps its value at the call."""
    out: dict[str, Val] = {}
    changed = {p.name for p in fn.params if p.boxed or _assigns(fn, p.name)}
    for p in fn.params:
        if p.name not in lent and p.name not in changed:
            continue
        before = params.get(p.name)
        new = heap.fresh_value(st, f"{fn.name}.{p.name}", p.type)
        if p.name in lent:
            st.assume(blocks.blen(st, new) == blocks.blen(st, before))  # type: ignore[arg-type]
        pre.env[p.name] = before
        pre.boxed.discard(p.name)
        out[p.name] = new
    return out


def _assigns(fn: ir.FuncDecl, name: str) -> bool:
    for s in ir.walk(fn.body):
        if isinstance(s, ir.Assign) and any(isinstance(p, ir.VarPlace) and p.name == name
                                            for p in s.places):
            return True
        if isinstance(s, ir.Define) and any(n == name and not (s.new[k] if k < len(s.new) else True)
                                            for k, n in enumerate(s.names)):
            return True
    return False


def contract_call(ex: Exec, c: ir.Call, st: State) -> Val:
    from . import imports

    path = imports.imported_name(ex.ctx, c)
    if path is not None:  # another package of the module: its exported contract (imports.py)
        return imports.call(ex, c, st, path)
    fn = _callee(ex, c, st)
    params = _bind(ex, fn, c, st)
    bound = dict(params)  # (the written-back ones are dropped below; a clause reads them all)
    if recursive(ex.ctx, fn.qualified):
        _decreases(ex, fn, params, st, c.span)
    handed = _hand_locks(ex, fn, params, st, c.span)  # before: the callee holds those now
    if st.held and fn.qualified in package_fact(ex.ctx, facts.locking_funcs):
        # the callee's locks are not in this function's view of the lock order
        ex.ctx.fail("deadlock", c.span, f"calls {fn.qualified}, which takes locks, while holding "
                    f"{st.held[-1]}: release it first (lock order is checked within a function)",
                    st)
    lent = _lent(ex, fn, c, params, st)
    from . import filesys

    in_fields = filesys.lend_fields(ex, fn, params, st, c.span)  # `requires filesys.Open[d.f]`
    pre = st.fork()
    def ghosts() -> list[int]:  # the spec state and run-time tokens this thread holds
        return [id(ls) for ls in st.leases if ls.array.startswith((ownspec.PREFIX, "tok:"))]

    if fn.qualified in ex.ctx.alone_helpers and not ex.ctx.alone(st):
        ex.ctx.fail("alone", c.span, f"{fn.qualified} is verified running alone (only recovery "
                    "and init call it), but other threads run here: a goroutine was started "
                    "before this call", st)
    ghosts_before = ghosts()
    _hand_over(ex, fn, params, st, c.span, "at this call")
    if fn.qualified in package_fact(ex.ctx, facts.spawning_funcs):
        # the goroutines the callee starts run on after it returns: recovery and init no
        # longer run alone (a helper that did `go writer()` let recovery read a block twice
        # and prove it unchanged, as `go` in recovery itself did before 6e38f4c)
        st.others = True
    # spec state (or tokens) handed over come back with whatever value the callee left,
    # whether it stepped them itself or let them go to a lock and took them back after
    # other threads stepped them (none run during recovery and init: see ctx.interfere)
    handed_ghosts = not ex.ctx.alone(st) and ghosts_before != ghosts()
    if fn.qualified in ex.ctx.durable_funcs or imports.reaches_devices(ex, fn.qualified):
        if ex.ctx.alone(st):
            # no other thread ran, but the callee did: what this thread handed it (its leases
            # are this thread's no longer) may have changed (recovery that lent a helper block
            # 0 to write read it before and after the call and proved the two reads equal),
            # and so may any file or entry: recovery and init hold names by running alone,
            # not by leases, and a helper that runs alone changes entries without one
            ex.ctx.frame_durable(st, files_too=True)
        ex.ctx.interfere(st)
    if handed_ghosts or fn.qualified in ownspec.stepping_funcs(ex.ctx):
        ownspec.forget_stepped(ex.ctx, st)  # the spec state the callee may have stepped
    results: list[Val] = [heap.fresh_value(st, f"{fn.name}.result", t) for t in fn.results]
    if is_pure(ex.ctx.ann, fn.qualified) and results and isinstance(results[0], z3.ExprRef):
        # a pure function's result is its body's value (unfolded on this path)
        args = [params[p.name] for p in fn.params]
        body = unfold(ex.ctx.pkg, ex.ctx.ann, fn, args, st)
        if isinstance(body, z3.ExprRef):
            st.assume(results[0] == body)
    for r, t in zip(results, fn.results, strict=False):
        fact = built(ex.ctx, st, t, r)
        if fact is not None:
            st.assume(fact)  # checked at the callee's return
    names = result_names(results)
    types = {**st.types, **_types(fn)}
    types.update(result_types(fn.results))
    posts = [cl for cl in ex.ctx.ann.funcs.get(fn.qualified, []) if isinstance(cl, A.Ensures | A.Preserves)]
    heap.new_epoch(st)
    forget_unowned(ex, st)  # the callee and other threads may have written it meanwhile
    after = _written_back(st, pre, fn, params, lent)
    params = {k: v for k, v in params.items() if k not in after}
    saved = {k: st.env.get(k) for k in after}
    boxed = {k for k in after if k in st.boxed}
    st.env.update(after)  # a written parameter names the array after the call, old(...) before
    st.boxed -= boxed
    try:
        got = [lk for cl in posts for lk in split(cl.cond, ex.ctx.scope(
            st, params=params, results=names, old=pre, local_types=types)).locks]
        if got:  # the callee took them, or may have let them go and taken them again: as at Lock,
            ex.ctx.interfere(st)  # other threads ran first (durable state, spec state, tokens)
        for lk in got:  # held locks the callee hands back or took (`ensures locked(l)`)
            sc = ex.ctx.scope(st, params=params, results=names, old=pre, local_types=types)
            lock_of(ex, lk, sc, st, c.span, taken=show(lk) not in handed)
        kept = list(st.owned)  # what the caller did not hand over: the callee cannot give it
        for cl in posts:  # first take the resources (their values are whatever the callee left)
            sp = split(cl.cond, ex.ctx.scope(st, params=params, results=names, old=pre, local_types=types))
            for p, cond in sp.perms:
                _one_owner(st, p, cond, kept)
                st.owned.append(p)
                _forget(ex, p, st)
            if sp.perms and sp.leases:  # a lease's index may read the memory just taken
                sp = split(cl.cond, ex.ctx.scope(st, params=params, results=names, old=pre,
                                                  local_types=types))
            st.leases.extend(sp.leases)
        filesys.taken_back(ex, fn, in_fields, st, ex.ctx.scope(  # descriptors in fields
            st, params=params, results=names, old=pre, local_types=types), c.span)
        for cl in posts:  # then the facts about them
            sp = split(cl.cond, ex.ctx.scope(st, params=params, results=names, old=pre, local_types=types))
            for t, _ in sp.pure:
                st.assume(t)
        lz = linearizes.clause(ex.ctx.ann, fn.qualified)
        if lz is not None:  # it took this call's op step, under its condition
            linearizes.at_call(ex.ctx, fn, lz, c, st, pre, bound, names, types)
    finally:
        for k, v in saved.items():
            if v is None:
                st.env.pop(k, None)
            else:
                st.env[k] = v
        st.boxed |= boxed
    for pname, (local, off, whole) in lent.items():  # the caller's array holds what was written
        new = after[pname]
        val = new if whole else blocks.copied(st, st.env[local], off, new, blocks.blen(st, new))
        ex.store_var(local, st.types[local], False, val, st, c.span)
    if not results:
        return ()
    return results[0] if len(results) == 1 else tuple(results)


@dispatch.handles("spawn")
def spawn(ex: Exec, s: ir.Go, st: State) -> None:
    durability.none_pending(ex.ctx, st, s.span, "when the goroutine starts",
                            "the new thread's crash points do not know this write")
    from . import filesys

    filesys.not_to_goroutine(ex, s.call)
    fn = _callee(ex, s.call, st)
    _no_written_by_goroutine(ex, fn)
    params = _bind(ex, fn, s.call, st)
    if any(split(cl.cond, ex.ctx.scope(st, params=params)).locks
           for cl in ex.ctx.ann.funcs.get(fn.qualified, []) if isinstance(cl, A.Requires | A.Preserves)):
        raise smt.Unsupported(f"go {fn.name}(...): handing a held lock to a goroutine (locked(...)) "
                              "is not supported yet")
    _hand_over(ex, fn, params, st, s.span, "when the goroutine starts")
    if fn.synthetic:
        run_goroutine_body(ex, fn, params, st)
    # recovery and init no longer run alone: what the goroutine may change (what it was
    # handed) changes under them from now on, as under an op (a disk block it writes was
    # read twice and proved unchanged)
    st.others = True


def _no_written_by_goroutine(ex: Exec, fn: ir.FuncDecl) -> None:
    """`go f(b)` with f writing into b: the starter's copy of the array would not see the
    writes, which happen at any time after (and race with its reads)."""
    from .assign import pure_functions

    cal = pure_functions(ex)
    for i, p in enumerate(fn.params):
        if (fn.qualified, i) in cal.written:
            raise smt.Unsupported(f"go {fn.qualified}(...): it writes into its parameter {p.name}, "
                                  "a byte slice the goroutine would share with its starter: not "
                                  "supported (hand it a copy)")


def run_goroutine_body(ex: Exec, fn: ir.FuncDecl, params: dict[str, Val], st: State) -> None:
    """A `go func(){...}()` body is verified here, at its `go` statement: it starts with
    what is known at the spawn (so it knows the captured values) but owns nothing, holds no
    lease and no lock. Its obligations go to the enclosing function's result."""
    from .context import FnCtx
    from .facts import read_only_captures
    from .result import FunctionResult

    ctx = ex.ctx
    own = FunctionResult(fn.qualified, fn.file, fn.span)  # its hover states: its own sids
    own.obligations = ctx.result.obligations  # its obligations: the enclosing function's
    sub = FnCtx(ctx.pkg, ctx.ann, fn, "helper", ctx.timeout_ms, own)
    sub.durable_funcs, sub.assigned_fields = ctx.durable_funcs, ctx.assigned_fields
    sub.assigned_elems = ctx.assigned_elems
    sub.read_only_vars = read_only_captures(ctx.pkg, fn)
    sub._index = ctx._index
    g = st.fork()
    g.env = dict(params)
    g.types = {p.name: p.type for p in fn.params}
    g.owned, g.leases, g.held, g.own_tokens, g.defers, g.trail = [], [], [], [], [], []
    g.lin, g.lin_if, g.spec_ret = 0, (), None
    for v in params.values():
        if isinstance(v, z3.ExprRef) and v.sort() == smt.PTR:
            g.assume(v != smt.NIL)  # the captured cells
    g.entry = g.fork()
    body = dispatch.handler("executor")(sub)
    end = ir.Span(fn.span.end, fn.span.end)
    for how, o in body.exec_block(fn.body, g):
        if how == "next":
            body.finish(o, [], end)
    ctx.solver_ms += sub.solver_ms
