// Package bytesrecordhelpers is a verifier test: a three-field record (offsets 0, 8, 16) built and read by
// helpers whose contracts say where each field lives.
//
// EXPECT verified
package bytesrecordhelpers

import "armada/goose/machine/prims"

//@ ensures len(ret) == 24 && prims.UInt64Get(ret) == a
//@ ensures prims.UInt64Get(ret[8:]) == b && prims.UInt64Get(ret[16:]) == c
func encode(a uint64, b uint64, c uint64) []byte {
	rec := make([]byte, 24)
	prims.UInt64Put(rec, a)
	prims.UInt64Put(rec[8:], b)
	prims.UInt64Put(rec[16:], c)
	return rec
}

//@ requires len(rec) >= 24
//@ ensures ret == prims.UInt64Get(rec[16:24])
func third(rec []byte) uint64 {
	return prims.UInt64Get(rec[16:])
}

//@ ensures ret == c
func roundtrip(a uint64, b uint64, c uint64) uint64 {
	return third(encode(a, b, c))
}
