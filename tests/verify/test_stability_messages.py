"""A lock invariant's stability obligation (it still holds when the lock is taken) names what
other threads may change while the lock is free, whose steps those are, and what protects
it: a lease for a disk block, acc(..) for spec state or an op's tokens, nothing for a disk's
failure flag."""

from __future__ import annotations

import os
from pathlib import Path

from armada_ls.verify.result import Status
from tests.verify.expect import run

PROGRAMS = Path(__file__).resolve().parent / "programs"

HEAD = """package p

import (
	"sync"

	"armada/goose/machine/disk"
)

//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { val = b }
//@   crash { }
//@ }
"""

BODY = """
//@ implements Reg.Put
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}
"""


def stability(directory: str) -> list[tuple[Status, str]]:
    return [(o.status, o.message) for r in run(directory) for o in r.obligations
            if o.kind == "lock-inv" and "when the lock is taken" in o.message]


def write(tmp_path: Path, name: str, text: str) -> str:
    d = tmp_path / name
    d.mkdir()
    (d / "p.go").write_text(text)
    return str(d)


def test_an_unleased_block_is_named_with_its_fix() -> None:
    [(status, msg)] = stability(os.path.join(PROGRAMS, "lock_inv_unstable"))
    assert status is Status.FAILED
    assert "the disk block disk.D[1]" in msg and "other threads' writes" in msg
    assert "lease(disk.D[..])" in msg and "disk.D[0]" not in msg.split("change")[1]


def test_unowned_spec_state_is_named_with_its_fix() -> None:
    [(status, msg)] = stability(os.path.join(PROGRAMS, "ownspec_not_owned"))
    assert status is Status.FAILED
    assert "the spec state Reg.val" in msg and "linearize" in msg and "acc(Reg.val)" in msg
    assert "hold this lock" in msg


def test_owned_and_leased_parts_are_not_named(tmp_path: Path) -> None:
    d = write(tmp_path, "owned", HEAD + """
//@ crash_inv Reg.val == disk.D[0]

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && acc(Reg.val) && Reg.val == disk.D[0]
}
""" + BODY)
    [(status, msg)] = stability(d)
    assert status is Status.PROVED
    assert "nothing it relies on changes while the lock is free" in msg


def test_pending_ops_not_owned_are_named(tmp_path: Path) -> None:
    d = write(tmp_path, "tokens", HEAD + """
//@ crash_inv Reg.val == disk.D[0] || helping(Reg.Put(disk.D[0]))

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0]) && !helping(Reg.Put(disk.D[0]))
}
""" + BODY)
    msgs = [m for _, m in stability(d)]
    assert any("the pending ops helping(Reg.Put(disk.D[0]))" in m and "acc(helping(Reg.Put(..)))" in m
               for m in msgs), msgs
