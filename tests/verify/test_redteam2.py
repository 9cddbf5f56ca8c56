"""Second red team: programs the verifier proved and Go (or the explorer) breaks. Each
must-fail program under tests/verify/programs/redteam2_* has a twin that verifies; holes
that end in UNKNOWN (a construct the verifier cannot read faithfully) are inline here."""

from __future__ import annotations

import os

import pytest

from armada_ls.verify.result import Status
from tests.verify.expect import check, run

HERE = os.path.dirname(__file__)


@pytest.mark.parametrize("name", [
    "redteam2_call_forgets", "redteam2_call_forgets_ok",  # unowned memory across a call
    "redteam2_lockinv_unowned", "redteam2_lockinv_unowned_ok",  # lock invariant facts, unowned memory
    "redteam2_lockinv_lease_unowned", "redteam2_lockinv_lease_unowned_ok",  # its lease set, too
    "redteam2_callee_steps", "redteam2_callee_steps_recover",  # spec state a callee stepped
    "redteam2_callee_steps_ok",
    "redteam2_callee_lends_spec", "redteam2_callee_lends_spec_ok",  # spec state lent, taken back
    "redteam2_range_key_ok",  # a range loop's invariant names its key (the iteration count)
])
def test_program(name: str) -> None:
    check(os.path.join(HERE, "programs", name))


MAP_RANGE_KEY = """package p

// A map range has no iteration count: its key is not visible to the invariant.
//@ requires acc(m)
//@ ensures acc(m)
func keys(m map[uint64]uint64) uint64 {
	n := uint64(0)
	for k := range m {
		//@ invariant n <= k
		n = n + 0
	}
	return n
}
"""


def test_a_map_range_key_in_an_invariant_is_unknown(tmp_path: object) -> None:
    d = str(tmp_path)
    with open(os.path.join(d, "p.go"), "w") as f:
        f.write(MAP_RANGE_KEY)
    results = {r.function: r for r in run(d)}
    assert results["keys"].status is Status.UNKNOWN, results["keys"]
    assert "unknown name 'k'" in results["keys"].error
