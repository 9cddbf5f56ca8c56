"""Spec lists in the verifier: a failing obligation's counterexample shows a list as its
elements, and a list is a value (reading a Go slice into one keeps what the slice held
then). The programs themselves are speclist_* under programs/ (test_programs)."""

from __future__ import annotations

import os
import re

from armada_ls.verify.result import Status
from tests.verify.expect import run

PROGRAMS = os.path.join(os.path.dirname(__file__), "programs")


def test_counterexample_shows_a_list_by_its_elements() -> None:
    results = run(os.path.join(PROGRAMS, "speclist_queue_no_advance"))
    failed = [o for r in results for o in r.obligations if o.status is Status.FAILED]
    assert failed and all(o.counterexample is not None for o in failed)
    shown = failed[0].counterexample.spec.get("Queue.q", "")  # type: ignore[union-attr]
    assert re.fullmatch(r"\[(-?\d+(, -?\d+)*)?\]", shown), shown


SNAPSHOT = """package snap

import "sync"

//@ spec S {
//@   state l: []uint64
//@   op Get() []uint64 { return l }
//@   crash { }
//@ }

type S struct {
	mu *sync.Mutex //@ lock_inv acc(xs) && acc(S.l) && (forall i uint64 :: i < len(xs) ==> acc(xs[i])) && xs == S.l
	xs []uint64
}

//@ implements S.Get
func (s *S) Get() []uint64 {
	s.mu.Lock()
	out := make([]uint64, len(s.xs))
	copy(out, s.xs)
	_ = out //@ linearize
	WRITE
	s.mu.Unlock()
	return out
}
"""


def _verify(tmp_path: object, src: str) -> list[Status]:
    (tmp_path / "go.mod").write_text("module snap\n\ngo 1.21\n")  # type: ignore[operator]
    (tmp_path / "snap.go").write_text(src)  # type: ignore[operator]
    return [o.status for r in run(str(tmp_path)) for o in r.obligations if o.kind == "result"]


def test_a_list_read_from_a_slice_does_not_change_with_it(tmp_path: object) -> None:
    # The spec's result is the list at the linearization point; the copy handed back is
    # changed after it, so what Get returns is no longer what the spec returned.
    assert _verify(tmp_path, SNAPSHOT.replace("WRITE", "_ = 0")) == [Status.PROVED]
    statuses = _verify(tmp_path, SNAPSHOT.replace(
        "WRITE", "if len(out) > 0 {\n\t\tout[0] = out[0] + 1\n\t}"))
    assert Status.FAILED in statuses, statuses


def test_a_list_of_lists_is_unknown_with_its_reason(tmp_path: object) -> None:
    (tmp_path / "go.mod").write_text("module lol\n\ngo 1.21\n")  # type: ignore[operator]
    (tmp_path / "lol.go").write_text(  # type: ignore[operator]
        "package lol\n\n//@ spec S {\n//@   state l: [][]uint64\n"
        "//@   op Get() uint64 { return len(l) }\n//@   crash { }\n//@ }\n\n"
        "//@ implements S.Get\nfunc Get() uint64 {\n\treturn 0 //@ linearize\n}\n")
    (r,) = run(str(tmp_path))
    assert r.status is Status.UNKNOWN and "a list of []uint64" in r.error, (r.status, r.error)
