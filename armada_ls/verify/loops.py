"""Loops, cut by their invariants: checked on entry, assumed at an arbitrary iteration's
head (with everything the body may change forgotten), and checked again after the body
and the post statement. `decreases` must go down on every iteration."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from armada_ls.logic.pretty import show
from armada_ls.logic.scopes import all_stmts
from goose import ir
from goose import types as T

from . import (
    blocks,
    dispatch,
    durability,
    filesys,
    fsleases,
    heap,
    heapwrites,
    leases,
    ownspec,
    progress,
    smt,
)
from .callsites import all_calls
from .exprs import owns
from .resources import split
from .state import Lease, Perm, State

if TYPE_CHECKING:
    from .context import FnCtx
    from .stepper import Exec, Out


def _written_var(x: ir.Expr) -> str | None:
    """The local a byte write goes into: `b` of `b`, `b[lo:hi]`."""
    if isinstance(x, ir.SliceExpr):
        x = x.x
    return x.name if isinstance(x, ir.Var) and not x.boxed else None


def _bytes_written(s: ir.Stmt, lent: frozenset[tuple[str, int]] = frozenset()) -> set[str]:
    """Byte-slice locals a statement writes in place (b[i] = v, prims.UInt64Put(b[o:], x),
    enc.Put64(b, o, x), copy(b, ...)): their values change like assigned locals' (blocks.py keeps byte slices
    as values)."""
    out: set[str] = set()
    places = s.places if isinstance(s, ir.Assign) else []
    for p in places:
        if isinstance(p, ir.IndexPlace) and smt.is_bytes(p.x.type):
            n = _written_var(p.x)
            if n:
                out.add(n)
    if isinstance(s, ir.Assign | ir.Define | ir.ExprStmt | ir.Return):
        roots: list[object] = [s]
    else:  # a compound statement: its own expressions (its body is walked on its own)
        roots = [getattr(s, f) for f in ("cond", "init", "x", "n") if getattr(s, f, None) is not None]
        roots = [r for r in roots if isinstance(r, ir.Expr)]
    for node in (n for r in roots for n in ir.walk(r)):
        target = None
        if isinstance(node, ir.Call) and node.args and (node.pkg, node.name) in blocks.WRITING_CALLS:
            target = node.args[0]
        elif isinstance(node, ir.Builtin) and node.name == "copy" and node.args and smt.is_bytes(node.args[0].type):
            target = node.args[0]
        elif isinstance(node, ir.Call) and blocks.is_local_call(node):
            # lent to a callee that writes into that parameter (`lent`: blocks.Callees.written)
            for k, a in enumerate(node.args):
                n = _written_var(a) if (node.qualified, k) in lent else None
                if n:
                    out.add(n)
        n = _written_var(target) if target is not None else None
        if n:
            out.add(n)
    return out


def modified(stmts: list[ir.Stmt], lent: frozenset[tuple[str, int]] = frozenset()) -> tuple[set[str], bool, bool]:
    """(locals assigned, whether the heap may change, whether durable state may change);
    `lent`: the parameters callees write into (a byte slice lent to one changes)."""
    names: set[str] = set()
    heap_w = durable = False
    for s in all_stmts(stmts):
        if isinstance(s, ir.Assign):
            for p in s.places:
                if isinstance(p, ir.VarPlace) and not p.boxed:
                    names.add(p.name)
                elif isinstance(p, ir.FieldPlace) and isinstance(p.base, ir.VarPlace) and not p.base.boxed:
                    names.add(p.base.name)
                elif not isinstance(p, ir.Blank):
                    heap_w = True
        if isinstance(s, ir.Define):
            for n, new, boxed in zip(s.names, s.new or [True] * len(s.names),
                                     s.boxed or [False] * len(s.names), strict=False):
                if not new:
                    (names.add(n) if not boxed else None)
                    heap_w = heap_w or boxed
        names |= _bytes_written(s, lent)
        for c in all_calls(s):
            if c.pkg in ("twodisk", "disk", "filesys") or c.name in ("Lock", "Unlock"):
                durable = True
            if not c.pkg and c.recv_type != "sync.Mutex":
                durable = heap_w = True
        if isinstance(s, ir.Go):
            heap_w = True
    return names, heap_w, durable


# filesys calls that leave every directory entry as it is
_ENTRY_FREE = frozenset({"Append", "ReadAt", "Open", "Close", "Fsync", "FsyncDir", "List"})
# calls that only add names: a Create or Link of a name that exists changes nothing
_ADD_ONLY = _ENTRY_FREE | {"Create", "Link"}


def _calls_only(stmts: list[ir.Stmt], ok: Callable[[ir.Call], bool]) -> bool:
    """The statements start no goroutine and every call they make is `ok`."""
    for s in all_stmts(stmts):
        if isinstance(s, ir.Go):
            return False
        if not all(ok(c) for c in all_calls(s)):
            return False
    return True


def entries_kept(stmts: list[ir.Stmt], allowed: frozenset[str] = _ENTRY_FREE) -> bool:
    """The statements change no directory entry (with `allowed` = _ADD_ONLY: delete none)
    and hand no lease over: their only calls are filesys calls of `allowed` and prims (no
    Lock or Unlock, no function of the package or of another package of the module, no
    `go`), so at a loop's head the entries are what other threads' steps leave of them."""
    return _calls_only(stmts, lambda c: (c.pkg == "filesys" and c.name in allowed)
                       or c.pkg == "prims")


def _machine_only(stmts: list[ir.Stmt]) -> bool:
    """The statements call only the file system and prims: no Lock or Unlock, no function
    of the package or the module, no `go`. They take no lease or spec ownership (only those
    hand them out) and can only give some away (a struct literal hands its lock what its
    invariant owns), so what the thread owns at a loop's head it owned throughout every
    earlier iteration, and no other thread changed it: a chunked read under a lock keeps
    the spec state the lock owns."""
    return _calls_only(stmts, lambda c: c.pkg in ("filesys", "prims"))


def opens_none(ctx: FnCtx, stmts: list[ir.Stmt]) -> bool:
    """The statements open no file for appending and let nobody else (filesys.all_sealed
    survives them): no Create, no call of a function of the package that uses the file
    system or of another package of the module, no `go`."""
    fs = filesys.fs_funcs(ctx)
    return _calls_only(stmts, lambda c: (c.pkg == "filesys" and c.name != "Create")
                       or c.pkg in ("prims", "sync")
                       or (not c.pkg and c.qualified in ctx.pkg.funcs and c.qualified not in fs))


def clauses(ex: Exec, s: ir.Stmt, body: list[ir.Stmt]) -> list[A.Clause]:
    cl = list(ex.ghosts(s))
    if body:
        cl += [c for c in ex.ghosts(body[0]) if isinstance(c, A.Invariant | A.Decreases)]
    return [c for c in cl if isinstance(c, A.Invariant | A.Decreases)]


def _keep_entries(ctx: FnCtx, entry: State, head: State, stmts: list[ir.Stmt]) -> None:
    """A loop whose body only appends, reads, opens or closes files changes no directory
    entry itself: at its head the entries are the entry's, framed by other threads' steps
    (none when running alone). Without it a name this thread created, or one a lease keeps,
    was unknown after a chunked append loop. One that also creates or links deletes no name:
    the names there on entry stay where nobody else deletes them (a retry loop of Create)."""
    if filesys.INO not in entry.durable:
        return
    kept = entries_kept(stmts)
    adds = not kept and entries_kept(stmts, _ADD_ONLY)  # names that were there stay
    old, new = entry.durable[filesys.INO], head.durable[filesys.INO]
    if (kept or adds) and ctx.alone(entry):
        if kept:
            head.durable[filesys.INO] = old
        else:
            d, n = z3.String(smt.fresh_name("d")), z3.String(smt.fresh_name("n"))
            was = z3.Select(z3.Select(old, d), n)
            head.durable[filesys.INO] = z3.Lambda([d], z3.Lambda([n], z3.If(
                was != 0, was, z3.Select(z3.Select(new, d), n))))
        return
    if kept or adds:
        try:
            head.durable[filesys.INO] = fsleases.frame_ino(head, old, new, existing=adds)
        except smt.Unsupported:
            pass  # leases over a set of directories: the entries stay unknown, as before
    if not kept and not ctx.alone(head):
        # still: a name of a creator directory a thread holds exists (fsleases: the lease is
        # taken when the name is made, given up when it is deleted, received only with it)
        for ls in head.leases:
            d = fsleases.creator_dir_of(ctx, ls)
            if d is not None and ls.var is None:
                head.assume(z3.Implies(ls.cond, filesys.inode_of(head, d, ls.index) != 0),
                            "a creator directory's name this thread holds exists")


class Hooks:
    """How a synthetic loop (range over a map) differs from a counted one."""

    def havoc(self, head: State) -> None: ...
    def cond(self, head: State) -> z3.BoolRef: ...
    def enter(self, body: State) -> None: ...
    def leave(self, out: State) -> None: ...


@dispatch.handles("loop")
def run_loop(ex: Exec, s: ir.For, st: State, source: ir.Stmt | None = None,
             hooks: Hooks | None = None) -> Out:
    """`source` is the range statement a synthetic `for` came from (its clauses apply, and
    its key names the iteration count in them)."""
    ctx = ex.ctx
    if s.init is not None:
        outs = ex.exec_stmt(s.init, st)
        assert len(outs) == 1
        st = outs[0][1]
    src = source if source is not None else s
    cls = clauses(ex, src, getattr(src, "body", []))
    invs = [c for c in cls if isinstance(c, A.Invariant)]
    decs = [c for c in cls if isinstance(c, A.Decreases)]
    key = getattr(source, "key", None) if source is not None else None
    counter = f"range#{s.sid}.i"

    def view(state: State) -> State:
        """The state as the clauses see it: a range key is the iteration count."""
        if not key or key == "_" or counter not in state.env:
            return state
        v = state.fork()
        v.env[key] = state.env[counter]
        v.types[key] = T.UINT64
        return v

    for inv in invs:
        ctx.ob("loop-invariant-init", s.span, "the loop invariant holds on entry", st,
               split(inv.cond, ctx.scope(view(st))).pure_term(), clause=inv.span)
    # what the invariant owns (acc) is held on entry, taken from the entry's permissions and
    # owned at the head again of the head's values: a slice the body replaces (`s =
    # append(s, x)`) is owned as whatever array it has now, not as the one it had on entry
    entry_perms = _inv_perms(ctx, invs, view(st), s.span)
    for p in entry_perms:
        ctx.ob("loop-invariant-init", s.span, f"the loop invariant's {p} is held on entry", st,
               owns(st, p.ptr, p.field))
    # what the invariant leases is held on entry, and at the head it is the invariant's of
    # the head's values; the rest of what the thread holds is the loop's frame
    entry_leases = _inv_leases(ctx, invs, view(st))
    for ls in entry_leases:
        ctx.ob("loop-invariant-init", s.span, f"the loop invariant's {ls} is held on entry", st,
               leases.holds(st, ls))
    from .assign import pure_functions

    # the condition is evaluated at every iteration too: a call in it may write what the
    # head must forget (with only the body's writes forgotten, `for c.step() {}` evaluated
    # the call in the entry state each time, and the exit looked unreachable)
    cond_stmt = [ir.ExprStmt(s.cond.span, s.cond)] if s.cond is not None else []
    names, heap_w, durable = modified(s.body + ([s.post] if s.post else []) + cond_stmt,
                                      pure_functions(ex).written)
    head = st.fork()
    for n in sorted(names):  # in a fixed order: fresh names (and so Z3's search) must not depend on the hash seed
        if n in head.env and n in head.types:
            head.env[n] = heap.fresh_value(head, n, head.types[n])
        head.mutex_alias.pop(n, None)  # a mutex local the body reassigns: not known at the head
    if heap_w:
        heap.new_epoch(head)
        stmts = s.body + ([s.post] if s.post else []) + ([s.cond] if s.cond else [])
        calls: list[ir.Call] = []

        def quiet(c: ir.Call) -> bool:
            if heapwrites.quiet_call(ctx.pkg, ctx.ann, c):
                calls.append(c)
                return True
            return False

        keys = heapwrites.written(stmts, quiet)
        for key, arr in list(head.heap.items()):
            if keys is None or heapwrites.hits(key, keys):
                head.heap[key] = z3.Const(smt.fresh_name(f"heap[{key}]"), arr.sort())
        if keys is not None and calls:  # other threads ran during those calls
            from .locks import forget_unowned

            forget_unowned(ex, head, hint="loop")
    if hooks is not None:
        hooks.havoc(head)
    steps = _spec_steps(ex, s.body + ([s.post] if s.post else []))
    if steps and not durable:  # earlier iterations' spec steps happened: forget their effect
        _forget_spec(head)
    if durable:  # the body's own writes and other threads' both happened: forget it all
        if ctx.mode == "init":
            ctx.check_crash_inv(st, s.span, "when the loop starts")
        body = s.body + ([s.post] if s.post else []) + cond_stmt
        before = dict(head.spec) if not steps and _machine_only(body) else None
        ctx.fresh_durable(head, opens=not (ctx.alone(st) and opens_none(ctx, body)))
        if before is not None:  # (the body took no spec step and changed no ownership)
            for name, v in before.items():
                head.spec[name] = ownspec.frame(head, name, v, head.spec[name])
        _keep_entries(ctx, st, head, body)
        ctx.flip_flags(head)
        ctx.assume_crash_inv(head)
    head.owned = [q for q in head.owned if not any(_same_perm(q, p) for p in entry_perms)]
    for ls in entry_leases:
        leases.subtract(head, ls)
    frame_leases = list(head.leases)
    head.leases += _inv_leases(ctx, invs, view(head))
    # an invariant's array that is known apart from one the thread keeps around the loop (a
    # fresh slice the body appends to, beside a table a lock owns) stays apart at the head,
    # checked again at each iteration's end; else an append to it might be giving up the other
    apart = _apart(entry_perms, head.owned, st)
    head_perms = _inv_perms(ctx, invs, view(head), s.span)
    for i, q in apart:
        head.assume(head_perms[i].ptr != q.ptr, f"the loop invariant's {head_perms[i]} is not {q}")
    # two arrays the invariant owns (a slice being built, the list it is built from) that
    # are different arrays on entry stay different at the head, checked at each end
    pairs = _apart_pairs(entry_perms, st)
    for i, j in pairs:
        head.keep_apart(head_perms[i].ptr, head_perms[j].ptr,
                        f"the loop invariant's {head_perms[i]} is not {head_perms[j]}")
    head.owned += head_perms
    for inv in invs:
        head.assume(split(inv.cond, ctx.scope(view(head))).pure_term(),
                    f"loop invariant (line {inv.span.start.line + 1})")
    measures = [_measure(ex, d, view(head)) for d in decs] if decs else []
    if hooks is not None:
        cond = hooks.cond(head)
    else:
        cond = ex.ev.eval(s.cond, head) if s.cond is not None else z3.BoolVal(True)
    exit_ = head.fork()
    exit_.assume(z3.Not(cond), f"line {s.span.start.line + 1}: loop exits")
    body = head.fork()
    body.assume(cond, f"line {s.span.start.line + 1}: loop iterates")
    if hooks is not None:
        hooks.enter(body)
        hooks.leave(exit_)
    # `for { }` leaves only by break or return: its exit is no path (the code after it would
    # run on the head's havocked values, where a descriptor it opened is not known)
    result: Out = [] if z3.is_true(z3.simplify(cond)) else [("next", exit_)]
    ends: list[State] = []  # the states an iteration comes back to the head with
    at_head = body.fork()  # the body's run updates `body` in place
    ex.loop_depth = getattr(ex, "loop_depth", 0) + 1  # ghost.crash_step: never in a loop
    try:
        iteration = ex.exec_block(s.body, body)
    finally:
        ex.loop_depth -= 1
    for how, o in iteration:
        if how in ("break", "return") and hooks is not None:
            hooks.leave(o)
        if how == "break":
            result.append(("next", o))
            continue
        if how == "return":
            result.append((how, o))
            continue
        if s.post is not None:
            outs = ex.exec_stmt(s.post, o)
            o = outs[0][1]
        end_perms = _inv_perms(ctx, invs, view(o), s.span)
        for p in end_perms:
            ctx.ob("loop-invariant-preserved", s.span, f"an iteration ends holding the loop "
                   f"invariant's {p}", o, owns(o, p.ptr, p.field))
        for i, q in apart:
            ctx.ob("loop-invariant-preserved", s.span, f"an iteration ends with the loop "
                   f"invariant's {end_perms[i]} apart from {q}", o, end_perms[i].ptr != q.ptr)
        for i, j in pairs:
            a, b = end_perms[i].ptr, end_perms[j].ptr
            ctx.ob("loop-invariant-preserved", s.span, f"an iteration ends with the loop "
                   f"invariant's {end_perms[i]} apart from its {end_perms[j]}", o,
                   z3.Or(a == smt.NIL, b == smt.NIL, a != b))
        end_leases = _inv_leases(ctx, invs, view(o))
        for ls in end_leases:
            ctx.ob("loop-invariant-preserved", s.span, f"an iteration ends holding the loop "
                   f"invariant's {ls}", o, leases.holds(o, ls))
        framed = o.fork()
        for ls in end_leases:
            leases.subtract(framed, ls)
        _check_frame(ex, s, head, o, head_perms, frame_leases, framed.leases)
        _check_own_op(ex, s, head, o, steps)
        ends.append(o)
        if durable:
            durability.at_iteration_end(ctx, head, o, s.span)
        filesys.kept_open(ctx, at_head, o, s.span)  # a descriptor open at the start still is
        for inv in invs:
            ctx.ob("loop-invariant-preserved", s.span, "the loop invariant is preserved by an iteration",
                   o, split(inv.cond, ctx.scope(view(o))).pure_term(), clause=inv.span)
        for d, m0 in zip(decs, measures, strict=False):
            m1 = _measure(ex, d, view(o))
            what = show(d.measure)
            ctx.ob("decreases", s.span, f"the termination measure {what} is not negative at "
                   "the start of an iteration", o, m0 >= 0, clause=d.span)
            stuck = _unchanged(ex, d, view(at_head), view(o), names, s.body)
            ctx.ob("decreases", s.span, f"the termination measure {what} decreases in every "
                   "iteration" + (f" ({', '.join(stuck)} may end the iteration unchanged)"
                                  if stuck else ""), o, m1 < m0, clause=d.span)
    if not decs and source is None and hooks is None:
        progress.check(ex, s, at_head, ends, names)
    return result


def _spec_steps(ex: Exec, stmts: list[ir.Stmt]) -> list[A.Clause]:
    """The ghost statements in a loop body that take a spec step or move a token."""
    return [g for st in all_stmts(stmts) for g in ex.ghosts(st)
            if isinstance(g, A.Linearize | A.Helping | A.Complete | A.CrashStep | A.Internal)]


def _forget_spec(head: State) -> None:
    """The spec state and the helping tokens at a loop head whose body steps the spec
    (`complete`, `linearize`) without a call that forgets them anyway: the head stands for
    every iteration, so it cannot keep the values from before the loop."""
    for key, v in list(head.spec.items()):
        head.spec[key] = z3.Const(smt.fresh_name(key), v.sort())
    for key, arr in list(head.helping.items()):
        head.helping[key] = z3.Const(smt.fresh_name(f"helping[{key}]"), arr.sort())


def _check_own_op(ex: Exec, s: ir.For, head: State, end: State, steps: list[A.Clause]) -> None:
    """This call's own op is taken once: an iteration that comes back to the loop head may
    not have linearized it or handed it over (the next iteration would do it again, and
    the head, which stands for all of them, does not know it happened)."""
    if end.lin == head.lin and len(end.own_tokens) == len(head.own_tokens):
        new = end.lin_if[len(head.lin_if):]
        if new:  # calls of `linearizes` helpers: they must not have taken it either
            ex.ctx.ob("refinement", s.span, "an iteration that goes back to the loop head did "
                      "not take this call's op step in a call (linearizes): the next iteration "
                      "could take it again", end, z3.Not(z3.Or(*new)))
        return
    at = next((g.span for g in steps if isinstance(g, A.Linearize | A.Helping)), s.span)
    ex.ctx.fail("refinement", at, "an iteration that goes back to the loop head took this "
                "call's op step (linearize or helping): the next iteration could take it again; "
                "take it on the iteration that leaves the loop (then break or return)", end)


def _inv_perms(ctx: FnCtx, invs: list[A.Invariant], st: State, span: ir.Span) -> list[Perm]:
    return [p for inv in invs for p, _ in split(inv.cond, ctx.scope(st)).perms]


def _inv_leases(ctx: FnCtx, invs: list[A.Invariant], st: State) -> list[Lease]:
    """The leases the loop invariant names, of st's values (recovery handing one lease per
    iteration to the struct it builds: `forall d :: !given(d, u) ==> lease(..)`)."""
    return [ls for inv in invs for ls in split(inv.cond, ctx.scope(st)).leases]


def _apart(inv: list[Perm], frame: list[Perm], st: State) -> list[tuple[int, Perm]]:
    """(i, q): the invariant's i-th permission and a permission q of the loop's frame (the
    same kind of object) that are provably different objects on entry."""
    from .exprs import may_equal

    return [(i, q) for i, p in enumerate(inv) for q in frame
            if q.field == p.field and q.contents == p.contents and not may_equal(st, p.ptr, q.ptr)]


def _apart_pairs(inv: list[Perm], st: State) -> list[tuple[int, int]]:
    """(i, j): two of the invariant's array permissions that are different arrays on entry
    (or nil: an array of no elements is nobody's)."""
    from .exprs import may_equal

    return [(i, j) for i, p in enumerate(inv) for j, q in enumerate(inv) if i < j
            and p.field == q.field == "[]" and p.contents == q.contents != "map"
            and not may_equal(st, p.ptr, q.ptr, arrays=True)]


def _same_perm(a: Perm, b: Perm) -> bool:
    return a.field == b.field and a.ptr.eq(b.ptr)


def _check_frame(ex: Exec, s: ir.For, head: State, end: State, described: list[Perm],
                 head_leases: list[Lease] | None = None, end_leases: list[Lease] | None = None) -> None:
    """What the loop head assumed this thread holds must still be held after an iteration
    (what the invariant owns, `described`, is checked as the invariant, of the end's values;
    `head_leases`/`end_leases`: the leases apart from the invariant's)."""
    head_leases = head.leases if head_leases is None else head_leases
    end_leases = end.leases if end_leases is None else end_leases
    lost = [p for p in head.owned if not any(_same_perm(p, d) for d in described)
            and not any(q.field == p.field and q.ptr.eq(p.ptr) for q in end.owned)]

    # a lease entry the iteration rewrote (a lock it released took part of the set) is
    # checked as a set: the thread must still hold every location of it
    probe = end.fork()
    probe.leases = list(end_leases)
    for ls in head_leases:
        if not any(leases.same(q, ls) for q in end_leases):
            ex.ctx.ob("loop-invariant-preserved", s.span, f"an iteration ends holding {ls} "
                      "(it held it at the loop head)", end, leases.holds(probe, ls))
    lost_h = [h for h in head.held if not any(h is q for q in end.held)]
    gained_h = [h for h in end.held if not any(h is q for q in head.held)]
    if lost or lost_h or gained_h:
        what = ", ".join([str(x) for x in lost + lost_h + gained_h])
        ex.ctx.fail("loop-invariant-preserved", s.span,
                    f"an iteration must end holding what it started with ({what})", end)


def _measure(ex: Exec, d: A.Decreases, st: State) -> z3.ArithRef:
    from .assertions import term

    return term(d.measure, ex.ctx.scope(st))


def _unchanged(ex: Exec, d: A.Decreases, head: State, end: State, names: set[str],
               body: list[ir.Stmt]) -> list[str]:
    """The parts of a measure the loop changes (variables it assigns, fields it writes)
    that an iteration may leave as they were: what a failing `decreases` names (the paper's
    Pickup loop that stops advancing its offset)."""
    from armada_ls.logic.resolve import walk

    from .assertions import term
    from .exprs import may_equal

    fields = {p.field for n in ir.walk(body) if isinstance(n, ir.Assign)
              for p in n.places if isinstance(p, ir.FieldPlace)}
    out: list[str] = []
    for e in walk(d.measure):
        if show(e) in out or not (
                (isinstance(e, A.LName) and e.name in names) or
                (isinstance(e, A.LSelector) and e.name in fields)):
            continue
        try:
            a, b = term(e, ex.ctx.scope(head)), term(e, ex.ctx.scope(end))
        except smt.Unsupported:
            continue
        if z3.is_int(a) and z3.is_int(b) and may_equal(end, a, b):
            out.append(show(e))
    return out


@dispatch.handles("desugar_range")
def desugar_range(s: ir.RangeSlice | ir.RangeInt) -> tuple[list[ir.Stmt], ir.For]:
    """`for k, v := range x { body }` as `hx := x; for i := 0; i < len(hx); i++ { k := i;
    v := hx[i]; body }` (x and its length evaluated once, fresh k and v per iteration, as
    in Go); `for k := range n` likewise over 0..n-1."""
    sp = s.span
    u64 = T.UINT64
    hidden_x, i = f"range#{s.sid}", f"range#{s.sid}.i"
    src = s.x if isinstance(s, ir.RangeSlice) else s.n
    pre: list[ir.Stmt] = [ir.Define(sp, [hidden_x], [src.type], [src], new=[True], boxed=[False])]
    hx = ir.Var(sp, src.type, hidden_x)
    bound: ir.Expr = ir.Builtin(sp, u64, "len", [hx]) if isinstance(s, ir.RangeSlice) else hx
    iv = ir.Var(sp, u64, i)
    head: list[ir.Stmt] = []
    if s.key and s.key != "_":
        head.append(ir.Define(sp, [s.key], [u64], [iv], new=[True], boxed=[False]))
    if isinstance(s, ir.RangeSlice) and s.value and s.value != "_":
        head.append(ir.Define(sp, [s.value], [s.elem_type], [ir.Index(sp, s.elem_type, hx, iv)],
                              new=[True], boxed=[False]))
    loop = ir.For(sp, ir.Define(sp, [i], [u64], [ir.Const(sp, u64, 0)], new=[True], boxed=[False]),
                  ir.Binary(sp, T.BOOL, "<", iv, bound),
                  ir.Assign(sp, [ir.VarPlace(sp, u64, i)], [], op="++"), head + s.body, sid=s.sid)
    return pre, loop


class _MapRange(Hooks):
    """`for k, v := range m`: each iteration takes a key of m it has not visited yet (in
    no particular order); the loop ends when every key has been visited. The body may not
    write m (Go's iterator invalidation is undefined behaviour in the model)."""

    def __init__(self, ex: Exec, s: ir.RangeMap, m: z3.ArithRef, mt: T.Map) -> None:
        self.ex, self.s, self.m, self.mt = ex, s, m, mt
        self.seen = f"range#{s.sid}.seen"

    def havoc(self, head: State) -> None:
        ks = smt.sort_of(self.mt.key)
        head.env[self.seen] = z3.Const(smt.fresh_name("seen"), z3.ArraySort(ks, z3.BoolSort()))

    def _has(self, st: State, k: z3.ExprRef) -> z3.BoolRef:
        return heap.map_read(st, self.mt, self.m, k)[1]

    def cond(self, head: State) -> z3.BoolRef:
        k = z3.Const(smt.fresh_name("k"), smt.sort_of(self.mt.key))
        return z3.Exists([k], z3.And(self._has(head, k), z3.Not(head.env[self.seen][k])))

    def enter(self, body: State) -> None:
        k = heap.fresh_value(body, "key", self.mt.key)
        body.assume(z3.And(self._has(body, k), z3.Not(body.env[self.seen][k])))
        body.env[self.seen] = z3.Store(body.env[self.seen], k, True)
        body.iterating.append(self.m)
        if self.s.key and self.s.key != "_":
            body.env[self.s.key] = k
            body.types[self.s.key] = self.mt.key
        if self.s.value and self.s.value != "_":
            body.env[self.s.value] = heap.map_read(body, self.mt, self.m, k)[0]
            body.types[self.s.value] = self.mt.value

    def leave(self, out: State) -> None:
        out.iterating = [p for p in out.iterating if not p.eq(self.m)]


@dispatch.handles("range_map")
def run_range_map(ex: Exec, s: ir.RangeMap, st: State) -> Out:
    m = ex.ev.eval(s.m, st)
    mt = T.underlying(s.m.type)
    assert isinstance(mt, T.Map)
    ex.ctx.ob("race", s.span, "ranging over a map reads it: it needs ownership", st,
              z3.Or(m == smt.NIL, owns(st, m, "*")))
    seen = f"range#{s.sid}.seen"
    st.env[seen] = z3.K(smt.sort_of(mt.key), z3.BoolVal(False))
    loop = ir.For(s.span, None, None, None, s.body, sid=s.sid)
    hooks = _MapRange(ex, s, m, mt)
    outs = run_loop(ex, loop, st, source=s, hooks=hooks)
    for _, o in outs:
        o.env.pop(seen, None)
    return outs
