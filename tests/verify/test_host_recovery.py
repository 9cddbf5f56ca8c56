"""Recovery under crash_model host: the crashed generation's unsynced disk writes and
file-system operations are still volatile when recovery starts (a process crash keeps them
as they were). Recovery must make them durable (disk.Barrier, filesys.Sync) before anything
whose crash points do not know them runs: a helper that writes, a goroutine, its return."""

from __future__ import annotations

import os
from typing import Any

import pytest

from armada_ls.verify.result import Status
from tests.verify.expect import describe, run

PROGRAMS = os.path.join(os.path.dirname(__file__), "programs")


@pytest.mark.parametrize("name", ["host_recovery_helper_first", "host_recovery_helper",
                                  "host_recovery_reader_first"])
def test_recovery_helpers_verify_under_the_process_model(tmp_path: Any, name: str) -> None:
    # the seeded bug is a missing barrier: under process crashes everything written survives
    text = open(os.path.join(PROGRAMS, name, f"{name}.go")).read()
    assert "//@ crash_model host\n" in text
    (tmp_path / "p.go").write_text(text.replace("//@ crash_model host\n", "//@ crash_model process\n"))
    results = run(str(tmp_path))
    assert all(r.status is Status.PROVED and not r.error for r in results), describe(results)


GO_FS = """package p

import "armada/goose/machine/filesys"

//@ crash_model host

//@ init
func Init() {
	filesys.Mkdir("d")
}

func peek() {
	filesys.List("d")
}

//@ recover
func Recover() {
BODY}
"""

GO_DISK = """package p

import "armada/goose/machine/disk"

//@ crash_model host
//@ disk_size 1

func peek() {
	disk.Read(0)
}

//@ recover
func Recover() {
BODY}
"""


@pytest.mark.parametrize("src, body, ok", [
    (GO_FS, "\tgo peek()\n\tfilesys.Sync()\n", False),
    (GO_FS, "\tfilesys.Sync()\n\tgo peek()\n", True),
    (GO_FS, "\tpeek()\n\tfilesys.Sync()\n", False),  # any function that uses filesys
    (GO_DISK, "\tgo peek()\n\tdisk.Barrier()\n", False),  # a goroutine may write: not looked into
    (GO_DISK, "\tdisk.Barrier()\n\tgo peek()\n", True),
    (GO_DISK, "\tpeek()\n\tdisk.Barrier()\n", True),  # a reader has no crash point
])
def test_what_recovery_starts_before_its_barrier(tmp_path: Any, src: str, body: str, ok: bool) -> None:
    (tmp_path / "p.go").write_text(src.replace("BODY", body))
    r = {x.function: x for x in run(str(tmp_path))}["Recover"]
    if ok:
        assert r.status is Status.PROVED and not r.error, describe([r])
        return
    bad = [o for o in r.obligations if o.status is Status.FAILED]
    assert r.status is Status.FAILED and bad and all(o.kind == "durability" for o in bad), describe([r])
