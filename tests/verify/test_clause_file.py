"""A failing clause is reported in its own file: spans carry lines only, so a loop invariant
of one file's function was attributed to another file's function covering the same lines."""

from __future__ import annotations

import os

from armada_ls.verify.result import Status
from tests.verify.expect import run

LONG = "package two\n\n// Long covers the lines of Short's loop in the other file.\nfunc Long() uint64 {\n" + \
    "".join(f"\tx{i} := uint64({i})\n\t_ = x{i}\n" for i in range(20)) + "\treturn 0\n}\n"

SHORT = """package two

// Short's invariant is wrong: n grows past 3.
func Short() uint64 {
	var n uint64 = 0
	for n < 10 {
		//@ invariant n <= 3
		n = n + 1
	}
	return n
}
"""


def test_a_loop_invariant_is_reported_in_the_file_of_its_function(tmp_path: object) -> None:
    (tmp_path / "go.mod").write_text("module two\n\ngo 1.21\n")  # type: ignore[operator]
    (tmp_path / "a.go").write_text(LONG)  # type: ignore[operator]
    (tmp_path / "b.go").write_text(SHORT)  # type: ignore[operator]
    (r,) = [r for r in run(str(tmp_path)) if r.function == "Short"]
    bad = [o for o in r.obligations if o.status is Status.FAILED and o.clause_span is not None]
    assert bad, [(o.kind, o.status) for o in r.obligations]
    assert all(os.path.basename(o.clause_file or r.file) == "b.go" for o in bad), \
        [(o.kind, o.clause_file) for o in bad]
