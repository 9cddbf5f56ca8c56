// Package bytesputbytesle is a verifier test: UInt64Put is little-endian: byte 0 is the low byte and
// byte 1 the next; writing byte 9 leaves the uint64 at 0 alone.
//
// EXPECT verified
package bytesputbytesle

import "armada/goose/machine/prims"

//@ ensures ret[0] == byte(x) && uint64(ret[1]) == (x / 256) % 256 && prims.UInt64Get(ret) == x
func enc(x uint64) []byte {
	b := make([]byte, 16)
	prims.UInt64Put(b, x)
	b[9] = 7
	return b
}
