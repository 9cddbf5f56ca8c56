"""bench/goose_examples.py on a stand-in checkout laid out as Goose's (our own small files,
not Goose's): the pass count, the construct named for a failing file, a file kept from
Goose by its build line, and the differential runs of `func testX() bool` functions."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

GOOD = """package semantics

import "github.com/goose-lang/goose/machine"

func testSumBytes() bool {
	b := make([]byte, 8)
	machine.UInt32Put(b[4:], 9)
	var s uint64
	for _, x := range b {
		s += uint64(x)
	}
	return s == 9
}

func testWraps() bool {
	x := uint64(0)
	x--
	return x+2 == 1
}
"""

USES_GOOD = """package semantics

func testTwice() bool {
	return testWraps() && testSumBytes()
}
"""

CHANNEL = """package semantics

func send(c chan uint64) {
	c <- 1
}
"""

NOT_GOOSE = """//go:build !goose

package semantics

func spin(c chan bool) {
	<-c
}
"""


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("goose_examples", ROOT / "bench" / "goose_examples.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_counts_constructs_and_differential(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if shutil.which("go") is None:
        pytest.skip("go is not installed")
    co = tmp_path / "goose"
    sem = co / "internal" / "examples" / "semantics"
    sem.mkdir(parents=True)
    (co / "go.mod").write_text("module github.com/goose-lang/goose\n\ngo 1.22\n")
    for name, text in (("good.go", GOOD), ("uses.go", USES_GOOD), ("chan.go", CHANNEL), ("spin.go", NOT_GOOSE)):
        (sem / name).write_text(text)
    cwd = os.getcwd()
    try:
        rc = _script().main([str(co), "--json"])
    finally:
        os.chdir(cwd)
    report = json.loads(capsys.readouterr().out)
    assert (report["files"], report["pass"]) == (3, 2)
    assert report["not_goose"] == ["semantics/spin.go"]
    assert "goose/channel" in report["failing"]["semantics/chan.go"]
    d = report["differential"]
    assert d.get("error") is None, d
    assert (d["agree"], d["runs"]) == (3, 3)
    assert {r["go"] for r in d["results"]} == {"true"}
    assert rc == 0
