// Package encgetbytesannotation is a verifier test: enc.GetBytes and a sub-slice with its
// low bound left out (ret[:8]) in annotations, over a record with a uint64 at 0 and a
// 4-byte tag at 8, also named by a pure function.
//
// EXPECT verified
package encgetbytesannotation

import "armada/goose/machine/enc"

// tag is the record's 4-byte tag (a pure function naming it with enc.GetBytes).
//
//@ pure
//@ requires len(b) >= 12
func tag(b []byte) []byte {
	return enc.GetBytes(b, 8, 4)
}

//@ requires len(t) == 4
//@ ensures len(ret) == 16 && enc.Get64(ret[:8], 0) == x
//@ ensures enc.GetBytes(ret, 8, 4)[0] == t[0] && enc.GetBytes(ret, 8, 4)[3] == t[3]
//@ ensures len(enc.GetBytes(ret, 8, 4)) == 4 && tag(ret)[1] == t[1]
func build(x uint64, t []byte) []byte {
	b := make([]byte, 16)
	enc.Put64(b, 0, x)
	enc.PutBytes(b, 8, t)
	return b
}
