"""The explorer as the verifier's oracle, in CI: for every verifier test program, every proof,
every seeded bug and a seeded sample of mutants, when the verifier proves the package the
explorer (at the CI bounds) must find no violation. A disagreement fails the test and
prints both verdicts, the trace and the mutant's diff. `make soundness` runs every mutant
at the larger bounds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from armada_ls.soundness import mutate as M
from armada_ls.soundness import oracle as O
from armada_ls.soundness import run as R

ROOT = Path(__file__).resolve().parents[2]
REPLDISK = ROOT / "proofs" / "repldisk"
SAMPLE = 40  # mutants in `make test`; the sample takes every operator in turn
SEED = 1
WORKERS = 2


def _fail_on_disagreements(results: list[R.Result]) -> None:
    bad = [r for r in results if r.outcome.disagreement]
    if bad:
        pytest.fail(f"{len(bad)} disagreement(s): the verifier proves, the explorer breaks\n\n"
                    + "\n".join(R.disagreement_entry(r) for r in bad), pytrace=False)


@pytest.fixture(scope="module")
def mutants() -> list[M.Mutant]:
    return M.all_mutants(str(ROOT))


def test_programs_proofs_and_seeded_bugs_agree() -> None:
    ts = R.targets(str(ROOT))
    cats = {t.category for t in ts}
    assert {R.PROGRAM, R.PROOF, R.BUG} <= cats
    assert sum(t.category == R.PROOF for t in ts) >= 3
    results = R.run_all(ts, O.CI, WORKERS)
    _fail_on_disagreements(results)


def test_a_sample_of_mutants_agrees(mutants: list[M.Mutant]) -> None:
    chosen = M.sample(mutants, SAMPLE, SEED)
    assert len(chosen) == SAMPLE
    run = R.run_oracle([], chosen, O.CI, WORKERS)
    assert all(r.target.category == R.MUTANT for r in run.results)
    # Mutants of a proof the verifier no longer proves are not run; say so rather than
    # pass on nothing (the proofs' own test fails in that case).
    proofs = {p for p in run.unproved_seeds if p.startswith("proofs")}
    assert not proofs, f"bundled proofs not proved, their mutants not checked: {run.unproved_seeds}"
    s = R.score(run.results, SAMPLE)
    assert s.checked > len(run.results) // 2, "most sampled mutants must be well-formed programs"
    _fail_on_disagreements(run.results)


# ------------------------------------------------------------------ the oracle itself


def test_the_correct_proof_is_proved_and_passes() -> None:
    out = O.check(str(REPLDISK), profile=O.CI)
    assert out.verify == O.PROVED, out.report()
    assert out.explore == "pass" and out.states > 100 and not out.disagreement


def test_a_verifier_that_proves_a_seeded_bug_is_a_disagreement(monkeypatch: pytest.MonkeyPatch) -> None:
    """The oracle's own seeded bug: a verifier that proves everything. The explorer breaks
    the seeded bug, and the oracle must say so with both verdicts and the trace."""
    monkeypatch.setattr(O, "verify_package", lambda pkg, ann, timeout_ms: [])
    out = O.check(str(REPLDISK / "testdata" / "bugs" / "write-without-lock"), profile=O.CI)
    assert out.verify == O.PROVED and out.explore == "fail" and out.disagreement
    text = out.report()
    assert "verifier: proved" in text and "explorer: fail" in text and "trace" in text


def _endless_put(tmp_path: Path) -> Path:
    """linearizes_retry with Put's retry loop emptied: `for { }` never ends."""
    d = tmp_path / "endless"
    shutil.copytree(ROOT / "tests" / "verify" / "programs" / "linearizes_retry", d)
    src = (d / "p.go").read_text()
    loop = "\t\tif tryPut(sl, v) {\n\t\t\tbreak\n\t\t}\n"
    assert loop in src
    (d / "p.go").write_text(src.replace(loop, ""))
    return d


