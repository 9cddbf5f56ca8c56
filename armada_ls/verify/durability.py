"""The host-crash model (`crash_model host`): which disk writes a power loss may undo.

A `disk.Write` is volatile until a `disk.Barrier` follows it; after a host crash each block
holds its value at the last barrier or any one value written to it since, independently of
the other blocks (docs/machine.md, "The host-crash rule"). Each path tracks the writes this
thread made since its last barrier (`State.pending`), with the value each overwrote. At a
crash point the crash invariant must hold of every disk the rule allows: the current disk
with each pending write's block rolled back to any earlier value since the barrier, chosen
by fresh booleans (one per write, so blocks are independent). That is exact for this
thread's writes and quantifier-free.

Why per thread is enough: writes need leases, so pending writes sit on locations only their
writer holds; the check at a crash point quantifies over every value of the locations it
does not hold (interference havocs them, assuming only the crash invariant), which covers
other threads' undone writes too. That needs every pending write to stay the writer's
until it is durable, so the release points are obligations: a lock's leases go back at
`Unlock` only once its locations' writes are durable, a function returns (and recovery
hands out the disk) with no write pending, and neither a disk-touching call nor `go` starts
while one is pending. Another thread's barrier may make a write durable early; the model
then only checks outcomes that can no longer happen (sound, never optimistic).

After a process crash the crashed generation's writes may still be pending, on any block:
recovery starts with `pending_unknown`, under which a crash point checks every disk that
satisfied the crash invariant at recovery's start (all the crashed generation could leave),
and a write before recovery's first barrier is refused.

`filesys` follows the same argument (filesys.py): its unsynced operations are the path's,
on entries it holds leases on and files it created, checked at crash points by
`filesys.outcomes` and made durable at the same release points. Recovery starts with the
crashed generation's file-system operations unknown-pending too, until its first
`filesys.Sync()` (there is no per-directory barrier that covers them: filesys.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from goose import ir

from . import smt
from .state import State

if TYPE_CHECKING:
    from .context import FnCtx

DISK = "disk.D"


def enabled(ann: A.Annotations) -> bool:
    return A.host_crashes(ann)


def write(ctx: FnCtx, st: State, a: z3.ExprRef, v: z3.ExprRef, old: z3.ExprRef,
          where: str, span: ir.Span) -> None:
    """Record a write of v over old at block a (called before the disk array changes)."""
    if st.pending_unknown:
        ctx.fail("durability", span, "recovery writes to the disk before its first "
                 "disk.Barrier(): after a process crash the crashed generation's writes may "
                 "still be lost to a power loss, so call disk.Barrier() first", st)
    st.pending.append((a, v, old, where))


def barrier(st: State) -> None:
    st.pending = []
    st.pending_unknown = False


def outcomes(ctx: FnCtx, st: State) -> tuple[State, str] | None:
    """A state whose disk and file system are an arbitrary host-crash outcome of st's
    (None if only the current ones can survive), with what it may lose in words."""
    from . import filesys

    disk = _disk_outcomes(ctx, st)
    fs = filesys.outcomes(disk[0] if disk is not None else st, ctx)
    if fs is None:
        return disk
    lost = ([disk[1]] if disk is not None else []) + [f"not yet durable: {', '.join(fs[1])}"]
    return fs[0], "; ".join(lost)


def _disk_outcomes(ctx: FnCtx, st: State) -> tuple[State, str] | None:
    arr = st.durable.get(DISK)
    if arr is None:
        return None
    if st.pending_unknown:
        trial = st.fork()
        entry = st.entry if st.entry is not None else st
        d = z3.Const(smt.fresh_name("disk.D after a host crash"), arr.sort())
        then = entry.fork()
        then.durable[DISK] = d
        for t, _ in ctx.crash_inv(then):  # what the crashed generation could leave
            trial.assume(t)
        trial.durable[DISK] = _keep_pending(trial, d)
        return trial, "any disk the crashed generation may leave (no disk.Barrier yet)"
    if not st.pending:
        return None
    trial = st.fork()
    trial.durable[DISK] = _keep_pending(trial, arr)
    lines = ", ".join(dict.fromkeys(w for _, _, _, w in st.pending))
    return trial, f"writes not yet durable: {lines}"


def _keep_pending(st: State, arr: z3.ArrayRef) -> z3.ArrayRef:
    """arr with each pending write's block rolled back, by choice, past that write: newest
    first, so a block written k times may hold any of its k values or the one before."""
    out = arr
    for a, _v, old, where in reversed(st.pending):
        kept = z3.Bool(smt.fresh_name(f"survives({where})"))
        out = z3.Store(out, a, z3.If(kept, z3.Select(out, a), old))
    return out


def at_unlock(ctx: FnCtx, st: State, released: list[object], key: str, span: ir.Span) -> None:
    """The leases going back to lock `key` must not cover a pending write."""
    from . import filesys
    from .leases import covers

    filesys.at_unlock(ctx, st, released, key, span)
    for a, _v, _old, where in st.pending:
        mine = [covers(ls, a) for ls in released if getattr(ls, "array", None) == DISK]
        if not mine:
            continue
        ctx.ob("durability", span, f"the write at {where} is durable before {key} is "
               "released: the next holder would take a block a power loss can still undo; "
               "call disk.Barrier() before Unlock", st, z3.Not(z3.Or(mine)))


def none_pending(ctx: FnCtx, st: State, span: ir.Span, when: str, why: str,
                 recovery_end: bool = False, callee: str | None = None) -> None:
    """No write may be pending at `when` (a return, a call, a `go`); where recovery hands
    out the disk, not even the crashed generation's, nor where it starts a goroutine or
    calls a function that writes the disk (`callee`: their crash points do not know them)."""
    for _a, _v, _old, where in st.pending:
        ctx.fail("durability", span, f"the write at {where} is not durable {when}: {why}; "
                 "call disk.Barrier() before it", st)
    if st.pending_unknown and not recovery_end and (callee is None or callee in _writers(ctx)):
        ctx.fail("durability", span, f"the crashed generation's disk writes may not be durable "
                 f"{when}: its crash points do not know a power loss may still undo them; call "
                 "disk.Barrier() before it", st)
    if st.pending_unknown and recovery_end:
        ctx.fail("durability", span, "recovery hands out the disk with no disk.Barrier(): "
                 "the crashed generation's writes may still be lost to a power loss", st)
    from . import filesys

    filesys.none_pending(ctx, st, span, when)  # its directory operations and appends


def _writers(ctx: FnCtx) -> set[str]:
    """Functions of the package that (transitively) write the disk."""
    from .facts import _transitively

    cache = ctx.__dict__.setdefault("_disk_writers", {})
    if "w" not in cache:
        cache["w"] = _transitively(ctx.pkg, lambda c: c.pkg == "disk" and c.recv is None
                                   and c.name == "Write")
    return cache["w"]


def durable(st: State, a: z3.ExprRef) -> z3.BoolRef:
    """`durable(disk.D[a])`: no write to block a can be undone by a power loss now."""
    if st.pending_unknown:
        return z3.BoolVal(False)
    return z3.And([a != pa for pa, _v, _old, _w in st.pending])


def durable_fs(st: State, name: str, d: z3.ExprRef, n: z3.ExprRef) -> z3.BoolRef:
    """`durable(filesys.Dirs[d][n])`: no directory operation of this thread changed the entry
    since d's last FsyncDir (or a Sync); `durable(filesys.Files[d][n])`: that, and nothing
    this thread appended to the file it names is unsynced. In recovery before its Sync the
    crashed generation's operations may be pending on any name: false."""
    from . import filesys

    fs = filesys._fs(st)
    if fs.crashed_unsynced:
        return z3.BoolVal(False)
    out = [z3.Not(z3.And(d == od, n == on, changed)) for od, on, _o, _w, changed in fs.dirops]
    if name == "Files":
        i = filesys.inode_of(st, d, n)
        out += [i != ai for ai, _s, _w in fs.appends]
    return z3.And(out)


def at_iteration_end(ctx: FnCtx, head: State, end: State, span: ir.Span) -> None:
    """A loop is checked on one arbitrary iteration, which starts knowing only the writes
    pending when the loop began: a write the body leaves pending would be missing from the
    crash points of the iterations after it."""
    from . import filesys

    filesys.at_iteration_end(ctx, head, end, span)
    for w in end.pending:
        if not any(w is h for h in head.pending):
            ctx.fail("durability", span, f"the write at {w[3]} is not durable at the end of a "
                     "loop iteration: the next iterations' crash points would not know it; "
                     "call disk.Barrier() in the loop body after it", end)
