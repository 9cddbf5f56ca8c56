"""Leases on file-system state: directory entries, and lower-bound leases on directories.

Two kinds (docs/annotations.md, "lease"):

- `lease(filesys.Dirs[d][n])`, `d` a constant: the *entry* d/n (which file the name leads
  to, or that there is none) is its holder's. A directory named in such a lease is an
  *exact* directory: every `Create`, `Link` into it and `Delete` in it needs the lease on
  its name (kind `lease`), so no other thread changes an entry this thread holds.
  `forall n string :: G(n) ==> lease(filesys.Dirs[d][n])` is a set of them. Leases on
  entries of directory d are entries of the lease array `fs:d`, indexed by the name.
- `lease(filesys.Dirs[d], >= S)`, `S` a `map[string]bool`: the *lower-bound lease*. Its
  holder is the only thread that deletes from d; the others only add (a `Create` or `Link`
  of a name that exists changes nothing), so every name in d stays, with its file, while
  the holder holds it; and every name in S is in d (a fact checked wherever the lease is
  handed over). A directory named in one is a *lower-bound* directory: a `Delete` in it
  needs the lease; `Create` and `Link` need none. `List` under the lease returns every name
  the directory had when it started (so a superset of S), and only names it still has.
  These are entries of the lease array `fs-del`, indexed by the directory.
  `lease(filesys.Dirs[d])` is the same lease with no names promised: the facts that make
  it useful (`forall i :: .. ==> filesys.Dirs[d][s[i]]` over a slice the lock owns) are
  written beside it, and stay true while its holder holds it for the same reason.

A third kind is declared by a package clause, `creator_dir "d"`: a *creator* directory,
where each name belongs to the thread that created it. A `Create` or `Link` that makes a
name there takes the lease on its entry (it changes nothing if the name exists, and no
thread ever holds the lease on a name that does not exist, so nobody else relies on the
name being free); `Delete` needs the lease and gives it up. A lease on such an entry comes
with the fact that the name exists, checked wherever it is handed over (a lock invariant, a
contract), so a name leaves a thread only while it exists. The shape of a mail spool or of
write-then-link temporary files: no lock over the whole directory.

Which directories are exact or lower-bound is read off the package's annotations (every
`lease` in them), so every thread of the package obeys the same rules; a directory no lease
names is free for all as before (nothing anyone holds of it). Init and recovery start with
every lease of both kinds. A file's bytes need no lease: only `Create` gives a descriptor to
append with, and a descriptor stays with the path that opened it, so a file this path
created changes only through it (`frame_data`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from armada_ls.logic.resolve import walk
from goose import types as T

from . import blocks, smt
from .state import Lease, State

if TYPE_CHECKING:
    from .context import FnCtx

DEL = "fs-del"
INO_NAME = "filesys.Ino"
ENTRY = "fs:"
STR = z3.StringSort()


def entry_array(d: str) -> str:
    return ENTRY + d


@dataclass(frozen=True)
class Governed:
    """The directories the package's leases name."""

    exact: frozenset[str] = frozenset()
    lower: frozenset[str] = frozenset()
    creator: frozenset[str] = frozenset()  # creator_dir: leases on entries, taken by Create
    lower_any: bool = False  # a lower-bound lease on a directory that is no constant
    bad: str = ""  # why the package's file-system leases are not supported

    def any(self) -> bool:
        return bool(self.exact or self.lower or self.lower_any or self.creator)

    def entries(self) -> frozenset[str]:
        """Directories whose entries are leased one by one (exact and creator)."""
        return self.exact | self.creator


def _machine(x: A.LExpr) -> str:
    """"Dirs", "Files", ... if x names `filesys.<that>`."""
    ref = getattr(x, "ref", None)
    if ref is not None:
        return ref.name if ref.kind == "machine" and ref.owner == "filesys" else ""
    if isinstance(x, A.LSelector) and isinstance(x.x, A.LName) and x.x.name == "filesys":
        return x.name
    return ""


def _whole_dir(loc: A.LExpr) -> bool:
    """`filesys.Dirs[d]` itself (not an entry): the lower-bound lease with no names."""
    return isinstance(loc, A.LIndex) and _machine(loc.x) == "Dirs"


