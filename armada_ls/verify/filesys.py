"""The file system (`filesys`): directories of append-only files, and descriptors.

The model is the explorer's and `MemFS`'s (goose/semantics/devices.py, docs/machine.md):
names lead to inodes and inodes hold bytes, so a second name made by `Link` and a descriptor
open on a deleted name see the same file. Two durable arrays carry it (interference havocs
them like the disks' arrays but for what this thread holds: fsleases.py):

    filesys.Ino   dir -> name -> inode (0: no such name)
    filesys.Data  inode -> its bytes (a block term of blocks.py)

The annotations' ghost names are views of them (`View`): `filesys.Dirs[d][n]` is
`Ino[d][n] != 0` and `filesys.Files[d][n]` is `Data[Ino[d][n]]`, so reading a file's bytes
goes through the same block terms as a disk block's.

A new inode is a fresh constant that no name leads to (`forall d, n :: Ino[d][n] != i`: true
of every real state, and what keeps a Create from touching another file's bytes). Other
threads never append to a file this path created, nor to one it holds the descriptor of
(`fsleases.frame_data`); they never change an entry it holds the lease on, and under a
lower-bound lease never delete from the directory (`fsleases.frame_ino`).

Descriptors are resources of the path (`FsPath.fds`): each is opened in this function (in
this generation: a crash voids it, and a function never sees another generation's), or lent
by the caller through a parameter (`requires filesys.Open[f]`; `ensures filesys.Open[f]`
hands it back), with its inode, its kind (`append` from Create, `read` from Open; a lent one
the kind its body uses, which the caller checks: `lend`) and when it is still open. A
descriptor also travels in a field of a struct a parameter or result points to (`requires
filesys.Open[d.f]`, `ensures filesys.Open[ret.f]`, either under a guard `G ==> ..`:
`Through`): the caller lends it with the struct, and a postcondition hands out one the
callee holds open, so the caller's record is a new one. Every use is a `safety` obligation
(open, of the right kind); every one still open where the function returns (and not handed
out), or where a loop iteration ends, is an `fd-leak` failure at its open. Any other
descriptor (a result itself, a slice's element, another package's) is not supported
(UNKNOWN, never trusted).
Each call that changes the file system is a crash point: one in an `if` condition is the
`if`'s own step (checked before either branch); one in a loop condition or a `defer`, where
the executor checks none, is not supported.

Sealed files (`filesys.Sealed`, tracked only in packages whose annotations speak of it:
`sealing`): a fourth array `filesys.Sealed` (inode -> sealed) says which files were created
and their append descriptor closed (`Close` of one from `Create`) or voided by a crash. Nobody
appends to such a file again, so every step of any thread keeps a sealed file sealed with its
bytes (`keep_sealed`, applied wherever the arrays are refreshed); `Create` makes a new file
unsealed and `Append` knows its file is. Recovery starts with every file sealed (`all_sealed`:
the view is then `Dirs`) until something may open one for appending. `filesys.InodeOf[f]`
(the inode of a descriptor: `FD_INO`, a function of its value, as descriptors are never
reused) and `filesys.Inode[d][n]` let a contract say which file a lent descriptor writes.

Directories are set-up state, a third durable array `filesys.IsDir` (dir -> made): `Mkdir`
only in `init` and recovery, durable at once and never undone (directories are never removed,
and no crash undoes a `Mkdir`), so other threads' steps and loop heads only add to it
(`grow`). Every other function starts knowing the directories init makes with a top-level
`Mkdir("c")` of a constant (set-up: the explorer starts with them too); a directory named by
an expression (`Mkdir(UserDir(u))` in a loop) is known where an annotation says so
(`filesys.IsDir[d]` in a lock invariant, contract or crash invariant).

`crash_model host` (docs/machine.md, "The host-crash rule"): each path keeps its directory
operations since the directory's last `FsyncDir` and the files appended since their last
`Fsync`, and a crash point is checked for every outcome (each directory operation undone or
not, each such file cut to any length between its synced length and its length). In init
the file system starts empty, so durable; elsewhere the argument is durability.py's, per
thread: a directory operation needs the lease on its entry (fsleases.check) and every one is
durable at a release point (`none_pending`, `at_unlock`, `at_iteration_end`), so none is ever
another thread's.

Recovery after a process crash (`crashed_unsynced`): the crashed generation's unsynced
operations are still volatile, on any name and file, so until recovery's first
`filesys.Sync()` (every directory and file durable at once) a crash point is checked for every
file system the crash invariant allowed when recovery started (as the disk before its first
barrier: durability.py), and changing the file system, calling a function that uses it,
`go` or returning fails (`durability`). After the Sync recovery's own operations are tracked
like an op's. Per-directory `FsyncDir` and per-file `Fsync` do not end it: they would have to
cover every directory and every file the crashed generation touched, which recovery cannot
name (they are allowed, and change nothing here).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import z3

from armada_ls.logic import ast as A
from goose import ir
from goose import types as T

from . import blocks, fsleases, smt, solver
from .state import Perm, SliceV, State, Val

if TYPE_CHECKING:
    from .context import FnCtx
    from .stepper import Exec

INO = "filesys.Ino"
DATA = "filesys.Data"
ISDIR = "filesys.IsDir"
SEALED = "filesys.Sealed"
STR = z3.StringSort()
INO_SORT = z3.ArraySort(STR, z3.ArraySort(STR, z3.IntSort()))
DATA_SORT = z3.ArraySort(z3.IntSort(), smt.BLOCK)
ISDIR_SORT = z3.ArraySort(STR, z3.BoolSort())
SEALED_SORT = z3.ArraySort(z3.IntSort(), z3.BoolSort())
MAX_APPEND = 4096
# calls that change the file system: crash points (executor.py)
MUTATING = ("Create", "Append", "Delete", "Link", "Mkdir")
CALLS = MUTATING + ("Open", "ReadAt", "Close", "List", "Fsync", "FsyncDir", "Sync")


@dataclass(frozen=True)
class Fd:
    """A descriptor this path holds (opened here, lent by the caller, or owned by a lock it
    holds): its File value, inode, kind, and the condition under which it is still open (a
    Create that failed opened nothing). All of them are of the current generation: memory
    does not survive a crash, and recovery opens its own."""

    term: z3.ExprRef
    ino: z3.ExprRef
    kind: str  # "append" (Create), "read" (Open) or "any" (lent or owned, used by neither)
    open: z3.BoolRef
    span: ir.Span
    text: str  # the opening call, for messages
    param: str = ""  # lent by the caller through this parameter
    via: str = ""  # handed over in a struct's field, by a contract (`filesys.Open[d.f]`)
    lock: tuple[str, Any] | None = None  # owned by this lock (family key, instance)
    given: str = ""  # handed to the lock of the struct built with it (no longer this path's)
    away: bool = False  # kept by a callee (which may have handed it to a lock)


@dataclass(frozen=True)
class FsPath:
    """The file system's per-path bookkeeping (immutable: forked paths share it)."""

    fds: tuple[Fd, ...] = ()
    # crash_model host: directory operations since their directory's last FsyncDir, as
    # (dir, name, inode before, where), and files appended since their last Fsync, as
    # (inode, synced length, where)
    dirops: tuple[tuple[Any, Any, Any, str, Any], ...] = ()  # ..., and whether it changed it
    appends: tuple[tuple[Any, Any, str], ...] = ()
    synced: tuple[tuple[Any, Any], ...] = field(default=())  # inode -> length at its Fsync
    # recovery under crash_model host before its first filesys.Sync(): the crashed
    # generation's operations may still be undone by a power loss (set_up sets it)
    crashed_unsynced: bool = False
    # recovery before anything could open a file for appending: a crash voided every
    # descriptor, so every file is sealed (`filesys.Sealed[d][n]` is `filesys.Dirs[d][n]`)
    all_sealed: bool = False


def _fs(st: State) -> FsPath:
    fs = st.fs
    return fs if isinstance(fs, FsPath) else FsPath()


def _set(st: State, **kw: Any) -> None:
    st.fs = replace(_fs(st), **kw)


def _durable(st: State, name: str, sort: z3.SortRef) -> z3.ArrayRef:
    """The path's durable array `name`, unknown until first used."""
    arr = st.durable.get(name)
    if arr is None:
        arr = z3.Const(smt.fresh_name(name), sort)
        st.durable[name] = arr
    return arr


def ino(st: State) -> z3.ArrayRef:
    return _durable(st, INO, INO_SORT)


def data(st: State) -> z3.ArrayRef:
    return _durable(st, DATA, DATA_SORT)


def isdir(st: State) -> z3.ArrayRef:
    return _durable(st, ISDIR, ISDIR_SORT)


