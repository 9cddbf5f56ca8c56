"""The explorer on proofs/repldiskglobal (one lock, quantified leases): the correct code
passes, and every seeded bug that changes behaviour is found. `lease-too-narrow` does not
change behaviour (its annotation is wrong, not its code): only the verifier rejects it, and
the explorer must pass it."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import explore_path

PKG = Path(__file__).resolve().parents[2] / "proofs" / "repldiskglobal"
ANNOTATION_ONLY = {"lease-too-narrow"}
BUGS = sorted(b.name for b in (PKG / "testdata" / "bugs").iterdir() if b.is_dir())


def test_correct_code_passes() -> None:
    res = explore_path(str(PKG))
    assert res.status == "pass", (res.status, res.messages)


@pytest.mark.parametrize("bug", BUGS)
def test_seeded_bug(bug: str) -> None:
    res = explore_path(str(PKG / "testdata" / "bugs" / bug))
    if bug in ANNOTATION_ONLY:
        assert res.status == "pass", (bug, res.status, res.messages)
    else:
        assert res.status == "fail" and res.violation is not None, (bug, res.status, res.messages)