def test_an_endless_loop_the_verifier_warned_of_is_no_disagreement(tmp_path: Path) -> None:
    """The verifier proves what happens if a loop ends, and warns (`progress`) of one that
    may not; the explorer finds it endless. Both say the same: reported, not a
    disagreement."""
    out = O.check(str(_endless_put(tmp_path)), profile=O.CI)
    assert out.verify == O.PROVED and out.explore == "fail", out.report()
    assert out.warned and not out.disagreement
    assert "agreed: the verifier warned of this loop" in out.report()


def test_an_endless_loop_the_verifier_did_not_warn_of_is_a_disagreement(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(O, "verify_package", lambda pkg, ann, timeout_ms: [])
    out = O.check(str(_endless_put(tmp_path)), profile=O.CI)
    assert out.verify == O.PROVED and out.explore == "fail" and not out.warned
    assert out.disagreement


def test_a_seeded_bug_the_explorer_cannot_judge_is_not_verified_again() -> None:
    """Mailboat's seeded bugs have no harness the explorer can build (its test verifies
    each): the oracle reports that and does not spend a verification on them."""
    bug = ROOT / "mailboat" / "testdata" / "bugs" / "lost-index-update"
    out = O.check(str(bug), profile=O.CI, judged_only=True)
    assert out.verify == O.SKIPPED and out.explore == "error" and not out.disagreement
    assert out.explore_detail  # why the explorer cannot judge it
    judged = O.check(str(REPLDISK / "testdata" / "bugs" / "write-without-lock"), profile=O.CI,
                     judged_only=True)
    assert judged.verify == O.REJECTED  # one the explorer can judge is verified as before


def test_rejected_programs_are_not_explored() -> None:
    out = O.check(str(REPLDISK / "testdata" / "bugs" / "write-without-lock"), profile=O.CI)
    assert out.verify == O.REJECTED and out.explore == O.SKIPPED and not out.disagreement


def test_a_program_without_a_spec_is_not_explorable(tmp_path: Path) -> None:
    (tmp_path / "p.go").write_text("// Package p has no spec.\npackage p\n\nfunc Two() uint64 {\n\treturn 2\n}\n")
    out = O.check(str(tmp_path), profile=O.CI)
    assert out.verify == O.PROVED and out.explore == O.NOT_EXPLORABLE and "spec" in out.explore_detail


def test_a_mutant_that_does_not_compile_is_invalid(tmp_path: Path) -> None:
    shutil.copy(REPLDISK / "repldisk.go", tmp_path / "repldisk.go")
    src = (tmp_path / "repldisk.go").read_text()
    (tmp_path / "repldisk.go").write_text(src.replace("return v2", "return v3"))
    out = O.check(str(tmp_path), profile=O.CI)
    assert out.verify == O.INVALID and "v3" in out.verify_detail


def test_requires_false_does_not_hide_broken_code_from_the_explorer(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A mutant is explored against the original's contract: `requires false` on Write
    must not stop the harness from calling Write (else broken code passes both tools)."""
    src = (REPLDISK / "repldisk.go").read_text()
    marker = "func (d *RepDisk) Write("
    broken = src.replace(marker, "//@ requires false\n" + marker).replace(
        "\ttwodisk.Write(twodisk.Disk2, a, v) //@ linearize\n", "")
    assert broken.count("requires false") == 1 and "//@ linearize\n\td.locks[a].Unlock()" not in broken
    (tmp_path / "repldisk.go").write_text(broken)
    monkeypatch.setattr(O, "verify_package", lambda pkg, ann, timeout_ms: [])
    alone = O.check(str(tmp_path), profile=O.CI)
    assert alone.explore == "pass", "the mutant's own `requires false` keeps Write from being called"
    judged = O.check(str(tmp_path), profile=O.CI, original=str(REPLDISK))
    assert judged.explore == "fail" and judged.disagreement, judged.report()


def test_the_full_profile_adds_the_last_address(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With a harness that only calls addresses {0, 1}, recovery-skips-last passes; the full
    profile's edge run (addresses {0, DiskSize-1}) finds it."""
    monkeypatch.setattr(O, "verify_package", lambda pkg, ann, timeout_ms: [])
    bug = REPLDISK / "testdata" / "bugs" / "recovery-skips-last"
    for src in bug.glob("*.go"):
        text = src.read_text()
        marker = "//@ explore {\n"
        assert marker in text or "explore" not in text
        (tmp_path / src.name).write_text(text.replace(marker, marker + "//@   domain uint64 = {0, 1}\n"))
    assert O.check(str(tmp_path), profile=O.CI).explore == "pass"
    small_full = O.Profile("t", 2, 1, 1, 0, 1, edge=True, max_seconds=120, max_states=200_000)
    out = O.check(str(tmp_path), profile=small_full)
    assert out.explore == "fail" and "15" in out.explore_bounds, out.report()


def test_summary_counts_killed_survivors_and_disagreements() -> None:
    m = M.Mutant("x/drop-lock@L1", str(REPLDISK), "repldisk.go", "drop-lock", M.KIND_CODE, "d", "a", "b")
    t = R.Target(R.MUTANT, m.id, m.package, m)
    killed = R.Result(t, O.Outcome(m.id, "", O.REJECTED, "1 failed"))
    eq = R.Result(R.Target(R.MUTANT, m.id + ".1", m.package, m), O.Outcome(m.id + ".1", "", O.PROVED, explore="pass"))
    bad = R.Result(R.Target(R.MUTANT, m.id + ".2", m.package, m), O.Outcome(m.id + ".2", "", O.PROVED, explore="fail",
                                                                              explore_detail="trace (1 steps)"))
    bad_invalid = R.Result(R.Target(R.MUTANT, m.id + ".3", m.package, m), O.Outcome(m.id + ".3", "", O.INVALID))
    s = R.score([killed, eq, bad, bad_invalid], 4)
    assert (s.invalid, s.killed_failed, len(s.survivors), s.checked) == (1, 1, 2, 3)
    text = R.summary(R.Run([killed, eq, bad, bad_invalid]), O.CI, 4, 4, SEED, 1.0, 1.0, 1)
    assert "killed (verifier rejects): 1" in text and "survived (verifier proves): 2" in text
    assert "equivalent within bounds" in text and "DISAGREEMENT" in text and "disagreements: 1" in text


def test_mutants_of_an_unproved_original_are_not_run(tmp_path: Path) -> None:
    """Killing mutants of a package the verifier already rejects means nothing."""
    bug = REPLDISK / "testdata" / "bugs" / "write-without-lock"
    ms = [m for m in M.mutants_of_package(str(bug)) if m.operator == "swap-disk"][:2]
    assert ms
    run = R.run_oracle([], ms, O.CI, 1)
    assert run.results == [] and run.skipped_mutants == len(ms)
    assert list(run.unproved_seeds) == [os.path.relpath(bug)]
    assert "not run: the mutants of" in R.summary(run, O.CI, len(ms), len(ms), None, 1.0, 1.0, 1)


def test_a_mutant_disagreement_names_the_original_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a verifier that proves everything, a mutant that drops Write's lock is a
    disagreement whose trace points at proofs/repldisk, not at the temporary copy."""
    monkeypatch.setattr(O, "verify_package", lambda pkg, ann, timeout_ms: [])
    m = next(x for x in M.mutants_of_package(str(REPLDISK), "repldisk")
             if x.operator == "drop-lock" and x.description.startswith("Write:"))
    r = R.run_one(R.Target(R.MUTANT, m.id, m.package, m), O.CI)
    assert r.outcome.disagreement, r.outcome.report()
    assert "armada-mutant-" not in r.outcome.explore_detail and "..proofs" not in r.outcome.explore_detail
    assert m.display + "/repldisk.go" in r.outcome.explore_detail
    entry = R.disagreement_entry(r)
    assert m.id in entry and "-\td.locks[a].Lock()" in entry and "verifier: proved" in entry
