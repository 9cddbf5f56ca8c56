"""`host_crashes N`: the explorer crashes the host (power loss) and tries every disk and file
system state the host-crash rule of docs/machine.md allows; code that acknowledges what it
has not made durable is caught, and the trace says which writes were lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from armada_ls.explore import Bounds, explore_path
from armada_ls.explore.result import ExploreResult

ROOT = Path(__file__).resolve().parents[2]

REGISTER = """package p

import (
	"sync"

	"armada/goose/machine/disk"
)

//@ spec Reg {
//@   state v: disk.Block
//@   op Put(x disk.Block) { v = x }
//@   op Get() disk.Block { return v }
//@   crash { }
//@ }
EXPLORE
type R struct {
	mu *sync.Mutex
}

//@ recover
func Open() *R {
	RECOVER
	return &R{mu: new(sync.Mutex)}
}

//@ implements Reg.Put
func (r *R) Put(x disk.Block) {
	r.mu.Lock()
	disk.Write(0, x)
	SYNC
	r.mu.Unlock()
}

//@ implements Reg.Get
func (r *R) Get() disk.Block {
	r.mu.Lock()
	v := disk.Read(0)
	r.mu.Unlock()
	return v
}
"""


def run(tmp_path: Path, name: str, src: str, **kw: object) -> ExploreResult:
    d = tmp_path / name
    d.mkdir()
    (d / "p.go").write_text(src)
    kw.setdefault("max_seconds", 120)
    return explore_path(str(d), Bounds(**kw))  # type: ignore[arg-type]


def register(sync: str, explore: str = "", recover: str = "") -> str:
    return REGISTER.replace("SYNC", sync).replace("EXPLORE", explore).replace("RECOVER", recover)


def test_register_without_barrier_is_caught_by_a_host_crash_only(tmp_path: Path) -> None:
    src = register("")
    assert run(tmp_path, "proc", src).status == "pass"  # process crashes lose nothing
    assert run(tmp_path, "zero", src, host_crashes=0).status == "pass"
    res = run(tmp_path, "host", src, host_crashes=1)
    assert res.status == "fail", res.messages
    assert res.violation is not None and res.violation.kind == "refinement"
    assert "Get()" in res.violation.message and "returned block(0)" in res.violation.message
    crash = [t for t in res.trace if t.kind == "crash"]
    assert len(crash) == 1 and "host crash" in crash[0].description
    assert "disk block 0" in crash[0].description and "lost" in crash[0].description
    assert res.bounds["host_crashes"] == 1


def test_register_with_barrier_passes_host_crashes(tmp_path: Path) -> None:
    # recovery's own Barrier makes what a process crash left volatile durable before Get reads it
    src = register("disk.Barrier()", recover="disk.Barrier()")
    res = run(tmp_path, "b", src, host_crashes=1)
    assert res.status == "pass", (res.violation, res.trace)
    res = run(tmp_path, "b2", src, crashes=0, host_crashes=1, goroutines=2, ops=2)
    assert res.status == "pass", res.violation


def test_recovery_without_barrier_loses_a_read_value_at_a_later_power_loss(tmp_path: Path) -> None:
    # a process crash after Put's Write, before its Barrier: recovery returns, Get reads the
    # still volatile block, and a power loss in the check phase takes it back
    res = run(tmp_path, "nb", register("disk.Barrier()"), host_crashes=1)
    assert res.status == "fail" and res.violation is not None and res.violation.kind == "refinement"
    crashes = [t for t in res.trace if t.kind == "crash"]
    assert len(crashes) == 2 and crashes[0].phase == "main" and crashes[1].phase == "check"
    assert "host crash" not in crashes[0].description
    assert "host crash" in crashes[1].description and "disk block 0" in crashes[1].description


def test_barrier_before_the_write_is_caught(tmp_path: Path) -> None:
    src = register("").replace("\tdisk.Write(0, x)\n", "\tdisk.Barrier()\n\tdisk.Write(0, x)\n")
    res = run(tmp_path, "early", src, host_crashes=1)
    assert res.status == "fail" and res.violation is not None and res.violation.kind == "refinement"


def test_host_crashes_in_the_explore_block(tmp_path: Path) -> None:
    block = "\n//@ explore {\n//@   goroutines 1; ops 1; crashes 0; host_crashes 1\n//@ }\n"
    res = run(tmp_path, "blk", register("", block))
    assert res.status == "fail" and res.bounds["host_crashes"] == 1
    assert res.bounds["crashes"] == 0
    # The command line wins over the block.
    assert run(tmp_path, "blk0", register("", block), host_crashes=0).status == "pass"


# Put logs its value in block 1 and acknowledges once the log is durable; Get prefers the
# log. Recovery installs a logged value in block 0, then clears the log. The bug: no
# barrier between the install and the clearing, so a host crash in recovery can keep the
# cleared log and lose the install. Only a host crash during recovery shows it (a process
# crash there keeps the install whenever it keeps the clearing).
LOGGED = """package p

