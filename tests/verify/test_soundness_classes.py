"""The soundness audit's classes that are not a failing line: constructs the verifier must
leave UNKNOWN (never proved), and warnings that do not fail a proof but must be shown."""

from __future__ import annotations

import os

from armada_ls.verify.result import Status
from tests.verify.expect import run

HEADER = """package p

import (
	"armada/goose/machine/disk"
	"sync"
)

//@ disk_size 4
//@ spec Reg {
//@   state val: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; val = b }
//@   crash { }
//@ }

//@ crash_inv Reg.val == disk.D[0]

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ recover
func Recover() *Store {
	return &Store{mu: new(sync.Mutex)}
}
"""

HELPER_UNLOCK = HEADER + """
func release(m *sync.Mutex) {
	m.Unlock()
}

// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	release(s.mu)
	disk.Write(0, b) //@ linearize
}
"""

DURABLE = HEADER.replace("//@ crash_inv Reg.val == disk.D[0]",
                         "//@ crash_inv Reg.val == disk.D[0] && durable(disk.D[0])") + """
// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}
"""

STRONGER = HEADER + """
// @ implements Reg.Put
// @ requires len(b) == disk.BlockSize && b != Reg.val
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}
"""

SPEC_STATES_IT = STRONGER.replace("{ require len(b) == disk.BlockSize; val = b }",
                                  "{ require len(b) == disk.BlockSize && b != val; val = b }")


def _write(tmp: object, text: str) -> str:
    d = os.path.join(str(tmp), "p")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "p.go"), "w") as f:
        f.write(text)
    return d


def test_unlock_inside_a_helper_is_not_verified(tmp_path: object) -> None:
    # release(s.mu) unlocks a mutex the helper cannot trace to a lock family: skipping that
    # Unlock would keep the caller's lease after the lock is released.
    results = {r.function: r for r in run(_write(tmp_path, HELPER_UNLOCK))}
    assert results["release"].status is not Status.PROVED
    assert "cannot tell which lock" in results["release"].error


def test_durable_is_unknown_until_host_crashes_are_modelled(tmp_path: object) -> None:
    results = run(_write(tmp_path, DURABLE))
    assert all(r.status is not Status.PROVED for r in results if r.function in ("Store.Put", "Recover"))
    assert any("durable(...)" in r.error for r in results)


def test_precondition_stronger_than_the_spec_op_is_a_warning(tmp_path: object) -> None:
    results = run(_write(tmp_path, STRONGER))
    warned = [o for r in results for o in r.obligations
              if o.kind == "vacuous" and o.status is Status.FAILED]
    assert warned and all(o.severity == "warning" for o in warned)
    assert "restricts calls" in warned[0].message
    put = next(r for r in results if r.function == "Store.Put")
    assert put.status is Status.PROVED  # a warning does not fail the proof


def test_precondition_the_spec_states_is_not_warned(tmp_path: object) -> None:
    results = run(_write(tmp_path, SPEC_STATES_IT))
    assert not [o for r in results for o in r.obligations if o.kind == "vacuous"
                and o.status is not Status.PROVED]
