"""What the verifier cannot decide is UNKNOWN, with the reason, and never PROVED: an
unsupported construct, or a solver timeout."""

from __future__ import annotations

import os

from armada_ls.verify.result import Status
from tests.verify.expect import run

UNSUPPORTED = """package p

import "sync"

type Q struct {
	mu   *sync.Mutex
	cond *sync.Cond
}

func (q *Q) Wait() {
	q.mu.Lock()
	q.cond.Wait()
	q.mu.Unlock()
}

func first(mu *sync.Mutex) {
	mu.Lock()
	mu.Unlock()
}
"""

HARD = """package p

// Fermat's last theorem for n = 3 (bounded so that nothing wraps): true, and far beyond
// the solver in a few milliseconds.
//@ requires a > 0 && b > 0 && c > 0 && a < 1000000 && b < 1000000 && c < 1000000
//@ ensures ret
func fermat(a uint64, b uint64, c uint64) bool {
	return a*a*a+b*b*b != c*c*c
}
"""


def _write(tmp: str, text: str) -> str:
    os.makedirs(tmp, exist_ok=True)
    with open(os.path.join(tmp, "p.go"), "w") as f:
        f.write(text)
    return tmp


def test_unsupported_constructs_are_unknown_with_their_name(tmp_path: object) -> None:
    results = {r.function: r for r in run(_write(str(tmp_path), UNSUPPORTED))}
    assert results["Q.Wait"].status is Status.UNKNOWN
    assert "sync.Cond" in results["Q.Wait"].error
    assert results["first"].status is Status.UNKNOWN
    assert "cannot tell which lock mu is" in results["first"].error


def test_solver_timeout_is_unknown(tmp_path: object) -> None:
    results = run(_write(str(tmp_path), HARD), timeout_ms=30)
    (r,) = results
    assert r.status is Status.UNKNOWN
    assert any(o.status is Status.UNKNOWN and "timeout" in o.reason for o in r.obligations)


BROKEN = """package p

//@ spec S {
//@   state x: uint64
//@   op Get() uint64 { return x }
//@   crash { }
//@ }

// The crash invariant has a syntax error: without it everything would "verify".
//@ crash_inv S.x == ==

//@ implements S.Get
func Get() uint64 {
	return 0 //@ linearize
}
"""


def test_annotation_errors_leave_everything_unverified(tmp_path: object) -> None:
    from armada_ls.verify.api import verify_package
    from armada_ls.verify.load import load

    loaded = load(_write(str(tmp_path), BROKEN))
    assert loaded.package is not None and loaded.annotations is not None
    assert loaded.annotations.errors
    results = verify_package(loaded.package, loaded.annotations, 2000)
    assert results and all(r.status is Status.UNKNOWN and "annotations" in r.error for r in results)


PARTIAL_ACC = """package p

import "sync"

const N uint64 = 4

type T struct {
	mu   *sync.Mutex //@ lock_inv free != nil && (forall k uint64 :: k < N ==> acc(free[k]))
	free map[uint64]bool
	vals []uint64
	vu   *sync.Mutex //@ lock_inv forall i uint64 :: i < N ==> acc(vals[i])
}

//@ ensures true
func (t *T) Take(k uint64) bool {
	t.mu.Lock()
	v := t.free[k]
	t.mu.Unlock()
	return v
}

//@ ensures true
func (t *T) First() uint64 {
	t.vu.Lock()
	v := t.vals[0]
	t.vu.Unlock()
	return v
}
"""


def test_ownership_of_part_of_a_map_or_slice_is_unknown_not_approximated(tmp_path: object) -> None:
    # the heap model owns a map's entries or a slice's elements all together: a guarded
    # quantified acc would be read as more than it grants, so it is unknown, with the form to use
    results = {r.function: r for r in run(_write(str(tmp_path), PARTIAL_ACC))}
    take, first = results["T.Take"], results["T.First"]
    assert take.status is Status.UNKNOWN and "a map's keys are owned all together" in take.error
    assert first.status is Status.UNKNOWN and "i < len(vals) ==> acc(vals[i])" in first.error


GO_LENDS_FIELD = """package p

import "armada/goose/machine/filesys"

type W struct {
	f filesys.File
}

//@ init
func Init() {
	filesys.Mkdir("d")
}

//@ requires w != nil && acc(w.f) && filesys.Open[w.f]
//@ ensures acc(w.f)
func closer(w *W) {
	filesys.Close(w.f)
}

//@ requires true
func Two() {
	f, ok := filesys.Create("d", "x")
	if !ok {
		return
	}
	w := &W{f: f}
	go closer(w)
	filesys.Close(f)
}
"""


def test_a_goroutine_lent_a_descriptor_in_a_field_is_unknown(tmp_path: object) -> None:
    """Both threads would hold the descriptor (Two closes it while closer does)."""
    results = {r.function: r for r in run(_write(str(tmp_path), GO_LENDS_FIELD))}
    assert results["Two"].status is Status.UNKNOWN
    assert "lending a descriptor to a goroutine" in results["Two"].error


DURABLE_SEALED = """package p

import "armada/goose/machine/filesys"

//@ crash_model host
//@ crash_inv true

//@ init
func Init() {
	filesys.Mkdir("d")
}

//@ requires filesys.Sealed["d"]["x"]
//@ ensures durable(filesys.Sealed["d"]["x"])
func Seal() {
}
"""


def test_durable_of_a_sealed_view_is_unknown(tmp_path: object) -> None:
    """Sealed is no durable location (a crash seals every file): `durable(..)` of it is not
    modelled, never approximated."""
    results = {r.function: r for r in run(_write(str(tmp_path), DURABLE_SEALED))}
    assert results["Seal"].status is Status.UNKNOWN
    assert "durable(...)" in results["Seal"].error


RESULT_DESCRIPTOR = """package p

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ init
func Init() {
	filesys.Mkdir("d")
}

//@ ensures filesys.Open[ret1]
func fresh() (string, filesys.File) {
	for {
		name := prims.UInt64ToString(prims.RandomUint64())
		f, ok := filesys.Create("d", name)
		if ok {
			return name, f
		}
	}
}

func Put() {
	_, f := fresh()
	filesys.Close(f)
}
"""


def test_a_descriptor_handed_out_as_a_result_is_unknown(tmp_path: object) -> None:
    """`ensures filesys.Open[ret1]` hands out nothing the verifier follows: the function and
    its caller are unknown saying so, not an fd-leak or a proof."""
    results = {r.function: r for r in run(_write(str(tmp_path), RESULT_DESCRIPTOR))}
    for name in ("fresh", "Put"):
        assert results[name].status is Status.UNKNOWN, (name, results[name])
        assert "handed out as a result itself" in results[name].error
