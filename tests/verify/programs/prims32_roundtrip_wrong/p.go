// Package prims32roundtripwrong is a verifier test: a 3-byte slice is too short for
// UInt32Put, and the bytes are little-endian, not big-endian.
//
// EXPECT fail safety at line 11
// EXPECT fail postcondition at line 18
package prims32roundtripwrong

import "armada/goose/machine/prims"

func short(b []byte) {
	prims.UInt32Get(b[0:3])
}

//@ ensures ret[3] == 1
func layout() []byte {
	b := make([]byte, 4)
	prims.UInt32Put(b, 1)
	return b
}
