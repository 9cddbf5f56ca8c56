"""Red-team findings that end in UNKNOWN rather than a verdict (a construct the verifier
cannot read faithfully is never proved)."""

from __future__ import annotations

import os

from armada_ls.verify.result import Status
from tests.verify.expect import run

ANNOTATION_ESCAPE = """package p

// Go reads "\\x41" as "A"; the annotation lexer kept it as four characters, so the
// (false) ensures below was proved.
//@ ensures ret != "\\x41"
func a() string {
	return "A"
}
"""

LOOP_MUTEX_ALIAS = """package p

import "sync"

type C struct {
	mu1 *sync.Mutex //@ lock_inv acc(n1) && n1 <= 3
	n1  uint64
	mu2 *sync.Mutex //@ lock_inv acc(n2) && n2 <= 3
	n2  uint64
}

// With k > 0, m is mu2 and the read of n1 races with Bump (it may see 100); the loop head
// kept m's alias from before the loop, so this was proved.
//@ ensures ret <= 3
func (c *C) Get(k uint64) uint64 {
	m := c.mu1
	for i := uint64(0); i < k; i++ {
		m = c.mu2
	}
	m.Lock()
	v := c.n1
	m.Unlock()
	return v
}

func (c *C) Bump() {
	c.mu1.Lock()
	c.n1 = 100
	c.n1 = 0
	c.mu1.Unlock()
}
"""

FAMILY_OVER_MEMORY = """package p

import "sync"

type B struct {
	v uint64
}

type T struct {
	locks []*sync.Mutex //@ lock_inv(i) i < 2 ==> uint64(len(boxes)) == 2 && acc(boxes[i]) && boxes[i].v <= 3
	boxes []*B
}

//@ requires i < 2
//@ ensures ret <= 3
func (t *T) Get(i uint64) uint64 {
	t.locks[i].Lock()
	v := t.boxes[i].v
	t.locks[i].Unlock()
	return v
}

// The builder keeps writing the box lock 0 owns while Get(0) runs (Get may return 100);
// the family's invariant over memory was never established, so this was proved.
func New() *T {
	b0 := &B{v: 0}
	b1 := &B{v: 0}
	bs := []*B{b0, b1}
	ls := []*sync.Mutex{new(sync.Mutex), new(sync.Mutex)}
	t := &T{locks: ls, boxes: bs}
	go t.Get(0)
	b0.v = 100
	return t
}
"""

LOCKED_AS_FACT = """package p

import "sync"

type C struct {
	mu *sync.Mutex //@ lock_inv acc(n)
	n  uint64
}

// Neither function holds c.mu where it says so; both were proved (locked(l) outside a
// contract was dropped as if it were true).
func (c *C) A() {
	//@ assert locked(c.mu)
	c.mu.Lock()
	c.mu.Unlock()
}

func (c *C) B() {
	for i := uint64(0); i < 2; i++ {
		//@ invariant locked(c.mu)
		c.mu.Lock()
		c.mu.Unlock()
	}
}
"""


def _write(tmp: str, text: str) -> str:
    os.makedirs(tmp, exist_ok=True)
    with open(os.path.join(tmp, "p.go"), "w") as f:
        f.write(text)
    return tmp


def test_annotation_string_with_an_escape_is_unknown(tmp_path: object) -> None:
    results = {r.function: r for r in run(_write(str(tmp_path), ANNOTATION_ESCAPE))}
    assert results["a"].status is Status.UNKNOWN, results["a"]
    assert "backslash" in results["a"].error


def test_mutex_alias_reassigned_in_a_loop_is_unknown(tmp_path: object) -> None:
    results = {r.function: r for r in run(_write(str(tmp_path), LOOP_MUTEX_ALIAS))}
    assert results["C.Get"].status is Status.UNKNOWN, results["C.Get"]
    assert "cannot tell which lock m is" in results["C.Get"].error
    assert results["C.Bump"].status is Status.PROVED


def test_building_a_lock_family_over_memory_is_unknown(tmp_path: object) -> None:
    results = {r.function: r for r in run(_write(str(tmp_path), FAMILY_OVER_MEMORY))}
    assert results["New"].status is Status.UNKNOWN, results["New"]
    assert "lock family T.locks has an invariant over memory" in results["New"].error


def test_locked_outside_a_contract_is_unknown(tmp_path: object) -> None:
    results = {r.function: r for r in run(_write(str(tmp_path), LOCKED_AS_FACT))}
    for f in ("C.A", "C.B"):
        assert results[f].status is Status.UNKNOWN, results[f]
        assert "not a fact to assert" in results[f].error
