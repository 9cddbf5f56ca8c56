// Package ghostfncontract is a verifier test: a ghost function names a little-endian field of a
// record (8 bytes at offset o), and contracts state what encoding and decoding do with it.
//
// EXPECT verified
package ghostfncontract

import (
	"armada/goose/machine/prims"
)

//@ ghost func field(b []byte, o uint64) uint64 { return prims.UInt64Get(b[o:o+8]) }

//@ predicate record(b []byte, id uint64, size uint64) {
//@   len(b) == 16 && field(b, 0) == id && field(b, 8) == size
//@ }

//@ ensures record(ret, id, size)
func encode(id uint64, size uint64) []byte {
	b := make([]byte, 16)
	prims.UInt64Put(b, id)
	prims.UInt64Put(b[8:], size)
	return b
}

//@ requires len(b) >= 16
//@ ensures ret == field(b, 8)
func sizeOf(b []byte) uint64 {
	return prims.UInt64Get(b[8:16])
}

//@ ensures ret == size
func roundTrip(id uint64, size uint64) uint64 {
	b := encode(id, size)
	return sizeOf(b)
}
