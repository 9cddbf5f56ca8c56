"""A failing `decreases` names its measure and the parts of it the loop changes that an
iteration may leave as they were (issue 14: the paper's Pickup loop that stops advancing
its offset), and blames none when the measure changes the wrong way."""

from __future__ import annotations

import os

from armada_ls.verify.result import Status
from tests.verify.expect import run

PROGRAMS = os.path.join(os.path.dirname(__file__), "programs")


def _decreases(name: str) -> list[str]:
    return [o.message for r in run(os.path.join(PROGRAMS, name)) for o in r.obligations
            if o.kind == "decreases" and o.status is Status.FAILED]


def test_a_stuck_offset_is_named() -> None:
    msgs = _decreases("progress_chunk_decreases_bug")
    assert any("size - off decreases" in m and "(off may end the iteration unchanged)" in m
               for m in msgs), msgs


def test_a_measure_that_grows_blames_no_variable() -> None:
    msgs = _decreases("loop_decreases_fail")
    assert msgs and all("unchanged" not in m for m in msgs), msgs
