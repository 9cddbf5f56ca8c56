// Package bytesannotoobsubslice is a verifier test: an annotation's sub-slice may reach past
// its base's end, and what lies past the end reads 0 there too: the header's tail field
// h[4:12] has 4 bytes of the 8-byte header and 4 zero bytes, whatever array h came from.
//
// EXPECT verified
package bytesannotoobsubslice

import "armada/goose/machine/enc"

//@ ensures len(ret) == 8 && enc.Get64(ret[4:12], 0) == 5 && ret[4:12][6] == 0 && enc.Get64(ret, 4) == 5
func header() []byte {
	b := make([]byte, 16)
	b[4] = 5
	b[9] = 3
	c := enc.GetBytes(b, 0, 8)
	return c
}
