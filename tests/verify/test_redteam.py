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