def zero(st: State) -> None:
    """init's first state: no directory, no file."""
    st.durable[INO] = z3.K(STR, z3.K(STR, z3.IntVal(0)))
    st.durable[DATA] = z3.K(z3.IntSort(), smt.ZEROS(z3.IntVal(0)))
    st.durable[ISDIR] = z3.K(STR, z3.BoolVal(False))


def zero_sealed(ctx: FnCtx, st: State) -> None:
    """init's first state: no file was created, so none is sealed."""
    if sealing(ctx.ann):
        st.durable[SEALED] = z3.K(z3.IntSort(), z3.BoolVal(False))


def set_up(ctx: FnCtx, st: State) -> None:
    """Every function but init starts after set-up: the directories init makes with a
    top-level `Mkdir` of a constant exist (the explorer starts with them too)."""
    arr = isdir(st)
    for n in init_dirs(ctx):
        st.assume(z3.Select(arr, blocks.str_val(n)))
    if ctx.mode == "recover" and A.host_crashes(ctx.ann):
        _set(st, crashed_unsynced=True)
    if sealing(ctx.ann):
        _durable(st, SEALED, SEALED_SORT)
        if ctx.mode == "recover":  # a crash voided every descriptor: every file is sealed
            _set(st, all_sealed=True)


# ---------------------------------------------------------------- sealed files


def leave_all_sealed(st: State) -> None:
    """Something may open a file for appending (a Create, a call that uses the file system,
    another thread): from here the path tracks sealed files one by one, starting from every
    file a name leads to now being sealed (one quantified fact, only here)."""
    if not _fs(st).all_sealed:
        return
    _set(st, all_sealed=False)
    sealed = z3.Const(smt.fresh_name(SEALED), SEALED_SORT)
    st.durable[SEALED] = sealed
    d, n = z3.String(smt.fresh_name("d")), z3.String(smt.fresh_name("n"))
    i = z3.Select(z3.Select(ino(st), d), n)
    st.assume(z3.ForAll([d, n], z3.Implies(i != 0, z3.Select(sealed, i)), patterns=[i]))


def sealing(ann: A.Annotations) -> bool:
    """Whether the package's annotations speak of `filesys.Sealed`: only then does the path
    track which files are sealed (the frames it adds cost the solver elsewhere)."""
    got = ann.__dict__.get("_fs_sealing")
    if got is None:
        def sealed(x: object) -> bool:
            ref = getattr(x, "ref", None)
            return isinstance(ref, A.Ref) and ref.kind == "machine" and ref.owner == "filesys" \
                and ref.name in ("Sealed", "filesys.Sealed")

        got = A.any_node([ann.funcs, ann.stmts, ann.lock_invs, ann.struct_invs, ann.crash_invs,
                          ann.ghost_funcs], sealed, skip=("span", "type"))
        ann.__dict__["_fs_sealing"] = got
    return got


def keep_sealed(st: State, old_sealed: z3.ArrayRef | None, old_data: z3.ArrayRef | None) -> None:
    """After steps this path does not see (other threads', a callee's, a loop's earlier
    iterations): a sealed file stays sealed, with its bytes. Only Create gives a descriptor
    to append with, one per file, so once it is closed (or a crash voided it) nobody appends
    to the file again. st's Sealed and Data are the fresh arrays after those steps."""
    if old_sealed is None or SEALED not in st.durable:
        return
    i = z3.Int(smt.fresh_name("i"))
    h = z3.Const(smt.fresh_name(SEALED), SEALED_SORT)
    # a lambda, not a quantifier: reads of it stay valid triggers (as fsleases.frame_ino)
    sealed = z3.Lambda([i], z3.Or(z3.Select(old_sealed, i), z3.Select(h, i)))
    for f, keep in fsleases.held_files(st):  # nobody else closes what only this path writes
        now = z3.Select(old_sealed, f)
        sealed = z3.Store(sealed, f, now if z3.is_true(z3.simplify(keep))
                          else z3.If(keep, now, z3.Select(sealed, f)))
    st.durable[SEALED] = sealed
    new_data = st.durable.get(DATA)
    if old_data is None or new_data is None or new_data.eq(old_data):
        return
    # the fresh array under the stores of the path's own files (frame_data) becomes a
    # lambda over it, no quantifier, so the solver still builds models of failing goals
    # (blocks._stored reads a file's bytes through it as cases)
    def rebase(arr: z3.ExprRef) -> z3.ExprRef:
        if z3.is_store(arr):
            return z3.Store(rebase(arr.arg(0)), arr.arg(1), arr.arg(2))
        if not z3.is_const(arr) or z3.is_const_array(arr):
            return arr  # not a fresh array: nothing to frame
        j = z3.Int(smt.fresh_name("i"))
        return z3.Lambda([j], z3.If(z3.Select(old_sealed, j), z3.Select(old_data, j),
                                    z3.Select(arr, j)))

    st.durable[DATA] = rebase(new_data)


def grow(st: State, old: z3.ArrayRef, new: z3.ArrayRef) -> z3.ArrayRef:
    """`IsDir` after steps this path does not see (other threads', a loop's earlier
    iterations): a `Mkdir` is never undone, so every directory made is still there."""
    # `new` is defined by a lambda, no quantifier: the solver builds models of a chain of
    # these, where a chain of quantified ones (over strings) left failing goals unknown;
    # reads of the constant stay valid triggers (as fsleases.frame_ino)
    d = z3.String(smt.fresh_name("d"))
    made = z3.Const(smt.fresh_name(ISDIR), ISDIR_SORT)
    st.assume(new == z3.Lambda([d], z3.Or(z3.Select(old, d), z3.Select(made, d))))
    return new


def inode_of(st: State, d: z3.ExprRef, n: z3.ExprRef) -> z3.ArithRef:
    return z3.Select(z3.Select(ino(st), d), n)


def _set_name(st: State, d: z3.ExprRef, n: z3.ExprRef, v: z3.ExprRef) -> None:
    arr = ino(st)
    st.durable[INO] = z3.Store(arr, d, z3.Store(z3.Select(arr, d), n, v))


# ---------------------------------------------------------------- annotations


@dataclass(frozen=True)
class View:
    """`filesys.Dirs` / `filesys.Files` in an annotation, indexed one key at a time."""

    name: str
    ino: z3.ArrayRef
    data: z3.ArrayRef
    dir: z3.ExprRef | None = None
    sealed: z3.ArrayRef | None = None  # for `filesys.Sealed`
    all_sealed: bool = False  # FsPath.all_sealed

    def at(self, key: z3.ExprRef) -> Val:
        if self.dir is None:
            return replace(self, dir=key)
        i = z3.Select(z3.Select(self.ino, self.dir), key)
        if self.name == "Sealed":
            if self.all_sealed:
                return i != 0
            assert self.sealed is not None
            return z3.And(i != 0, z3.Select(self.sealed, i))
        if self.name == "Inode":
            return i
        return i != 0 if self.name == "Dirs" else z3.Select(self.data, i)


@dataclass(frozen=True)
class OpenView:
    """`filesys.Open[f]`: f is a descriptor this path opened (or was lent) and has not
    closed; a descriptor the path knows nothing of is open as far as `FD_OPEN` says (what a
    caller lends by `requires filesys.Open[f]` is checked at its call)."""

    fds: tuple[Fd, ...]
    st: State | None = None

    def at(self, f: z3.ExprRef) -> z3.BoolRef:
        g = z3.simplify(f)  # a field just written: Store(h, p, v)[p] is v
        mine = [x for x in self.fds if x.term.eq(f) or x.term.eq(g)]
        if not mine and self.st is not None:  # a field read again since (a new heap term)
            st = self.st
            mine = [x for x in self.fds if x.via and _same(st, x.term, f)]
        return mine[-1].open if mine else FD_OPEN(f)


FD_OPEN = z3.Function("filesys.open", smt.PTR, z3.BoolSort())
# the inode a descriptor is open on: descriptors are never reused (filesys numbers them
# across the process), so a descriptor's value names its file, across contracts too
FD_INO = z3.Function("filesys.inode", smt.PTR, z3.IntSort())


@dataclass(frozen=True)
class InodeOfView:
    """`filesys.InodeOf[f]`: the file descriptor f is open on (`filesys.Inode[d][n]` is the
    file the name leads to), so a contract can say which file a descriptor it lends writes."""

    def at(self, f: z3.ExprRef) -> z3.ArithRef:
        return FD_INO(f)


