// Package bytewriter is a callee package with a function that writes into the byte slice
// its caller lends it (verified here: the parameter is borrowed).
//
// EXPECT verified
package bytewriter

import "armada/goose/machine/enc"

// Put writes x at offset 0 of b.
//
//@ requires len(b) >= 8
//@ ensures enc.Get64(b, 0) == x
func Put(b []byte, x uint64) {
	enc.Put64(b, 0, x)
}
