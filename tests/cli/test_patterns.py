"""What `./...` means (docs/walkthrough.md, "Patterns"): Go's rule. Below the directory a
pattern names, testdata/ (where the seeded bugs live), vendor/, `.x`, `_x`, nested modules
and `.goose-ignore` directories are skipped; a directory named explicitly never is."""

from __future__ import annotations

import os
from pathlib import Path

from goose.cli import package_dirs
from tests.cli.test_cli import ROOT, armada


def test_layered_proof_pattern_verifies_and_skips_its_seeded_bugs() -> None:
    r = armada("verify", "--no-cache", "./proofs/layered/...", standin=False)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "testdata" not in r.stdout
    assert "12 functions: 12 proved" in r.stdout, r.stdout


def test_a_seeded_bug_named_explicitly_fails() -> None:
    r = armada("verify", "--no-cache", "./proofs/layered/testdata/bugs/store-uses-next", standin=False)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "FAILED" in r.stdout


def test_a_pattern_rooted_in_testdata_reads_it() -> None:
    # Go's tools match nothing there; a directory you name yourself is never skipped
    found = package_dirs(str(ROOT / "proofs" / "layered" / "testdata" / "bugs"))
    assert {os.path.basename(d) for d in found} >= {"store-uses-next", "alloc-get-past-max",
                                                     "top-ignores-ok", "top-recovers-twice"}


def test_proofs_pattern_is_exactly_the_proofs() -> None:
    found = package_dirs(str(ROOT / "proofs"))
    assert found and not [d for d in found if "testdata" in Path(d).parts]
    assert any(d.endswith(os.path.join("layered", "store")) for d in found)


def test_go_ignored_names_nested_modules_and_goose_ignore_are_skipped(tmp_path: Path) -> None:
    for d in ("a", "a/testdata/x", "a/_old", "a/.hidden", "a/vendor/v", "a/sub", "a/other",
              "a/other/p", "a/server"):
        (tmp_path / d).mkdir(parents=True, exist_ok=True)
        (tmp_path / d / "p.go").write_text("package p\n")
    (tmp_path / "a" / "other" / "go.mod").write_text("module example.com/other\n")
    (tmp_path / "a" / "server" / ".goose-ignore").write_text("")
    found = sorted(os.path.relpath(d, tmp_path) for d in package_dirs(str(tmp_path / "a")))
    assert found == ["a", os.path.join("a", "sub")]
    # the root of a walk is read even when Go would skip it by name or module
    assert [os.path.relpath(d, tmp_path) for d in package_dirs(str(tmp_path / "a" / "other"))] == \
        [os.path.join("a", "other"), os.path.join("a", "other", "p")]
