"""Red-team findings that end in UNKNOWN rather than a verdict (a construct the verifier
cannot read faithfully is never proved)."""

from __future__ import annotations

import os

from armada_ls.verify.result import Status
from tests.verify.expect import run

ANNOTATION_ESCAPE = """package p

// Go reads "\\x41" as "A"; the annotation lexer kept it as four characters, so the
// (false) ensures below was proved.
//@ ensures ret != "\\x41"
func a() string {
	return "A"
}
"""


def _write(tmp: str, text: str) -> str:
    os.makedirs(tmp, exist_ok=True)
    with open(os.path.join(tmp, "p.go"), "w") as f:
        f.write(text)
    return tmp


def test_annotation_string_with_an_escape_is_unknown(tmp_path: object) -> None:
    results = {r.function: r for r in run(_write(str(tmp_path), ANNOTATION_ESCAPE))}
    assert results["a"].status is Status.UNKNOWN, results["a"]
    assert "backslash" in results["a"].error
