// Package enchugeoffset is a verifier test: enc compares offsets without wrapping, so an
// offset 4 below 2^64 is out of range (off+8 wrapped to 64 bits would be 4, within the
// slice); enc.Get64 panics there and the verifier rejects the call.
//
// EXPECT fail safety at line 13
package enchugeoffset

import "armada/goose/machine/enc"

//@ requires len(b) >= 16
func f(b []byte) uint64 {
	var off uint64 = 18446744073709551612
	return enc.Get64(b, off)
}
