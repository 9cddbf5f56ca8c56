// Package byteswordlinkoverlap is a verifier test: two uint64s read from one unknown block
// at offsets 4 apart share four bytes, and the proof needs both links (no single byte is
// read: the words overlapping is what turns the links on).
//
// EXPECT verified
package byteswordlinkoverlap

import (
	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1

func Check() {
	b := disk.Read(0)
	x := prims.UInt64Get(b)
	y := prims.UInt64Get(b[4:12])
	//@ assert x / 4294967296 == y % 4294967296
	_, _ = x, y
}
