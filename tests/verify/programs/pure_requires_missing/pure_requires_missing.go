// Package purerequiresmissing is a verifier test: a pure function's body is verified like
// any function's: without `requires len(b) >= 16` its sub-slice may be out of range.
//
// EXPECT fail safety at line 13
package purerequiresmissing

import "armada/goose/machine/prims"

// count is the count field of a header block.
//
//@ pure
func count(b []byte) uint64 {
	return prims.UInt64Get(b[8:16])
}
