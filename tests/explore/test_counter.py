"""The explorer on the durable counter: real byte contents on disk (prims.UInt64Get/Put),
the correct code passes, and every seeded bug is found with its package's own bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import explore_path

ROOT = Path(__file__).resolve().parents[2] / "proofs" / "counter"
BUGS = sorted(p.name for p in (ROOT / "bugs").iterdir() if p.is_dir())


def test_correct_counter_passes() -> None:
    res = explore_path(str(ROOT))
    assert res.status == "pass", (res.status, res.messages)


@pytest.mark.parametrize("bug", BUGS)
def test_seeded_bug_is_found(bug: str) -> None:
    res = explore_path(str(ROOT / "bugs" / bug))
    assert res.status == "fail" and res.violation is not None, (bug, res.status, res.messages)
