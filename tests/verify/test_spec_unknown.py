"""Spec values the verifier does not model are UNKNOWN with the reason, never PROVED: `len`
and `has` of a spec map that is not a state field (its keys are not tracked), and a struct
value with a field the logic has no value for."""

from __future__ import annotations

import os

import pytest

from armada_ls.verify.result import Status
from tests.verify.expect import run

HEAD = """package p

import "sync"

type C struct {
	mu *sync.Mutex
}

//@ recover
func Recover() *C {
	return &C{mu: new(sync.Mutex)}
}
"""

CASES = {
    "len_of_chosen_map": ("""
//@ spec S {
//@   state n: uint64
//@   op A() uint64 { choose m map[uint64]bool; n = len(m); return 0 }
//@   crash { }
//@ }

//@ implements S.A
func (c *C) A() uint64 {
	c.mu.Lock() //@ linearize
	c.mu.Unlock()
	return 0
}
""", "C.A", "are not tracked"),
    "has_of_inner_map": ("""
//@ spec S {
//@   state mm: map[uint64]map[uint64]bool
//@   op A() bool { return has(mm[1], 2) }
//@   crash { }
//@ }

//@ implements S.A
func (c *C) A() bool {
	c.mu.Lock() //@ linearize
	c.mu.Unlock()
	return false
}
""", "C.A", "are not tracked"),
    "struct_with_pointer_field": ("""
type P struct {
	p *C
	n uint64
}

//@ spec S {
//@   state x: P
//@   op A() uint64 { return x.n }
//@   crash { }
//@ }

//@ implements S.A
func (c *C) A() uint64 {
	c.mu.Lock() //@ linearize
	c.mu.Unlock()
	return 0
}
""", "C.A", "field P.p of type *C"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unmodelled_spec_values_are_unknown(name: str, tmp_path: object) -> None:
    body, fn, reason = CASES[name]
    d = str(tmp_path)
    with open(os.path.join(d, "p.go"), "w") as f:
        f.write(HEAD + body)
    results = {r.function: r for r in run(d)}
    r = results[fn]
    assert r.status is Status.UNKNOWN, (r.status, r.error)
    assert reason in r.error, r.error