def ghost(name: str, st: State) -> Val:
    """The value of `filesys.<name>` in an annotation on state st."""
    if name in ("Dirs", "Files", "Inode"):
        return View(name, ino(st), data(st))
    if name == "InodeOf":
        return InodeOfView()
    if name == "Sealed":
        sealed = st.durable.get(SEALED)
        if sealed is None:  # a crash invariant's check, before any path of the package set it up
            sealed = _durable(st, SEALED, SEALED_SORT)
        return View(name, ino(st), data(st), sealed=sealed, all_sealed=_fs(st).all_sealed)
    if name == "Open":
        return OpenView(_fs(st).fds, st)
    if name == "IsDir":
        return isdir(st)
    raise smt.Unsupported(f"filesys.{name} is not modelled by the verifier yet (the crash "
                          "invariant speaks of filesys.Dirs and filesys.Files, and under "
                          "crash_model host it is checked on every outcome of a power loss)")


# ---------------------------------------------------------------- directories


def init_dirs(ctx: FnCtx) -> list[str]:
    """The directories init makes unconditionally: top-level `filesys.Mkdir("c")`."""
    cache = ctx.__dict__.setdefault("_fs_dirs", {})
    if "dirs" not in cache:
        out: list[str] = []
        for q, marks in ctx.ann.funcs.items():
            fn = ctx.pkg.funcs.get(q)
            if fn is None or not any(isinstance(m, A.InitMark) for m in marks):
                continue
            for s in fn.body:
                c = s.expr if isinstance(s, ir.ExprStmt) else None
                if isinstance(c, ir.Call) and c.pkg == "filesys" and c.name == "Mkdir" \
                        and isinstance(c.args[0], ir.Const) and isinstance(c.args[0].value, str):
                    out.append(c.args[0].value)
        cache["dirs"] = out
    return cache["dirs"]


def _dir_exists(ex: Exec, st: State, d: z3.ExprRef, c: ir.Call) -> None:
    where = "made by an earlier filesys.Mkdir" if ex.ctx.mode == "init" else \
        "one init makes with a top-level filesys.Mkdir of a constant, or one an annotation " \
        "says exists (filesys.IsDir[d])"
    ex.ctx.ob("safety", c.span, f"filesys.{c.name}: the directory exists ({where}; "
              "filesys panics on a missing one)", st, z3.Select(isdir(st), d))


def _valid_name(ex: Exec, st: State, n: z3.ExprRef, c: ir.Call,
                d: z3.ExprRef | None = None) -> None:
    """filesys panics on a name that is empty, "." or "..", or holds "/" or NUL (one path
    component). prims.UInt64ToString gives decimal digits, always a valid name. A name that
    is in directory d (an existing one is looked up there) is valid: no entry has another."""
    ok = _name_ok(n) if d is None else z3.Or(_name_ok(n), inode_of(st, d, n) != 0)
    ex.ctx.ob("safety", c.span, f"filesys.{c.name}: the name is one path component (not empty, "
              "\".\" or \"..\", no \"/\" or NUL byte; filesys panics otherwise)", st, ok)


def _name_ok(n: z3.ExprRef) -> z3.BoolRef:
    return z3.And(n != blocks.str_val(""), n != blocks.str_val("."), n != blocks.str_val(".."),
                  z3.Not(z3.Contains(n, blocks.str_val("/"))),
                  z3.Not(z3.Contains(n, blocks.str_val("\x00"))))


# ---------------------------------------------------------------- descriptors


def _fd(ex: Exec, st: State, f: z3.ExprRef, c: ir.Call, kinds: tuple[str, ...]) -> Fd:
    """The descriptor f names, with the obligations of using it (open, of a kind in kinds)."""
    mine = [x for x in _fs(st).fds if x.term.eq(f)] or _lent(ex.ctx, st, f) or \
        _locked(ex, st, f, c)
    if not mine:  # one handed over in a field, read again since (a heap term of its own)
        x = _find(st, f)
        mine = [x] if x is not None and x.via else []
    if not mine:
        raise smt.Unsupported(f"filesys.{c.name} of a descriptor this function did not open, "
                              "was not lent by its contract (`requires filesys.Open[f]` on a "
                              "parameter f, or filesys.Open[p.f] on a field of one) and no "
                              "lock it holds owns (`lock_inv filesys.Open[f]` on a field f)")
    fd = mine[-1]
    line = fd.span.start.line + 1
    if fd.given:
        ex.ctx.fail("safety", c.span, f"filesys.{c.name}: the descriptor from line {line} "
                    f"belongs to the {fd.given} lock of the struct built with it: use it "
                    "through that lock", st)
    if fd.lock is not None and fd.lock[1] is not None and not any(
            h.key == fd.lock[0] and h.inst is not None and h.inst.eq(fd.lock[1]) for h in st.held):
        ex.ctx.fail("safety", c.span, f"filesys.{c.name}: the descriptor {fd.text} is used "
                    f"without holding {fd.lock[0]}, which owns it", st)
    ex.ctx.ob("safety", c.span, f"filesys.{c.name}: the descriptor from line {line} ({fd.text}) "
              "is open (a closed descriptor, or one from before a crash, panics)", st, fd.open)
    if fd.kind not in kinds and fd.kind != "any":
        want = "from Create" if "append" in kinds else "from Open"
        ex.ctx.fail("safety", c.span, f"filesys.{c.name} needs a descriptor {want}: the one from "
                    f"line {line} ({fd.text}) is for {'appending' if fd.kind == 'append' else 'reading'}",
                    st)
    return fd


def _opened(ex: Exec, st: State, c: ir.Call, inode: z3.ExprRef, kind: str,
            cond: z3.BoolRef) -> z3.ExprRef:
    term = smt.fresh("filesys.File", smt.PTR)
    for other in _fs(st).fds:  # descriptors are never reused
        st.assume(term != other.term)
    st.assume(FD_INO(term) == inode)
    text = ex.ctx.text(c.span) or f"filesys.{c.name}"
    _set(st, fds=_fs(st).fds + (Fd(term, inode, kind, cond, c.span, text),))
    return term


def _closed(st: State, fd: Fd) -> None:
    _set(st, fds=tuple(replace(x, open=z3.BoolVal(False)) if x.term.eq(fd.term) else x
                       for x in _fs(st).fds))


def leaks(ctx: FnCtx, st: State, span: ir.Span, when: str,
          results: dict[str, Val] | None = None) -> None:
    """Every descriptor opened on this path is closed by `when` (fd-leak at its open), or
    handed out in a field by the postcondition (`hand_out`: results names the results)."""
    back = open_params(ctx.ann, ctx.fn, (A.Ensures, A.Preserves))
    outs = hand_out(ctx, st, span, back, results) if results is not None else []
    for p in sorted(open_params(ctx.ann, ctx.fn, (A.Requires, A.Preserves)) - back):
        v = (st.entry or st).env.get(p)
        if v is not None and not any(x.term.eq(v) for x in _fs(st).fds):
            ctx.fail("fd-leak", ctx.fn.name_span, f"the descriptor {p} lent by the caller "
                     "(`requires filesys.Open[" + p + "]`) is closed or handed back "
                     f"(`ensures filesys.Open[{p}]`): it is still open {when} (line "
                     f"{span.start.line + 1})", st)
    for fd in _fs(st).fds:
        if z3.is_false(z3.simplify(fd.open)) or fd.param in back or fd.lock or fd.given:
            continue
        path = "; ".join(st.path_text[-4:])
        what = f"lent as {fd.param} (taken for good: no `ensures filesys.Open[{fd.param}]`)" \
            if fd.param else f"{fd.text}" if fd.via else f"opened here ({fd.text})"
        out = [z3.And(g, v == fd.term) for g, v, _ in outs]
        ctx.ob("fd-leak", fd.span, f"the descriptor {what} is closed on every path"
               + (" or handed out by the postcondition" if outs else "")
               + f": it is still open {when} (line {span.start.line + 1})"
               + (f", on the path where {path}" if path else ""), st,
               z3.Or(z3.Not(fd.open), *out))


def at_iteration_end(ctx: FnCtx, head: State, end: State, span: ir.Span) -> None:
    """A descriptor the loop body opened and left open is lost when the next iteration
    (or the code after the loop, which only knows the invariant) starts."""
    fs0, fs1 = _fs(head), _fs(end)
    for op in [o for o in fs1.dirops if not any(o is h for h in fs0.dirops)]:
        ctx.ob("durability", span, f"the directory operation at {op[3]} is durable at the end of "
               "a loop iteration: the next iterations' crash points would not know it; call "
               "filesys.FsyncDir in the loop body after it", end, z3.Not(op[4]))
    for ap in fs1.appends:
        if not any(ap is a for a in fs0.appends):
            ctx.fail("durability", span, f"the appends at {ap[2]} are not durable at the end of a "
                     "loop iteration: call filesys.Fsync in the loop body after them", end)
    before = {id(x.term) for x in _fs(head).fds}
    for fd in _fs(end).fds:
        if id(fd.term) in before or z3.is_false(z3.simplify(fd.open)) or fd.lock or fd.given:
            continue
        ctx.ob("fd-leak", fd.span, f"the descriptor opened here ({fd.text}) is closed on every "
               f"path: it is still open at the end of the loop iteration (line "
               f"{span.start.line + 1})", end, z3.Not(fd.open))


