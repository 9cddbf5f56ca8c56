"""docs/walkthrough.md, run end to end: a wheel built from this checkout, installed into a
fresh virtual environment in a temporary directory, and a fresh Go module outside the
repository, with GOPROXY=off (standard library only).

Every command the walkthrough shows is run here, in its order, and each must appear in the
document verbatim, so the two cannot drift apart. Offline, the wheel is built without build
isolation and installed without its dependencies; they come from the test's own
environment through a path entry that comes after the fresh environment's site-packages
(the test checks that `goose` and `armada_ls` are imported from the wheel, not from the
checkout).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.walkthrough

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "walkthrough.md"
STEP_TIMEOUT = 300  # seconds; each step is bounded, so a hang fails instead of stalling CI
TIMING = re.compile(r"[,;] [0-9.]+ s$")


def doc_commands() -> list[str]:
    """The lines of the walkthrough's ```sh blocks, in order."""
    text = DOC.read_text(encoding="utf-8")
    out: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        out.extend(ln for ln in block.splitlines() if ln.strip())
    return out


def doc_output(after: str) -> list[str]:
    """The lines of the first plain ``` block after the text `after`."""
    text = DOC.read_text(encoding="utf-8")
    i = text.index(after)
    m = re.search(r"```\n(.*?)```", text[i:], re.S)
    assert m, f"no output block after {after!r}"
    return [ln for ln in m.group(1).splitlines() if ln.strip()]


def run(cmd: list[str], cwd: Path, env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess[str]:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT)
    if ok:
        assert r.returncode == 0, f"{' '.join(cmd)} -> {r.returncode}\n{r.stdout}\n{r.stderr}"
    return r


def strip_timing(out: str) -> list[str]:
    return [TIMING.sub("", ln) for ln in out.splitlines()]


def test_doc_lists_the_commands_this_test_runs() -> None:
    cmds = doc_commands()
    for c in ["pip wheel --no-deps -w dist .", "pip install dist/armada-0.1.0-py3-none-any.whl",
              "mkdir store && cd store", "go mod init example.com/store", "armada init",
              "go build ./...", "go test ./...", "armada verify ./...", "goose check ./...",
              "sed -i 's|disk.Write(0, b) //@ linearize|disk.Write(0, b)|' register/register.go"]:
        assert c in cmds, c


def test_walkthrough_end_to_end(tmp_path: Path) -> None:
    # 1. Build the wheel from a copy of the sources (the checkout stays untouched) and
    #    install it into a fresh environment.
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*_test.go")
    for pkg in ("goose", "armada_ls"):
        shutil.copytree(ROOT / pkg, src / pkg, ignore=ignore)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    # GOFLAGS unset: the module must build in go's default (read-only go.mod) mode, as a user runs it.
    base_env.update(GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="", PIP_NO_INDEX="1")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", "dist", str(src)],
        tmp_path, base_env)
    wheel = tmp_path / "dist" / "armada-0.1.0-py3-none-any.whl"
    assert wheel.exists(), list((tmp_path / "dist").iterdir())
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, base_env)
    vpy = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(vpy), "install", "--no-deps", "-q", str(wheel)], tmp_path, base_env)
    site = run([str(vpy), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path, base_env).stdout.strip()
    Path(site, "zz_walkthrough_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = run([str(vpy), "-c", "import goose, armada_ls; print(goose.__file__); print(armada_ls.__file__)"],
                tmp_path, base_env).stdout.split()
    assert all(w.startswith(site) for w in where), where  # the wheel's code, not the checkout's
    assert Path(site, "goose", "machine", "disk", "disk.go").exists()  # the Go library came along

    env = dict(base_env, PATH=f"{venv / 'bin'}{os.pathsep}{base_env.get('PATH', '')}")

    # 2. A fresh module outside the repository, set up by `armada init`.
    store = tmp_path / "store"
    store.mkdir()
    run(["go", "mod", "init", "example.com/store"], store, env)
    r = run(["armada", "init"], store, env)
    assert r.stdout.splitlines() == doc_output("`armada init` prints what it wrote:")
    assert "replace (" in (store / "go.mod").read_text()

    # 3. Build, test, verify, check.
    run(["go", "build", "./..."], store, env)
    run(["go", "test", "./..."], store, env)
    r = run(["armada", "verify", "./..."], store, env)
    assert strip_timing(r.stdout) == [TIMING.sub("", ln) for ln in doc_output("proves every function of every package")]
    r = run(["goose", "check", "./..."], store, env)
    assert "1 package(s) checked, 0 error(s)" in r.stderr

    # 4. The seeded mistake: verification fails, with the reasons the walkthrough shows.
    run(["sed", "-i", "s|disk.Write(0, b) //@ linearize|disk.Write(0, b)|", "register/register.go"], store, env)
    r = run(["armada", "verify", "./..."], store, env, ok=False)
    assert r.returncode == 1, r.stdout + r.stderr
    got = strip_timing(r.stdout)
    for want in doc_output("Verification now fails with exit status 1"):
        assert any(ln.startswith(want) or ln == want for ln in got), f"missing {want!r} in:\n{r.stdout}"
    # The build is unaffected: annotations are comments.
    run(["go", "build", "./..."], store, env)
