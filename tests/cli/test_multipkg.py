"""Several packages of one Go module through `armada verify` and the engine: Go-style
patterns, packages in dependency order, and a caller's cached result keyed by its callee
package's contracts, so editing a contract in one package re-verifies its callers in another
(with the real verifier)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from armada_ls.engine import Engine, Settings
from tests.cli.test_cli import armada

LIB = """package lib

// Double returns 2x.
//
//@ requires x < 1000
//@ ensures ret == 2 * x
func Double(x uint64) uint64 {
	return x + x
}
"""

APP = """package app

import "example.com/m/lib"

//@ ensures ret == 10
func Ten() uint64 {
	return lib.Double(5)
}
"""


def module(tmp: Path) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "go.mod").write_text("module example.com/m\n\ngo 1.22\n")
    for rel, text in (("lib/lib.go", LIB), ("app/app.go", APP)):
        p = tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp


def weaken(m: Path) -> None:
    """Lib's contract promises less; its body still keeps it, its caller no longer can."""
    p = m / "lib" / "lib.go"
    p.write_text(LIB.replace("ret == 2 * x", "ret >= x"))
    os.utime(p, (1, 1))  # a different stat even on a coarse clock


def statuses(out: str) -> dict[str, str]:
    return {f["function"]: f["status"] for f in json.loads(out)["functions"]}


def test_pattern_verifies_in_dependency_order_and_a_contract_edit_reaches_the_caller(tmp_path: Path) -> None:
    m = module(tmp_path / "m")
    cache = tmp_path / "cache"
    r = armada("verify", "--format", "json", "--cache-dir", str(cache), "./...", standin=False, cwd=m)
    assert r.returncode == 0, r.stdout + r.stderr
    funcs = json.loads(r.stdout)["functions"]
    assert [f["function"] for f in funcs] == ["Double", "Ten"]  # the callee's package first
    weaken(m)
    r = armada("verify", "--format", "json", "--cache-dir", str(cache), "./...", standin=False, cwd=m)
    assert r.returncode == 1, r.stdout + r.stderr
    assert statuses(r.stdout) == {"Double": "proved", "Ten": "failed"}
    r = armada("verify", "--cache-dir", str(cache), "app", standin=False, cwd=m)
    assert "app/app.go:7:2: error: could not prove: the postcondition holds" in r.stdout, r.stdout


def test_engine_keys_a_caller_by_its_callee_package(tmp_path: Path) -> None:
    m = module(tmp_path / "m")
    engine = Engine(Settings().updated({"jobs": 1}))
    try:
        snap = engine.refresh(str(m / "app"))
        before = snap.key("Ten", 10000).digest
        run = engine.verify(snap, ["Ten"])
        run.future.result()
        assert run.results["Ten"].status.value == "proved"
        weaken(m)
        snap = engine.refresh(str(m / "app"))
        assert snap.key("Ten", 10000).digest != before
        run = engine.verify(snap, ["Ten"])
        run.future.result()
        assert run.results["Ten"].status.value == "failed"
    finally:
        engine.close()


def test_layered_proof_verifies(tmp_path: Path) -> None:
    r = armada("verify", "--no-cache", "proofs/layered/top", "proofs/layered/alloc", "proofs/layered/store",
               standin=False)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = [ln for ln in r.stdout.splitlines() if ": ok," in ln]
    files = [ln.split(":")[0] for ln in lines]
    assert files.index("proofs/layered/alloc/alloc.go") < files.index("proofs/layered/store/store.go") \
        < files.index("proofs/layered/top/top.go"), r.stdout