def kept_open(ctx: FnCtx, head: State, end: State, span: ir.Span) -> None:
    """A descriptor that exists before a loop (opened before it, lent, a held lock's) and is
    open at an iteration's start is open at its end: the next iteration and the code after
    the loop start from the head, where it is open (a loop that closed a lent descriptor
    and handed it back "open" was proved; a loop that closes one on its last iteration must
    leave by `break` or close it after the loop)."""
    before = {id(x.term): x for x in _fs(head).fds}
    for fd in _fs(end).fds:
        was = before.get(id(fd.term))
        if was is not None:
            if was.open is fd.open:
                continue
            start = was.open
        elif fd.param or fd.lock or fd.via:  # a record made at its first use in the body
            start = FD_OPEN(fd.term) if not fd.via else fd.open
        else:
            continue  # opened in the body: at_iteration_end
        if z3.is_false(z3.simplify(start)):
            continue
        ctx.ob("loop-invariant-preserved", span, f"the descriptor {fd.text} (line {fd.span.start.line + 1}), "
               "open when an iteration starts, is still open when it ends: the next iteration "
               "and the code after the loop take it as open (close it after the loop, or leave "
               "the loop with `break`)", end, z3.Implies(start, fd.open))


# ---------------------------------------------------------------- handing descriptors over


def open_params(ann: A.Annotations, fn: ir.FuncDecl, kinds: tuple[type, ...]) -> set[str]:
    """The parameters p whose `filesys.Open[p]` is a top-level conjunct of fn's clauses of
    the given kinds (`requires`: lent by the caller; `ensures`: handed back)."""
    out: set[str] = set()
    for cl in ann.funcs.get(fn.qualified, []):
        if isinstance(cl, kinds):
            for e in _conjuncts(cl.cond):
                if isinstance(e, A.LIndex) and _is_open(e.x) and isinstance(e.index, A.LName):
                    out.add(e.index.name)
    return out & {p.name for p in fn.params}


def _conjuncts(e: A.LExpr) -> list[A.LExpr]:
    if isinstance(e, A.LBinary) and e.op == "&&":
        return _conjuncts(e.x) + _conjuncts(e.y)
    return [e]


def _is_open(x: A.LExpr) -> bool:
    ref = getattr(x, "ref", None)  # resolved: an LName (or LSelector) naming the ghost
    if ref is not None:
        return ref.kind == "machine" and ref.owner == "filesys" and ref.name == "Open"
    return isinstance(x, A.LSelector) and x.name == "Open" and isinstance(x.x, A.LName) \
        and x.x.name == "filesys"


def _lent(ctx: FnCtx, st: State, f: z3.ExprRef) -> list[Fd]:
    """The record of a descriptor the caller lent through a parameter, made at its first
    use: open as the precondition said, its kind what the body does with it (the caller
    checked it has that kind)."""
    entry = st.entry or st
    for p in ctx.fn.params:
        v = entry.env.get(p.name)
        if v is None or not isinstance(v, z3.ExprRef) or not v.eq(f):
            continue
        if p.name not in open_params(ctx.ann, ctx.fn, (A.Requires, A.Preserves)):
            return []
        uses = uses_of(ctx.pkg, ctx.ann, ctx.fn, p.name, set())
        kind = "append" if uses and "Append" in uses else "read" if uses and "ReadAt" in uses \
            else "any"
        i = FD_INO(f)
        st.assume(i > 0)
        fd = Fd(f, i, kind, FD_OPEN(f), ctx.fn.name_span, f"parameter {p.name}", p.name)
        _set(st, fds=_fs(st).fds + (fd,))
        return [fd]
    return []


_FD_CALLS = ("Append", "ReadAt", "Close", "Fsync")


def uses_of(pkg: ir.Package, ann: A.Annotations, fn: ir.FuncDecl, name: str,
            seen: set[str]) -> set[str] | None:
    """The filesys calls fn's body makes through its parameter `name` (also through the
    functions it lends it to), or None if the parameter is used any other way (copied,
    stored, reassigned: the hand-over is then not followed)."""
    if fn.qualified in seen:
        return set()
    seen = seen | {fn.qualified}
    out: set[str] = set()
    counted, total = 0, 0
    for n in ir.walk(fn.body):
        if isinstance(n, ir.VarPlace) and n.name == name:
            return None
        if isinstance(n, ir.Var) and n.name == name:
            total += 1
        if not isinstance(n, ir.Call):
            continue
        for k, a in enumerate(n.args):
            if not (isinstance(a, ir.Var) and a.name == name):
                continue
            if n.pkg == "filesys" and not n.recv_type and k == 0 and n.name in _FD_CALLS:
                out.add(n.name)
                counted += 1
                continue
            callee = pkg.funcs.get(n.qualified)
            if n.pkg or callee is None or k >= len(callee.params):
                return None
            q = callee.params[k].name
            if q not in open_params(ann, callee, (A.Requires, A.Preserves)):
                return None
            more = uses_of(pkg, ann, callee, q, seen)
            if more is None:
                return None
            out |= more
            counted += 1
    return out if counted == total else None


def lend(ex: Exec, c: ir.Call, st: State) -> list[Fd]:
    """Before a call of a function of this package that borrows descriptors (`requires
    filesys.Open[p]`): each is one this path holds open, of the kind the callee uses it
    as. Returns those the callee keeps (no `ensures filesys.Open[p]`), for `lent_away`."""
    if c.pkg and any(_is_file(a.type) for a in c.args):
        raise smt.Unsupported(f"a file descriptor passed to {c.qualified}, of another package: "
                              "lending descriptors across packages is not supported")
    fn = ex.ctx.pkg.funcs.get(c.qualified)
    if c.pkg or fn is None:
        return []
    if (pending(st) or _fs(st).crashed_unsynced) and c.qualified in fs_funcs(ex.ctx):
        none_pending(ex.ctx, st, c.span, f"when {c.qualified} is called (its crash points do "
                     "not know it)")
    lent = open_params(ex.ctx.ann, fn, (A.Requires, A.Preserves))
    if not lent:
        return []
    back = open_params(ex.ctx.ann, fn, (A.Ensures, A.Preserves))
    away: list[Fd] = []
    seen: list[Fd] = []
    for p, a in zip(fn.params, c.args, strict=False):
        if p.name not in lent:
            continue
        if not isinstance(a, ir.Var):
            raise smt.Unsupported(f"lending a descriptor to {c.qualified} that is not a "
                                  "variable (name it first)")
        f = ex.ev.eval(a, st)
        mine = [x for x in _fs(st).fds if x.term.eq(f)] or _lent(ex.ctx, st, f)
        if not mine:
            raise smt.Unsupported(f"lending {a.name} to {c.qualified}: a descriptor this "
                                  "function did not open and was not lent")
        fd = mine[-1]
        if any(fd.term.eq(x.term) for x in seen):
            ex.ctx.fail("safety", c.span, f"{c.qualified} borrows the descriptor {a.name} twice: "
                        "it would not know the two are one (closing one closes both)", st)
        seen.append(fd)
        uses = uses_of(ex.ctx.pkg, ex.ctx.ann, fn, p.name, set())
        if uses is None:
            raise smt.Unsupported(f"{c.qualified} uses its descriptor {p.name} other than in "
                                  "filesys calls and calls that borrow it: not followed")
        line = fd.span.start.line + 1
        for want, use in (("append", "Append"), ("read", "ReadAt")):
            if use in uses and fd.kind not in (want, "any"):
                ex.ctx.fail("safety", c.span, f"{c.qualified} calls filesys.{use} on {p.name}: "
                            f"the descriptor from line {line} ({fd.text}) is for "
                            f"{'appending' if fd.kind == 'append' else 'reading'}", st)
        if p.name not in back:
            away.append(fd)
    return away


def fs_funcs(ctx: FnCtx) -> set[str]:
    """Functions of the package that (transitively) call filesys."""
    from .facts import _transitively

    cache = ctx.__dict__.setdefault("_fs_funcs", {})
    if "f" not in cache:
        cache["f"] = _transitively(ctx.pkg, lambda c: c.pkg == "filesys" and c.recv is None)
    return cache["f"]


def not_to_goroutine(ex: Exec, c: ir.Call) -> None:
    """`go f(..)` of a function that borrows a descriptor: both threads would use it (and a
    borrower's bytes are its own only while its caller waits)."""
    fn = ex.ctx.pkg.funcs.get(c.qualified)
    if not c.pkg and fn is not None and (open_params(ex.ctx.ann, fn, (A.Requires, A.Preserves))
                                         or through(ex.ctx.ann, fn, (A.Requires, A.Preserves))):
        raise smt.Unsupported(f"go {c.qualified}(..): lending a descriptor to a goroutine is "
                              "not supported")


