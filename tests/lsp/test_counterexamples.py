"""Counterexamples read like an explanation: the facts the failing clause reads first, only
the places that matter, no pointer identities, the writes as a timeline, "on disk at the
crash" only for a crash obligation; the same lines in text, JSON and SARIF (real verifier)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lsp.conftest import ROOT, env

BUGS = ROOT / "proofs" / "repldisk" / "bugs"


def _verify(pkg: Path, fmt: str) -> str:
    r = subprocess.run([sys.executable, "-m", "armada_ls.cli", "verify", "--no-cache", "--explain",
                        "--format", fmt, str(pkg)], capture_output=True, text=True, env=env(), timeout=300)
    assert r.returncode == 1, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def helping_missing(tmp_path_factory) -> dict[str, str]:
    pkg = tmp_path_factory.mktemp("cex") / "helping-missing"
    shutil.copytree(BUGS / "helping-missing", pkg)
    return {fmt: _verify(pkg, fmt) for fmt in ("text", "json", "sarif")}


def _failed(report: dict) -> list[dict]:
    return [o for f in report["functions"] for o in f["obligations"] if o["status"] == "failed"]


def test_the_decisive_facts_come_first(helping_missing):
    (ob,) = [o for o in _failed(json.loads(helping_missing["json"])) if o["kind"] == "crash-inv"]
    lines = ob["counterexample"]
    assert lines[0].startswith("why: a = ")
    why = "\n".join(lines[: lines.index(next(x for x in lines if x.startswith("values:")))])
    assert "twodisk.D1 and twodisk.D2 differ at" in why  # disk 1 and disk 2 differ ...
    assert "twodisk.Disk1 works" in why  # ... while disk 1 works ...
    assert "is not handed to recovery" in why  # ... and recovery has no Disk.Write to finish
    data = ob["counterexampleData"]
    (addr,) = data["table"]  # only the failing address
    assert set(data["table"][addr]) == {"twodisk.D1", "twodisk.D2", "Disk.blocks"}
    assert data["table"][addr]["twodisk.D1"] != data["table"][addr]["twodisk.D2"]
    # the crash point and what is on disk there: a crash obligation
    assert "on disk at the crash:" in lines and lines[-1].endswith(". crash")
    assert data["crash"] is True and len(data["writes"]) == 1


def test_no_pointers_and_no_crash_for_other_obligations(tmp_path):
    pkg = tmp_path / "write-skips-disk2"
    shutil.copytree(BUGS / "write-skips-disk2", pkg)
    report = json.loads(_verify(pkg, "json"))
    failed = _failed(report)
    assert failed
    for ob in failed:
        text = "\n".join(ob["counterexample"])
        assert "d = " not in text, "a pointer's model value is not a fact about the program"
        if ob["kind"] not in ("crash-inv", "recovery-crash-inv"):
            assert "crash" not in text, f"{ob['kind']}: no crash is involved"
    lock = next(o for o in failed if o["kind"] == "lock-inv")
    assert lock["counterexample"][0].startswith("why: ")
    assert "writes on this path:" in lock["counterexample"]


def test_text_and_sarif_carry_the_same_lines(helping_missing):
    ob = next(o for o in _failed(json.loads(helping_missing["json"])) if o["kind"] == "crash-inv")
    text = _shape(helping_missing["text"])
    for line in ob["counterexample"]:  # each run has its own model: compare the shape
        assert f"counterexample: {_shape(line)}" in text
    sarif = json.loads(helping_missing["sarif"])
    messages = [r["message"]["text"] for run in sarif["runs"] for r in run["results"]]
    crash = _shape(next(m for m in messages if "crash invariant" in m))
    assert all(_shape(line).strip() in crash for line in ob["counterexample"])


def _shape(s: str) -> str:
    """Values abstracted away (runs choose different models)."""
    return re.sub(r"\bb?\d+\b", "N", s)
