"""The explorer on proofs/writeback (a write-back cache: Write returns once its value is in
the cache; a flusher goroutine, started by init and by recovery, writes dirty blocks and
takes the spec's internal step Flush; the spec's crash step keeps only what was flushed):
the correct code passes, init and the flusher included, and every seeded bug that changes
behaviour is found. flush-no-step only forgets the annotation (the code is the correct
code), so the explorer passes it and only the verifier rejects it."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import explore_path

PKG = Path(__file__).resolve().parents[2] / "proofs" / "writeback"
ANNOTATION_ONLY = {"flush-no-step"}
BUGS = sorted(b.name for b in (PKG / "testdata" / "bugs").iterdir() if b.is_dir())


def test_correct_code_passes() -> None:
    res = explore_path(str(PKG))
    assert res.status == "pass", (res.status, res.messages)


@pytest.mark.parametrize("bug", [b for b in BUGS if b not in ANNOTATION_ONLY])
def test_seeded_bug_is_found(bug: str) -> None:
    res = explore_path(str(PKG / "testdata" / "bugs" / bug))
    assert res.status == "fail" and res.violation is not None, (bug, res.status, res.messages)


@pytest.mark.parametrize("bug", sorted(ANNOTATION_ONLY))
def test_annotation_only_bug_behaves_as_the_correct_code(bug: str) -> None:
    res = explore_path(str(PKG / "testdata" / "bugs" / bug))
    assert res.status == "pass", (bug, res.status, res.messages)


def test_the_flusher_init_starts_runs_in_the_explored_system() -> None:
    # The wrong block is written only by a flusher; found before any crash's recovery starts
    # one, so the goroutine init started ran (and a crash after its write showed it).
    res = explore_path(str(PKG / "testdata" / "bugs" / "flush-wrong-block"))
    assert res.status == "fail"
    init_steps = [t for t in res.trace if t.phase == "init"]
    assert init_steps and any("New returns" in t.description for t in init_steps)
    crash = next(i for i, t in enumerate(res.trace) if t.kind == "crash")
    assert any(t.goroutine.startswith("init.") and "disk.Write" in t.description
               for t in res.trace[:crash])
