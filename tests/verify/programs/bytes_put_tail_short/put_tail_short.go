// Package bytesputtailshort is a verifier test: the tail b[12:] of a 16-byte slice has only 4 bytes, too
// few for a uint64.
//
// EXPECT fail safety at line 12
package bytesputtailshort

import "armada/goose/machine/prims"

func encode(x uint64, y uint64) []byte {
	b := make([]byte, 16)
	prims.UInt64Put(b, x)
	prims.UInt64Put(b[12:], y)
	return b
}
