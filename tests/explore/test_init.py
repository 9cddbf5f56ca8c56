"""The explorer runs the `//@ init` function, and the goroutines it starts, as part of the
explored system: their steps interleave with the harness, and a crash may hit init."""

from __future__ import annotations

from pathlib import Path

from armada_ls.explore import Bounds, explore_path
from armada_ls.explore.result import ExploreResult


def run(tmp_path: Path, name: str, src: str, **kw: object) -> ExploreResult:
    d = tmp_path / name
    d.mkdir()
    (d / "p.go").write_text(src)
    kw.setdefault("max_seconds", 120)
    return explore_path(str(d), Bounds(**kw))  # type: ignore[arg-type]


BACKGROUND = """package p

import "sync"

//@ spec Counter {
//@   state n: uint64
//@   op Inc() { n = n + 1 }
//@   op Get() uint64 { return n }
//@   crash { n = 0 }
//@ }

type C struct {
	mu    *sync.Mutex
	n     uint64
	ticks uint64
}

func (c *C) background() {
	BODY
}

//@ init
func New() *C {
	c := &C{mu: new(sync.Mutex)}
	go c.background()
	return c
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
	v := c.n
	c.mu.Unlock()
	return v
}
"""


def test_a_goroutine_init_starts_runs_beside_the_ops(tmp_path: Path) -> None:
    good = BACKGROUND.replace("BODY", "c.mu.Lock()\n\tc.ticks = c.ticks + 1\n\tc.mu.Unlock()")
    res = run(tmp_path, "good", good, goroutines=2, ops=1, crashes=0)
    assert res.status == "pass", res.violation
    # Unlocked: a race with Inc/Get (run to completion before the harness, it would pass).
    racy = BACKGROUND.replace("BODY", "c.n = c.n + 0")
    res = run(tmp_path, "racy", racy, goroutines=1, ops=1, crashes=0)
    assert res.status == "fail" and res.violation is not None
    assert res.violation.code == "data-race"
    assert any(t.goroutine.startswith("init") for t in res.trace)
    # Behaviour-changing: the background goroutine bumps the counter itself.
    bump = BACKGROUND.replace("BODY", "c.mu.Lock()\n\tc.n = c.n + 1\n\tc.mu.Unlock()")
    res = run(tmp_path, "bump", bump, goroutines=1, ops=1, crashes=0)
    assert res.status == "fail" and res.violation is not None and res.violation.kind == "refinement"
    kinds = [(t.kind, t.goroutine) for t in res.trace]
    assert ("return", "init") in kinds  # the trace shows init returning and the harness starting


FORMAT = """package p

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ spec Counter {
//@   state n: uint64
//@   op Inc() { n = n + 1 }
//@   op Get() uint64 { return n }
//@   crash { }
//@ }

// Block 0 holds n + 100 (so a zero disk is not a valid counter); block 1 says whether the
// disk was formatted. Formatting writes the counter before the flag that vouches for it.
type C struct {
	mu *sync.Mutex
}

func format() {
	FORMAT
}

//@ init
func New() *C {
	format()
	return &C{mu: new(sync.Mutex)}
}

//@ recover
func Recover() *C {
	if disk.Read(1)[0] == 0 {
		format()
	}
	return &C{mu: new(sync.Mutex)}
}

func put(n uint64) {
	b := make([]byte, 4096)
	prims.UInt64Put(b, n+100)
	disk.Write(0, b)
}

//@ implements Counter.Inc
func (c *C) Inc() {
	c.mu.Lock()
	put(prims.UInt64Get(disk.Read(0)) - 100 + 1)
	c.mu.Unlock()
}

//@ implements Counter.Get
func (c *C) Get() uint64 {
	c.mu.Lock()
	v := prims.UInt64Get(disk.Read(0)) - 100
	c.mu.Unlock()
	return v
}
"""

COUNTER_FIRST = "put(0)\n\tflag := make([]byte, 4096)\n\tflag[0] = 1\n\tdisk.Write(1, flag)"
FLAG_FIRST = "flag := make([]byte, 4096)\n\tflag[0] = 1\n\tdisk.Write(1, flag)\n\tput(0)"


def test_a_crash_during_init_is_explored(tmp_path: Path) -> None:
    ok = run(tmp_path, "ok", FORMAT.replace("FORMAT", COUNTER_FIRST), goroutines=1, ops=1)
    assert ok.status == "pass", (ok.violation, [t.description for t in ok.trace])
    bad = run(tmp_path, "bad", FORMAT.replace("FORMAT", FLAG_FIRST), goroutines=1, ops=1)
    assert bad.status == "fail" and bad.violation is not None and bad.violation.kind == "refinement"
    crash = next(t for t in bad.trace if t.kind == "crash")
    assert crash.phase == "init"
    # Without crashes the flag-first order is harmless.
    assert run(tmp_path, "bad0", FORMAT.replace("FORMAT", FLAG_FIRST), goroutines=1, ops=1, crashes=0).status == "pass"


FLUSHER = """package p

import (
	"sync"

	"armada/goose/machine/disk"
)

//@ spec Reg {
//@   state v: disk.Block
//@   op Put(x disk.Block) { v = x }
//@   op Get() disk.Block { return v }
//@   crash { }
//@ }

// A write-back register: Put stores in memory and wakes a flusher that init starts, which
// waits for work forever (a goroutine blocked for good is not a deadlock of the ops).
type R struct {
	mu    *sync.Mutex
	cond  *sync.Cond
	v     []byte
	dirty bool
}

func (r *R) flusher() {
	r.mu.Lock()
	for {
		for !r.dirty {
			r.cond.Wait()
		}
		v := r.v
		r.dirty = false
		r.mu.Unlock()
		disk.Write(0, v)
		disk.Barrier()
		r.mu.Lock()
	}
}

//@ init
func New() *R {
	mu := new(sync.Mutex)
	r := &R{mu: mu, cond: sync.NewCond(mu), v: make([]byte, 4096)}
	go r.flusher()
	return r
}

//@ implements Reg.Put
func (r *R) Put(x disk.Block) {
	r.mu.Lock()
	r.v = x
	r.dirty = true
	r.cond.Signal()
	r.mu.Unlock()
}

//@ implements Reg.Get
func (r *R) Get() disk.Block {
	r.mu.Lock()
	v := r.v
	r.mu.Unlock()
	return v
}
"""


def test_a_flusher_init_starts_may_wait_forever(tmp_path: Path) -> None:
    res = run(tmp_path, "fl", FLUSHER, goroutines=2, ops=2, crashes=0)
    assert res.status == "pass", (res.violation, [t.description for t in res.trace][-8:])
    assert res.stats.states > 100
