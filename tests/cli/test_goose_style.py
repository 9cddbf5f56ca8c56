"""A program written in Goose's later style (github.com/goose-lang/primitive/disk, a
disk.Disk handle kept in a struct and used through its methods) is verified and explored
like one written against Armada's library: the front end maps the handle's calls onto the
machine's one disk, so the verifier and the explorer need nothing new. A seeded bug (a
missing linearization point) fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from armada_ls import scaffold

ROOT = Path(__file__).resolve().parents[2]


def handle_style() -> str:
    src = scaffold.STARTER.format(pkg="hreg")
    src = src.replace('"armada/goose/machine/disk"', '"github.com/goose-lang/primitive/disk"')
    src = src.replace("\tmu *sync.Mutex //@ lock_inv lease(disk.D[0])\n", "\tmu *sync.Mutex //@ lock_inv lease(disk.D[0])\n\td  disk.Disk\n")
    src = src.replace("return &Register{mu: new(sync.Mutex)}", "return &Register{mu: new(sync.Mutex), d: disk.Get()}")
    src = src.replace("\tdisk.Write(0, b) //@ linearize", "\tr.d.Write(0, b) //@ linearize")
    src = src.replace("v := disk.Read(0)", "v := r.d.Read(0)")
    assert src.count("r.d.") == 2 and "disk.Get()" in src
    return src


def armada(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("ARMADA_TEST_IMPLS", None)  # the real verifier and explorer
    return subprocess.run([sys.executable, "-m", "armada_ls.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_disk_handle_program_verifies_explores_and_its_bug_fails(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/h\n\ngo 1.22\n")
    pkg = tmp_path / "hreg"
    pkg.mkdir()
    (pkg / "hreg.go").write_text(handle_style())
    r = armada("verify", "--no-cache", "./...", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "3 proved, 0 failed" in r.stdout
    r = armada("explore", "-q", "hreg", cwd=tmp_path)
    assert r.returncode == 0 and "no violation" in r.stdout, r.stdout + r.stderr
    (pkg / "hreg.go").write_text(handle_style().replace("\tr.d.Write(0, b) //@ linearize", "\tr.d.Write(0, b)"))
    r = armada("verify", "--no-cache", "./...", cwd=tmp_path)
    assert r.returncode == 1 and "Register.Put: FAILED" in r.stdout, r.stdout + r.stderr


def test_a_call_into_an_unannotated_package_is_never_proved(tmp_path: Path) -> None:
    """The callee package has no contract: whatever the verifier learns about packages, its
    caller's postcondition cannot be proved (unknown or failed, exit 1), while `goose check`
    accepts both packages."""
    (tmp_path / "go.mod").write_text("module example.com/mp\n\ngo 1.22\n")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "lib.go").write_text("package lib\n\nfunc Inc(x uint64) uint64 {\n\treturn x + 1\n}\n")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "app.go").write_text('package app\n\nimport "example.com/mp/lib"\n\n'
                                             "//@ ensures ret == 3\nfunc Three() uint64 {\n\treturn lib.Inc(2)\n}\n")
    r = armada("verify", "--no-cache", "./...", cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    line = next(ln for ln in r.stdout.splitlines() if "Three:" in ln)
    assert "ok" not in line.split("Three:")[1].split(",")[0], line
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "goose.cli", "check", "./..."], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
