"""Second red team: programs the verifier proved and Go (or the explorer) breaks. Each
must-fail program under tests/verify/programs/redteam2_* has a twin that verifies; holes
that end in UNKNOWN (a construct the verifier cannot read faithfully) are inline here."""

from __future__ import annotations

import os

import pytest

from tests.verify.expect import check

HERE = os.path.dirname(__file__)


@pytest.mark.parametrize("name", [
    "redteam2_call_forgets", "redteam2_call_forgets_ok",  # unowned memory across a call
    "redteam2_lockinv_unowned", "redteam2_lockinv_unowned_ok",  # lock invariant facts, unowned memory
    "redteam2_callee_steps", "redteam2_callee_steps_recover",  # spec state a callee stepped
    "redteam2_callee_steps_ok",
])
def test_program(name: str) -> None:
    check(os.path.join(HERE, "programs", name))

