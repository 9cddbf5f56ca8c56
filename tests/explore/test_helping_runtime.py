"""The explorer on the run-time helping programs (tests/verify/programs/helprt_*): the ones
the verifier proves pass (a flusher that recovery starts and that loops for ever, a combiner,
an owner that takes the step itself when no helper did), and an owner returning before its
op was done is found. The other must-fail ones are wrong annotations, not wrong code (a
second complete, an unowned token, a linearize after the flusher's step writes the same
block again): the verifier alone rejects them."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import Bounds, explore_path

PROGRAMS = Path(__file__).resolve().parents[1] / "verify" / "programs"
BOUNDS = Bounds(goroutines=2, ops=1, crashes=1, max_seconds=120)


@pytest.mark.parametrize("name", ["helprt_flusher", "helprt_combiner", "helprt_self_or_helper"])
def test_verified_helping_passes(name: str) -> None:
    res = explore_path(str(PROGRAMS / name), BOUNDS)
    assert res.status == "pass", (res.status, res.messages)


def test_returning_before_the_flush_is_found() -> None:
    res = explore_path(str(PROGRAMS / "helprt_return_early"), BOUNDS)
    assert res.status == "fail" and res.violation is not None and res.violation.kind == "refinement"
