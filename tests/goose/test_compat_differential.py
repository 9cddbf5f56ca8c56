"""Goose-style programs (Goose's machine-library import paths, renamed imports, named
non-struct types, aliases, struct{}, constant expressions, RWMutex, loop styles), each run by
Go and by the executable semantics after the front end's import mapping: they must print the
same. Each program is `compat_programs/<name>/run.go` (the Goose code, `func Run()`) and a
fixed `main.go` printer; programs that use the disk get a 4-block disk on both sides.

These are our own programs, written in the style of Goose's example programs (which are not
copied here)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from goose import types as T
from goose.frontend import load_package
from goose.semantics import devices as D
from goose.semantics.format import println
from goose.semantics.run import run_function

PROGRAMS_DIR = Path(__file__).parent / "compat_programs"
PROGRAMS = sorted(p.name for p in PROGRAMS_DIR.iterdir() if (p / "run.go").exists())
ROOT = Path(__file__).resolve().parents[2]
DISK_BLOCKS = 4


def test_there_are_at_least_ten() -> None:
    assert len(PROGRAMS) >= 10


@pytest.fixture(scope="session")
def go_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("go") is None:
        pytest.skip("go is not installed")
    out = tmp_path_factory.mktemp("compatbin")
    env = dict(os.environ, GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="-mod=mod")
    r = subprocess.run(["go", "build", "-o", str(out) + "/", "./tests/goose/compat_programs/..."],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    results = {}
    for name in PROGRAMS:
        p = subprocess.run([str(out / name)], capture_output=True, text=True, timeout=30)
        assert p.returncode == 0, p.stderr
        results[name] = p.stdout
    return results


def semantics_output(name: str, tmp: Path, seed: int | None) -> str:
    shutil.copy(PROGRAMS_DIR / name / "run.go", tmp / "run.go")
    res = load_package(str(tmp))
    assert [d.format() for d in res.diagnostics if d.severity.name == "ERROR"] == []
    pkg = res.package
    assert pkg is not None
    devices = D.Devices(disk=D.Disk.fresh(DISK_BLOCKS)) if "disk" in pkg.imports else D.Devices()
    out = run_function(pkg, "Run", seed=seed, devices=devices)
    assert out.error is None, out.error
    assert not out.deadlock, "deadlock"
    fd = pkg.funcs["Run"]
    vals = [out.result] if len(fd.results) == 1 else list(out.result)
    types: list[T.Type] = list(fd.results)
    return println(out.state, vals, types) + "\n"


@pytest.mark.parametrize("name", PROGRAMS)
@pytest.mark.parametrize("seed", [None, 1])
def test_semantics_agrees_with_go(name: str, seed: int | None, go_outputs: dict[str, str], tmp_path: Path) -> None:
    assert semantics_output(name, tmp_path, seed) == go_outputs[name]
