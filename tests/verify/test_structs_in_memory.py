"""A pointer to a struct with locks or invariants that memory holds is trusted to be built
(only `new` and `&T{..}` make one, and they check its locks and invariants): taking the
address of a local such struct would make one that was never checked, so it is not
supported; and a struct invariant must read only memory nothing changes after the build."""

from __future__ import annotations

from pathlib import Path

from tests.verify.expect import run

LOCAL = """package addrlocal

import "sync"

type shard struct {
	mu *sync.Mutex //@ lock_inv acc(n)
	n  uint64
}

func Bad() {
	x := shard{mu: nil, n: 0}
	p := &x
	q := p
	q.mu.Lock()
	q.n = 1
	q.mu.Unlock()
}
"""


def test_the_address_of_a_local_struct_with_locks_is_not_trusted(tmp_path: Path) -> None:
    d = tmp_path / "addrlocal"
    d.mkdir()
    (d / "a.go").write_text(LOCAL)
    (res,) = run(str(d))
    assert res.error.startswith("not verified") and "&x" in res.error, res.error


UNSTABLE = """package unstable

type Cfg struct {
	n    uint64 //@ invariant n < 10
	vals []uint64 //@ invariant uint64(len(vals)) == 2 && vals[0] == 1
}

func New() *Cfg {
	v := make([]uint64, 2)
	v[0] = 1
	return &Cfg{n: 1, vals: v}
}

func (c *Cfg) Bump() {
	c.n = 20
}

func (c *Cfg) Poke() {
	c.vals[0] = 5
}

//@ ensures ret < 10
func (c *Cfg) Get() uint64 {
	return c.n
}
"""


def test_a_struct_invariant_over_memory_that_changes_is_not_trusted(tmp_path: Path) -> None:
    d = tmp_path / "unstable"
    d.mkdir()
    (d / "a.go").write_text(UNSTABLE)
    results = {r.function.split(".")[-1]: r for r in run(str(d))}
    # n is assigned (Bump) and vals written through the field (Poke): neither is frozen
    for name in ("New", "Get"):
        assert results[name].error.startswith("not verified"), results[name]
        assert "may change after the struct is built" in results[name].error


ADDR = """package addrinv

type Cfg struct {
	n uint64 //@ invariant n < 10
}

//@ ensures ret < 10
func Get() uint64 {
	c := Cfg{n: 50}
	p := &c
	return p.n
}
"""


def test_the_address_of_a_local_struct_with_an_invariant_is_not_trusted(tmp_path: Path) -> None:
    d = tmp_path / "addrinv"
    d.mkdir()
    (d / "a.go").write_text(ADDR)
    (res,) = run(str(d))
    assert res.error.startswith("not verified") and "&c" in res.error, res.error
