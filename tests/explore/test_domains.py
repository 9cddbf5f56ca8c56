"""Default argument domains include the boundary values of the constants the code compares
against, the disk size is settable and named when an address is out of range."""

from __future__ import annotations

from pathlib import Path

from armada_ls.explore import Bounds, explore_path
from armada_ls.explore.harness import Bounds as HB
from armada_ls.explore.harness import boundary_values, build
from armada_ls.logic import annotate
from goose import types as T
from goose.frontend import load_package

BLOCKS = """package p

import (
	"sync"

	"armada/goose/machine/disk"
)

const DiskSize uint64 = 8

//@ spec Blocks {
//@   state b: map[uint64]disk.Block
//@   op Read(a uint64) disk.Block { return b[a] }
//@   op Write(a uint64, v disk.Block) { b[a] = v }
//@   crash { }
//@ }
EXPLORE
type D struct {
	mu *sync.Mutex
}

//@ recover
func Open() *D {
	return &D{mu: new(sync.Mutex)}
}

//@ implements Blocks.Read
//@ REQUIRES
func (d *D) Read(a uint64) disk.Block {
	d.mu.Lock()
	v := disk.Read(a)
	d.mu.Unlock()
	return v
}

//@ implements Blocks.Write
//@ REQUIRES
func (d *D) Write(a uint64, v disk.Block) {
	d.mu.Lock()
	if a < LIMIT {
		disk.Write(a, v)
		disk.Barrier()
	}
	d.mu.Unlock()
}
"""


def src(limit: str = "DiskSize", explore: str = "", requires: str = "requires a < DiskSize") -> str:
    return BLOCKS.replace("LIMIT", limit).replace("EXPLORE", explore).replace("REQUIRES", requires)


def load(tmp_path: Path, text: str, name: str = "p") -> tuple:
    d = tmp_path / name
    d.mkdir()
    (d / "p.go").write_text(text)
    pkg = load_package(str(d)).package
    ann, _ = annotate(pkg)
    return d, pkg, ann


def test_boundary_values_of_each_comparison(tmp_path: Path) -> None:
    text = """package p

const N uint64 = 16

func F(a uint64, b []byte, c uint32) uint64 {
	if a <= 7 {
		return 1
	}
	if 3 > a {
		return 2
	}
	if uint64(len(b)) < 4096 {
		return 3
	}
	if c == 9 {
		return 4
	}
	for i := uint64(0); i < N; i++ {
	}
	return 0
}
"""
    _, pkg, _ = load(tmp_path, text)
    bv = boundary_values(pkg)
    # a < N (named constant: first), a <= 7 -> 7, 8; 3 > a is a < 3 -> 2, 3; at most four.
    assert set(bv[T.UINT64]) == {15, 16, 7, 8}
    assert "< 16" in bv[T.UINT64][15] and "p.go:" in bv[T.UINT64][15]
    assert 4095 not in bv[T.UINT64] and 4096 not in bv[T.UINT64]  # lengths are not arguments
    assert set(bv[T.UINT32]) == {9}


def test_default_domain_has_the_last_address_and_requires_filter_the_rest(tmp_path: Path) -> None:
    _, pkg, ann = load(tmp_path, src())
    h = build(pkg, ann, HB())
    addrs = sorted({args[0] for op, args in h.choices})
    assert addrs == [0, 7]  # 8 (a < DiskSize is false) breaks the requires
    assert any("boundary values 7" in m for m in h.messages)
    assert h.bounds["disk_size"] == 8


def test_a_domain_line_replaces_the_default(tmp_path: Path) -> None:
    block = "\n//@ explore {\n//@   domain uint64 = {0, 1}\n//@ }\n"
    _, pkg, ann = load(tmp_path, src(explore=block))
    h = build(pkg, ann, HB())
    assert sorted({args[0] for op, args in h.choices}) == [0, 1]
    h2 = build(pkg, ann, HB(domains={"uint64": ["2", "3"]}))
    assert sorted({args[0] for op, args in h2.choices}) == [2, 3]


def test_off_by_one_at_the_last_address_is_found_without_a_domain_line(tmp_path: Path) -> None:
    d, _, _ = load(tmp_path, src(limit="DiskSize-1"), "bug")  # Write drops the last block
    res = explore_path(str(d), Bounds(max_seconds=120))
    assert res.status == "fail" and res.violation is not None and res.violation.kind == "refinement"
    assert "(7)" in res.violation.message
    # {0, 1}, the old default, misses it: the boundary values are what finds it.
    res01 = explore_path(str(d), Bounds(domains={"uint64": ["0", "1"]}, max_seconds=120))
    assert res01.status == "pass"
    ok, _, _ = load(tmp_path, src(limit="DiskSize"), "ok")
    assert explore_path(str(ok), Bounds(max_seconds=120)).status == "pass"


def test_out_of_range_names_the_disk_size_bound(tmp_path: Path) -> None:
    # No requires: the boundary value 8 of `a < DiskSize` reaches disk.Read(8).
    d, _, _ = load(tmp_path, src(requires="ensures true"), "nr")
    res = explore_path(str(d), Bounds(goroutines=1, ops=1, crashes=0, max_seconds=60))
    assert res.status == "fail" and res.violation is not None
    assert res.violation.code == "disk-address-out-of-range"
    msg = res.violation.message
    assert "address 8 is out of range (disk size 8)" in msg
    assert "the package's DiskSize constant (8)" in msg
    assert "boundary of the comparison at p.go:" in msg
    # Set in the explore block: the block is named.
    block = "\n//@ explore {\n//@   disk_size 4\n//@ }\n"
    d2, _, _ = load(tmp_path, src(explore=block), "blk")
    res = explore_path(str(d2), Bounds(goroutines=1, ops=1, crashes=0, max_seconds=60))
    assert res.status == "fail" and res.violation is not None
    assert "`disk_size 4` in the explore block" in res.violation.message
    assert res.bounds["disk_size"] == 4
    # The package's `disk_size` clause (the verifier's set-up) comes before DiskSize.
    d3, _, _ = load(tmp_path, src().replace("const DiskSize uint64 = 8", "const DiskSize uint64 = 8 //@ disk_size 6"), "cl")
    res = explore_path(str(d3), Bounds(goroutines=1, ops=1, crashes=0, max_seconds=60))
    assert res.status == "fail" and res.violation is not None and res.bounds["disk_size"] == 6
    assert "the package's `disk_size` clause (6)" in res.violation.message
    # And on the command line, which wins.
    res = explore_path(str(d2), Bounds(goroutines=1, ops=1, crashes=0, disk_size=8, max_seconds=60))
    assert res.status == "pass" and res.bounds["disk_size"] == 8
    res = explore_path(str(d2), Bounds(goroutines=1, ops=1, crashes=0, disk_size=2, max_seconds=60))
    assert res.status == "fail" and res.violation is not None and "--disk-size 2" in res.violation.message