def _is_file(t: T.Type | None) -> bool:
    return isinstance(t, T.Named) and t.pkg == "filesys" and t.name == "File"


def lent_away(st: State, away: list[Fd]) -> None:
    """After the call: what the callee kept is no longer this path's to use or close."""
    for fd in away:
        cur = next((x for x in _fs(st).fds if x.term.eq(fd.term)), None)
        if cur is not None:
            _closed(st, cur)
            _set(st, fds=tuple(replace(x, away=True) if x.term.eq(fd.term) else x
                               for x in _fs(st).fds))


# ---------------------------------------------------------------- descriptors in fields


@dataclass(frozen=True)
class Through:
    """A top-level conjunct `filesys.Open[x.f]` (or `G ==> filesys.Open[x.f]`) of a contract:
    the descriptor in field f of the struct x points to (a parameter; in `ensures` also a
    result) goes with the struct. `requires` lends it: the callee uses it, and closes it or
    hands it back. `ensures` hands one out: the caller holds it from then on (a new record,
    whatever the field held before), and the callee proves it is one it holds open, of the
    kind the package uses the field as, handed out once."""

    guard: A.LExpr | None
    expr: A.LExpr  # x.f
    root: str
    fld: str
    struct: str

    @property
    def label(self) -> str:
        return f"{self.root}.{self.fld}"


def through(ann: A.Annotations, fn: ir.FuncDecl, kinds: tuple[type, ...]) -> list[Through]:
    """fn's `filesys.Open[x.f]` conjuncts of the given clause kinds."""
    from .assertions import result_types

    types: dict[str, T.Type] = {p.name: p.type for p in fn.params}
    if not any(k is A.Requires for k in kinds):
        types.update(result_types(fn.results))
    out: list[Through] = []
    for cl in ann.funcs.get(fn.qualified, []):
        if not isinstance(cl, kinds):
            continue
        for e in _conjuncts(cl.cond):
            guard = None
            if isinstance(e, A.LBinary) and e.op == "==>":
                guard, e = e.x, e.y
            if not (isinstance(e, A.LIndex) and _is_open(e.x)):
                continue
            if isinstance(e.index, A.LName):
                if e.index.name not in {p.name for p in fn.params}:
                    raise smt.Unsupported(f"filesys.Open[{e.index.name}] in {fn.name}'s contract: a "
                                          "descriptor handed out as a result itself is not "
                                          "followed (hand it out in a field of a struct the "
                                          "result points to: filesys.Open[ret.f])")
                continue
            x = e.index
            t = types.get(x.x.name) if isinstance(x, A.LSelector) and \
                isinstance(x.x, A.LName) else None
            u = T.underlying(t) if t is not None else None
            elem = u.elem if isinstance(u, T.Pointer) else None
            if not isinstance(x, A.LSelector) or not isinstance(elem, T.Named):
                raise smt.Unsupported(f"filesys.Open[...] of {fn.name}'s contract names a "
                                      "descriptor other than a parameter p or a field p.f of "
                                      "a struct a parameter (or, in ensures, a result) points to")
            assert isinstance(x.x, A.LName)
            out.append(Through(guard, x, x.x.name, x.name, elem.name))
    return out


def _field_kind(ctx: FnCtx, h: Through) -> str:
    uses = field_uses(ctx.pkg, h.struct, h.fld)
    if uses is None:
        raise smt.Unsupported(f"the descriptor {h.struct}.{h.fld} is used other than in "
                              "filesys calls: not followed")
    return "append" if "Append" in uses else "read" if "ReadAt" in uses else "any"


def _fits(kind: str, want: str) -> bool:
    return want == "any" or kind in (want, "any")


def _guard(h: Through, sc: Any) -> z3.BoolRef:
    from .assertions import term

    return term(h.guard, sc) if h.guard is not None else z3.BoolVal(True)


def _record(st: State, v: z3.ExprRef, kind: str, open_: z3.BoolRef, span: ir.Span,
            text: str, via: str) -> Fd:
    i = FD_INO(v)
    st.assume(i > 0)
    fd = Fd(v, i, kind, open_, span, text, via=via)
    _set(st, fds=_fs(st).fds + (fd,))
    return fd


def lent_in_fields(ctx: FnCtx, st: State) -> None:
    """On entry (before the precondition is assumed, which then says they are open): a
    record of each descriptor the caller lends in a field (`requires filesys.Open[d.f]`),
    open under its guard. Its openness is a fresh condition, never `FD_OPEN` of its value: a
    re-read of the field after a Close must not find it open again."""
    from .assertions import term

    for h in through(ctx.ann, ctx.fn, (A.Requires, A.Preserves)):
        sc = ctx.scope(st)
        v, g = term(h.expr, sc), _guard(h, sc)
        _record(st, v, _field_kind(ctx, h), z3.And(g, z3.FreshBool("open")), ctx.fn.name_span,
                f"lent by the caller in {h.label}", h.label)


def _find(st: State, v: z3.ExprRef) -> Fd | None:
    """The record of descriptor value v on this path (the newest first), if it has one."""
    g = z3.simplify(v)
    fds = list(reversed(_fs(st).fds))
    return next((x for x in fds if x.term.eq(v) or x.term.eq(g)), None) or next(
        (x for x in fds if not z3.is_false(z3.simplify(x.open)) and _same(st, x.term, v)), None)


def hand_out(ctx: FnCtx, st: State, span: ir.Span, back: set[str],
             results: dict[str, Val]) -> list[tuple[z3.BoolRef, z3.ExprRef, str]]:
    """At a return: each descriptor the postcondition hands out in a field is one this path
    holds open (not a lock's, not one a parameter hands back), of the kind the package uses
    the field as, and no two are one. Returns them (guard, value, label)."""
    from .assertions import result_types, term

    types = dict(st.types)
    types.update(result_types(ctx.fn.results))
    outs: list[tuple[z3.BoolRef, z3.ExprRef, str]] = []
    entry = st.entry or st
    backs = [entry.env[p] for p in back if isinstance(entry.env.get(p), z3.ExprRef)]
    for h in through(ctx.ann, ctx.fn, (A.Ensures, A.Preserves)):
        sc = ctx.scope(st, results=results, local_types=types)
        v, g = term(h.expr, sc), _guard(h, sc)
        want = _field_kind(ctx, h)
        mine = [x for x in _fs(st).fds if not (x.lock or x.given or x.away) and
                not (x.param and x.param in back) and _fits(x.kind, want)]
        ctx.ob("fd-leak", span, f"the descriptor handed out in {h.label} (`filesys.Open["
               f"{h.label}]`) is one this function holds open"
               + ("" if want == "any" else f", for {'appending' if want == 'append' else 'reading'}"),
               st, z3.Implies(g, z3.Or(*[z3.And(x.open, x.term == v) for x in mine])))
        for g2, v2, l2 in outs:
            ctx.ob("fd-leak", span, f"{h.label} and {l2} hand out different descriptors (the "
                   "caller would hold one twice)", st, z3.Implies(z3.And(g, g2), v != v2))
        for b in backs:
            ctx.ob("fd-leak", span, f"{h.label} hands out a descriptor other than the one a "
                   "parameter hands back", st, z3.Implies(g, v != b))
        outs.append((g, v, h.label))
    return outs


def lend_fields(ex: Exec, fn: ir.FuncDecl, params: dict[str, Val], st: State,
                span: ir.Span) -> list[tuple[Fd, z3.BoolRef]]:
    """Before a call whose precondition lends descriptors in fields: each is one this path
    holds open (under the clause's guard), of a kind the package's uses of the field allow.
    Returns them with their guards, for `taken_back`."""
    from .assertions import term

    out: list[tuple[Fd, z3.BoolRef]] = []
    for h in through(ex.ctx.ann, fn, (A.Requires, A.Preserves)):
        sc = ex.ctx.scope(st, params=params)
        v, g = term(h.expr, sc), _guard(h, sc)
        fd = _find(st, v)
        if fd is None:
            ex.ctx.ob("precondition", span, f"{fn.name} needs the descriptor {h.label} open: "
                      "this function holds none it could be", st, z3.Not(g))
            continue
        line = fd.span.start.line + 1
        ex.ctx.ob("precondition", span, f"{fn.name} needs the descriptor {h.label} open: the "
                  f"one from line {line} ({fd.text}) is", st,
                  z3.Implies(g, z3.And(fd.open, fd.term == v)))
        if fd.lock or fd.given:
            ex.ctx.fail("safety", span, f"{fn.name} takes the descriptor {h.label}, which "
                        f"belongs to a lock ({fd.text}): use it through that lock", st)
        want = _field_kind(ex.ctx, h)
        if not _fits(fd.kind, want):
            ex.ctx.fail("safety", span, f"{h.struct}.{h.fld} is used for "
                        f"{'appending' if want == 'append' else 'reading'}: the descriptor from "
                        f"line {line} ({fd.text}) is not", st)
        if any(fd is x for x, _ in out):
            ex.ctx.fail("safety", span, f"{fn.name} borrows the descriptor from line {line} twice",
                        st)
        for p in sorted(open_params(ex.ctx.ann, fn, (A.Requires, A.Preserves))):
            pv = params.get(p)
            if isinstance(pv, z3.ExprRef) and pv.sort() == v.sort():
                ex.ctx.ob("safety", span, f"{fn.name} borrows the descriptor in {h.label} and "
                          f"the one it gets as {p}: they are two (one closed, the other would "
                          "look open)", st, z3.Implies(g, v != pv))
        out.append((fd, g))
    return out


