"""Ghost and recursive functions in the verifier: what it cannot decide because a recursive
function was unfolded only so far is UNKNOWN with that reason (never FAILED as if the program
were wrong, never PROVED); a recursive ghost function whose termination is not proved is not
unfolded; ghost functions work in assertions and call pure Go functions."""

from __future__ import annotations

import os

from armada_ls.verify.result import Status
from tests.verify.expect import run

SUM = """package p

//@ ghost func sum(b []byte, n uint64) uint64 {
//@   decreases n
//@   return n == 0 ? 0 : sum(b, n-1) + uint64(b[n-1])
//@ }
"""

# 255 * i may pass 2^64, so the code's sum may wrap where the ghost's does not: the loop
# invariant is not preserved, but seeing it needs sum(b, i) for a symbolic i beyond the fuel
WRAPS = SUM + """
//@ requires n <= uint64(len(b))
//@ ensures ret == sum(b, n)
func total(b []byte, n uint64) uint64 {
	var s uint64
	//@ invariant i <= n && s == sum(b, i) && s <= 255 * i
	for i := uint64(0); i < n; i++ {
		s = s + uint64(b[i])
	}
	return s
}
"""

# a fact beyond the unfolding: sum(b, n) <= 255 * n needs induction
INDUCTION = SUM + """
//@ requires n <= uint64(len(b))
//@ ensures ret <= 255 * n
func bound(b []byte, n uint64) uint64 {
	//@ assert sum(b, n) <= 255 * n
	return sum0(b, n)
}

//@ requires n <= uint64(len(b))
//@ ensures ret == 0
func sum0(b []byte, n uint64) uint64 {
	return 0
}
"""

NOT_TERMINATING = """package p

//@ ghost func f(n uint64) uint64 {
//@   decreases n
//@   return n == 0 ? 0 : f(n) + 1
//@ }

//@ ensures f(x) == f(x)
func g(x uint64) uint64 {
	return x
}
"""

CONSTANT = SUM + """
import "armada/goose/machine/prims"

//@ pure
//@ requires len(b) >= 16
func head(b []byte) uint64 {
	return prims.UInt64Get(b[8:16])
}

//@ ghost func checked(b []byte) bool { return head(b) == sum(b, 3) }

//@ ensures checked(ret)
func build(x byte) []byte {
	b := make([]byte, 16)
	b[0] = x
	b[1] = x
	b[2] = x
	b[3] = x
	//@ assert sum(b, 3) == 3 * uint64(x) && sum(b, 4) == 4 * uint64(x)
	prims.UInt64Put(b[8:], 3*uint64(x))
	//@ assert checked(b)
	return b
}
"""


def _write(tmp: str, text: str) -> str:
    os.makedirs(tmp, exist_ok=True)
    if "import" in text and not text.split("\n", 2)[1].startswith("import"):
        head, rest = text.split("\n", 1)
        imp = [ln for ln in rest.splitlines() if ln.startswith("import ")]
        rest = "\n".join(ln for ln in rest.splitlines() if not ln.startswith("import "))
        text = head + "\n\n" + "\n".join(imp) + "\n" + rest
    with open(os.path.join(tmp, "p.go"), "w") as f:
        f.write(text)
    return tmp


def _obligations(tmp: object, text: str) -> list:
    return [o for r in run(_write(str(tmp), text)) for o in r.obligations]


def test_a_counterexample_beyond_the_unfolding_is_unknown(tmp_path: object) -> None:
    obs = _obligations(tmp_path, WRAPS)
    bad = [o for o in obs if o.status is not Status.PROVED]
    assert bad and all(o.status is Status.UNKNOWN for o in bad), [(o.kind, o.status) for o in obs]
    assert any("recursive function sum" in o.reason for o in bad)


def test_induction_beyond_the_unfolding_is_unknown_not_proved(tmp_path: object) -> None:
    obs = _obligations(tmp_path, INDUCTION)
    asserted = [o for o in obs if o.kind == "assert"]
    assert asserted and asserted[0].status is Status.UNKNOWN, [(o.kind, o.status, o.reason) for o in obs]


def test_a_ghost_function_that_may_not_terminate_is_not_unfolded(tmp_path: object) -> None:
    results = run(_write(str(tmp_path), NOT_TERMINATING))
    obs = [o for r in results for o in r.obligations]
    assert any(o.kind == "decreases" and o.status is Status.FAILED for o in obs)
    g = next(r for r in results if r.function == "g")
    assert g.status is not Status.PROVED and "termination is not proved" in g.error


def test_constant_arguments_unfold_to_the_end(tmp_path: object) -> None:
    results = run(_write(str(tmp_path), CONSTANT))
    assert all(r.status is Status.PROVED and not r.error for r in results), [
        (r.function, r.error, [(o.kind, o.status.value, o.reason) for o in r.obligations if o.status is not Status.PROVED])
        for r in results]
