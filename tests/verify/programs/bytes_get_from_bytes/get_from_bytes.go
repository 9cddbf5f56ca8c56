// Package bytesgetfrombytes is a verifier test: a uint64 decoded from a block nothing is known about is
// its eight bytes, little-endian.
//
// EXPECT verified
package bytesgetfrombytes

import "armada/goose/machine/prims"

//@ requires len(b) >= 8 && b[0] == 5 && b[1] == 1
//@ requires b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0
//@ ensures ret == 261
func get(b []byte) uint64 {
	return prims.UInt64Get(b)
}
