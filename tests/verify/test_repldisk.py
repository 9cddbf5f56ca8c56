"""The replicated disk and its second variant verify in full; each seeded bug fails with the
obligation its header names, at its line; the missing-helping bug offers the fix."""

from __future__ import annotations

import glob
import os

import pytest

from armada_ls.verify.result import Status
from tests.verify.expect import check, run

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "proofs")
BUGS = sorted(glob.glob(os.path.join(ROOT, "repldisk", "testdata", "bugs", "*", "")))


@pytest.mark.parametrize("name", ["repldisk", "repldisk2", "repldisk3"])
def test_correct_versions_verify(name: str) -> None:
    results = run(os.path.join(ROOT, name))
    assert {r.function for r in results} >= {"RepDisk.Read", "RepDisk.Write", "Recover"}
    for r in results:
        assert r.status is Status.PROVED and not r.error, (r.function, r.error, [
            (o.kind, o.status, o.reason) for o in r.obligations if o.status is not Status.PROVED])


def test_repldisk3_verifies_only_under_its_declared_fault_model(tmp_path) -> None:
    # Without `may_fail twodisk.Disk1` disk 2 may fail too, and copying disk 2 onto disk 1
    # with no helping is wrong: recovery would copy a failed disk's zeros.
    src = open(os.path.join(ROOT, "repldisk3", "repldisk3.go")).read()
    assert "//@ may_fail twodisk.Disk1\n" in src
    (tmp_path / "r.go").write_text(src.replace("//@ may_fail twodisk.Disk1\n", "\n"))
    failed = {o.kind for r in run(str(tmp_path)) for o in r.obligations if o.status is Status.FAILED}
    assert failed, "the helping-free copy from disk 2 must not verify when disk 2 may fail"


def test_all_seeded_bugs_present() -> None:
    names = {os.path.basename(b.rstrip("/")) for b in BUGS}
    assert names == {"write-without-lock", "write-skips-disk2", "read-without-lock",
                     "unlock-between-writes", "recovery-skips-last", "recovery-missing",
                     "helping-missing"}


@pytest.mark.parametrize("directory", BUGS, ids=lambda d: os.path.basename(d.rstrip("/")))
def test_seeded_bug_is_reported(directory: str) -> None:
    check(directory)


def test_missing_helping_names_the_op_and_offers_the_fix() -> None:
    results = run(os.path.join(ROOT, "repldisk", "testdata", "bugs", "helping-missing"))
    failed = [o for r in results for o in r.obligations if o.status is Status.FAILED]
    assert len(failed) == 1
    o = failed[0]
    assert o.kind == "crash-inv"
    assert o.hint == "helping Disk.Write(a, v)"
    assert o.hint_span is not None and o.hint_span.start.line == o.span.start.line
    assert "Disk.Write(a, v)" in o.message
    assert o.counterexample is not None and o.counterexample.on_disk


def test_hover_states_show_locks_leases_and_the_helped_op() -> None:
    from armada_ls.verify import verify_function
    from armada_ls.verify.load import load

    loaded = load(os.path.join(ROOT, "repldisk"))
    assert loaded.package is not None and loaded.annotations is not None
    r = verify_function(loaded.package, loaded.annotations, "RepDisk.Write")
    fn = loaded.package.funcs["RepDisk.Write"]
    lock, first, second, unlock = (s.sid for s in fn.body)
    assert r.states[lock][1].locks == ["RepDisk.locks[a]"]
    assert any("twodisk.D1[a]" in ls for ls in r.states[lock][1].leases)
    assert r.states[first][1].helping == ["Disk.Write(a, v)"]
    assert r.states[second][1].helping == [] and "spec step taken" in r.states[second][1].spec
    assert r.states[unlock][1].locks == [] and r.states[unlock][1].leases == []