def is_fs(e: A.LLease) -> bool:
    """The lease is on file-system state."""
    x = e.loc
    while isinstance(x, A.LIndex):
        x = x.x
    return bool(_machine(x))


def _roots(ann: A.Annotations) -> list[A.LExpr]:
    """Where a directory's kind is declared: the lock invariants (and the crash invariant),
    package-level text every function's cache key covers. A lease in a contract must be on
    a directory one of them names (`lease_of`)."""
    return [li.cond for li in ann.lock_invs.values()] + [c.cond for c in ann.crash_invs]


def governed(ann: A.Annotations) -> Governed:
    exact: set[str] = set()
    lower: set[str] = set()
    lower_any = False
    bad = ""
    for root in _roots(ann):
        for e in walk(root):
            if not isinstance(e, A.LLease) or not is_fs(e):
                continue
            loc = e.loc
            if e.lower is not None or _whole_dir(loc):
                if not (isinstance(loc, A.LIndex) and _machine(loc.x) == "Dirs"):
                    bad = bad or "a lower-bound lease must be on a directory: lease(filesys.Dirs[d], >= names)"
                elif isinstance(loc.index, A.LString):
                    lower.add(loc.index.value)
                else:
                    lower_any = True
                continue
            if not (isinstance(loc, A.LIndex) and isinstance(loc.x, A.LIndex)):
                bad = bad or "a lease on file-system state is on an entry, lease(filesys.Dirs[d][n])"
                continue
            what = _machine(loc.x.x)
            if what == "Files":
                bad = bad or ("lease(filesys.Files[d][n]) is not supported: a file's bytes are "
                              "held by the descriptor that appends to it; lease the entry, "
                              "lease(filesys.Dirs[d][n])")
            elif what != "Dirs":
                bad = bad or f"lease(filesys.{what}[..]) is not supported"
            elif not isinstance(loc.x.index, A.LString):
                bad = bad or ("the directory of a lease on an entry must be a constant "
                              "(lease(filesys.Dirs[\"d\"][n]))")
            else:
                exact.add(loc.x.index.value)
    creator = set(ann.creator_dirs)
    exact -= creator  # leases on a creator directory's entries: its own kind
    both = (exact | creator) & lower
    if both:  # a lease on a named directory says it is not one of these (lease_of)
        bad = bad or (f"directory {sorted(both)[0]} has both leases on "
                      "entries and a lower-bound lease: use one kind per directory")
    return Governed(exact=frozenset(exact), lower=frozenset(lower), creator=frozenset(creator),
                    lower_any=lower_any, bad=bad)


def of(ctx: FnCtx) -> Governed:
    cache = ctx.__dict__.setdefault("_fs_governed", {})
    if "g" not in cache:
        cache["g"] = governed(ctx.ann)
    g = cache["g"]
    if g.bad:
        raise smt.Unsupported(g.bad)
    if g.creator and A.host_crashes(ctx.ann):
        # a Delete gives its name up at once, but under power loss it is not durable yet:
        # another thread's Create of the name could mix with it (see durability.py)
        raise smt.Unsupported("creator_dir under crash_model host is not supported yet")
    return g


# ---------------------------------------------------------------- leases in assertions


