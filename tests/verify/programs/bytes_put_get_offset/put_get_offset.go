// Package bytesputgetoffset is a verifier test: a uint64 put at offset 8 reads back at offset 8, and the
// bytes before it are still zero.
//
// EXPECT verified
package bytesputgetoffset

import "armada/goose/machine/prims"

//@ ensures prims.UInt64Get(ret[8:16]) == x && ret[0] == 0 && len(ret) == 16
func encode(x uint64) []byte {
	b := make([]byte, 16)
	prims.UInt64Put(b[8:], x)
	return b
}

//@ ensures ret == x
func roundtrip(x uint64) uint64 {
	b := encode(x)
	return prims.UInt64Get(b[8:])
}
