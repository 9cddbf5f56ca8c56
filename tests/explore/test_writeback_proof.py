"""The explorer on proofs/writeback (a write-back cache whose flusher, a goroutine init and
recovery start, takes buffered writes' spec steps for their owners): the correct code passes,
init and the flusher included, and every seeded bug is found (each changes behaviour)."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import explore_path

PKG = Path(__file__).resolve().parents[2] / "proofs" / "writeback"
BUGS = sorted(b.name for b in (PKG / "testdata" / "bugs").iterdir() if b.is_dir())


def test_correct_code_passes() -> None:
    res = explore_path(str(PKG))
    assert res.status == "pass", (res.status, res.messages)


@pytest.mark.parametrize("bug", BUGS)
def test_seeded_bug_is_found(bug: str) -> None:
    res = explore_path(str(PKG / "testdata" / "bugs" / bug))
    assert res.status == "fail" and res.violation is not None, (bug, res.status, res.messages)
