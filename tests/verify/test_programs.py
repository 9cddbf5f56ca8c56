"""Every program under tests/verify/programs verifies, or fails as its EXPECT comment says."""

from __future__ import annotations

import glob
import os

import pytest

from tests.verify.expect import check

HERE = os.path.dirname(__file__)
PROGRAMS = sorted(glob.glob(os.path.join(HERE, "programs", "*", "")))


def test_there_are_enough_programs() -> None:
    assert len(PROGRAMS) >= 30


@pytest.mark.parametrize("directory", PROGRAMS, ids=lambda d: os.path.basename(d.rstrip("/")))
def test_program(directory: str) -> None:
    check(directory)
