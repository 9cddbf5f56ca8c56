"""A pointer to a struct with locks that memory holds is trusted to be built (only `new` and
`&T{..}` make one, and they check its locks): taking the address of a local struct with
locks would make one that was never checked, so it is not supported."""

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
