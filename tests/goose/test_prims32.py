"""Goose's uint32 encoding, Linearize, Sleep and MapClear are part of the machine's `prims`:
the semantics encodes 4 bytes little-endian (too short a slice is undefined behaviour, as Go
panics), Linearize and Sleep change nothing, MapClear is one write of the whole map; what
Armada's model still lacks is named."""

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
                         "func F() {\n\tmachine.NewProph()\n}\n")
    assert [d.message for d in res.diagnostics] == [
        "`machine.NewProph` is part of Goose's machine library but not of Armada's machine model"]


CLEARS = """package p

import "github.com/goose-lang/goose/machine"

func WhileRanging() uint64 {
	m := make(map[uint64]bool)
	m[1] = true
	m[2] = true
	var n uint64
	for k := range m {
		machine.MapClear(m)
		n += k
	}
	return n
}

func Racing() bool {
	m := make(map[uint64]bool)
	m[1] = true
	go func() {
		machine.MapClear(m)
	}()
	machine.Sleep(1)
	return m[1]
}
"""


def test_map_clear_while_ranging_is_undefined(tmp_path: Path) -> None:
    res = _pkg(tmp_path, CLEARS)
    assert [d.format() for d in res.diagnostics] == []
    out = run_function(res.package, "WhileRanging")
    assert isinstance(out.error, E.UndefinedBehavior) and out.error.code == E.UB_MAP_ITER


def test_map_clear_races_with_a_read(tmp_path: Path) -> None:
    """Clearing is a write of the whole map: a read of any key that overlaps it races."""
    pkg = _pkg(tmp_path, CLEARS).package
    codes = {getattr(run_function(pkg, "Racing", seed=s).error, "code", None) for s in range(40)}
    assert E.UB_RACE in codes


def test_map_clear_needs_one_map(tmp_path: Path) -> None:
    res = _pkg(tmp_path, 'package p\n\nimport "github.com/goose-lang/goose/machine"\n\n'
                         "func F(s []uint64) {\n\tmachine.MapClear(s)\n}\n")
    assert [d.message for d in res.diagnostics] == ["machine.MapClear needs a map, not []uint64"]
