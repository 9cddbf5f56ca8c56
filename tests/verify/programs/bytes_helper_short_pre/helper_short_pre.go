// Package byteshelpershortpre is a verifier test: the caller hands a 16-byte record to a decoder that needs
// 24 bytes.
//
// EXPECT fail precondition at line 17
package byteshelpershortpre

import "armada/goose/machine/prims"

//@ requires len(rec) >= 24
//@ ensures ret == prims.UInt64Get(rec[16:24])
func third(rec []byte) uint64 {
	return prims.UInt64Get(rec[16:])
}

func caller() uint64 {
	rec := make([]byte, 16)
	return third(rec)
}
