"""The explorer on proofs/alloc (an in-memory free set under a lock, rebuilt by recovery
from the headers on disk, blocks lent to the ops that write them): the correct code passes
within its explore block's plans, and every seeded bug is found (each changes behaviour)."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import explore_path

PKG = Path(__file__).resolve().parents[2] / "proofs" / "alloc"
BUGS = sorted(b.name for b in (PKG / "testdata" / "bugs").iterdir() if b.is_dir())


def test_correct_code_passes() -> None:
    res = explore_path(str(PKG))
    assert res.status == "pass", (res.status, res.messages)


@pytest.mark.parametrize("bug", BUGS)
def test_seeded_bug_is_found(bug: str) -> None:
    res = explore_path(str(PKG / "testdata" / "bugs" / bug))
    assert res.status == "fail" and res.violation is not None, (bug, res.status, res.messages)
