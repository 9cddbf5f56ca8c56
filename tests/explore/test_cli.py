"""`python -m armada_ls.explore`: exit codes, text and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armada_ls.explore.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
BUG = ROOT / "proofs" / "repldisk" / "testdata" / "bugs" / "write-skips-disk2"


def test_violation_exits_1_with_a_trace(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(BUG), "-q", "--ops", "1", "--goroutines", "1"]) == 1
    out = capsys.readouterr().out
    assert "refinement:" in out and "trace (" in out and "crash" in out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(BUG), "-q", "--format", "json", "--goroutines", "1", "--ops", "1",
                 "--domain", "uint64=0", "--domain", "twodisk.Block=block(1)"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "fail"
    assert data["violation"]["kind"] == "refinement"
    assert data["trace"][-1]["kind"] == "violation"
    assert data["stats"]["states"] > 0


def test_pass_exits_0_and_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(ROOT / "proofs" / "repldisk"), "-q", "--goroutines", "1", "--ops", "1"]) == 0
    assert "no violation" in capsys.readouterr().out
    (tmp_path / "p.go").write_text("package p\n\nfunc F() uint64 {\n\treturn 1\n}\n")
    assert main([str(tmp_path), "-q"]) == 2
    assert main(["--no-such-flag"]) == 2
