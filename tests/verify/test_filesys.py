"""The verifier's file system (armada_ls/verify/filesys.py) against the explorer's.

- The host-crash rule: for scripted sequences of calls, the outcomes the verifier's model
  allows at a crash point are exactly the explorer's `FileSys.host_outcomes()` (which
  tests/semantics/test_host_crash_go.py checks against the Go `MemFS`), seen as which names
  exist, how long each file is and which names share a file.
- The fs_ programs with a spec: proved ones have no violation in the explorer; the buggy one
  that changes behaviour is found.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
import z3

from armada_ls.explore import explore_path
from armada_ls.verify import blocks, filesys, fsleases, smt
from armada_ls.verify.result import Status
from armada_ls.verify.state import Lease, State
from goose import ir
from goose.semantics import devices as D
from tests.verify.expect import describe, run

HERE = os.path.dirname(__file__)
PROGRAMS = os.path.join(HERE, "programs")

# (call, args): Append's argument is a byte count
Script = list[tuple[str, tuple[Any, ...]]]

SCRIPTS: dict[str, Script] = {
    "unsynced create and append": [("Create", ("a", "x")), ("Append", ("a/x", 3))],
    "fsync then more": [("Create", ("a", "x")), ("Append", ("a/x", 2)), ("Fsync", ("a/x",)),
                        ("FsyncDir", ("a",)), ("Append", ("a/x", 2))],
    "link, source synced only": [("Create", ("a", "x")), ("Append", ("a/x", 1)), ("Fsync", ("a/x",)),
                                 ("FsyncDir", ("a",)), ("Link", ("a", "x", "b", "y")), ("FsyncDir", ("a",))],
    "delete after sync": [("Create", ("a", "x")), ("FsyncDir", ("a",)), ("Delete", ("a", "x"))],
    "create, delete, create": [("Create", ("a", "x")), ("Append", ("a/x", 1)), ("Close", ("a/x",)),
                               ("Delete", ("a", "x")), ("Create", ("a", "x"))],
    "two links synced": [("Create", ("a", "x")), ("Append", ("a/x", 2)), ("Link", ("a", "x", "b", "y")),
                         ("FsyncDir", ("b",)), ("Fsync", ("a/x",)), ("Append", ("a/x", 1))],
    "mail delivery": [("Create", ("a", "x")), ("Append", ("a/x", 2)), ("Fsync", ("a/x",)),
                      ("Link", ("a", "x", "b", "y")), ("FsyncDir", ("b",)), ("Delete", ("a", "x"))],
    "replace under a name": [("Create", ("a", "x")), ("Append", ("a/x", 1)), ("Fsync", ("a/x",)),
                             ("FsyncDir", ("a",)), ("Create", ("b", "y")), ("Append", ("b/y", 2)),
                             ("Delete", ("a", "x")), ("Link", ("b", "y", "a", "x"))],
}
NAMES = [("a", "x"), ("b", "y")]


def _explorer(script: Script) -> set[tuple]:
    dev = D.Devices(fs=D.FileSys())
    fds: dict[str, Any] = {}
    for d in ("a", "b"):
        dev, _ = D._filesys(dev, 0, 0, "Mkdir", [d])
    for name, args in script:
        if name == "Create":
            dev, (fd, ok) = D._filesys(dev, 0, 0, name, list(args))
            assert ok
            fds[f"{args[0]}/{args[1]}"] = fd
        elif name == "Append":
            dev, _ = D._filesys(dev, 0, 0, name, [fds[args[0]], b"z" * args[1]])
        elif name in ("Fsync", "Close"):
            dev, _ = D._filesys(dev, 0, 0, name, [fds[args[0]]])
        else:
            dev, _ = D._filesys(dev, 0, 0, name, list(args))
    assert dev.fs is not None
    out = set()
    for fs, _why in dev.fs.host_outcomes():
        dirs = {d: dict(e) for d, e in fs.dirs}
        inodes = dict(fs.inodes)
        view = []
        for d, n in NAMES:
            ino = dirs.get(d, {}).get(n)
            view.append(None if ino is None else (len(inodes[ino]), ino))
        out.add(_canon(view))
    return out


def _canon(view: list[tuple[int, Any] | None]) -> tuple:
    """Names' lengths, and which names share a file (by first name)."""
    firsts: dict[Any, int] = {}
    res = []
    for k, v in enumerate(view):
        if v is None:
            res.append(None)
        else:
            res.append((v[0], firsts.setdefault(v[1], k)))
    return tuple(res)