import (
	"sync"

	"armada/goose/machine/disk"
)

//@ spec Reg {
//@   state v: disk.Block
//@   op Put(x disk.Block) { v = x }
//@   op Get() disk.Block { return v }
//@   crash { }
//@ }

type R struct {
	mu *sync.Mutex
}

//@ recover
func Open() *R {
	l := disk.Read(1)
	if l[0] != 0 {
		disk.Write(0, l)
		INSTALL
		disk.Write(1, make([]byte, 4096))
		disk.Barrier()
	}
	return &R{mu: new(sync.Mutex)}
}

//@ implements Reg.Put
func (r *R) Put(x disk.Block) {
	r.mu.Lock()
	disk.Write(1, x)
	disk.Barrier()
	r.mu.Unlock()
}

//@ implements Reg.Get
func (r *R) Get() disk.Block {
	r.mu.Lock()
	l := disk.Read(1)
	if l[0] != 0 {
		r.mu.Unlock()
		return l
	}
	v := disk.Read(0)
	r.mu.Unlock()
	return v
}
"""


def test_a_host_crash_during_recovery_is_explored(tmp_path: Path) -> None:
    good = LOGGED.replace("INSTALL", "disk.Barrier()")
    bad = LOGGED.replace("INSTALL", "")
    small = dict(goroutines=1, ops=1, crashes=1, recovery_crashes=1)
    assert run(tmp_path, "good", good, host_crashes=1, **small).status == "pass"
    assert run(tmp_path, "bad0", bad, host_crashes=0, **small).status == "pass"
    res = run(tmp_path, "bad", bad, host_crashes=1, **small)
    assert res.status == "fail", res.messages
    crashes = [t for t in res.trace if t.kind == "crash"]
    assert len(crashes) == 2 and crashes[1].phase == "recover" and "host crash" in crashes[1].description
    # Two host crashes and no process crash find it too.
    res2 = run(tmp_path, "bad2", bad, crashes=0, recovery_crashes=0, host_crashes=2, goroutines=1, ops=1)
    assert res2.status == "fail"


DURABLE_FILE = """package p

import (
	"armada/goose/machine/filesys"
)

//@ spec Flag {
//@   state set: bool
//@   op Put() { set = true }
//@   op Has() bool { return set }
//@   crash { }
//@ }

// (Put is not idempotent: a second Put after a crash finds the file and does nothing, so the
// check after recovery only reads.)
//@ explore { after_crash { Has(); Has() } }

type F struct {
	dir string
}

//@ recover
func Open() *F {
	filesys.Mkdir("d")
	return &F{dir: "d"}
}

//@ implements Flag.Put
func (f *F) Put() {
	fd, ok := filesys.Create(f.dir, "x")
	if ok {
		filesys.Append(fd, []byte("12345678"))
		SYNC
		filesys.Close(fd)
		filesys.FsyncDir(f.dir)
	}
}

