"""Goose's uint32 encoding, Linearize and Sleep are part of the machine's `prims`: the
semantics encodes 4 bytes little-endian (too short a slice is undefined behaviour, as Go
panics), Linearize and Sleep change nothing; what Armada's model still lacks is named."""

from __future__ import annotations

from pathlib import Path

from goose.frontend import check_source
from goose.semantics import errors as E
from goose.semantics.run import run_function

PROG = """package p

import "github.com/goose-lang/primitive"

func Short() uint32 {
	b := make([]byte, 3)
	return primitive.UInt32Get(b)
}

func Overwrite() (uint64, byte) {
	b := make([]byte, 8)
	primitive.UInt64Put(b, 0xFFFFFFFFFFFFFFFF)
	primitive.UInt32Put(b[2:], 0)
	primitive.Linearize()
	primitive.Sleep(5)
	return primitive.UInt64Get(b), b[6]
}
"""


def _pkg(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    return check_source(str(tmp_path / "p.go"), text)


def test_uint32_put_writes_four_bytes_and_no_more(tmp_path: Path) -> None:
    res = _pkg(tmp_path, PROG)
    assert [d.format() for d in res.diagnostics] == []
    out = run_function(res.package, "Overwrite")
    assert out.error is None
    assert out.result == (0xFFFF00000000FFFF, 0xFF)


def test_uint32_get_of_three_bytes_is_undefined(tmp_path: Path) -> None:
    out = run_function(_pkg(tmp_path, PROG).package, "Short")
    assert isinstance(out.error, E.UndefinedBehavior) and out.error.code == E.UB_OOB


def test_what_the_model_lacks_is_named(tmp_path: Path) -> None:
    res = _pkg(tmp_path, 'package p\n\nimport "github.com/goose-lang/goose/machine"\n\n'
                         "func F(m map[uint64]bool) {\n\tmachine.MapClear(m)\n}\n")
    assert [d.message for d in res.diagnostics] == [
        "`machine.MapClear` is part of Goose's machine library but not of Armada's machine model"]
