"""The crash model a proof is about is stated wherever a proof is reported, and the same
program's verdict follows it: acknowledging a write before a barrier fails under
`crash_model host`, naming the write and the barrier it needs, and verifies under
`crash_model process`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from armada_ls.lsp import render

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "tests" / "verify" / "programs"


def armada(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("ARMADA_TEST_IMPLS", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run([sys.executable, "-m", "armada_ls.cli", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)


def test_write_acknowledged_before_a_barrier_fails_under_host_crashes_naming_the_barrier() -> None:
    r = armada("verify", str(PROGRAMS / "host_register_no_barrier"))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "crash model: host crashes" in r.stdout
    assert ("the write at line 33 (disk.Write(0, b)) is not durable when Put returns" in r.stdout
            and "call disk.Barrier() before it" in r.stdout), r.stdout
    assert "[verify/durability]" in r.stdout


def test_the_same_program_verifies_under_process_crashes_and_says_so() -> None:
    r = armada("verify", str(PROGRAMS / "process_register_no_barrier"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "crash model: process crashes (everything written survives)" in r.stdout


def test_json_reports_the_crash_model_of_every_function() -> None:
    r = armada("verify", "--format", "json", str(PROGRAMS / "host_register"))
    assert r.returncode == 0, r.stdout + r.stderr
    funcs = json.loads(r.stdout)["functions"]
    assert funcs and {f["crashModel"] for f in funcs} == {"host"}
    r = armada("verify", "--format", "json", str(ROOT / "proofs" / "counter"))
    assert {f["crashModel"] for f in json.loads(r.stdout)["functions"]} == {"process"}


def test_goose_translate_states_the_model_even_when_it_is_the_default() -> None:
    out = subprocess.run([sys.executable, "-m", "goose.cli", "translate", str(PROGRAMS / "host_register")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120).stdout
    assert "// crash model: host" in out
    out = subprocess.run([sys.executable, "-m", "goose.cli", "translate", str(ROOT / "proofs" / "counter")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120).stdout
    assert "// crash model: process (the default)" in out


def test_function_hover_states_the_crash_model() -> None:
    from armada_ls.verify.api import verify_package
    from armada_ls.verify.load import load

    loaded = load(str(PROGRAMS / "host_register"))
    assert loaded.package is not None and loaded.annotations is not None
    res = next(r for r in verify_package(loaded.package, loaded.annotations) if r.function == "Store.Put")

    class Status:  # what the hover renders: the engine's FunctionStatus shape
        result = res
        state = "proved"
        running = False
        stale = False

    text = render.function_markdown("Store.Put", Status())  # type: ignore[arg-type]
    assert "crash model: host crashes" in text
