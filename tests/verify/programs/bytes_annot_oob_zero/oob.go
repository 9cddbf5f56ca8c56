// Package bytesannotoobzero is a verifier test: an annotation may read past the end of a byte
// slice, and there it reads 0 (a function of the slice's length and bytes, whatever built
// it). ret is the first 4 bytes of b, whose byte 5 is 1: ret[5] is past ret's end, so 0,
// and the uint64 at ret's offset 0 has only 4 bytes of ret's, the rest 0.
//
// EXPECT verified
package bytesannotoobzero

import "armada/goose/machine/prims"

//@ ensures len(ret) == 4 && ret[5] == 0 && ret[3] == 7 && prims.UInt64Get(ret) == 7 * 16777216
func head() []byte {
	b := make([]byte, 8)
	b[5] = 1
	b[3] = 7
	b[4] = 2
	_ = prims.UInt64Get(b)
	return b[0:4]
}