def taken_back(ex: Exec, fn: ir.FuncDecl, lent: list[tuple[Fd, z3.BoolRef]], st: State,
               sc: Any, span: ir.Span) -> None:
    """After the call, before its postcondition is assumed: what the callee was lent in
    fields is no longer this path's (a descriptor it hands back is a new record, as it may
    have put another in the field), and each it hands out in a field is this path's, apart
    from every other it holds open."""
    from .assertions import term

    for fd, g in lent:
        _set(st, fds=tuple(replace(x, open=z3.And(x.open, z3.Not(g))) if x is fd else x
                           for x in _fs(st).fds))
    for h in through(ex.ctx.ann, fn, (A.Ensures, A.Preserves)):
        v, g = term(h.expr, sc), _guard(h, sc)
        for x in _fs(st).fds:
            st.assume(z3.Implies(z3.And(g, x.open), x.term != v))
        _record(st, v, _field_kind(ex.ctx, h), z3.And(g, z3.FreshBool("open")), span,
                f"{h.label} from {fn.name}", h.label)


# ---------------------------------------------------------------- descriptors owned by locks


def lock_fields(ann: A.Annotations, key: str) -> set[str]:
    """The fields f whose `filesys.Open[f]` is a top-level conjunct of lock `key`'s
    invariant: the lock owns that descriptor (a long-lived one, a log's, say)."""
    li = ann.lock_invs.get(key)
    if li is None or li.params:
        return set()
    return {e.index.name for e in _conjuncts(li.cond)
            if isinstance(e, A.LIndex) and _is_open(e.x) and isinstance(e.index, A.LName)}


def field_uses(pkg: ir.Package, struct: str, fld: str) -> set[str] | None:
    """The filesys calls the package makes through field `fld` of `struct` (`p.f`), or None
    if the field is read any other way (copied, lent, compared): not followed."""
    out: set[str] = set()
    for f in pkg.funcs.values():
        used = 0
        via_calls = 0
        for n in ir.walk(f.body):
            if isinstance(n, ir.FieldPtrGet | ir.FieldGet) and n.field == fld and \
                    _struct_name(n) == struct:
                used += 1
            if isinstance(n, ir.Call) and n.pkg == "filesys" and not n.recv_type and n.args \
                    and n.name in _FD_CALLS and isinstance(n.args[0], ir.FieldPtrGet | ir.FieldGet) \
                    and n.args[0].field == fld and _struct_name(n.args[0]) == struct:
                out.add(n.name)
                via_calls += 1
        if used != via_calls:
            return None
    return out


def _struct_name(n: ir.FieldPtrGet | ir.FieldGet) -> str:
    t = T.underlying(n.ptr.type) if isinstance(n, ir.FieldPtrGet) else n.x.type
    if isinstance(t, T.Pointer):
        t = t.elem
    return t.name if isinstance(t, T.Named) else ""


def _locked(ex: Exec, st: State, f: z3.ExprRef, c: ir.Call) -> list[Fd]:
    """The record of a descriptor a held lock owns (`lock_inv filesys.Open[f]`), made at
    its first use under the lock: open, as the invariant (assumed at Lock) says."""
    from . import heap

    arg = c.args[0] if c.args else None
    if not isinstance(arg, ir.FieldPtrGet | ir.FieldGet):
        return []
    struct = _struct_name(arg)
    for h in reversed(st.held):
        s, _, _ = h.key.partition(".")
        if s != struct or h.inst is None or arg.field not in lock_fields(ex.ctx.ann, h.key):
            continue
        sd = ex.ctx.pkg.structs.get(struct)
        ft = next((x.type for x in sd.fields if x.name == arg.field), None) if sd else None
        if ft is None:
            continue
        owned = heap.read(st, heap.field_key(struct, arg.field), h.inst, ft)
        if not _same(st, owned, f):
            continue
        uses = field_uses(ex.ctx.pkg, struct, arg.field)
        if uses is None:
            raise smt.Unsupported(f"the descriptor {struct}.{arg.field} is used other than in "
                                  "filesys calls: not followed")
        kind = "append" if "Append" in uses else "read" if "ReadAt" in uses else "any"
        i = FD_INO(f)
        st.assume(i > 0)
        fd = Fd(f, i, kind, FD_OPEN(f), c.span, f"{struct}.{arg.field}", lock=(h.key, h.inst))
        _set(st, fds=_fs(st).fds + (fd,))
        if A.host_crashes(ex.ctx.ann):  # its last holder synced it before Unlock (at_unlock)
            _set(st, synced=((i, blocks.blen(st, z3.Select(data(st), i))),) + _fs(st).synced)
        return [fd]
    owner = next((k for k in ex.ctx.ann.lock_invs if k.partition(".")[0] == struct
                  and arg.field in lock_fields(ex.ctx.ann, k)), None)
    if owner is not None:  # its lock owns it, and this thread does not hold that lock
        ex.ctx.fail("safety", c.span, f"filesys.{c.name} of {struct}.{arg.field} without holding "
                    f"{owner}, which owns the descriptor (two threads would use it)", st)
        fd = Fd(f, FD_INO(f), "any", FD_OPEN(f), c.span, f"{struct}.{arg.field}",
                lock=(owner, None))
        _set(st, fds=_fs(st).fds + (fd,))
        return [fd]
    return []


def _built_durable(ex: Exec, struct: str, st: State, span: ir.Span) -> None:
    """Under crash_model host, a struct whose locks take file-system leases or descriptors
    from the builder is built with nothing unsynced: once published, its next holder takes
    those names and files as durable (as at Unlock)."""
    if not pending(st) or ex.ctx.mode == "init":  # init's goroutines start at `go`, durable
        return
    from armada_ls.logic.resolve import walk

    for key, li in ex.ctx.ann.lock_invs.items():
        if key.partition(".")[0] != struct:
            continue
        if lock_fields(ex.ctx.ann, key) or any(isinstance(e, A.LLease) and fsleases.is_fs(e)
                                               for e in walk(li.cond)):
            none_pending(ex.ctx, st, span, f"when a {struct} is built (its {key} takes "
                         "file-system leases or a descriptor)")
            return


def to_lock(ex: Exec, struct: str, init: Val, st: State, span: ir.Span) -> None:
    """A struct built with a lock that owns a descriptor field: the builder's descriptor
    goes to the lock (open, of the kind the package uses the field as); the builder may not
    use or close it any more, and it is no leak of the builder's."""
    _built_durable(ex, struct, st, span)
    fields = getattr(init, "fields", None)
    if not isinstance(fields, dict):
        return
    for key in ex.ctx.ann.lock_invs:
        if key.partition(".")[0] != struct:
            continue
        for fld in sorted(lock_fields(ex.ctx.ann, key)):
            v = fields.get(fld)
            mine = [x for x in _fs(st).fds if isinstance(v, z3.ExprRef) and x.term.eq(v)]
            if not mine:
                continue  # the lock invariant's check at the build fails if it is not open
            fd = mine[-1]
            if fd.given:
                ex.ctx.fail("safety", span, f"the descriptor from line {fd.span.start.line + 1} "
                            f"({fd.text}) already belongs to the {fd.given} lock of another "
                            "struct: two locks would hand it to two threads", st)
            uses = field_uses(ex.ctx.pkg, struct, fld)
            if uses is None:
                raise smt.Unsupported(f"the descriptor {struct}.{fld} is used other than in "
                                      "filesys calls: not followed")
            for want, use in (("append", "Append"), ("read", "ReadAt")):
                if use in uses and fd.kind not in (want, "any"):
                    ex.ctx.fail("safety", span, f"{struct}.{fld} is used with filesys.{use}: the "
                                f"descriptor from line {fd.span.start.line + 1} ({fd.text}) is for "
                                f"{'appending' if fd.kind == 'append' else 'reading'}", st)
            _set(st, fds=tuple(replace(x, given=key) if x.term.eq(fd.term) else x
                               for x in _fs(st).fds))


