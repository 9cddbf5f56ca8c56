"""The default check phase after recovery: the reads twice, then each op that changes spec
state once (its first arguments), then the reads again. State that recovery rebuilds in
memory (a counter, a free set) is seen only by an op that changes something: a recovery
that rebuilds it wrong is found without an `after_crash` plan. After a crash that hit init
(which never finished setting up) only the reads run."""

from __future__ import annotations

from pathlib import Path

from armada_ls.explore import Bounds, explore_path
from armada_ls.explore.harness import build
from armada_ls.logic import annotate
from goose.frontend import load_package

TICKETS = """package p

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1
//@ spec T {
//@   state last: uint64
//@   op Next() uint64 { last = last + 1; return last }
//@   op Peek() uint64 { return last }
//@   crash { }
//@ }

type C struct {
	mu   *sync.Mutex
	last uint64
}

//@ recover
func Recover() *C {
	RECOVER
}

//@ implements T.Next
func (c *C) Next() uint64 {
	c.mu.Lock()
	c.last = c.last + 1
	b := make([]byte, disk.BlockSize)
	prims.UInt64Put(b, c.last)
	disk.Write(0, b)
	v := c.last
	c.mu.Unlock()
	return v
}

//@ implements T.Peek
func (c *C) Peek() uint64 {
	return prims.UInt64Get(disk.Read(0))
}
"""

GOOD = "return &C{mu: new(sync.Mutex), last: prims.UInt64Get(disk.Read(0))}"
BAD = "return &C{mu: new(sync.Mutex)}"  # forgets the last ticket: hands it out again


def run(tmp_path: Path, name: str, recover: str) -> object:
    d = tmp_path / name
    d.mkdir()
    (d / "p.go").write_text(TICKETS.replace("RECOVER", recover))
    return explore_path(str(d), Bounds(goroutines=1, ops=1, max_seconds=120))


def test_an_op_after_recovery_shows_memory_recovery_rebuilt_wrong(tmp_path: Path) -> None:
    assert run(tmp_path, "good", GOOD).status == "pass"  # type: ignore[attr-defined]
    res = run(tmp_path, "bad", BAD)
    assert res.status == "fail", res.messages  # type: ignore[attr-defined]
    assert "Next() by the check after recovery" in res.violation.message  # type: ignore[attr-defined]


def test_the_check_calls(tmp_path: Path) -> None:
    d = tmp_path / "calls"
    d.mkdir()
    (d / "p.go").write_text(TICKETS.replace("RECOVER", GOOD))
    loaded = load_package(str(d))
    ann, _ = annotate(loaded.package)
    h = build(loaded.package, ann, Bounds())
    assert h.check_calls == [("Peek", ()), ("Peek", ()), ("Next", ()), ("Peek", ())]