def lease_of(e: A.LLease, sc: object, guard: z3.BoolRef, gen: z3.ArithRef,
             term: object) -> tuple[Lease, z3.BoolRef | None]:
    """The lease an fs `lease(...)` names, and (lower-bound) the fact that comes with it."""
    from . import filesys
    from .assertions import _selects_on

    g = governed(sc.ann)  # type: ignore[attr-defined]
    if g.bad:
        raise smt.Unsupported(g.bad)
    loc = e.loc
    undeclared = smt.Unsupported("a lease on file-system state in a directory that no lock "
                                 "invariant leases: a directory's kind (leases on its names, or "
                                 "a lower-bound lease) is declared by a lock_inv")
    if e.lower is None and not _whole_dir(loc):
        if not (isinstance(loc, A.LIndex) and isinstance(loc.x, A.LIndex)
                and isinstance(loc.x.index, A.LString) and _machine(loc.x.x) == "Dirs"):
            raise smt.Unsupported("a lease on file-system state is on an entry, "
                                  "lease(filesys.Dirs[\"d\"][n])")
        d = loc.x.index.value
        if d not in g.entries():
            raise undeclared
        n = term(loc.index, sc)  # type: ignore[operator]
        fact = None
        if d in g.creator:  # nobody holds a name that does not exist (see the module doc)
            fact = z3.Implies(guard, filesys.inode_of(sc.state, blocks.str_val(d), n) != 0)  # type: ignore[attr-defined]
        return Lease(entry_array(d), n, guard, gen), fact
    if not (isinstance(loc, A.LIndex) and _machine(loc.x) == "Dirs"):
        raise smt.Unsupported("a lower-bound lease is on a directory: "
                              "lease(filesys.Dirs[d], >= names)")
    if not g.lower_any and not (isinstance(loc.index, A.LString) and loc.index.value in g.lower):
        raise undeclared
    d = term(loc.index, sc)  # type: ignore[operator]
    if e.lower is None:  # the right to delete, no names promised
        return Lease(DEL, d, guard, gen), None
    k = z3.String(smt.fresh_name("n"))
    inner = sc.at(sc.state)  # type: ignore[attr-defined]
    inner.bound = dict(sc.bound)  # type: ignore[attr-defined]
    name = smt.fresh_name("name").replace("!", "_")
    inner.bound[name] = k
    member = A.LIndex(e.lower.span, e.lower, A.LName(e.lower.span, name, ref=A.Ref("bound", name),
                                                      type=T.STRING), type=T.BOOL)
    has = term(member, inner)  # type: ignore[operator]
    here = filesys.inode_of(sc.state, d, k) != 0  # type: ignore[attr-defined]
    # trigger on a read of the bound: a row of the file system may be a store over a term
    # Z3 takes as no pattern (this fallback was an `invalid pattern` error)
    pats = [has] if z3.is_select(has) else []
    if not pats:
        _selects_on(has, k, pats)
    fact = z3.ForAll([k], z3.Implies(has, here), patterns=pats[:1]) if pats \
        else z3.ForAll([k], z3.Implies(has, here))
    return Lease(DEL, d, guard, gen), z3.Implies(guard, fact)


def entry_dirs(ann: A.Annotations) -> tuple[str, ...]:
    """The constant directories whose names are leased one by one (State.entry_dirs)."""
    g = governed(ann)
    return tuple(sorted(g.entries())) if not g.bad else ()


def everything(ann: A.Annotations, gen: z3.ArithRef) -> list[Lease]:
    """What init and recovery start with: every entry of every exact directory, and the
    right to delete from every directory."""
    g = governed(ann)
    if not g.any() or g.bad:
        return []
    out = []
    for d in sorted(g.entries()):
        x = z3.String(smt.fresh_name("name"))
        out.append(Lease(entry_array(d), x, z3.BoolVal(True), gen, x))
    x = z3.String(smt.fresh_name("dir"))
    out.append(Lease(DEL, x, z3.BoolVal(True), gen, x))
    return out


# ---------------------------------------------------------------- interference