# ---------------------------------------------------------------- the calls


def call(ex: Exec, c: ir.Call, st: State) -> Val:
    """One filesys call: an atomic step (after interference) of the file-system model."""
    ctx = ex.ctx
    if c.name not in CALLS:
        raise smt.Unsupported(f"filesys.{c.name} is not modelled by the verifier")
    host = A.host_crashes(ctx.ann)
    if name_changes(c) and id(c) not in _step_calls(ctx):
        raise smt.Unsupported(f"filesys.{c.name} in a loop condition or a `defer` (its crash point "
                              "would not be checked there): assign its result in a statement of its own first")
    args = [ex.ev.eval(a, st) for a in c.args]
    interfere(ctx, st)
    name = c.name
    if name == "Mkdir":
        if ctx.mode not in ("init", "recover"):
            raise smt.Unsupported("filesys.Mkdir outside init and recovery (directories are "
                                  "set-up: make them in the init or recovery function)")
        _valid_name(ex, st, args[0], c)
        st.durable[ISDIR] = z3.Store(isdir(st), args[0], z3.BoolVal(True))
        return ()
    if name in MUTATING and _fs(st).crashed_unsynced:
        ctx.fail("durability", c.span, f"recovery changes the file system (filesys.{name}) before "
                 "its first filesys.Sync(): after a process crash the crashed generation's "
                 "unsynced operations may still be lost to a power loss, undoing what recovery "
                 "saw under what it does now; call filesys.Sync() first", st)
    if name == "Sync":
        if host:
            fs = _fs(st)
            now = tuple((i, blocks.blen(st, z3.Select(data(st), i))) for i, _s, _w in fs.appends)
            _set(st, dirops=(), appends=(), synced=now + fs.synced, crashed_unsynced=False)
        return ()
    if name in ("Create", "Open", "Delete", "List", "FsyncDir"):
        _dir_exists(ex, st, args[0], c)
    for k in {"Create": (1,), "Open": (1,), "Delete": (1,), "Link": (1, 3)}.get(name, ()):
        _valid_name(ex, st, args[k], c, args[k - 1] if name != "Create" and k == 1 else None)
    if name in ("Create", "Delete"):
        fsleases.check(ctx, st, name, args[0], args[1], c.span, host)
    if name == "Create":
        leave_all_sealed(st)
        d, n = args
        free = inode_of(st, d, n) == 0
        i = _fresh_inode(st)
        _dirop(st, d, n, c, host, free)
        _set_name(st, d, n, z3.If(free, i, inode_of(st, d, n)))
        fsleases.taken(ctx, st, d, n, free)  # a creator directory's name is its maker's
        st.durable[DATA] = z3.Store(data(st), i, smt.ZEROS(z3.IntVal(0)))
        if SEALED in st.durable:  # its descriptor is open: not sealed
            st.durable[SEALED] = z3.Store(st.durable[SEALED], i, z3.Not(free))
        return (_opened(ex, st, c, i, "append", free), free)
    if name == "Open":
        d, n = args
        i = inode_of(st, d, n)
        ctx.ob("safety", c.span, "filesys.Open: the file exists (it panics on a missing one)",
               st, i != 0)
        return _opened(ex, st, c, i, "read", z3.BoolVal(True))
    if name == "Append":
        f, b = args
        if isinstance(b, z3.SeqRef):
            b = blocks.to_bytes(st, b)
        fd = _fd(ex, st, f, c, ("append",))
        ctx.ob("safety", c.span, f"filesys.Append: at most filesys.MaxAppend ({MAX_APPEND}) bytes "
               "a call (it panics on more: split the data into chunks)", st,
               blocks.blen(st, b) <= MAX_APPEND)
        old = z3.Select(data(st), fd.ino)
        if SEALED in st.durable:  # an append descriptor is open: the file is not sealed
            st.assume(z3.Not(z3.Select(st.durable[SEALED], fd.ino)))
        if host:
            _appended(st, fd.ino, c, ex)
        st.durable[DATA] = z3.Store(data(st), fd.ino, blocks.appended(st, old, b))
        return ()
    if name == "ReadAt":
        f, off, ln = args
        fd = _fd(ex, st, f, c, ("read",))
        cur = z3.Select(data(st), fd.ino)
        size = blocks.blen(st, cur)
        lo = z3.If(off > size, size, off)
        hi = z3.If(off + ln > size, size, off + ln)
        return blocks.sub(st, cur, lo, z3.If(hi < lo, lo, hi))
    if name == "Close":
        fd = _fd(ex, st, args[0], c, ("append", "read"))
        _closed(st, fd)
        if fd.kind == "append" and SEALED in st.durable:  # the file's only append descriptor
            st.durable[SEALED] = z3.Store(st.durable[SEALED], fd.ino, z3.BoolVal(True))
        return ()
    if name == "Fsync":
        fd = _fd(ex, st, args[0], c, ("append", "read"))
        if host:
            cur = blocks.blen(st, z3.Select(data(st), fd.ino))
            fs = _fs(st)
            _set(st, appends=tuple(a for a in fs.appends if not a[0].eq(fd.ino)),
                 synced=((fd.ino, cur),) + fs.synced)
        return ()
    if name == "FsyncDir":
        if host:
            d = args[0]
            _set(st, dirops=tuple(o for o in _fs(st).dirops if not _same(st, o[0], d)))
        return ()
    if name == "Delete":
        d, n = args
        ctx.ob("safety", c.span, "filesys.Delete: the file exists (it panics on a missing one)",
               st, inode_of(st, d, n) != 0)
        _dirop(st, d, n, c, host, z3.BoolVal(True))
        _set_name(st, d, n, z3.IntVal(0))
        fsleases.given_up(ctx, st, d, n)
        return ()
    if name == "Link":
        od, on, nd, nn = args
        _dir_exists(ex, st, od, c)
        _dir_exists(ex, st, nd, c)
        src = inode_of(st, od, on)
        ctx.ob("safety", c.span, "filesys.Link: the file linked exists (it panics on a missing "
               "one)", st, src != 0)
        fsleases.check(ctx, st, name, nd, nn, c.span, host)
        free = inode_of(st, nd, nn) == 0
        _dirop(st, nd, nn, c, host, free)
        _set_name(st, nd, nn, z3.If(free, src, inode_of(st, nd, nn)))
        fsleases.taken(ctx, st, nd, nn, free)
        return free
    if name == "List":
        return _list(ex, st, args[0])
    raise smt.Unsupported(f"filesys.{name}")


def name_changes(c: ir.Call) -> bool:
    return c.pkg == "filesys" and c.name in MUTATING


def _step_calls(ctx: FnCtx) -> set[int]:
    """The calls that are a statement's own step (`callsites.step_calls`): the executor
    checks the crash invariant after those, not after a call in a loop condition."""
    cache = ctx.__dict__.setdefault("_fs_steps", {})
    if "ids" not in cache:
        from armada_ls.logic.scopes import all_stmts

        from .callsites import step_calls

        cache["ids"] = {id(x) for s in all_stmts(ctx.fn.body) for x in step_calls(s)}
    return cache["ids"]


def interfere(ctx: FnCtx, st: State) -> None:
    """Other threads (and their file-system calls) run before this step. They may create,
    link and delete anything but the entries this thread holds leases on (fsleases.py),
    and never append to a file this path created (only Create gives a descriptor to append
    with, and it stays with this path) or one whose descriptor it was lent or holds through
    a lock: `fsleases.frame_data`, which every interference point applies."""
    ctx.interfere(st)


def _fresh_inode(st: State) -> z3.ArithRef:
    i = smt.fresh_int("inode")
    st.assume(i > 0)
    _unnamed(st, ino(st), i, 2)  # no name leads to it yet
    for fd in _fs(st).fds:  # nor any descriptor (its name may be gone)
        st.assume(fd.ino != i)
    return i


