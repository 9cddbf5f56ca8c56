// Package bytesputbytesbigendian is a verifier test: the code assumes byte 0 holds the high byte (big-endian),
// but UInt64Put is little-endian.
//
// EXPECT fail postcondition at line 13
package bytesputbytesbigendian

import "armada/goose/machine/prims"

//@ ensures uint64(ret) == x / 72057594037927936
func high(x uint64) byte {
	b := make([]byte, 8)
	prims.UInt64Put(b, x)
	return b[0]
}
