// Package bytesputshort is a verifier test: UInt64Put into a 4-byte slice panics.
//
// EXPECT fail safety at line 10
package bytesputshort

import "armada/goose/machine/prims"

func encode(x uint64) []byte {
	b := make([]byte, 4)
	prims.UInt64Put(b, x)
	return b
}