def _unnamed(st: State, arr: z3.ExprRef, i: z3.ArithRef, depth: int) -> None:
    """No entry of arr (`depth` levels of arrays over inode numbers) is i: quantified over
    the unknown array at the root of arr's stores (its reads are the trigger), and each
    stored value on the way. A part of another shape gets no fact (sound: only weaker)."""
    if depth == 0:
        st.assume(arr != i)
    elif z3.is_store(arr):
        if not z3.is_select(arr.arg(0)):  # a row read from the array below: covered there
            _unnamed(st, arr.arg(0), i, depth)
        _unnamed(st, arr.arg(2), i, depth - 1)
    elif z3.is_const_array(arr):
        _unnamed(st, arr.arg(0), i, depth - 1)
    elif z3.is_select(arr) and depth == 1:  # a row of an earlier state (a leased row kept):
        _unnamed(st, arr.arg(0), i, 2)  # a new file was in no earlier state either
    elif z3.is_const(arr) and depth == 1:  # a row framed by leases (fsleases.frame_ino)
        n = z3.String(smt.fresh_name("n"))
        st.assume(z3.ForAll([n], z3.Select(arr, n) != i, patterns=[z3.Select(arr, n)]))
    elif z3.is_const(arr) and depth == 2:
        d, n = z3.String(smt.fresh_name("d")), z3.String(smt.fresh_name("n"))
        cur = z3.Select(z3.Select(arr, d), n)
        st.assume(z3.ForAll([d, n], cur != i, patterns=[cur]))


def _list(ex: Exec, st: State, d: z3.ExprRef) -> SliceV:
    """List(dir): a fresh slice of names. Not atomic (docs/machine.md): with other threads
    about, nothing is known of it; in recovery and init (alone) it is exactly dir's names,
    each once (the directory does not change while it is read)."""
    from . import heap
    from .exprs import allocate

    base = allocate(st, "[]string")
    st.owned.append(Perm(base, "[]"))
    ln = smt.fresh_int("List.len")
    st.assume(smt.in_range(ln))
    s = SliceV(base, ln)
    k = smt.fresh_int("k")
    e = heap.elem_read(st, T.STRING, s, k)
    fact = _name_ok(e)  # a name some entry had: a valid one
    if ex.ctx.alone(st):
        pos = z3.Function(smt.fresh_name("List.pos"), STR, z3.IntSort())  # distinct names
        fact = z3.And(fact, inode_of(st, d, e) != 0, pos(e) == k)
        n = z3.String(smt.fresh_name("n"))  # and every name in dir is listed
        at = inode_of(st, d, n)
        where = z3.Function(smt.fresh_name("List.at"), STR, z3.IntSort())
        solver.assume_costly(st, z3.ForAll([n], z3.Implies(at != 0, z3.And(
            where(n) >= 0, where(n) < ln, heap.elem_read(st, T.STRING, s, where(n)) == n)),
            patterns=[at]))
    else:
        mine = fsleases.listed(ex.ctx, st, d, e, k, ln)  # under a lower-bound lease
        if mine is not None:
            fact = z3.And(fact, mine)
    st.assume(z3.ForAll([k], z3.Implies(z3.And(k >= 0, k < ln), fact), patterns=[e]))
    return s


def _same(st: State, a: z3.ExprRef, b: z3.ExprRef) -> bool:
    """a and b are the same directory on this path (a constant, usually)."""
    sa, sb = z3.simplify(a), z3.simplify(b)
    if sa.eq(sb):
        return True
    if z3.is_string_value(sa) and z3.is_string_value(sb):  # two different constants (a sat
        return False  # query over the path's quantifiers could take its whole timeout)
    s = z3.Solver()
    s.set("timeout", 2000)
    s.add(*st.path)
    s.add(a != b)
    return s.check() == z3.unsat


# ---------------------------------------------------------------- crash_model host


def _dirop(st: State, d: z3.ExprRef, n: z3.ExprRef, c: ir.Call, host: bool,
           changed: z3.BoolRef) -> None:
    if not host:
        return
    where = f"line {c.span.start.line + 1} (filesys.{c.name})"
    _set(st, dirops=_fs(st).dirops + ((d, n, inode_of(st, d, n), where, changed),))


def _appended(st: State, i: z3.ExprRef, c: ir.Call, ex: Exec) -> None:
    fs = _fs(st)
    if any(a[0].eq(i) for a in fs.appends):
        return
    synced = next((n for j, n in fs.synced if j.eq(i)), z3.IntVal(0))
    where = f"line {c.span.start.line + 1} ({ex.ctx.text(c.span) or 'filesys.Append'})"
    _set(st, appends=fs.appends + ((i, synced, where),))


def outcomes(st: State, ctx: FnCtx | None = None) -> tuple[State, list[str]] | None:
    """st with the file system a power loss may leave (None if all of it is durable): each
    directory operation since its directory's FsyncDir undone or not (newest first, so a
    name takes any of its values since), each file appended since its Fsync cut to any
    length between its synced length and its length. In recovery before its Sync: any file
    system the crash invariant allowed at recovery's start (what the crashed generation may
    leave; a change recovery makes before the Sync is a failure of its own, not added)."""
    fs = _fs(st)
    if fs.crashed_unsynced:
        if ctx is None:
            raise ValueError("the outcomes of recovery before its Sync need the crash invariant")
        trial = st.fork()
        then = (st.entry if st.entry is not None else st).fork()
        then.durable[INO] = z3.Const(smt.fresh_name("filesys.Ino after a host crash"), INO_SORT)
        then.durable[DATA] = z3.Const(smt.fresh_name("filesys.Data after a host crash"), DATA_SORT)
        for t, _ in ctx.crash_inv(then):  # what the crashed generation could leave
            trial.assume(t)
        trial.durable[INO], trial.durable[DATA] = then.durable[INO], then.durable[DATA]
        return trial, ["the crashed generation's file-system operations (no filesys.Sync() yet)"]
    if not fs.dirops and not fs.appends:
        return None
    trial = st.fork()
    cur = ino(trial)
    for d, n, old, where, _c in reversed(fs.dirops):
        kept = z3.Bool(smt.fresh_name(f"survives({where})"))
        row = z3.Select(cur, d)
        cur = z3.Store(cur, d, z3.Store(row, n, z3.If(kept, z3.Select(row, n), old)))
    arr = data(trial)
    for i, synced, where in fs.appends:
        k = smt.fresh_int(f"kept({where})")
        whole = z3.Select(arr, i)
        size = blocks.blen(trial, whole)
        trial.assume(z3.And(k >= z3.If(synced > size, size, synced), k <= size))
        arr = z3.Store(arr, i, blocks.sub(trial, whole, z3.IntVal(0), k))
    trial.durable[INO], trial.durable[DATA] = cur, arr
    lost = [w for _d, _n, _o, w, _c in fs.dirops] + [f"the appends from {w} (no Fsync since)"
                                                   for _i, _s, w in fs.appends]
    return trial, lost


def pending(st: State) -> bool:
    """This path has file-system operations a power loss may still undo."""
    fs = _fs(st)
    return bool(fs.dirops or fs.appends)


def none_pending(ctx: FnCtx, st: State, span: ir.Span, when: str) -> None:
    """Under crash_model host, a release point (a return, a call of a function that uses
    the file system, `go`, init's end) hands on a durable file system: the per-thread
    argument (durability.py) needs every unsynced operation to stay this thread's."""
    fs = _fs(st)
    if fs.crashed_unsynced:
        ctx.fail("durability", span, "the crashed generation's file-system operations are not "
                 f"durable {when}: after a process crash a power loss may still undo them, on "
                 "names and files the new generation takes as durable; call filesys.Sync() "
                 "first (recovery's barrier)", st)
    for _d, _n, _o, where, changed in fs.dirops:
        ctx.ob("durability", span, f"the directory operation at {where} is durable {when}: "
               "call filesys.FsyncDir on its directory first", st, z3.Not(changed))
    for _i, _s, where in fs.appends:
        ctx.fail("durability", span, f"the appends at {where} are not durable {when}: call "
                 "filesys.Fsync on the file first", st)


def at_unlock(ctx: FnCtx, st: State, released: list[Any], key: str, span: ir.Span) -> None:
    """The entries going back to lock `key` carry no unsynced directory operation, and
    nothing appended is left unsynced when the lock's leases or descriptors change hands
    (the next holder's crash points would not know it)."""
    from . import leases

    fs = _fs(st)
    for d, n, _o, where, changed in fs.dirops:
        mine = [z3.And(d == blocks.str_val(ls.array[len(fsleases.ENTRY):]), leases.covers(ls, n))
                for ls in released if ls.array.startswith(fsleases.ENTRY)]
        mine += [leases.covers(ls, d) for ls in released if ls.array == fsleases.DEL]
        if mine:
            ctx.ob("durability", span, f"the directory operation at {where} is durable before "
                   f"{key} is released: call filesys.FsyncDir on its directory before Unlock",
                   st, z3.Not(z3.And(changed, z3.Or(mine))))
    gives = any(ls.array.startswith(fsleases.ENTRY) or ls.array == fsleases.DEL for ls in released) \
        or any(fd.lock is not None and fd.lock[0] == key for fd in fs.fds)
    if gives:
        for _i, _s, where in fs.appends:
            ctx.fail("durability", span, f"the appends at {where} are not durable before {key} "
                     "is released: call filesys.Fsync on the file before Unlock", st)
