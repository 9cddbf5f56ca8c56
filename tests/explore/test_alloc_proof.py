"""The explorer on proofs/alloc (an in-memory free set under a lock, rebuilt by recovery
from the headers on disk, blocks lent to the ops that write them): with the default
enumeration (2 goroutines x 2 ops from the domains, no fixed plans; the explore block only
narrows uint64 to {0, 1}), after its `init` (every block free), the correct code passes and
every seeded bug is found (each changes behaviour). recovery-all-free shows only when an op changes the free set after
recovery (the default check phase calls each op once after the reads); free-unborrowed
needs three ops, two of them concurrent (an Alloc holding a block while a Free hands it
back and a second Alloc takes it), so not fewer than 2 x 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import explore_path

PKG = Path(__file__).resolve().parents[2] / "proofs" / "alloc"
BUGS = sorted(b.name for b in (PKG / "testdata" / "bugs").iterdir() if b.is_dir())


def test_correct_code_passes() -> None:
    res = explore_path(str(PKG))
    assert res.status == "pass", (res.status, res.messages)
    assert res.bounds["goroutines"] == 2 and res.bounds["ops"] == 2


def test_no_fixed_plans() -> None:
    text = (PKG / "alloc.go").read_text()
    assert "thread {" not in text and "after_crash" not in text


@pytest.mark.parametrize("bug", BUGS)
def test_seeded_bug_is_found(bug: str) -> None:
    res = explore_path(str(PKG / "testdata" / "bugs" / bug))
    assert res.status == "fail" and res.violation is not None, (bug, res.status, res.messages)


def test_init_sets_the_system_up() -> None:
    # alloc's `init` (every block free) runs as part of the explored system, before the ops
    res = explore_path(str(PKG / "testdata" / "bugs" / "no-header"))
    assert res.status == "fail"
    assert any(t.phase == "init" and "New returns" in t.description for t in res.trace)
