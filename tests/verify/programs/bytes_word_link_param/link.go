// Package byteswordlinkparam is a verifier test: a uint64 read at a variable offset of a
// parameter block (the offset is not a constant, so the words may overlap and every link is
// on) and its bytes read back one by one in the contract.
//
// EXPECT verified
package byteswordlinkparam

import "armada/goose/machine/prims"

//@ requires off + 8 <= uint64(len(b))
//@ ensures ret % 256 == uint64(b[off]) && (ret / 256) % 256 == uint64(b[off+1])
func at(b []byte, off uint64) uint64 {
	return prims.UInt64Get(b[off:])
}
