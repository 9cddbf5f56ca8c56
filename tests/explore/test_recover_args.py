"""Recovery that takes parameters (Mailboat's `Init(users, durable)`) is called with the
explore block's `recover_args(..)`; `block(n, size)` is a byte slice of any length; a crash
step may reset a map field to the empty map."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from armada_ls.explore import Bounds, explore_path
from armada_ls.explore.harness import HarnessError, build
from armada_ls.logic import annotate
from goose.frontend import load_package

PROGRAMS = Path(__file__).parent.parent / "verify" / "programs"

SIZED = """package p

import (
	"sync"

	"armada/goose/machine/filesys"
)

//@ spec Note {
//@   state n: uint64
//@   op Put(b []byte) { n = len(b) }
//@   op Len() uint64 { return n }
//@   crash { n = 0 }
//@ }

//@ explore {
//@   goroutines 1; ops 2; crashes 0
//@   RECOVER
//@   domain []byte = {block(7, 3), block(9, 5000)}
//@ }

type S struct {
	mu  *sync.Mutex //@ lock_inv acc(n) && acc(Note.n) && n == Note.n
	n   uint64
	cap uint64
}

//@ recover
func Open(limit uint64) *S {
	filesys.Mkdir("d")
	return &S{mu: new(sync.Mutex), n: 0, cap: limit}
}

//@ implements Note.Put
func (s *S) Put(b []byte) {
	s.mu.Lock()
	if uint64(len(b)) > s.cap {
		s.n = 0 //@ linearize
	} else {
		s.n = uint64(len(b)) //@ linearize
	}
	s.mu.Unlock()
}

//@ implements Note.Len
func (s *S) Len() uint64 {
	s.mu.Lock()
	r := s.n //@ linearize
	s.mu.Unlock()
	return r
}
"""


def _dir(tmp_path: Path, recover: str) -> Path:
    d = tmp_path / "p"
    d.mkdir()
    (d / "p.go").write_text(SIZED.replace("RECOVER", recover))
    return d


def _build(d: Path) -> None:
    loaded = load_package(str(d))
    assert loaded.package is not None
    ann, diags = annotate(loaded.package)
    assert not [x for x in diags if x.category == "error"], [x.format() for x in diags]
    build(loaded.package, ann, Bounds())


def test_recovery_gets_the_explore_blocks_arguments(tmp_path: Path) -> None:
    # Put of a block longer than the limit stores 0, which the spec does not allow: found
    # only when recovery really got 4096 as its limit and the 5000-byte block is 5000 long
    r = explore_path(str(_dir(tmp_path, "recover_args(4096)")), Bounds(max_seconds=120))
    assert r.status == "fail" and r.violation is not None, r


def test_with_a_limit_above_every_block_there_is_no_violation(tmp_path: Path) -> None:
    r = explore_path(str(_dir(tmp_path, "recover_args(10000)")), Bounds(max_seconds=120))
    assert r.status == "pass", (r.status, r.messages)


def test_recovery_with_parameters_needs_recover_args(tmp_path: Path) -> None:
    with pytest.raises(HarnessError, match="takes 1 argument"):
        _build(_dir(tmp_path, "goroutines 1"))


def test_recover_args_of_the_wrong_arity_are_refused(tmp_path: Path) -> None:
    with pytest.raises(HarnessError, match="recover_args gives 2"):
        _build(_dir(tmp_path, "recover_args(1, 2)"))


def test_a_crash_step_that_empties_a_map_is_explored(tmp_path: Path) -> None:
    ok = tmp_path / "ok"
    shutil.copytree(PROGRAMS / "spec_boxes_loop", ok)
    r = explore_path(str(ok), Bounds(max_seconds=120))
    assert r.status == "pass", (r.status, r.messages)
    bad = tmp_path / "bad"
    shutil.copytree(PROGRAMS / "spec_boxes_loop_keeps_mail", bad)
    r = explore_path(str(bad), Bounds(max_seconds=120))
    assert r.status == "fail", (r.status, r.messages)
