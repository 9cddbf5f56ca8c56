"""The explorer reports each kind of finding on small packages written for it: data races,
deadlocks, undefined behaviour of the file system, leaked file descriptors, panics."""

from __future__ import annotations

import threading
from pathlib import Path

from armada_ls.explore import Bounds, explore_path
from armada_ls.explore.result import ExploreResult

COUNTER_SPEC = """
//@ spec Counter {
//@   state n: uint64
//@   op Inc() { n = n + 1 }
//@   op Get() uint64 { return n }
//@   crash { n = 0 }
//@ }
"""


def run(tmp_path: Path, body: str, **kw: object) -> ExploreResult:
    (tmp_path / "p.go").write_text(body)
    kw.setdefault("max_seconds", 120)
    return explore_path(str(tmp_path), Bounds(**kw))  # type: ignore[arg-type]


def test_unsynchronized_counter_is_a_data_race(tmp_path: Path) -> None:
    res = run(tmp_path, """package p

import "sync"
""" + COUNTER_SPEC + """
type C struct {
	mu *sync.Mutex
	n  uint64
}

//@ init
func New() *C {
	return &C{mu: new(sync.Mutex)}
}

//@ implements Counter.Inc
func (c *C) Inc() {
	c.n = c.n + 1
}

//@ implements Counter.Get
func (c *C) Get() uint64 {
	c.mu.Lock()
	v := c.n
	c.mu.Unlock()
	return v
}
""", goroutines=2, ops=1, crashes=0)
    assert res.status == "fail"
    assert res.violation is not None
    assert (res.violation.kind, res.violation.code) == ("undefined-behavior", "data-race")
    assert res.violation.span is not None


def test_locked_counter_passes_and_refines(tmp_path: Path) -> None:
    res = run(tmp_path, """package p

import "sync"
""" + COUNTER_SPEC + """
type C struct {
	mu *sync.Mutex
	n  uint64
}

//@ init
func New() *C {
	return &C{mu: new(sync.Mutex)}
}

//@ implements Counter.Inc
func (c *C) Inc() {
	c.mu.Lock()
	c.n = c.n + 1
	c.mu.Unlock()
}

//@ implements Counter.Get
func (c *C) Get() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
""", goroutines=2, ops=2, crashes=0)
    assert res.status == "pass", res.violation


def test_lost_update_is_a_refinement_violation(tmp_path: Path) -> None:
    res = run(tmp_path, """package p

import "sync"
""" + COUNTER_SPEC + """
type C struct {
	mu *sync.Mutex
	n  uint64
}

//@ init
func New() *C {
	return &C{mu: new(sync.Mutex)}
}

//@ implements Counter.Inc
func (c *C) Inc() {
	c.mu.Lock()
	v := c.n
	c.mu.Unlock()
	c.mu.Lock()
	c.n = v + 1
	c.mu.Unlock()
}

//@ implements Counter.Get
func (c *C) Get() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
""", goroutines=2, ops=2, crashes=0)
    assert res.status == "fail"
    assert res.violation is not None and res.violation.kind == "refinement"
    assert "Get()" in res.violation.message


def test_lock_order_inversion_deadlocks(tmp_path: Path) -> None:
    res = run(tmp_path, """package p

import "sync"

//@ spec S {
//@   state x: uint64
//@   op A() { x = x + 1 }
//@   op B() { x = x + 2 }
//@   crash { }
//@ }

type T struct {
	m1 *sync.Mutex
	m2 *sync.Mutex
}

//@ init
func New() *T {
	return &T{m1: new(sync.Mutex), m2: new(sync.Mutex)}
}

//@ implements S.A
func (t *T) A() {
	t.m1.Lock()
	t.m2.Lock()
	t.m2.Unlock()
	t.m1.Unlock()
}

//@ implements S.B
func (t *T) B() {
	t.m2.Lock()
	t.m1.Lock()
	t.m1.Unlock()
	t.m2.Unlock()
}
""", goroutines=2, ops=1, crashes=0)
    assert res.status == "fail"
    assert res.violation is not None and res.violation.kind == "deadlock"