class _All:
    def __contains__(self, _: object) -> bool:
        return True


@dataclass
class _Ctx:
    mode: str = "init"
    # outside init: a and b are directories init made, whose names the thread holds
    _fs_dirs: dict[str, Any] = field(default_factory=lambda: {"dirs": ["a", "b"]})
    _fs_governed: dict[str, Any] = field(default_factory=lambda: {
        "g": fsleases.Governed(exact=frozenset({"a", "b"}))})
    ann: Any = field(default_factory=lambda: SimpleNamespace(
        crash_model=SimpleNamespace(model="host"), lock_invs={}, crash_invs=[], funcs={}, stmts={}))
    failed: list[str] = field(default_factory=list)
    # every call of a script is a statement's own (filesys checks that, see _step_calls)
    _fs_steps: dict[str, Any] = field(default_factory=lambda: {"ids": _All()})

    def ob(self, kind: str, span: Any, msg: str, st: State, goal: z3.BoolRef, **_: Any) -> None:
        s = z3.Solver()
        s.add(*st.path)
        s.add(z3.Not(goal))
        if s.check() != z3.unsat:
            self.failed.append(msg)

    def fail(self, kind: str, span: Any, msg: str, st: State, **_: Any) -> None:
        self.failed.append(msg)

    def alone(self, st: State) -> bool:  # as FnCtx.alone
        return self.mode in ("recover", "init") and not st.others

    def interfere(self, st: State) -> None:
        pass

    def text(self, span: Any) -> str:
        return ""


class _Refused(Exception):
    """An obligation of a scripted call failed."""


class _Ev:
    def eval(self, a: Any, st: State) -> Any:
        return a.value


def _verifier(script: Script, mode: str = "init", leased: tuple[str, ...] = ("a", "b")) -> set[tuple]:
    ctx = _Ctx(mode=mode)
    ex = SimpleNamespace(ctx=ctx, ev=_Ev())
    st = State()
    filesys.zero(st)
    for d in leased:  # an op holding every name of these directories
        x = z3.String(f"name_{d}")
        st.leases.append(Lease(fsleases.entry_array(d), x, z3.BoolVal(True), z3.IntVal(0), x))
    span = ir.Span(ir.Pos(0, 0), ir.Pos(0, 0))
    fds: dict[str, Any] = {}

    def run(name: str, *args: Any) -> Any:
        return filesys.call(ex, ir.Call(span=span, type=None, pkg="filesys", name=name,  # type: ignore[arg-type]
                                        args=[SimpleNamespace(value=a) for a in args]), st)

    for d in ("a", "b"):  # init makes them; an op starts after set-up, which made them
        if mode == "init":
            run("Mkdir", z3.StringVal(d))
        else:
            st.durable[filesys.ISDIR] = z3.Store(filesys.isdir(st), z3.StringVal(d), True)
    for name, args in script:
        if name == "Create":
            fd, ok = run(name, *(z3.StringVal(a) for a in args))
            st.assume(ok)
            fds[f"{args[0]}/{args[1]}"] = fd
        elif name == "Append":
            run(name, fds[args[0]], smt.ZEROS(z3.IntVal(args[1])))
        elif name in ("Fsync", "Close"):
            run(name, fds[args[0]])
        else:
            run(name, *(z3.StringVal(a) for a in args))
    if ctx.failed:
        raise _Refused(ctx.failed)
    got = filesys.outcomes(st)
    at = got[0] if got is not None else st
    inos = [filesys.inode_of(at, z3.StringVal(d), z3.StringVal(n)) for d, n in NAMES]
    lens = [blocks.blen(at, z3.Select(filesys.data(at), i)) for i in inos]
    s = z3.Solver()
    s.add(*at.path)
    out = set()
    while s.check() == z3.sat:
        m = s.model()
        view = []
        for i, ln in zip(inos, lens, strict=True):
            iv = m.eval(i, model_completion=True).as_long()
            view.append(None if iv == 0 else (m.eval(ln, model_completion=True).as_long(), iv))
        out.add(_canon(view))
        s.add(z3.Or([z3.Not(c) for c in _describe(view, inos, lens)]))
        assert len(out) < 200
    return out


