"""docs/annotations.md's example of internal spec steps is proofs/writeback's code: every line
of the `## internal` section's Go block (comments aside) is a line of the proof, which
tests/verify/test_proofs.py verifies, so the example the docs show is one the tool proves."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _example() -> list[str]:
    text = (ROOT / "docs" / "annotations.md").read_text()
    section = text.split("\n## internal\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```go\n", 1)[1].split("```", 1)[0]
    return [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("// ")]


def test_the_internal_example_is_the_verified_proof() -> None:
    proof = {ln.strip() for ln in (ROOT / "proofs" / "writeback" / "writeback.go").read_text().splitlines()}
    lines = _example()
    assert len(lines) >= 10
    missing = [ln for ln in lines if ln not in proof]
    assert not missing, missing
