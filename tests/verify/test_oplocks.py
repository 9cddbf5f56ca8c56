"""Ops that hand a held lock to their client (`ensures locked(l)`) or take one it holds
(`requires locked(l)`): the client holds it between the two, so the op that takes it
receives it as Lock would; recovery and init have no client (not verified); an op that
locks its client's lock again deadlocks. The programs oplock_* are the shapes (a counter,
a lock family, a mailbox) with their seeded bugs."""

from __future__ import annotations

from pathlib import Path

from tests.verify.expect import run

COUNTER = """package relock

import "sync"

//@ spec Ctr {
//@   state n: uint64
//@   op Acquire() { }
//@   op Add() { if n < 9 { n = n + 1 } }
//@   crash { }
//@ }

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && acc(Ctr.n) && n == Ctr.n
	n  uint64
}

//@ init
func Init() *Counter {
	return &Counter{mu: new(sync.Mutex), n: 0}
}

//@ implements Ctr.Acquire
//@ ensures locked(c.mu)
func (c *Counter) Acquire() {
	c.mu.Lock() //@ linearize
}

//@ implements Ctr.Add
//@ requires locked(c.mu)
//@ ensures locked(c.mu)
func (c *Counter) Add() {
	ADD
}
"""


def _verify(tmp_path: Path, name: str, src: str):  # noqa: ANN202
    d = tmp_path / name
    d.mkdir()
    (d / "c.go").write_text(src)
    return {r.function: r for r in run(str(d))}


def test_an_op_on_its_clients_lock_reads_what_the_lock_owns(tmp_path: Path) -> None:
    add = "if c.n < 9 {\n\t\tc.n = c.n + 1 //@ linearize\n\t} else {\n\t\t_ = c.n //@ linearize\n\t}"
    res = _verify(tmp_path, "ok", COUNTER.replace("ADD", add))
    assert all(r.status.value == "proved" and not r.error for r in res.values()), \
        {k: (r.status, r.error) for k, r in res.items()}


def test_an_op_that_locks_its_clients_lock_again_deadlocks(tmp_path: Path) -> None:
    add = "c.mu.Lock()\n\t_ = c.n //@ linearize\n\tc.mu.Unlock()"
    res = _verify(tmp_path, "relock", COUNTER.replace("ADD", add))
    bad = [o for o in res["Counter.Add"].obligations if o.status.value != "proved"]
    assert [o.kind for o in bad][:1] == ["deadlock"], [(o.kind, o.message) for o in bad]
    assert bad[0].span.start.line == COUNTER.splitlines().index("\tADD")  # 0-based: the Lock


def test_recovery_cannot_return_holding_a_lock(tmp_path: Path) -> None:
    src = COUNTER.replace("ADD", "_ = c.n //@ linearize").replace(
        "//@ init\nfunc Init() *Counter {\n\treturn &Counter{mu: new(sync.Mutex), n: 0}\n}",
        "//@ recover\n//@ ensures locked(ret.mu)\nfunc Recover() *Counter {\n"
        "\tc := &Counter{mu: new(sync.Mutex), n: 0}\n\tc.mu.Lock()\n\treturn c\n}")
    res = _verify(tmp_path, "rec", src)
    r = res["Recover"]
    assert r.error.startswith("not verified") and "no client" in r.error, (r.status, r.error)
