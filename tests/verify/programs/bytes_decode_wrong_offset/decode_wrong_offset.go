// Package bytesdecodewrongoffset is a verifier test: a record's second field lives at offset 8, and the
// decoder reads offset 0.
//
// EXPECT fail postcondition at line 12
package bytesdecodewrongoffset

import "armada/goose/machine/prims"

//@ requires len(b) >= 16
//@ ensures ret == prims.UInt64Get(b[8:16])
func second(b []byte) uint64 {
	return prims.UInt64Get(b[0:8])
}
