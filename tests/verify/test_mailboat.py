"""Mailboat's library (issue 14): every function but the streamed delivery's (Begin, Write,
Commit, Abort: a descriptor kept in a Draft between calls, which the verifier does not
model yet) is proved, and every seeded bug under mailboat/testdata/bugs/ fails at its line
(found by listing the tree)."""

from __future__ import annotations

import glob
import os

import pytest

from armada_ls.verify.result import Status
from tests.verify.expect import check, run

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "mailboat")
BUGS = sorted(d for d in glob.glob(os.path.join(ROOT, "testdata", "bugs", "*", "")))
NOT_MODELLED = {"Mailboat.Begin", "Mailboat.Write", "Mailboat.Commit", "Mailboat.Abort"}


def test_the_library_is_proved_but_the_streamed_delivery() -> None:
    results = run(ROOT)
    proved = {r.function for r in results if r.status is Status.PROVED and not r.error}
    names = {r.function for r in results}
    assert names - proved == NOT_MODELLED, [(r.function, r.status, r.error) for r in results
                                            if r.function not in proved]
    for must in ("Init", "Mailboat.Deliver", "Mailboat.List", "Mailboat.Pickup",
                 "Mailboat.Read", "Mailboat.Delete", "Mailboat.Lock", "Mailboat.Unlock"):
        assert must in proved


def test_there_are_eight_seeded_bugs() -> None:
    assert len(BUGS) >= 8


@pytest.mark.parametrize("directory", BUGS, ids=lambda d: os.path.basename(d.rstrip("/")))
def test_seeded_bug_fails_at_its_line(directory: str) -> None:
    check(directory)