//@ implements Flag.Has
func (f *F) Has() bool {
	names := filesys.List(f.dir)
	if len(names) == 0 {
		return false
	}
	fd := filesys.Open(f.dir, "x")
	data := filesys.ReadAt(fd, 0, 100)
	filesys.Close(fd)
	return len(data) == 8
}
"""


@pytest.mark.parametrize("sync,status", [("filesys.Fsync(fd)", "pass"), ("", "fail")])
def test_an_append_is_durable_only_once_fsynced(tmp_path: Path, sync: str, status: str) -> None:
    src = DURABLE_FILE.replace("SYNC", sync)
    res = run(tmp_path, "a", src, goroutines=1, ops=1, crashes=0, recovery_crashes=0, host_crashes=1)
    assert res.status == status, (res.violation, [t.description for t in res.trace])
    if status == "fail":
        assert res.violation is not None and res.violation.kind == "refinement"
        crash = next(t for t in res.trace if t.kind == "crash")
        assert "file d/x keeps" in crash.description and "of its 8 bytes (0 made durable by Fsync)" in crash.description


def test_cli_takes_host_crashes(tmp_path: Path) -> None:
    d = tmp_path / "cli"
    d.mkdir()
    (d / "p.go").write_text(register(""))
    base = [sys.executable, "-m", "armada_ls.explore", str(d), "-q", "--goroutines", "1", "--ops", "1"]
    r = subprocess.run(base + ["--host-crashes", "1"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "host crash (power loss)" in r.stdout and "host_crashes 1" not in r.stderr
    r0 = subprocess.run(base + ["--host-crashes", "0"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r0.returncode == 0, r0.stdout + r0.stderr


GROUP_COMMIT = ROOT / "tests" / "explore" / "hostcrash" / "groupcommit" / "groupcommit.go"
DATA_BARRIER = "\tdisk.Barrier() // the entries are durable before the count that covers them\n"
COUNT_BARRIER = "\tdisk.Barrier() // the count is durable before any Add returns\n"

# Seeded bugs in the group-commit log: (edit of the source, found with process crashes too).
GC_BUGS = {
    "missing-data-barrier": (lambda s: s.replace(DATA_BARRIER, ""), False),
    "missing-count-barrier": (lambda s: s.replace(COUNT_BARRIER, ""), False),
    "barrier-before-the-data": (lambda s: s.replace(DATA_BARRIER, "").replace(
        "\tfor i, v := range buf {", "\tdisk.Barrier()\n\tfor i, v := range buf {"), False),
    "ack-before-the-flush": (lambda s: s.replace("\t\t\tg.cond.Wait()", "\t\t\tme = 0"), True),
}


def test_group_commit_passes_two_goroutines_two_ops_one_host_crash(tmp_path: Path) -> None:
    res = run(tmp_path, "gc", GROUP_COMMIT.read_text(), goroutines=2, ops=2, crashes=0, host_crashes=1)
    assert res.status == "pass", (res.violation, [t.description for t in res.trace])
    assert res.stats.states > 1000


@pytest.mark.parametrize("bug", sorted(GC_BUGS))
def test_group_commit_seeded_bugs(tmp_path: Path, bug: str) -> None:
    edit, process_too = GC_BUGS[bug]
    src = GROUP_COMMIT.read_text()
    buggy = edit(src)
    assert buggy != src
    res = run(tmp_path, "host", buggy, goroutines=2, ops=2, crashes=0, host_crashes=1)
    assert res.status == "fail" and res.violation is not None and res.violation.kind == "refinement"
    res0 = run(tmp_path, "proc", buggy, goroutines=2, ops=2, crashes=1, host_crashes=0)
    assert res0.status == ("fail" if process_too else "pass")


def test_armada_explore_takes_host_crashes_and_disk_size(tmp_path: Path) -> None:
    d = tmp_path / "armada"
    d.mkdir()
    (d / "p.go").write_text(register(""))
    env = dict(os.environ)
    env.pop("ARMADA_TEST_IMPLS", None)
    base = [sys.executable, "-m", "armada_ls.cli", "explore", str(d), "-q", "--format", "json",
            "--goroutines", "1", "--ops-each", "1", "--disk-size", "2"]
    r = subprocess.run(base + ["--host-crashes", "1"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert r.returncode == 1, r.stdout + r.stderr
    data = json.loads(r.stdout)
    assert data["status"] == "fail"
    assert data["result"]["bounds"]["host_crashes"] == 1 and data["result"]["bounds"]["disk_size"] == 2
    assert any("host crash" in t["description"] for t in data["result"]["trace"])
    r0 = subprocess.run(base + ["--host-crashes", "0"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert r0.returncode == 0, r0.stdout + r0.stderr


def test_too_many_post_crash_states_is_an_error_that_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from goose.semantics import devices as D

    monkeypatch.setattr(D, "MAX_HOST_OUTCOMES", 1000)
    # An unsynced 4096-byte append: 4097 possible lengths of the file after a host crash.
    src = DURABLE_FILE.replace("SYNC", "").replace('[]byte("12345678")', "make([]byte, 4096)")
    res = run(tmp_path, "big", src, goroutines=1, ops=1, crashes=0, recovery_crashes=0, host_crashes=1)
    assert res.status == "error", res.status
    assert any("more than 1000" in m and "host crash" in m for m in res.messages), res.messages


@pytest.mark.parametrize("bug", sorted(GC_BUGS))
def test_reductions_agree_with_plain_search_under_host_crashes(tmp_path: Path, bug: str) -> None:
    buggy = GC_BUGS[bug][0](GROUP_COMMIT.read_text())
    small = dict(goroutines=2, ops=1, crashes=0, recovery_crashes=0, host_crashes=1)
    on = run(tmp_path, "on", buggy, **small)
    off = run(tmp_path, "off", buggy, reductions=False, **small)
    assert on.status == off.status
    assert on.stats.states <= off.stats.states
    ok_on = run(tmp_path, "okon", GROUP_COMMIT.read_text(), **small)
    ok_off = run(tmp_path, "okoff", GROUP_COMMIT.read_text(), reductions=False, **small)
    assert ok_on.status == ok_off.status == "pass"


def test_a_power_loss_after_recovery_finds_what_recovery_left_unsynced() -> None:
    """A process crash leaves the crashed generation's file-system operations volatile; a
    recovery without filesys.Sync() hands them out, and a power loss after the system ran on
    can lose a name recovery and the next op relied on. The check phase (after recovery) is
    where that power loss happens."""
    progs = ROOT / "tests" / "verify" / "programs"
    bad = explore_path(str(progs / "host_fs_recover_flag_no_sync"), Bounds())
    assert bad.status == "fail" and bad.violation is not None, bad.messages
    assert bad.violation.kind == "refinement" and "Claim() by the check" in bad.violation.message
    crashes = [t for t in bad.trace if t.kind == "crash"]
    assert len(crashes) == 2 and "check phase" in crashes[1].description, [t.description for t in crashes]
    good = explore_path(str(progs / "host_fs_recover_flag"), Bounds())
    assert good.status == "pass", good.violation