def frame_ino(st: State, old: z3.ArrayRef, new: z3.ArrayRef, existing: bool = False) -> z3.ArrayRef:
    """Other threads' steps keep every entry this thread holds, and, in a directory it
    holds the lower-bound lease on, every name that is there (they only add). `existing`:
    this thread's own steps (a loop body's Creates and Links) may have added names too, so
    only the entries it holds that exist in `old` are kept."""
    from . import leases

    out = new
    for d in sorted({ls.array[len(ENTRY):] for ls in st.leases if ls.array.startswith(ENTRY)}):
        dv = blocks.str_val(d)
        if not existing and any(ls.array == entry_array(d) and z3.is_true(z3.simplify(ls.cond))
                                and ls.var is not None for ls in st.leases):  # the whole row
            out = z3.Store(out, dv, z3.Select(old, dv))
            continue
        n = z3.String(smt.fresh_name("n"))
        mine = z3.Or([leases.covers(ls, n) for ls in st.leases if ls.array == entry_array(d)])
        was, now = z3.Select(z3.Select(old, dv), n), z3.Select(z3.Select(out, dv), n)
        if existing:
            mine = z3.And(mine, was != 0)
        row = z3.Const(smt.fresh_name(f"{INO_NAME}[{d}]"), z3.ArraySort(STR, z3.IntSort()))
        st.assume(row == z3.Lambda([n], z3.If(mine, was, now)))  # as below: no quantifier
        out = z3.Store(out, dv, row)
    for ls in st.leases:
        if ls.array != DEL:
            continue
        if ls.var is not None:
            raise smt.Unsupported("a lower-bound lease on a set of directories outside init and "
                                  "recovery is not supported")
        # the row is a constant defined by a lambda: no quantifier for the solver to
        # instantiate, and reads of it stay valid triggers
        n = z3.String(smt.fresh_name("n"))
        was = z3.Select(z3.Select(old, ls.index), n)
        now = z3.Select(z3.Select(out, ls.index), n)
        row = z3.Const(smt.fresh_name(f"{INO_NAME}[{ls.index}]"), z3.ArraySort(STR, z3.IntSort()))
        # (a directory whose names are leased one by one follows its own kind's rules: a
        # creator deletes its names there whoever holds this lease)
        keep = z3.And([ls.cond, was != 0] + [ls.index != blocks.str_val(x) for x in st.entry_dirs])
        st.assume(row == z3.Lambda([n], z3.If(keep, was, now)))
        out = z3.Store(out, ls.index, row)
    return out


def held_files(st: State) -> list[tuple[z3.ExprRef, z3.BoolRef]]:
    """The files whose bytes only this path changes (through a descriptor it holds), each
    with the condition under which it does: one this path created (its descriptor stays
    with it, closed here or not: nobody else appends to it again) unless it went to a lock
    or to a callee that kept it; one lent by the caller while it is open; one a lock owns
    while this path holds that lock."""
    from . import filesys

    out: list[tuple[z3.ExprRef, z3.BoolRef]] = []
    fs = st.fs if isinstance(st.fs, filesys.FsPath) else None
    for fd in fs.fds if fs is not None else ():
        if fd.given or fd.away:
            continue
        if fd.lock is not None:
            key, inst = fd.lock
            if inst is None or not any(h.key == key and h.inst is not None and h.inst.eq(inst)
                                       for h in st.held):
                continue
            out.append((fd.ino, fd.open))
        elif fd.param:
            out.append((fd.ino, fd.open))
        elif fd.kind == "append":
            out.append((fd.ino, z3.BoolVal(True)))
    return out


def frame_data(st: State, old: z3.ArrayRef, new: z3.ArrayRef) -> z3.ArrayRef:
    """The files of `held_files` keep their bytes across other threads' steps."""
    out = new
    for ino, keep in held_files(st):
        # a literal `if` would make every later read of the bytes (blocks.blen) walk both
        # branches at each interference point: exponential in the number of steps
        if z3.is_true(z3.simplify(keep)):
            kept = z3.Select(old, ino)
        else:  # named, for the same reason: the path keeps what it is
            kept = z3.Const(smt.fresh_name("filesys.Data kept"), smt.BLOCK)
            st.assume(kept == z3.If(keep, z3.Select(old, ino), z3.Select(out, ino)))
        out = z3.Store(out, ino, kept)
    return out


# ---------------------------------------------------------------- the calls' obligations


