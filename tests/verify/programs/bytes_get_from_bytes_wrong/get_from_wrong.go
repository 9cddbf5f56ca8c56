// Package bytesgetfrombyteswrong is a verifier test: byte 1 weighs 256, not 1.
//
// EXPECT fail postcondition at line 12
package bytesgetfrombyteswrong

import "armada/goose/machine/prims"

//@ requires len(b) >= 8 && b[0] == 5 && b[1] == 1
//@ requires b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0
//@ ensures ret == 6
func get(b []byte) uint64 {
	return prims.UInt64Get(b)
}