def _describe(view: list, inos: list, lens: list) -> list[z3.BoolRef]:
    cs: list[z3.BoolRef] = []
    for v, i, ln in zip(view, inos, lens, strict=True):
        cs.append(i == 0 if v is None else z3.And(i != 0, ln == v[0]))
    for (a, va), (b, vb) in itertools.combinations(list(zip(inos, view, strict=True)), 2):
        if va is not None and vb is not None:
            cs.append((a == b) if va[1] == vb[1] else (a != b))
    return cs


@pytest.mark.parametrize("mode", ["init", "op"])
@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_host_crash_outcomes_match_the_explorer(name: str, mode: str) -> None:
    assert _verifier(SCRIPTS[name], mode) == _explorer(SCRIPTS[name])


def test_an_op_without_the_entry_lease_is_refused_under_host() -> None:
    # outside init an unsynced directory operation must be on a name the thread holds
    with pytest.raises(_Refused) as e:
        _verifier([("Create", ("a", "x")), ("Link", ("a", "x", "b", "y"))], "op", leased=("a",))
    assert any("filesys.Link needs the lease on its entry" in m for m in e.value.args[0])
    assert not any("filesys.Create" in m for m in e.value.args[0])


def test_explorer_agrees_on_the_proved_spec_program() -> None:
    res = explore_path(os.path.join(PROGRAMS, "fs_spec_names"))
    assert res.status == "pass", res.violation


def test_explorer_finds_the_claim_that_ignores_create() -> None:
    res = explore_path(os.path.join(PROGRAMS, "fs_spec_names_ignores_create"))
    assert res.status == "fail"


FIELD_FD = """package p

import "armada/goose/machine/filesys"

type Log struct {
	f filesys.File
}

//@ init
func Init() *Log {
	filesys.Mkdir("log")
	f, _ := filesys.Create("log", "l")
	return &Log{f: f}
}

// Add appends through a descriptor kept in memory: after a crash, recovery's Log would
// hold one from the old generation (or none), which the verifier cannot follow yet.
func (l *Log) Add(b []byte) {
	filesys.Append(l.f, b)
}
"""

HOST_OP = """package p

import "armada/goose/machine/filesys"

//@ crash_model host

//@ init
func Init() {
	filesys.Mkdir("d")
}

func Put() {
	f, ok := filesys.Create("d", "x")
	if ok {
		filesys.Close(f)
	}
}
"""

HOST_RECOVER = """package p

import "armada/goose/machine/filesys"

//@ crash_model host

//@ init
func Init() {
	filesys.Mkdir("d")
}

//@ recover
func Recover() {
	filesys.FsyncDir("d")
}
"""

LEASE_FILES = """package p

import (
	"armada/goose/machine/filesys"
	"sync"
)

type S struct {
	mu *sync.Mutex //@ lock_inv lease(filesys.Files["d"]["x"])
}

//@ init
func Init() *S {
	filesys.Mkdir("d")
	return &S{mu: new(sync.Mutex)}
}

func (s *S) Put() {
	s.mu.Lock()
	filesys.Delete("d", "x")
	s.mu.Unlock()
}
"""

LEASE_UNDECLARED = """package p

import "armada/goose/machine/filesys"

//@ init
func Init() {
	filesys.Mkdir("d")
}

// A lease in a contract on a directory no lock invariant names: other functions would not
// know the directory's names are leased.
//@ requires lease(filesys.Dirs["d"]["x"])
//@ ensures lease(filesys.Dirs["d"]["x"])
func put() {
	f, ok := filesys.Create("d", "x")
	if ok {
		filesys.Close(f)
	}
}
"""