def check(ctx: FnCtx, st: State, call: str, d: z3.ExprRef, n: z3.ExprRef, span: object,
          host: bool) -> None:
    """A directory operation on d/n (`Create`, `Link` into d, `Delete`): the leases its
    directory's kind asks for; under crash_model host outside init, the lease on the entry
    (the per-thread argument of durability.py: an unsynced operation must stay this
    thread's until it is durable)."""
    from . import leases

    g = of(ctx)
    exact = [(blocks.str_val(x), x) for x in sorted(g.exact)]
    creator = [(blocks.str_val(x), x) for x in sorted(g.creator)]
    for dv, x in exact + (creator if call == "Delete" else []):
        ctx.ob("lease", span, f"filesys.{call} in directory \"{x}\" needs the lease on the name "
               f"(lease(filesys.Dirs[\"{x}\"][n]): other threads may hold it)", st,
               z3.Implies(d == dv, leases.held(st, entry_array(x), n)))
    if call == "Delete" and (g.lower or g.lower_any):
        lb = z3.And([d != dv for dv, _ in exact + creator]) if g.lower_any else \
            z3.Or([d == blocks.str_val(x) for x in sorted(g.lower)])
        ctx.ob("lease", span, "filesys.Delete in a directory with a lower-bound lease needs "
               "that lease (lease(filesys.Dirs[d], >= names): its holder is the only thread "
               "that deletes there)", st, z3.Implies(lb, leases.held(st, DEL, d)))
    if host and ctx.mode != "init":
        mine = z3.Or([z3.And(d == dv, leases.held(st, entry_array(x), n)) for dv, x in exact]) \
            if exact else z3.BoolVal(False)
        ctx.ob("durability", span, f"under crash_model host, filesys.{call} needs the lease on "
               "its entry (lease(filesys.Dirs[d][n])): until it is made durable by FsyncDir no "
               "other thread may change that name, or a power loss could mix their "
               "operations in ways no thread checks", st, mine)


def creator_dir_of(ctx: FnCtx, ls: Lease) -> z3.ExprRef | None:
    """The directory (as a term) if `ls` is a lease on an entry of a creator directory."""
    for x in sorted(of(ctx).creator):
        if ls.array == entry_array(x):
            return blocks.str_val(x)
    return None


def taken(ctx: FnCtx, st: State, d: z3.ExprRef, n: z3.ExprRef, made: z3.BoolRef) -> None:
    """A `Create` or `Link` that made d/n (`made`) in a creator directory: the thread takes
    the lease on the entry."""
    for x in sorted(of(ctx).creator):
        cond = z3.simplify(z3.And(made, d == blocks.str_val(x)))
        if not z3.is_false(cond):
            st.leases.append(Lease(entry_array(x), n, cond, st.gen if st.gen is not None else z3.Int("gen")))


def given_up(ctx: FnCtx, st: State, d: z3.ExprRef, n: z3.ExprRef) -> None:
    """A `Delete` of d/n in a creator directory: the name no longer exists, so the thread
    no longer holds it (another thread may create it now). Recovery and init run alone and
    hold every name, existing or not; what they hand over must exist (`lease_of`'s fact)."""
    from . import leases

    if ctx.alone(st):
        return
    for x in sorted(of(ctx).creator):
        leases.subtract(st, Lease(entry_array(x), n, d == blocks.str_val(x), z3.Int("gen")))


def listed(ctx: FnCtx, st: State, d: z3.ExprRef, elem: z3.ExprRef, k: z3.ArithRef,
           ln: z3.ArithRef) -> z3.BoolRef | None:
    """List(d) under the lower-bound lease on d: each listed name is in d (it was there
    while the listing ran, and only this thread deletes), and every name d has now is
    listed. None without the lease (nothing more is known: List is not atomic)."""
    from . import filesys, leases

    mine = [ls for ls in st.leases if ls.array == DEL]
    if not mine:
        return None
    held = leases.held(st, DEL, d)
    n = z3.String(smt.fresh_name("n"))
    k2 = z3.Int(smt.fresh_name("k"))
    here = filesys.inode_of(st, d, n)
    covered = z3.ForAll([n], z3.Implies(z3.And(held, here != 0), z3.Exists(
        [k2], z3.And(k2 >= 0, k2 < ln, _elem_at(elem, k, k2) == n))), patterns=[here])
    st.assume(covered)
    return z3.Implies(held, filesys.inode_of(st, d, elem) != 0)


def _elem_at(elem: z3.ExprRef, k: z3.ArithRef, k2: z3.ArithRef) -> z3.ExprRef:
    return z3.substitute(elem, (k, k2))