FS_SPEC = """
//@ spec Files {
//@   state made: uint64
//@   op Make() { made = made + 1 }
//@   crash { }
//@ }
"""


def test_delete_of_missing_file_and_fd_leak(tmp_path: Path) -> None:
    res = run(tmp_path, """package p

import "armada/goose/machine/filesys"
""" + FS_SPEC + """
type F struct {
	dir string
}

//@ init
func New() *F {
	filesys.Mkdir("d")
	return &F{dir: "d"}
}

//@ implements Files.Make
func (f *F) Make() {
	filesys.Delete(f.dir, "x")
}
""", goroutines=1, ops=1, crashes=0)
    assert res.status == "fail"
    assert res.violation is not None
    assert (res.violation.kind, res.violation.code) == ("undefined-behavior", "delete-missing-file")
    leak = tmp_path / "leak"
    leak.mkdir()
    res = run(leak, """package p

import "armada/goose/machine/filesys"
""" + FS_SPEC + """
type F struct {
	dir string
}

//@ init
func New() *F {
	filesys.Mkdir("d")
	return &F{dir: "d"}
}

//@ implements Files.Make
func (f *F) Make() {
	fd, ok := filesys.Create(f.dir, "x")
	if ok {
		filesys.Append(fd, []byte("hello"))
	}
}
""", goroutines=1, ops=1, crashes=0)
    assert res.status == "fail"
    assert res.violation is not None and res.violation.kind == "fd-leak"


def test_cancel_stops_the_search(tmp_path: Path) -> None:
    from armada_ls.explore import explore_path as ep

    stop = threading.Event()
    stop.set()
    root = Path(__file__).resolve().parents[2] / "proofs" / "repldisk"
    res = ep(str(root), Bounds(), cancel=stop.is_set)
    assert res.status == "incomplete"
    assert "cancelled" in " ".join(res.messages)


DURABLE = """package p

import "armada/goose/machine/filesys"

//@ spec Flag {
//@   state set: bool
//@   op Put() { set = true }
//@   op Has() bool { return set }
//@   crash { }
//@ }

type F struct {
	dir string
}

//@ recover
func Open() *F {
	filesys.Mkdir("d")
	return &F{dir: "d"}
}

//@ implements Flag.Put
func (f *F) Put() {
	fd, ok := filesys.Create(f.dir, "x")
	if ok {
		filesys.Close(fd)
	}
	SYNC
}

//@ implements Flag.Has
func (f *F) Has() bool {
	names := filesys.List(f.dir)
	return len(names) > 0
}
"""


def test_host_crash_keeps_only_what_was_fsynced(tmp_path: Path) -> None:
    nosync = tmp_path / "nosync"
    nosync.mkdir()
    src = DURABLE.replace("SYNC", "")
    assert run(nosync, src, goroutines=1, ops=1).status == "pass"  # a process crash keeps it
    res = run(nosync, src, goroutines=1, ops=1, crashes=0, host_crashes=1)
    assert res.status == "fail" and res.violation is not None
    assert res.violation.kind == "refinement" and "Has()" in res.violation.message
    synced = tmp_path / "synced"
    synced.mkdir()
    res = run(synced, DURABLE.replace("SYNC", "filesys.FsyncDir(f.dir)"), goroutines=1, ops=1, crashes=0, host_crashes=1)
    assert res.status == "pass", res.violation


def test_endless_local_loop_is_reported(tmp_path: Path) -> None:
    res = run(tmp_path, """package p

//@ spec S {
//@   state x: uint64
//@   op A() { x = x + 1 }
//@   crash { }
//@ }

type T struct {
	n uint64
}

//@ init
func New() *T {
	return &T{}
}

//@ implements S.A
func (t *T) A() {
	i := uint64(0)
	for i < 10 {
		i = i * 2
	}
}
""", goroutines=1, ops=1)
    assert res.status == "fail"
    assert res.violation is not None and res.violation.kind == "no-progress"