LEASE_BOTH_KINDS = """package p

import (
	"armada/goose/machine/filesys"
	"sync"
)

type S struct {
	a *sync.Mutex //@ lock_inv lease(filesys.Dirs["d"]["x"])
	b *sync.Mutex //@ lock_inv seen != nil && (forall k string :: acc(seen[k])) && lease(filesys.Dirs["d"], >= seen)
	seen map[string]bool
}

//@ init
func Init() *S {
	filesys.Mkdir("d")
	return &S{a: new(sync.Mutex), b: new(sync.Mutex), seen: make(map[string]bool)}
}

func (s *S) Put() {
	s.a.Lock()
	f, ok := filesys.Create("d", "x")
	if ok {
		filesys.Close(f)
	}
	s.a.Unlock()
}
"""

DURABLE_GHOST = """package p

import "armada/goose/machine/filesys"

//@ crash_inv len(filesys.Durable["d"]["x"]) == 0

//@ init
func Init() {
	filesys.Mkdir("d")
}
"""


LINK_IN_CONDITION = """package p

import "armada/goose/machine/filesys"

//@ crash_inv !filesys.Dirs["d"]["b"]

//@ init
func Init() {
	filesys.Mkdir("d")
}

// The crash invariant is broken right after the Link and restored by the Delete: the
// crash point between them, right after the condition, must be checked (and fails).
//@ recover
func Recover() {
	f, ok := filesys.Create("d", "a")
	if ok {
		filesys.Close(f)
	}
	if filesys.Link("d", "a", "d", "b") {
		filesys.Delete("d", "b")
	}
}
"""


# A Link that may not run (right of `&&`) or runs at each iteration (a loop condition): its
# crash point has no one place to be checked.
LINK_UNDER_AND = LINK_IN_CONDITION.replace('if filesys.Link("d", "a", "d", "b")',
                                           'if ok && filesys.Link("d", "a", "d", "b")')
LINK_IN_LOOP_CONDITION = LINK_IN_CONDITION.replace('if filesys.Link("d", "a", "d", "b")',
                                                   'for filesys.Link("d", "a", "d", "b")')


@pytest.mark.parametrize("src, fn, reason", [
    (LINK_IN_CONDITION, "Recover", "the crash invariant holds at the crash point after line 20"),
    (LINK_UNDER_AND, "Recover", "filesys.Link under `&&` or `||` in an `if` condition"),
    (LINK_IN_LOOP_CONDITION, "Recover", "filesys.Link in a loop condition"),
    (FIELD_FD, "Add", "a descriptor this function did not open"),
    (FIELD_FD, "Init", "still open when Init returns"),
    (HOST_OP, "Put", "needs the lease on its entry"),
    (HOST_OP, "Put", "is durable when Put returns: call filesys.FsyncDir"),
    (LEASE_FILES, "Put", "lease(filesys.Files[d][n]) is not supported"),
    (LEASE_UNDECLARED, "put", "in a directory that no lock invariant leases"),
    (LEASE_BOTH_KINDS, "Put", "has both leases on entries and a lower-bound lease"),
    (DURABLE_GHOST, "Init", "filesys.Durable is not modelled"),
])
def test_what_is_not_modelled_is_never_proved(tmp_path: Any, src: str, fn: str, reason: str) -> None:
    (tmp_path / "p.go").write_text(src)
    results = {r.function.split(".")[-1]: r for r in run(str(tmp_path))}
    r = results[fn]
    text = r.error + " ".join(o.message for o in r.obligations if o.status is not Status.PROVED)
    assert r.status is not Status.PROVED and reason in text, (r.status, text)


LENDING = """package p

import "armada/goose/machine/filesys"

//@ requires filesys.Open[f]
func use(f filesys.File) {
	filesys.Close(f)
}

//@ init
func Init() {
	filesys.Mkdir("d")
	f, ok := filesys.Create("d", "x")
	if ok {
		use(f)
	}
}
"""


