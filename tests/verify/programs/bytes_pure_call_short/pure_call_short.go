// Package bytespurecallshort is a verifier test: code calls a pure decoder on a block shorter than its
// requires allows.
//
// EXPECT fail precondition at line 17
package bytespurecallshort

import "armada/goose/machine/prims"

//@ pure
//@ requires len(b) >= 16
func count(b []byte) uint64 {
	return prims.UInt64Get(b[8:16])
}

func get() uint64 {
	b := make([]byte, 12)
	return count(b)
}
