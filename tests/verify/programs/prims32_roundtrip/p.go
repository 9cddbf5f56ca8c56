// Package prims32roundtrip is a verifier test: prims.UInt32Put writes four little-endian
// bytes and UInt32Get reads them back; the bytes after them are untouched.
//
// EXPECT verified
package prims32roundtrip

import "armada/goose/machine/prims"

//@ ensures ret == x
func roundtrip(x uint32) uint32 {
	b := make([]byte, 8)
	prims.UInt32Put(b, x)
	return prims.UInt32Get(b)
}

//@ ensures ret[0] == 1 && ret[1] == 1 && ret[2] == 0 && ret[4] == 7 && len(ret) == 6
func layout() []byte {
	b := make([]byte, 6)
	b[4] = 7
	prims.UInt32Put(b, 257)
	return b
}

//@ ensures ret == y
func second(x uint32, y uint32) uint32 {
	b := make([]byte, 8)
	prims.UInt32Put(b, x)
	prims.UInt32Put(b[4:], y)
	return prims.UInt32Get(b[4:])
}