def test_a_lender_key_covers_what_the_borrower_does(tmp_path: Any) -> None:
    # a caller lending a descriptor checks which filesys calls the callee's body makes
    # through it, so that body is part of the caller's cache key
    from armada_ls.engine import Engine

    d = tmp_path / "p"
    d.mkdir()
    engine = Engine()
    try:
        def key(text: str) -> object:
            (d / "p.go").write_text(text)
            snap = engine.refresh(str(d))
            assert snap.pkg is not None and not snap.diagnostics
            return snap.key("Init", 1000).digest

        a = key(LENDING)
        b = key(LENDING.replace("\tfilesys.Close(f)\n", "\tfilesys.Append(f, nil)\n\tfilesys.Close(f)\n"))
        assert a != b
    finally:
        engine.close()


def test_a_filesys_user_key_covers_the_directories_init_makes(tmp_path: Any) -> None:
    from armada_ls.engine import Engine

    d = tmp_path / "p"
    d.mkdir()
    engine = Engine()
    try:
        def key(text: str) -> object:
            (d / "p.go").write_text(text)
            snap = engine.refresh(str(d))
            assert snap.pkg is not None and not snap.diagnostics
            return snap.key("Put", 1000).digest

        text = LENDING + "\nfunc Put() {\n\tf, ok := filesys.Create(\"d\", \"y\")\n\tif ok {\n\t\tfilesys.Close(f)\n\t}\n}\n"
        assert key(text) != key(text.replace('filesys.Mkdir("d")', 'filesys.Mkdir("e")'))
    finally:
        engine.close()


def test_a_lock_owned_descriptor_key_covers_every_use_of_the_field(tmp_path: Any) -> None:
    # the kind of a descriptor a lock owns is how the whole package uses its field
    from armada_ls.engine import Engine

    src = open(os.path.join(PROGRAMS, "fs_log_locked", "fs_log_locked.go")).read()
    d = tmp_path / "p"
    d.mkdir()
    engine = Engine()
    try:
        def key(text: str) -> object:
            (d / "p.go").write_text(text)
            snap = engine.refresh(str(d))
            assert snap.pkg is not None and not snap.diagnostics
            return snap.key("Init", 1000).digest

        more = src + "\nfunc (l *Log) Peek() {\n\tl.mu.Lock()\n\tfilesys.ReadAt(l.f, 0, 8)\n\tl.mu.Unlock()\n}\n"
        assert key(src) != key(more)
    finally:
        engine.close()


HOST_FS = sorted(d for d in os.listdir(PROGRAMS) if d.startswith("host_fs_"))


@pytest.mark.parametrize("name", HOST_FS)
def test_host_fs_programs_verify_under_the_process_model(tmp_path: Any, name: str) -> None:
    # every seeded bug of the host_fs_ programs is a missing sync: under process crashes
    # (everything written survives) each of them, and each correct one, verifies
    src = os.path.join(PROGRAMS, name, f"{name}.go")
    text = open(src).read()
    assert "//@ crash_model host\n" in text
    (tmp_path / f"{name}.go").write_text(text.replace("//@ crash_model host\n", "//@ crash_model process\n"))
    results = run(str(tmp_path))
    bad = [(r.function, r.error, [o.message for o in r.obligations if o.status is not Status.PROVED])
           for r in results if r.status is not Status.PROVED]
    assert not bad, bad


@pytest.mark.parametrize("body, ok", [
    ('\tfilesys.FsyncDir("d")\n', False),  # one directory: not the crashed generation's files
    ("\treturn\n", False),  # recovery that never touches the file system still hands it out
    ("\tfilesys.Sync()\n", True),
    ('\tfilesys.FsyncDir("d")\n\tfilesys.Sync()\n', True),
])
def test_recovery_of_a_host_filesys_package_needs_sync(tmp_path: Any, body: str, ok: bool) -> None:
    # after a process crash the crashed generation's unsynced operations are still volatile:
    # recovery hands the file system out only after filesys.Sync() made them durable
    (tmp_path / "p.go").write_text(HOST_RECOVER.replace('\tfilesys.FsyncDir("d")\n', body))
    r = {x.function: x for x in run(str(tmp_path))}["Recover"]
    if ok:
        assert r.status is Status.PROVED and not r.error, describe([r])
        return
    bad = [o for o in r.obligations if o.status is Status.FAILED]
    assert r.status is Status.FAILED and bad and all(o.kind == "durability" for o in bad), describe([r])
    assert "filesys.Sync()" in bad[0].message, bad[0].message
