"""The explorer on the proofs that keep data in disk blocks (the counter, the shadow copy,
the write-ahead log, the same log under host crashes, group commit):
real byte contents on disk (prims.UInt64Get/Put), the correct code passes within its
package's bounds, and every seeded bug is found."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import explore_path

PROOFS = Path(__file__).resolve().parents[2] / "proofs"
PACKAGES = ["counter", "shadow", "wal", "walhost", "groupcommit"]
BUGS = [(p, b.name) for p in PACKAGES for b in sorted((PROOFS / p / "testdata" / "bugs").iterdir()) if b.is_dir()]


@pytest.mark.parametrize("package", PACKAGES)
def test_correct_code_passes(package: str) -> None:
    res = explore_path(str(PROOFS / package))
    assert res.status == "pass", (res.status, res.messages)


@pytest.mark.parametrize(("package", "bug"), BUGS, ids=lambda x: str(x))
def test_seeded_bug_is_found(package: str, bug: str) -> None:
    res = explore_path(str(PROOFS / package / "testdata" / "bugs" / bug))
    assert res.status == "fail" and res.violation is not None, (bug, res.status, res.messages)
