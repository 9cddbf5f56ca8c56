"""The explorer on the replicated disk: the correct code passes at the issue's bound, and every
seeded bug that changes behaviour is found with a trace."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import Bounds, explore_path

ROOT = Path(__file__).resolve().parents[2]
REPLDISK = ROOT / "proofs" / "repldisk"

# bug directory -> extra bounds needed to reach the behaviour it changes (None: annotation-only
# bug, the code behaves like the correct one).
BUGS: dict[str, dict | None] = {
    "read-without-lock": {},
    "write-without-lock": {},
    "unlock-between-writes": {},
    "write-skips-disk2": {},
    "recovery-missing": {},
    # Recovery skips address DiskSize-1: only a harness that writes there can tell. The
    # default domain has that address (a boundary of the code's `a < DiskSize`), so the run
    # drops the package's own `domain uint64` line and passes none.
    "recovery-skips-last": {"no_uint64_domain": True},
    "helping-missing": None,
}


def full_bound(**kw: object) -> Bounds:
    domains = {"uint64": ["0", "1"], "twodisk.Block": ["block(0)", "block(1)"]}
    if kw.pop("no_uint64_domain", False):
        del domains["uint64"]
    return Bounds(goroutines=2, ops=2, crashes=1, recovery_crashes=1, disk_failures=1,
                  domains=domains, max_seconds=300, **kw)  # type: ignore[arg-type]


def without_domain_line(src: Path, dst: Path) -> Path:
    """A copy of the package in src with no `domain uint64` line in its explore block."""
    dst.mkdir()
    for go in src.glob("*.go"):
        text = "".join(ln for ln in go.read_text().splitlines(keepends=True) if "domain uint64" not in ln)
        (dst / go.name).write_text(text)
    return dst


def test_seeded_bugs_are_all_listed() -> None:
    present = {p.name for p in (REPLDISK / "testdata" / "bugs").iterdir() if p.is_dir()}
    assert present == set(BUGS), "a new seeded bug needs an entry here"


def test_correct_code_passes_exhaustively() -> None:
    res = explore_path(str(REPLDISK), full_bound())
    assert res.status == "pass", (res.violation, res.messages)
    assert res.stats.states > 1000
    assert res.bounds["crashes"] == 1 and res.bounds["recovery_crashes"] == 1
    assert res.bounds["disk_failures"] == 1 and res.bounds["fail_disks"] == [0, 1]


@pytest.mark.parametrize("bug", sorted(BUGS))
def test_seeded_bug(bug: str, tmp_path: Path) -> None:
    extra = BUGS[bug]
    where = REPLDISK / "testdata" / "bugs" / bug
    if extra and extra.get("no_uint64_domain"):
        where = without_domain_line(where, tmp_path / bug)
    res = explore_path(str(where), full_bound(**(extra or {})))
    if extra is None:
        assert res.status == "pass", "an annotation-only bug must not change behaviour"
        return
    assert res.status == "fail", res.messages
    assert res.violation is not None and res.violation.kind == "refinement"
    kinds = [t.kind for t in res.trace]
    assert kinds[-1] == "violation"
    assert "call" in kinds and any(t.span is not None for t in res.trace)
    assert all(t.index == i for i, t in enumerate(res.trace))


def test_reductions_preserve_the_verdict_and_save_states() -> None:
    small = dict(goroutines=2, ops=1, crashes=1, recovery_crashes=0, disk_failures=1, max_seconds=120)
    on = explore_path(str(REPLDISK), Bounds(**small))  # type: ignore[arg-type]
    off = explore_path(str(REPLDISK), Bounds(reductions=False, **small))  # type: ignore[arg-type]
    assert on.status == off.status == "pass"
    assert on.stats.states < off.stats.states
    bug = REPLDISK / "testdata" / "bugs" / "write-without-lock"
    b_on = explore_path(str(bug), Bounds(goroutines=2, ops=2, max_seconds=120))
    b_off = explore_path(str(bug), Bounds(goroutines=2, ops=2, reductions=False, max_seconds=120))
    assert b_on.status == b_off.status == "fail"


def test_calls_breaking_requires_are_not_made() -> None:
    res = explore_path(str(REPLDISK), Bounds(goroutines=1, ops=1, domains={"uint64": ["0", "16"]}))
    assert res.status == "pass", res.violation
    assert any("requires" in m for m in res.messages)


@pytest.mark.parametrize("bug", sorted(b for b in BUGS if BUGS[b] is not None))
def test_reductions_agree_with_plain_search(bug: str) -> None:
    small = dict(goroutines=2, ops=1, crashes=1, recovery_crashes=0, disk_failures=1, max_seconds=120)
    on = explore_path(str(REPLDISK / "testdata" / "bugs" / bug), Bounds(**small))  # type: ignore[arg-type]
    off = explore_path(str(REPLDISK / "testdata" / "bugs" / bug), Bounds(reductions=False, **small))  # type: ignore[arg-type]
    assert on.status == off.status
    assert on.stats.states <= off.stats.states


def test_a_steps_bound_in_the_harness_makes_the_run_incomplete_never_a_pass(tmp_path: Path) -> None:
    src = (REPLDISK / "repldisk.go").read_text()
    marker = "//@   goroutines 2; ops 2; crashes 1; disk_failures 1"
    assert marker in src
    (tmp_path / "repldisk.go").write_text(src.replace(marker, marker + "; steps 200"))
    res = explore_path(str(tmp_path), Bounds(max_seconds=120))
    assert res.status == "incomplete"
    assert any("200 states" in m for m in res.messages)


def test_repldisk3_passes_and_its_fault_model_limits_the_failing_disks() -> None:
    res = explore_path(str(ROOT / "proofs" / "repldisk3"), full_bound())
    assert res.status == "pass", res.messages
    assert res.bounds["fail_disks"] == [0]  # `may_fail twodisk.Disk1`: only disk 1 fails
